// Recording every connection attempt of a Hearth process: each process runs
// under strace (-f: its threads and children too, so WebKit's helper processes
// are in), and the log's connect/sendto/sendmsg calls are read back as
// destinations. Only the process started here is traced; a browser that drives
// the dev build is not, so its own traffic is never counted as Hearth's.
import { spawn, spawnSync } from "node:child_process";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";

// execve: to show which programs were traced (WebKit runs its network process as a child).
const syscalls = "connect,sendto,sendmsg,sendmmsg,execve";

/** straceArgs is the strace command line that records bin args into log. */
function straceArgs(log, bin, args) {
  return ["-f", "-qq", "-e", `trace=${syscalls}`, "-e", "signal=none", "-s", "0", "-o", log, "--", bin, ...args];
}

/** runTraced runs bin to completion under strace and returns spawnSync's result. */
export function runTraced(log, bin, args, { env, input, timeout = 120000 } = {}) {
  return spawnSync("strace", straceArgs(log, bin, args), {
    env: { ...process.env, ...env },
    input,
    encoding: "utf8",
    timeout,
  });
}

/**
 * startTraced starts bin under strace and returns {proc, output, stop}; stop
 * sends SIGTERM to the traced program itself (strace's child), so that it ends
 * as it would for a user, and waits for strace to write its last lines.
 */
export function startTraced(log, bin, args, env) {
  const proc = spawn("strace", straceArgs(log, bin, args), {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = { text: "" };
  proc.stdout.on("data", (d) => (output.text += d));
  proc.stderr.on("data", (d) => (output.text += d));
  const stop = () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
    return new Promise((ok) => {
      const timer = setTimeout(() => proc.kill("SIGKILL"), 10000);
      proc.once("exit", () => {
        clearTimeout(timer);
        ok();
      });
      const child = tracedChild(proc.pid);
      if (child) process.kill(child, "SIGTERM");
      else proc.kill("SIGTERM");
    });
  };
  return { proc, output, stop };
}

/** tracedChild returns the pid of strace's (only) direct child, the traced program. */
function tracedChild(stracePid) {
  const dir = `/proc/${stracePid}/task`;
  if (!existsSync(dir)) return 0;
  for (const t of readdirSync(dir)) {
    const kids = readFileSync(join(dir, t, "children"), "utf8").trim().split(/\s+/).filter(Boolean);
    if (kids.length) return Number(kids[0]);
  }
  return 0;
}

const inet = /sa_family=AF_INET, sin_port=htons\((\d+)\), sin_addr=inet_addr\("([^"]+)"\)/g;
const inet6 = /sa_family=AF_INET6, sin6_port=htons\((\d+)\),.*?inet_pton\(AF_INET6, "([^"]+)"/g;
const family = /sa_family=(AF_\w+)/g;

/**
 * parseTrace reads an strace log into the destinations it names:
 * {inet: [{pid, call, addr, port, result}], other: Map(family -> example), programs: Set}.
 * sendto/sendmsg on a connected socket name no address and were judged at connect.
 */
export function parseTrace(text) {
  const inetCalls = [];
  const other = new Map();
  const programs = new Set();
  for (const line of text.split("\n")) {
    const x = /^\d+\s+execve\("([^"]+)"/.exec(line);
    if (x && !/= -1 /.test(line)) programs.add(x[1]); // done, or <unfinished ...> (its result on a later line)
    const m = /^(\d+)\s+(connect|sendto|sendmsg|sendmmsg)\((.*)$/.exec(line);
    if (!m) continue;
    const [, pid, call, rest] = m;
    const result = (/\)\s+=\s+(.*)$/.exec(rest) || [, "?"])[1];
    let found = false;
    for (const re of [inet, inet6]) {
      re.lastIndex = 0;
      for (const a of rest.matchAll(re)) {
        found = true;
        inetCalls.push({ pid: Number(pid), call, addr: a[2], port: Number(a[1]), result });
      }
    }
    if (found) continue;
    for (const f of rest.matchAll(family)) {
      if (f[1] === "AF_UNSPEC") continue;
      if (!other.has(f[1])) other.set(f[1], rest.slice(0, 160));
    }
  }
  return { inet: inetCalls, other, programs };
}

/** isLoopback says whether addr is an IPv4 or IPv6 loopback address. */
export function isLoopback(addr) {
  return /^127\.\d+\.\d+\.\d+$/.test(addr) || addr === "::1" || /^::ffff:127\.\d+\.\d+\.\d+$/i.test(addr);
}

/**
 * judge returns the connection attempts in a parsed trace that are not to
 * one of the allowed loopback ports: any non-loopback address, any loopback
 * port the test did not configure (a DNS stub on 127.0.0.53:53 included).
 */
export function judge(parsed, allowedPorts) {
  return parsed.inet.filter((c) => !isLoopback(c.addr) || !allowedPorts.includes(c.port));
}

/** describe renders attempts one per line for a failure message. */
export function describe(attempts) {
  return attempts.map((c) => `  pid ${c.pid} ${c.call} ${c.addr.includes(":") ? `[${c.addr}]` : c.addr}:${c.port} = ${c.result}`).join("\n");
}

/** name turns a command line into a log file name. */
export function logName(dir, args) {
  return join(dir, `${args.join("-").replace(/[^\w.-]+/g, "_").slice(0, 60) || "window"}.strace`);
}
