// Hearth's promise of no telemetry, as a test: the main command-line paths and
// window sessions run with every connection attempt of Hearth's processes
// recorded (strace on connect/sendto/sendmsg, children included), and any
// attempt that is not to a loopback port this test configured fails the test.
// A DNS lookup is an attempt too (port 53, wherever the resolver is).
//
// `make egress` runs this inside a network namespace that has only loopback
// (HEARTH_EGRESS_NETNS=1), so nothing could leave even if Hearth tried; there,
// the first test also makes Hearth reach for a non-loopback address and a DNS
// name and checks that both are caught (they fail on the spot, inside the
// namespace). Outside a namespace that self-test is skipped: it would send
// real packets.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import {
  binary,
  repoRoot,
  tempHome,
  startXvfb,
  freePort,
  waitFor,
  findWindow,
  screenshot,
  launchChromium,
  answerNativeDialog,
} from "../../frontend/e2e/harness.mjs";
import { execFileSync } from "node:child_process";
import { runTraced, startTraced, parseTrace, judge, describe, logName } from "./trace.mjs";

const stories = process.env.HEARTH_TESTDATA
  ? join(process.env.HEARTH_TESTDATA, "models", "stories260K.gguf")
  : resolve(repoRoot, "..", "shared", "testdata", "models", "stories260K.gguf");
const passphrase = "copper lantern drifts over quiet harbor";
const logs = mkdtempSync(join(tmpdir(), "hearth-egress-"));

/** onlyLoopback says whether this process's network namespace has no interface but lo. */
function onlyLoopback() {
  const devs = readFileSync("/proc/self/net/dev", "utf8")
    .split("\n")
    .slice(2)
    .map((l) => l.split(":")[0].trim())
    .filter(Boolean);
  return devs.length === 1 && devs[0] === "lo";
}
const contained = process.env.HEARTH_EGRESS_NETNS === "1" && onlyLoopback();

/** attempts returns the recorded attempts in log that are not to allowed loopback ports. */
function attempts(log, allowed) {
  return judge(traced(log), allowed);
}

/** traced parses log and notes the other kinds of sockets it names. */
function traced(log) {
  const parsed = parseTrace(readFileSync(log, "utf8"));
  const other = [...parsed.other.keys()];
  if (other.length) console.log(`${log}: other sockets: ${other.join(", ")}`);
  return parsed;
}

/** assertNoEgress fails with every attempt that is not to allowed loopback ports. */
function assertNoEgress(log, allowed, what) {
  const bad = attempts(log, allowed);
  assert.equal(bad.length, 0, `${what} tried to connect outside the loopback ports the test configured (${allowed.join(", ")}):\n${describe(bad)}\nlog: ${log}`);
}

test("the recorder catches a non-loopback connect and a DNS lookup", { skip: !contained && "not in a loopback-only network namespace (make egress runs one)" }, () => {
  const bin = binary("HEARTH_BIN", "hearth");
  const home = tempHome();
  for (const [host, want] of [
    ["10.255.255.1:11434", (c) => c.addr === "10.255.255.1" && c.port === 11434],
    ["ollama.invalid:11434", (c) => c.port === 53],
  ]) {
    const log = join(logs, `canary-${host.replace(/[^\w]/g, "_")}.strace`);
    runTraced(log, bin, ["doctor"], { env: { HEARTH_HOME: home, OLLAMA_HOST: host } });
    const bad = attempts(log, []);
    assert.ok(bad.some(want), `OLLAMA_HOST=${host}: the attempt was not caught:\n${describe(bad)}`);
  }
});

test("command line: no connection but to the loopback ports configured", async (t) => {
  const bin = binary("HEARTH_BIN", "hearth");
  const ollamaPort = await freePort(); // nothing listens: Hearth may only try it
  const env = { HEARTH_HOME: tempHome(), HEARTH_PASSPHRASE: passphrase, OLLAMA_HOST: `127.0.0.1:${ollamaPort}` };
  const allowed = [ollamaPort];
  const run = (args, input) => {
    const log = logName(logs, ["cli", ...args]);
    const r = runTraced(log, bin, args, { env, input });
    assert.equal(r.status, 0, `hearth ${args.join(" ")} exited with ${r.status}:\n${r.stdout}\n${r.stderr}`);
    assertNoEgress(log, allowed, `hearth ${args.join(" ")}`);
    return r;
  };
  await t.test("version", () => run(["version"]));
  await t.test("doctor", () => run(["doctor"]));
  await t.test("models import", () => run(["models", "import", stories]));
  await t.test("models list", () => assert.match(run(["models", "list"]).stdout, /stories260k/));
  await t.test("generate", () => run(["generate", "--model", "stories260k", "--prompt", "Once upon a time", "--max-tokens", "12", "--seed", "1"]));
  await t.test("memory add", () => run(["memory", "add", "I prefer short answers"]));
  await t.test("memory list", () => assert.match(run(["memory", "list"]).stdout, /short answers/));
  await t.test("chat (piped)", () => run(["chat", "--model", "stories260k"], "Lily found a pebble\n/exit\n"));

  await t.test("serve and one request", async () => {
    const port = await freePort();
    const log = logName(logs, ["cli", "serve"]);
    const srv = startTraced(log, bin, ["serve", "--addr", `127.0.0.1:${port}`], env);
    try {
      const token = await waitFor("the API token", () => /API token: (\S+)/.exec(srv.output.text)?.[1], 60000).catch((e) => {
        throw new Error(`${e.message}\n${srv.output.text}`);
      });
      const headers = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
      const base = `http://127.0.0.1:${port}/v1`;
      assert.equal((await fetch(`${base}/models`, { headers })).status, 200);
      const r = await fetch(`${base}/chat/completions`, {
        method: "POST",
        headers,
        body: JSON.stringify({ model: "stories260k", max_tokens: 8, messages: [{ role: "user", content: "Hello" }] }),
      });
      assert.equal(r.status, 200, await r.text());
    } finally {
      await srv.stop();
    }
    assertNoEgress(log, [...allowed, port], "hearth serve");
  });
});

