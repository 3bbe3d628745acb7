// The window's navigation: the views there are, in the sidebar's order, and
// which one is shown. A new view is one entry in `views`: the sidebar, the
// Ctrl+digit shortcuts and the main area all follow this list.
import type { Component } from "svelte";
import Home from "../views/home/Home.svelte";
import ChatView from "../views/chat/ChatView.svelte";
import Memory from "../views/memory/Memory.svelte";
import Documents from "../views/documents/Documents.svelte";
import Models from "../views/models/Models.svelte";
import Settings from "../views/settings/Settings.svelte";
import Plugins from "../views/plugins/Plugins.svelte";

export interface View {
  id: string;
  label: string;
  /** ready is false for views whose feature has not landed yet. */
  ready: boolean;
  /** component is what the main area shows, with props. */
  component: Component<any>;
  props?: Record<string, unknown>;
  /** full views fill the main area edge to edge (they scroll themselves). */
  full?: boolean;
}

export const views = [
  { id: "home", label: "Home", ready: true, component: Home },
  { id: "chat", label: "Chat", ready: true, component: ChatView, full: true },
  { id: "memory", label: "Memory", ready: true, component: Memory },
  { id: "documents", label: "Documents", ready: true, component: Documents },
  { id: "plugins", label: "Plugins", ready: true, component: Plugins },
  { id: "models", label: "Models", ready: true, component: Models },
  { id: "settings", label: "Settings", ready: true, component: Settings },
] as const satisfies readonly View[];

export type ViewId = (typeof views)[number]["id"];

/** nav is shared state: nav.current is the view shown. */
export const nav = $state({ current: "home" as ViewId });

/** viewOf returns the entry of view id. */
export function viewOf(id: ViewId): View {
  return views.find((v) => v.id === id)!;
}

/** viewAt returns the view `step` places after `id`, wrapping around (for arrow-key navigation). */
export function viewAt(id: ViewId, step: number): ViewId {
  const i = views.findIndex((v) => v.id === id);
  const n = views.length;
  return views[(((i + step) % n) + n) % n].id;
}
