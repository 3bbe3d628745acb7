// Shared plumbing for Hearth's end-to-end tests: a private X server, the real
// hearth binaries, and Debian's Chromium driven by playwright-core. Everything
// listens on 127.0.0.1 and every process started here is stopped here.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, existsSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, "..", "..");
// Screenshots go to a git-ignored folder, so a test run leaves the tree clean.
// `make screenshots` points HEARTH_SCREENSHOTS at e2e/screenshots, the copies
// the README shows, to refresh them.
export const screenshotDir = process.env.HEARTH_SCREENSHOTS || join(here, "output");

/** binary returns the path of a built hearth binary, failing clearly if it is missing. */
export function binary(envName, fallback) {
  const p = process.env[envName] || join(repoRoot, "build", "bin", fallback);
  if (!existsSync(p)) throw new Error(`${p} does not exist: build it first (make build / make build-dev)`);
  return p;
}

/** tempHome makes a fresh HEARTH_HOME. */
export function tempHome() {
  return mkdtempSync(join(tmpdir(), "hearth-e2e-"));
}

/** startXvfb starts a private X server on a free display and returns {display, stop}. */
export async function startXvfb() {
  const proc = spawn("Xvfb", ["-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const display = await new Promise((ok, fail) => {
    let out = "";
    const timer = setTimeout(() => fail(new Error("Xvfb did not start in 15 s")), 15000);
    proc.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/^(\d+)\n/);
      if (m) {
        clearTimeout(timer);
        ok(`:${m[1]}`);
      }
    });
    proc.on("exit", (code) => fail(new Error(`Xvfb exited with ${code}`)));
  });
  return { display, stop: () => stopProcess(proc) };
}

/** startHearth starts a hearth binary with the given environment and returns {proc, output, stop}. */
export function startHearth(bin, env, args = []) {
  const proc = spawn(bin, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const output = { text: "" };
  proc.stdout.on("data", (d) => (output.text += d));
  proc.stderr.on("data", (d) => (output.text += d));
  return { proc, output, stop: () => stopProcess(proc) };
}

/** stopProcess ends a child this harness started and waits for it. */
export function stopProcess(proc) {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((ok) => {
    const timer = setTimeout(() => proc.kill("SIGKILL"), 5000);
    proc.once("exit", () => {
      clearTimeout(timer);
      ok();
    });
    proc.kill("SIGTERM");
  });
}

/** freePort asks the kernel for a free loopback port. */
export function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
    srv.on("error", fail);
  });
}

/** waitFor polls fn until it returns a truthy value or the time runs out. */
export async function waitFor(what, fn, timeoutMs = 30000, everyMs = 250) {
  const end = Date.now() + timeoutMs;
  let last;
  while (Date.now() < end) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ""}`);
}

/** findWindow returns the X window id of the window titled title on display. */
export function findWindow(display, title) {
  const out = execFileSync("xdotool", ["search", "--onlyvisible", "--name", `^${title}$`], {
    env: { ...process.env, DISPLAY: display },
  }).toString();
  return out.trim().split("\n").filter(Boolean)[0];
}

/** screenshot saves the window (or the whole screen) as a PNG and returns simple statistics. */
export function screenshot(display, windowId, file) {
  mkdirSync(dirname(file), { recursive: true });
  const env = { ...process.env, DISPLAY: display };
  execFileSync("import", ["-window", windowId ?? "root", file], { env });
  const stats = execFileSync("convert", [file, "-format", "%k %[fx:standard_deviation] %w %h", "info:"])
    .toString()
    .trim()
    .split(" ");
  return { colors: Number(stats[0]), stddev: Number(stats[1]), width: Number(stats[2]), height: Number(stats[3]) };
}

/**
 * launchChromium starts Debian's Chromium headless through playwright-core.
 * Playwright gives every launch a fresh, empty profile directory of its own.
 */
export async function launchChromium() {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * startDevApp starts the dev build on a private X server and a free port, with
 * HEARTH_HOME set to home and Ollama pointed at a closed port, opens Chromium
 * on its page and registers everything for stopping when test t ends. It
 * returns {url, app, page, errors, display}: errors collects the page's
 * uncaught errors; display is the X display of the app's native window.
 * env adds to the app's environment (e.g. the dev build's HEARTH_E2E_*).
 */
export async function startDevApp(t, home, viewport, env = {}) {
  const bin = binary("HEARTH_DEV_BIN", "hearth-dev");
  const x = await startXvfb();
  t.after(x.stop);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const app = startHearth(bin, {
    DISPLAY: x.display,
    HEARTH_HOME: home,
    OLLAMA_HOST: "127.0.0.1:9",
    devserver: `127.0.0.1:${port}`,
    ...env,
  });
  t.after(app.stop);
  await waitFor("the dev server", async () => (await fetch(url)).ok, 60000, 500).catch((e) => {
    throw new Error(`${e.message}\n--- hearth output ---\n${app.output.text}`);
  });
  const browser = await launchChromium();
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  return { url, app, page, errors, display: x.display };
}

/**
 * answerNativeDialog waits for the app's native dialog titled title (a GTK
 * question, which the page can neither draw nor answer) on display and
 * presses its Yes or No button through the X server, as a person would.
 */
export async function answerNativeDialog(display, title, yes) {
  const env = { ...process.env, DISPLAY: display };
  const pattern = title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const id = await waitFor(`the native dialog "${title}"`, () => findWindow(display, pattern), 15000);
  execFileSync("xdotool", ["windowfocus", "--sync", id], { env });
  execFileSync("xdotool", ["key", "--clearmodifiers", yes ? "alt+y" : "alt+n"], { env });
  await waitFor(`the native dialog "${title}" to close`, () => {
    try {
      return !findWindow(display, pattern);
    } catch {
      return true;
    }
  }, 15000);
}

/**
 * scriptedModel writes a model generated for the test whose weights script
 * its greedy answer (engine/modelgen's Scripted): the answer is pieces, in
 * order, then the end; with loop it starts again and never ends by itself.
 * template is a file holding its chat template (a real model's, for tools).
 * It returns the GGUF file's path, named NAME.gguf in dir.
 */
export function scriptedModel(dir, name, pieces, { loop = false, context = 0, template = "" } = {}) {
  const out = join(dir, `${name}.gguf`);
  const flags = [
    ...(loop ? ["-loop"] : []),
    ...(context ? ["-context", String(context)] : []),
    ...(template ? ["-template", template] : []),
  ];
  execFileSync("go", ["run", "./engine/modelgen/cmd/scripted-gguf", ...flags, name, out], {
    cwd: repoRoot,
    input: JSON.stringify(pieces),
    env: { ...process.env, CGO_ENABLED: "0" },
    stdio: ["pipe", "inherit", "inherit"],
  });
  return out;
}
