import { mount } from "svelte";
import App from "./App.svelte";
import LinkGuard from "./components/LinkGuard.svelte";
import "./app.css";

// The guard comes first, so that no click reaches a link before it.
const guard = document.createElement("div");
document.body.append(guard);
mount(LinkGuard, { target: guard });

const app = mount(App, { target: document.getElementById("app")! });

export default app;
