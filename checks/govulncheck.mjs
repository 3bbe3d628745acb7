#!/usr/bin/env node
// govulncheck.mjs runs govulncheck on Hearth's Go code and fails on any
// vulnerability that Hearth's code calls and that checks/govulncheck-triage.json
// does not explain.
//
// The vulnerability database: vuln.go.dev when it answers; otherwise the same
// data built from the golang.org/x/vulndb module, fetched through the Go module
// proxy (its data/osv holds every OSV entry vuln.go.dev serves), indexed with
// that module's own cmd/indexdb into .cache/vulndb/VERSION. Nothing is made up:
// when neither source answers, the check fails and says so.
//
// Usage: node checks/govulncheck.mjs [-tags TAGS]   (run from the repository root)
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const triageFile = join(root, "checks", "govulncheck-triage.json");
const go = process.env.GO || "go";

/** officialReachable says whether vuln.go.dev answers within a few seconds. */
async function officialReachable() {
  try {
    const r = await fetch("https://vuln.go.dev/index/db.json", { signal: AbortSignal.timeout(8000) });
    return r.ok;
  } catch {
    return false;
  }
}

/** proxyDB builds (once per vulndb version) a file:// database from the module proxy. */
function proxyDB() {
  const info = JSON.parse(
    execFileSync(go, ["mod", "download", "-json", "golang.org/x/vulndb@latest"], { cwd: root, encoding: "utf8" }),
  );
  if (info.Error) throw new Error(info.Error);
  const out = join(root, ".cache", "vulndb", info.Version);
  if (!existsSync(join(out, "index", "db.json"))) {
    const tmp = `${out}.tmp`;
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(dirname(out), { recursive: true });
    execFileSync(go, ["run", "./cmd/indexdb", "-vulns", join(info.Dir, "data", "osv"), "-out", tmp], {
      cwd: info.Dir,
      env: { ...process.env, GOFLAGS: "-mod=mod" },
      stdio: ["ignore", "inherit", "inherit"],
    });
    renameSync(tmp, out);
  }
  return { url: `file://${out}`, label: `golang.org/x/vulndb@${info.Version} from the Go module proxy` };
}

/** parseStream splits govulncheck's JSON output (a stream of indented objects). */
function parseStream(text) {
  const objs = [];
  let depth = 0, start = 0, inStr = false, esc = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inStr) {
      if (esc) esc = false;
      else if (c === "\\") esc = true;
      else if (c === '"') inStr = false;
    } else if (c === '"') inStr = true;
    else if (c === "{" && depth++ === 0) start = i;
    else if (c === "}" && --depth === 0) objs.push(JSON.parse(text.slice(start, i + 1)));
  }
  return objs;
}

async function main() {
  const args = process.argv.slice(2);
  let db;
  if (await officialReachable()) {
    db = { url: "https://vuln.go.dev", label: "vuln.go.dev" };
  } else {
    try {
      db = proxyDB();
    } catch (e) {
      console.error(`govulncheck: FAILED: no vulnerability database: vuln.go.dev is unreachable and the module proxy gave none (${e.message})`);
      process.exit(1);
    }
  }
  console.log(`govulncheck: database ${db.label}`);
  const run = spawnSync(go, ["tool", "govulncheck", "-db", db.url, "-format", "json", ...args, "./..."], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 1 << 30,
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (run.status !== 0) {
    console.error(`govulncheck: FAILED: govulncheck exited with ${run.status}`);
    process.exit(1);
  }
  const objs = parseStream(run.stdout);
  const goVersion = objs.find((o) => o.config)?.config.go_version;
  const osv = new Map(objs.filter((o) => o.osv).map((o) => [o.osv.id, o.osv]));
  const triage = JSON.parse(readFileSync(triageFile, "utf8"));
  // Called: the trace reaches a vulnerable function from Hearth's code (govulncheck's own bar).
  const called = new Map();
  for (const { finding: f } of objs.filter((o) => o.finding)) {
    const top = f.trace[0];
    if (!top.function) continue;
    const where = f.trace.at(-1);
    const entry = called.get(f.osv) || { module: top.module, version: top.version, fixed: f.fixed_version, from: new Set() };
    entry.from.add(`${where.package ?? ""}.${where.receiver ? where.receiver + "." : ""}${where.function ?? ""}`);
    called.set(f.osv, entry);
  }
  let bad = 0;
  const ok = [];
  for (const [id, e] of [...called].sort()) {
    const t = triage[id];
    const title = osv.get(id)?.summary ?? "";
    if (t && t.module === e.module) {
      ok.push(`${id} (${e.module}@${e.version})`);
      continue;
    }
    bad++;
    console.error(`govulncheck: UNTRIAGED ${id} ${title}\n  in ${e.module}@${e.version}, fixed in ${e.fixed || "no release"}\n  reached from ${[...e.from].slice(0, 3).join(", ")}`);
  }
  if (ok.length) console.log(`govulncheck: triaged in checks/govulncheck-triage.json: ${ok.join(", ")}`);
  for (const id of Object.keys(triage)) {
    if (!called.has(id)) console.log(`govulncheck: note: ${id} is triaged but no longer found; remove it from ${triageFile}`);
  }
  if (bad) {
    console.error(`govulncheck: FAILED: ${bad} called vulnerabilit${bad === 1 ? "y" : "ies"} not triaged (Go ${goVersion}); upgrade, or explain in checks/govulncheck-triage.json`);
    process.exit(1);
  }
  console.log(`govulncheck: ok (Go ${goVersion}, ${called.size} called, all triaged)`);
}

main().catch((e) => {
  console.error(`govulncheck: FAILED: ${e.stack || e}`);
  process.exit(1);
});
