// The desktop window's web view refuses to leave the app's origin, whatever
// asks it to. A test build of the production window (tag navprobe, see
// app/navguard_probe.go) makes the page try: location.href, window.open, a
// meta refresh and a form submitted by script, all to a server of this
// test. None may reach it, and the page must still be the app afterwards
// (it sets the dark theme through the bindings, written to ui.json).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot, tempHome, startXvfb, startHearth, waitFor, findWindow, freePort } from "./harness.mjs";

/** probeBinary builds the production window with the navprobe tag. */
function probeBinary() {
  const out = join(mkdtempSync(join(tmpdir(), "hearth-navprobe-")), "hearth-navprobe");
  execFileSync("go", ["build", "-tags", "desktop,production,webkit2_41,navprobe", "-o", out, "."], {
    cwd: repoRoot,
    env: { ...process.env, CGO_ENABLED: "1" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  return out;
}

test("the window's web view cannot be navigated away from the app", async (t) => {
  const bin = probeBinary();
  const hits = [];
  const srv = createServer((req, res) => {
    hits.push(req.url);
    res.writeHead(200, { "content-type": "text/html" });
    res.end("<h1>not Hearth</h1>");
  });
  const port = await freePort();
  await new Promise((ok) => srv.listen(port, "127.0.0.1", ok));
  t.after(() => srv.close());
  const x = await startXvfb();
  t.after(x.stop);
  const home = tempHome();
  const app = startHearth(bin, {
    DISPLAY: x.display,
    HEARTH_HOME: home,
    OLLAMA_HOST: "127.0.0.1:9",
    HEARTH_NAV_PROBE_URL: `http://127.0.0.1:${port}/`,
  });
  t.after(app.stop);
  await waitFor("the Hearth window", () => findWindow(x.display, "Hearth"), 30000);
  const ui = join(home, "ui.json");
  await waitFor(
    "the page, still the app, to set the dark theme",
    () => existsSync(ui) && JSON.parse(readFileSync(ui, "utf8")).theme === "dark",
    30000,
  ).catch((e) => {
    throw new Error(`${e.message}; requests that left the app: ${JSON.stringify(hits)}\n${app.output.text}`);
  });
  await new Promise((r) => setTimeout(r, 1000));
  assert.deepEqual(hits, [], "the web view loaded a page outside the app");
  assert.equal(app.proc.exitCode, null, app.output.text);
});
