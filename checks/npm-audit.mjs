#!/usr/bin/env node
// npm-audit.mjs runs `npm audit --omit=dev` on the frontend (the packages that
// end up in the window) and fails on any advisory of moderate severity or
// above that frontend/audit-triage.json does not explain.
//
// npm audit asks the registry's advisory endpoint (a POST). Where that endpoint
// does not answer (a registry mirror that serves only GET, no network), the
// check says so on one line and passes: it cannot judge what it cannot see.
//
// Usage: node checks/npm-audit.mjs [--report FILE]
//   --report FILE  triage a saved `npm audit --json` report instead of asking
//                  the registry (used by the script's own tests).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const frontend = join(root, "frontend");
const levels = ["info", "low", "moderate", "high", "critical"];
const bar = levels.indexOf("moderate");

/** advisoryId names an advisory by its GHSA id (or npm's number when it has none). */
function advisoryId(via) {
  const m = /GHSA-[\w-]+/.exec(via.url || "");
  return m ? m[0] : String(via.source);
}

/**
 * triage returns {failures, triaged, below, stale} for an npm audit report (v2
 * format) and a triage map {ID: {package, reason}}.
 */
export function triage(report, table) {
  const failures = [], triaged = [], below = [], seen = new Set();
  for (const v of Object.values(report.vulnerabilities || {})) {
    for (const via of v.via) {
      if (typeof via === "string") continue; // reached through another package: judged there
      const id = advisoryId(via);
      if (seen.has(id)) continue;
      seen.add(id);
      const item = { id, pkg: via.name, severity: via.severity, title: via.title, range: via.range };
      const t = table[id];
      if (t && t.package === via.name && typeof t.reason === "string" && t.reason.trim()) triaged.push({ ...item, reason: t.reason });
      else if (levels.indexOf(via.severity) >= bar) failures.push(item);
      else below.push(item);
    }
  }
  const stale = Object.keys(table).filter((id) => !seen.has(id));
  return { failures, triaged, below, stale };
}

function audit() {
  const r = spawnSync("npm", ["audit", "--omit=dev", "--json"], { cwd: frontend, encoding: "utf8", maxBuffer: 1 << 28 });
  let report;
  try {
    report = JSON.parse(r.stdout);
  } catch {
    report = null;
  }
  if (!report || !report.vulnerabilities) {
    const why = report?.message || r.stderr.split("\n").find((l) => l.startsWith("npm error")) || `npm exited with ${r.status}`;
    return { skipped: why };
  }
  return { report };
}

function main() {
  const args = process.argv.slice(2);
  const table = JSON.parse(readFileSync(join(frontend, "audit-triage.json"), "utf8")).advisories;
  let report;
  if (args[0] === "--report") {
    report = JSON.parse(readFileSync(args[1], "utf8"));
  } else {
    const a = audit();
    if (a.skipped) {
      console.log(`npm audit: SKIPPED: the registry's advisory endpoint does not answer here (${a.skipped})`);
      return;
    }
    report = a.report;
  }
  const { failures, triaged, below, stale } = triage(report, table);
  if (triaged.length) console.log(`npm audit: triaged (see frontend/audit-triage.json): ${triaged.map((t) => `${t.id} ${t.pkg}`).join(", ")}`);
  for (const b of below) console.log(`npm audit: note: ${b.id} ${b.pkg} (${b.severity}, below the bar): ${b.title}`);
  for (const s of stale) console.log(`npm audit: note: ${s} is triaged but no longer reported; remove it from frontend/audit-triage.json`);
  for (const f of failures) console.error(`npm audit: UNTRIAGED ${f.id} ${f.pkg} ${f.range} (${f.severity}): ${f.title}`);
  if (failures.length) {
    console.error(`npm audit: FAILED: ${failures.length} advisor${failures.length === 1 ? "y" : "ies"} at moderate or above not triaged; upgrade, or explain in frontend/audit-triage.json`);
    process.exitCode = 1;
    return;
  }
  console.log(`npm audit: ok (${triaged.length} triaged, ${below.length} below moderate)`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
