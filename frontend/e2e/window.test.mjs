// The production binary opens a real window under Xvfb and shows the Hearth UI.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { binary, tempHome, startXvfb, startHearth, waitFor, findWindow, screenshot, screenshotDir } from "./harness.mjs";

test("the desktop window opens and shows the Hearth UI", async (t) => {
  const bin = binary("HEARTH_BIN", "hearth");
  const x = await startXvfb();
  t.after(x.stop);
  const home = tempHome();
  const app = startHearth(bin, { DISPLAY: x.display, HEARTH_HOME: home, OLLAMA_HOST: "127.0.0.1:9" });
  t.after(app.stop);

  const win = await waitFor("the Hearth window", () => findWindow(x.display, "Hearth"), 30000).catch((e) => {
    throw new Error(`${e.message}\n--- hearth output ---\n${app.output.text}`);
  });

  // The window is mapped before the page has painted: wait until it is not blank.
  const file = join(screenshotDir, "home-window.png");
  const stats = await waitFor(
    "the UI to paint",
    () => {
      const s = screenshot(x.display, win, file);
      return s.colors > 200 && s.stddev > 0.05 ? s : null;
    },
    30000,
    500,
  );
  assert.ok(stats.width >= 800 && stats.height >= 600, `window is ${stats.width}x${stats.height}, want at least 800x600`);
  assert.equal(app.proc.exitCode, null, `hearth exited early:\n${app.output.text}`);
});
