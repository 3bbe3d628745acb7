// One window per data directory: launching Hearth again over the same data
// raises the first window and exits; another HEARTH_HOME opens its own.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { binary, tempHome, startXvfb, startHearth, stopProcess, waitFor } from "./harness.mjs";

/** startSessionBus starts a private D-Bus session bus (Wails' single-instance lock on Linux lives there). */
async function startSessionBus() {
  const proc = spawn("dbus-daemon", ["--session", "--nofork", "--print-address=1"], { stdio: ["ignore", "pipe", "pipe"] });
  const address = await new Promise((ok, fail) => {
    let out = "";
    const timer = setTimeout(() => fail(new Error("dbus-daemon did not start in 15 s")), 15000);
    proc.stdout.on("data", (d) => {
      out += d;
      if (out.includes("\n")) {
        clearTimeout(timer);
        ok(out.split("\n")[0].trim());
      }
    });
    proc.on("exit", (code) => fail(new Error(`dbus-daemon exited with ${code}`)));
  });
  return { address, stop: () => stopProcess(proc) };
}

/** hearthWindows counts the visible windows titled "Hearth". */
function hearthWindows(display) {
  try {
    const out = execFileSync("xdotool", ["search", "--onlyvisible", "--name", "^Hearth$"], {
      env: { ...process.env, DISPLAY: display },
    }).toString();
    return out.trim().split("\n").filter(Boolean).length;
  } catch {
    return 0; // xdotool exits 1 when nothing matches
  }
}

test("a second launch over the same data does not open a second window", async (t) => {
  const bin = binary("HEARTH_BIN", "hearth");
  const x = await startXvfb();
  t.after(x.stop);
  const bus = await startSessionBus();
  t.after(bus.stop);
  const env = (home) => ({ DISPLAY: x.display, DBUS_SESSION_BUS_ADDRESS: bus.address, HEARTH_HOME: home, OLLAMA_HOST: "127.0.0.1:9" });
  const home = tempHome();

  const first = startHearth(bin, env(home));
  t.after(first.stop);
  await waitFor("the first window", () => hearthWindows(x.display) === 1, 30000);

  const second = startHearth(bin, env(home));
  t.after(second.stop);
  const code = await new Promise((ok) => {
    const timer = setTimeout(() => ok("still running after 20 s"), 20000);
    second.proc.once("exit", (c) => {
      clearTimeout(timer);
      ok(c);
    });
  });
  assert.notEqual(code, "still running after 20 s", `the second launch kept running:\n${second.output.text}`);
  await new Promise((r) => setTimeout(r, 2000));
  assert.equal(hearthWindows(x.display), 1, "two windows over one data directory");
  assert.equal(first.proc.exitCode, null, `the first window closed:\n${first.output.text}`);

  const other = startHearth(bin, env(tempHome()));
  t.after(other.stop);
  await waitFor("a window over another HEARTH_HOME", () => hearthWindows(x.display) === 2, 30000);
});
