// Tests of the npm audit triage: run with `node --test checks/`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { triage } from "./npm-audit.mjs";

// report builds an `npm audit --json` (v2) report holding the given advisories.
function report(...advisories) {
  const vulnerabilities = {};
  for (const a of advisories) {
    vulnerabilities[a.name] = {
      name: a.name,
      severity: a.severity,
      via: [{ source: 1, name: a.name, title: a.title, url: `https://github.com/advisories/${a.id}`, severity: a.severity, range: "<9.9.9" }],
    };
  }
  vulnerabilities.parent = { name: "parent", severity: "high", via: ["dompurify"] };
  return { auditReportVersion: 2, vulnerabilities };
}

const xss = { id: "GHSA-aaaa-bbbb-cccc", name: "dompurify", severity: "moderate", title: "mXSS" };
const low = { id: "GHSA-dddd-eeee-ffff", name: "marked", severity: "low", title: "slow regex" };

test("an untriaged moderate advisory fails", () => {
  const r = triage(report(xss, low), {});
  assert.deepEqual(r.failures.map((f) => f.id), [xss.id]);
  assert.deepEqual(r.below.map((f) => f.id), [low.id]);
});

test("a triaged advisory passes, with its reason", () => {
  const r = triage(report(xss), { [xss.id]: { package: "dompurify", reason: "not reachable: we never call it" } });
  assert.equal(r.failures.length, 0);
  assert.equal(r.triaged[0].reason, "not reachable: we never call it");
});

test("a triage entry for another package or without a reason does not count", () => {
  assert.equal(triage(report(xss), { [xss.id]: { package: "marked", reason: "x" } }).failures.length, 1);
  assert.equal(triage(report(xss), { [xss.id]: { package: "dompurify", reason: " " } }).failures.length, 1);
});

test("a triage entry no longer reported is stale", () => {
  assert.deepEqual(triage(report(), { [xss.id]: { package: "dompurify", reason: "x" } }).stale, [xss.id]);
});
