// The production binary opens a real window under Xvfb and shows the Hearth UI.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync } from "node:fs";
import { binary, repoRoot, tempHome, startXvfb, startHearth, waitFor, findWindow, screenshot, screenshotDir } from "./harness.mjs";

const stories = join(repoRoot, "..", "shared", "testdata", "models", "stories260K.gguf");

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

/** pixelsDiffering counts the pixels that differ between two PNGs. */
function pixelsDiffering(a, b) {
  // compare prints the count on stderr and exits 0 (same) or 1 (different); 2 is an error.
  const r = spawnSync("compare", ["-metric", "AE", a, b, "null:"], { encoding: "utf8" });
  const n = Number(String(r.stderr).trim().split(" ")[0]);
  if (r.status > 1 || Number.isNaN(n)) throw new Error(`compare ${a} ${b}: ${r.stderr || r.error}`);
  return n;
}

/** keys types into the focused window with xdotool. */
function keys(display, ...args) {
  execFileSync("xdotool", args, { env: { ...process.env, DISPLAY: display } });
}

test("the window unlocks with the keyboard, answers a message and shows each view", async (t) => {
  const bin = binary("HEARTH_BIN", "hearth");
  const home = tempHome();
  const pass = "copper lantern drifts over quiet harbor";
  // The store and the model library, made beforehand with the command line.
  execFileSync(bin, ["models", "import", stories], { env: { ...process.env, HEARTH_HOME: home, HEARTH_PASSPHRASE: pass } });
  const x = await startXvfb();
  t.after(x.stop);
  const app = startHearth(bin, { DISPLAY: x.display, HEARTH_HOME: home, OLLAMA_HOST: "127.0.0.1:9" });
  t.after(app.stop);
  const win = await waitFor("the Hearth window", () => findWindow(x.display, "Hearth"), 30000);
  const shot = (name) => screenshot(x.display, win, join(screenshotDir, name));
  await waitFor("the unlock screen", () => (shot("chat-window.png").colors > 200 ? true : null), 30000, 500);
  keys(x.display, "windowfocus", "--sync", win);

  // Focus is on the passphrase field; Enter submits. Then the composer has focus.
  keys(x.display, "type", "--delay", "20", pass);
  keys(x.display, "key", "Return");
  const latest = join(screenshotDir, "chat-window.png");
  const empty = join(home, "empty-chat.png");
  await new Promise((ok) => setTimeout(ok, 3000));
  screenshot(x.display, win, empty);
  keys(x.display, "type", "--delay", "20", "Once upon a time");
  keys(x.display, "key", "Return");

  // The answer streams in and settles: the picture changes a lot, then stays
  // (but for the blinking caret in the composer: a few hundred pixels at most).
  let previous = join(home, "prev.png");
  screenshot(x.display, win, previous);
  const stats = await waitFor(
    "the answer",
    () => {
      const s = shot("chat-window.png");
      const still = pixelsDiffering(previous, latest) < 500;
      screenshot(x.display, win, previous);
      return still && pixelsDiffering(latest, empty) > 5000 ? s : null;
    },
    90000,
    1500,
  );
  assert.ok(stats.colors > 200 && stats.stddev > 0.05, `blank window: ${JSON.stringify(stats)}`);

  // The other views, opened with their shortcuts (Ctrl+ their place in the
  // sidebar): each one paints, settles, and differs from the view before.
  let before = latest;
  for (const [key, name] of [
    ["ctrl+6", "models-window.png"],
    ["ctrl+3", "memory-window.png"],
    ["ctrl+7", "settings-window.png"],
  ]) {
    const file = join(screenshotDir, name);
    const last = join(home, `last-${name}`);
    screenshot(x.display, win, last);
    keys(x.display, "key", key);
    const s = await waitFor(
      `the view of ${name} after ${key}`,
      () => {
        const s = screenshot(x.display, win, file);
        const settled = pixelsDiffering(last, file) < 500;
        copyFileSync(file, last);
        return settled && s.colors > 200 && s.stddev > 0.05 && pixelsDiffering(before, file) > 5000 ? s : null;
      },
      20000,
      700,
    );
    assert.ok(s.width >= 800 && s.height >= 600, `${name} is ${s.width}x${s.height}`);
    before = file;
  }
  assert.equal(app.proc.exitCode, null, `hearth exited early:\n${app.output.text}`);
});