test("window (dev build in Chromium): first run, chat, models, settings", async (t) => {
  const bin = binary("HEARTH_DEV_BIN", "hearth-dev");
  const x = await startXvfb();
  t.after(x.stop);
  const home = tempHome();
  const devPort = await freePort();
  const ollamaPort = await freePort();
  const log = join(logs, "window-dev.strace");
  const app = startTraced(log, bin, [], {
    DISPLAY: x.display,
    HEARTH_HOME: home,
    OLLAMA_HOST: `127.0.0.1:${ollamaPort}`,
    devserver: `127.0.0.1:${devPort}`,
  });
  const url = `http://127.0.0.1:${devPort}/`;
  let apiPort = 0;
  try {
    await waitFor("the dev server", async () => (await fetch(url)).ok, 60000, 500).catch((e) => {
      throw new Error(`${e.message}\n--- hearth output ---\n${app.output.text}`);
    });
    const browser = await launchChromium(); // not traced: its traffic is not Hearth's
    t.after(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 1000, height: 720 } });
    page.setDefaultTimeout(30000);
    await page.goto(url);

    // First run: create the store, acknowledge the recovery key, import stories260K.
    await page.locator("#pass").fill(passphrase);
    await page.locator("#confirm").fill(passphrase);
    await page.getByRole("button", { name: "Create my encrypted store" }).click();
    await page.getByTestId("recovery-key").waitFor();
    await page.getByLabel("I have saved my recovery key").check();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.locator("#import-path").fill(stories);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await page.getByRole("button", { name: "Start chatting" }).click();

    // Chat: one answer.
    const composer = page.getByLabel("Message", { exact: true });
    await composer.fill("Lily found a shiny pebble");
    await composer.press("Enter");
    await page.locator("article.msg.assistant").first().waitFor({ timeout: 60000 });

    // Models and memory views; settings: theme, and the API server on, one request, off.
    await page.locator("#nav-models").click();
    await page.getByTestId("installed-stories260k").waitFor();
    await page.locator("#nav-memory").click();
    await page.getByTestId("memory-new").fill("I prefer short answers");
    await page.keyboard.press("Enter");
    await page.getByTestId("memory-item").waitFor();
    await page.locator("#nav-settings").click();
    await page.getByLabel("Dark").check();
    await page.getByTestId("api-switch").click();
    // Starting the server needs a yes in a native dialog, which the test
    // gives through X as a person would.
    await answerNativeDialog(x.display, "Start the local API server?", true);
    await page.getByTestId("api-url").waitFor();
    const apiURL = await page.getByTestId("api-url").textContent();
    const token = await page.getByTestId("api-token").textContent();
    apiPort = Number(new URL(apiURL).port);
    const resp = await fetch(`${apiURL}/models`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(resp.status, 200);
    await page.getByTestId("api-switch").uncheck();
  } finally {
    await app.stop();
  }
  assertNoEgress(log, [ollamaPort, devPort, apiPort].filter(Boolean), "the dev build's window session");
});

test("window (production build under Xvfb): unlock, chat, models, memory, settings", async (t) => {
  const bin = binary("HEARTH_BIN", "hearth");
  const home = tempHome();
  const ollamaPort = await freePort();
  const env = { HEARTH_HOME: home, OLLAMA_HOST: `127.0.0.1:${ollamaPort}` };
  // The store and the model, made beforehand with the command line (itself traced above).
  execFileSync(bin, ["models", "import", stories], {
    env: { ...process.env, ...env, HEARTH_PASSPHRASE: passphrase },
    stdio: "pipe",
  });
  const x = await startXvfb();
  t.after(x.stop);
  const log = join(logs, "window-production.strace");
  const app = startTraced(log, bin, [], { ...env, DISPLAY: x.display });
  const keys = (...args) => execFileSync("xdotool", args, { env: { ...process.env, DISPLAY: x.display } });
  const pause = (ms) => new Promise((ok) => setTimeout(ok, ms));
  try {
    const win = await waitFor("the Hearth window", () => findWindow(x.display, "Hearth"), 60000).catch((e) => {
      throw new Error(`${e.message}\n--- hearth output ---\n${app.output.text}`);
    });
    const shot = join(home, "shot.png");
    await waitFor("the unlock screen", () => (screenshot(x.display, win, shot).colors > 200 ? true : null), 30000, 500);
    keys("windowfocus", "--sync", win);
    keys("type", "--delay", "20", passphrase);
    keys("key", "Return");
    await pause(3000);
    keys("type", "--delay", "20", "Once upon a time");
    keys("key", "Return");
    await pause(8000);
    for (const key of ["ctrl+6", "ctrl+3", "ctrl+7"]) {
      keys("key", key);
      await pause(2500);
    }
    assert.equal(app.proc.exitCode, null, `hearth exited early:\n${app.output.text}`);
  } finally {
    await app.stop();
  }
  assertNoEgress(log, [ollamaPort], "the production window session");
  // WebKit loads and fetches in child processes: the recorder must have followed them.
  const programs = [...traced(log).programs];
  assert.ok(programs.some((p) => p.endsWith("/WebKitNetworkProcess")), `WebKit's network process was not traced: ${programs.join(", ")}`);
});
