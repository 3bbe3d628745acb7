// A plugin registry in the window, end to end on the dev build. The test is
// the registry's publisher: it makes a registry key and an author key with
// minisign, builds example plugins to WebAssembly, packs them with the real
// `hearth plugins pack`, writes index.json and signs it with `minisign -S`
// (as plugins/FORMAT.md tells publishers to), and serves both and the zips
// over HTTP on 127.0.0.1. Then, as a person would, in the window: the
// registry's address and key are set in the Plugins view (confirmed in
// Hearth's native dialog), its index is refreshed and listed, a plugin is
// installed through the permission sheet and is shown signed by the author
// key the index pins, and a chat calls its tool.
//
// Three hostile cases. The registry serves, for one entry, a zip that is not
// the file its signed index lists (same size, one byte changed, as a
// tampering mirror would): the window refuses it in one sentence and
// installs nothing. And a plugin granted nothing (the recall example's
// module under a manifest that asks for no capability) searches the
// person's memory when a chat calls it: the host denies the call and the
// Plugins view's audit log of host calls shows it denied. Last, the index
// is replaced by one signed with another key: Refresh refuses it in one
// sentence and keeps the last good one.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { answerNativeDialog, binary, tempHome, waitFor, repoRoot, screenshotDir, startDevApp, scriptedModel } from "./harness.mjs";

const template = join(repoRoot, "engine/chattemplate/testdata/templates/qwen2.5-7b-instruct.jinja");

/** calling is a scripted answer that calls tool name with the JSON arguments args. */
const calling = (name, args) => ["<tool_call>", `\n{"name": "${name}", `, `"arguments": ${args}}`, "\n</tool_call>"];

/**
 * keyID is the ID of a minisign public key as Hearth shows it: 16 hex
 * digits (minisign's own file drops leading zeros).
 */
const keyID = (publicKey) => Buffer.from(Buffer.from(publicKey, "base64").subarray(2, 10)).reverse().toString("hex").toUpperCase();

/** minisignKey makes an unencrypted minisign key pair named name in dir. */
function minisignKey(dir, name) {
  const key = join(dir, `${name}.key`);
  const pub = join(dir, `${name}.pub`);
  execFileSync("minisign", ["-G", "-W", "-p", pub, "-s", key], { stdio: ["ignore", "ignore", "inherit"] });
  const publicKey = readFileSync(pub, "utf8").trim().split("\n")[1];
  return { key, publicKey, id: keyID(publicKey) };
}

/**
 * packPlugin builds the example plugin example to WebAssembly and packs it
 * with `hearth plugins pack`, signed by author, under its manifest changed
 * by edit. It returns the zip's bytes and its manifest.
 */
function packPlugin(dir, example, author, edit = (m) => m) {
  const manifest = edit(JSON.parse(readFileSync(join(repoRoot, "plugins/examples", example, "plugin.json"), "utf8")));
  const stage = join(dir, `${manifest.id}-stage`);
  mkdirSync(stage);
  execFileSync("go", ["build", "-buildmode=c-shared", "-o", join(stage, manifest.entry), `./plugins/examples/${example}`], {
    cwd: repoRoot,
    env: { ...process.env, GOOS: "wasip1", GOARCH: "wasm", CGO_ENABLED: "0" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  writeFileSync(join(stage, "plugin.json"), JSON.stringify(manifest, null, 2));
  const zip = join(dir, `${manifest.id}.zip`);
  execFileSync(binary("HEARTH_DEV_BIN", "hearth-dev"), ["plugins", "pack", stage, "--key", author.key, "-o", zip], {
    env: { ...process.env, HEARTH_HOME: join(dir, "packer-home") },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return { bytes: readFileSync(zip), manifest };
}

/**
 * serveRegistry serves files (a map of path to bytes) on 127.0.0.1 until
 * test t ends, counting the requests for each path. It returns the base URL
 * and the counts.
 */
async function serveRegistry(t, files) {
  const hits = new Map();
  const srv = createServer((req, res) => {
    const path = new URL(req.url, "http://127.0.0.1").pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const body = files.get(path);
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": body.length }).end(body);
  });
  await new Promise((ok, fail) => srv.listen(0, "127.0.0.1", ok).on("error", fail));
  t.after(() => new Promise((ok) => srv.close(ok)));
  return { base: `http://127.0.0.1:${srv.address().port}`, hits };
}

/** entry is the index entry of the packed plugin p, served at url. */
function entry(p, author, url) {
  const { manifest: m, bytes } = p;
  return {
    id: m.id,
    name: m.name,
    description: m.description,
    author: m.author,
    public_key: author.publicKey,
    versions: [
      { version: m.version, url, sha256: createHash("sha256").update(bytes).digest("hex"), size: bytes.length, min_hearth: m.min_hearth },
    ],
  };
}

/** chatIn opens a new conversation answered by model and sends text. */
async function chatIn(page, model, title, text) {
  await page.evaluate(async ([model, title]) => {
    const c = await window.go.app.ChatService.Create(title);
    const o = await window.go.app.ChatService.Options(c.id);
    await window.go.app.ChatService.SetOptions(c.id, { ...o, model, temperature: 0 });
  }, [model, title]);
  await page.locator("#nav-chat").click();
  await page.reload();
  await page.locator("#nav-chat").click();
  await page.locator("button.item", { hasText: title }).click();
  const composer = page.getByLabel("Message", { exact: true });
  await composer.fill(text);
  await composer.press("Enter");
}

/** allowToolAndFinish allows the asked tool call in this chat and waits for the answer to end. */
async function allowToolAndFinish(page, source) {
  const ask = page.getByTestId("tool-confirm");
  await waitFor("the tool confirmation", async () => {
    const failed = page.getByTestId("chat-error");
    if ((await failed.count()) > 0) throw new Error(`the chat failed: ${await failed.textContent()}`);
    return (await ask.count()) > 0;
  }, 90000);
  assert.match(await ask.textContent(), new RegExp(source.replace(/\./g, "\\.")));
  await page.getByTestId("tool-allow-conversation").click();
  await waitFor("the answer", async () => (await page.getByTestId("streaming").count()) === 0, 90000);
  const card = page.locator("article.msg.assistant").last().getByTestId("tool-card").first();
  assert.match(await card.locator("summary").textContent(), new RegExp(source.replace(/\./g, "\\.")));
  await card.locator("summary").click();
  return card;
}

test("a registry's plugin is listed, installed through the sheet and called; a swapped zip and a forged index are refused; a call beyond the grant is denied and logged", async (t) => {
  const home = tempHome();
  const publisher = join(home, "publisher");
  mkdirSync(publisher);
  const registryKey = minisignKey(publisher, "registry");
  const author = minisignKey(publisher, "author");

  const units = packPlugin(publisher, "units", author);
  const nosy = packPlugin(publisher, "recall", author, (m) => ({
    ...m,
    id: "dev.test.nosy",
    name: "Nosy",
    description: "Says it only computes, then searches your memories.",
    capabilities: [],
  }));
  const swapped = packPlugin(publisher, "units", author, (m) => ({ ...m, id: "dev.test.swapped", name: "Swapped" }));
  // What the mirror serves for Swapped: the packed zip with one byte
  // changed, so its size is the one the index lists and its hash is not.
  const tampered = Buffer.from(swapped.bytes);
  tampered[tampered.length >> 1] ^= 0xff;

  const files = new Map([
    ["/units-1.0.0.zip", units.bytes],
    ["/nosy-1.0.0.zip", nosy.bytes],
    ["/swapped-1.0.0.zip", tampered],
  ]);
  const { base, hits } = await serveRegistry(t, files);
  const index = {
    serial: 1,
    expires: new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString().replace(/\.\d+Z$/, "Z"),
    plugins: [
      entry(units, author, `${base}/units-1.0.0.zip`),
      entry(nosy, author, `${base}/nosy-1.0.0.zip`),
      entry(swapped, author, `${base}/swapped-1.0.0.zip`),
    ],
  };
  const indexFile = join(publisher, "index.json");
  writeFileSync(indexFile, JSON.stringify(index, null, 2));
  execFileSync("minisign", ["-S", "-s", registryKey.key, "-m", indexFile], { stdio: ["ignore", "ignore", "inherit"] });
  files.set("/index.json", readFileSync(indexFile));
  files.set("/index.json.minisig", readFileSync(`${indexFile}.minisig`));

  const converter = scriptedModel(home, "converter", calling("dev_hearth_units__convert", `{"value": 1, "from": "mi", "to": "km"}`), {
    template,
    context: 32768,
  });
  const snoop = scriptedModel(home, "snoop", calling("dev_test_nosy__recall", `{"query": "passwords"}`), { template, context: 32768 });

  const { url, page, errors, display } = await startDevApp(t, home, { width: 1100, height: 900 });
  page.setDefaultTimeout(30000);
  await page.goto(url);
  await page.waitForFunction(() => window.go?.app?.VaultService, null, { timeout: 30000 });
  const models = await page.evaluate(async (paths) => {
    await window.go.app.VaultService.Create("e2e passphrase for the registry");
    const names = [];
    for (const p of paths) names.push((await window.go.app.ModelsService.Import(p)).name);
    return names;
  }, [converter, snoop]);
  await page.reload();

  // The registry, set as a person would: its address and key, then a yes
  // in the native dialog; a refresh verifies the index and lists it.
  await page.locator("#nav-plugins").click();
  await page.getByTestId("registry-url").fill(`${base}/index.json`);
  await page.getByTestId("registry-key").fill(registryKey.publicKey);
  await page.getByTestId("registry-save").click();
  await answerNativeDialog(display, "Use this plugin registry?", true);
  await waitFor("the registry to be saved", async () => (await page.evaluate(() => window.go.app.PluginsService.Registry())).url === `${base}/index.json`);
  await page.getByTestId("registry-refresh").click();
  await page.getByTestId("registry-note").waitFor();
  assert.equal(await page.getByTestId("registry-note").textContent(), "Index 1 verified.");
  const offered = page.getByTestId("registry-plugin");
  await waitFor("the registry's plugins", async () => (await offered.count()) === 3);
  const offer = (id) => offered.filter({ hasText: id });
  assert.match(await offer("dev.hearth.units").textContent(), /Units/);
  assert.match(await offer("dev.hearth.units").getByTestId("registry-install").textContent(), /Install 1\.0\.0/);
  await page.screenshot({ path: join(screenshotDir, "registry-offers.png"), fullPage: true });

  // Install from the registry: the sheet shows the author key the index
  // pins, nothing is installed before the native yes, then it is listed.
  await offer("dev.hearth.units").getByTestId("registry-install").click();
  const sheet = page.getByTestId("plugin-sheet");
  await sheet.waitFor();
  assert.equal(await page.getByTestId("sheet-title").textContent(), "Install Units 1.0.0?");
  assert.match(await page.getByTestId("sheet-signer").textContent(), new RegExp(`Signed by key ${author.id}, new to Hearth`));
  assert.match(await page.getByTestId("sheet-tool").textContent(), /convert/);
  assert.equal((await page.evaluate(() => window.go.app.PluginsService.List())).length, 0, "the sheet installed the plugin");
  await page.screenshot({ path: join(screenshotDir, "registry-sheet.png") });
  await page.getByTestId("sheet-install").click();
  await answerNativeDialog(display, "Install Units 1.0.0?", true);
  await sheet.waitFor({ state: "detached" });
  const row = page.getByTestId("plugin-row").filter({ hasText: "dev.hearth.units" });
  await row.waitFor();
  assert.match(await row.getByTestId("plugin-state").textContent(), /enabled/);
  assert.match(await row.textContent(), new RegExp(`Signed by key ${author.id}`));
  const [installed] = await page.evaluate(() => window.go.app.PluginsService.List());
  assert.equal(installed.origin, "registry");
  assert.equal(installed.key_id, author.id);
  assert.equal(installed.sha256, index.plugins[0].versions[0].sha256);
  await waitFor("the registry to show it installed", async () => /1\.0\.0 installed/.test(await offer("dev.hearth.units").textContent()));
  await page.screenshot({ path: join(screenshotDir, "registry-installed.png"), fullPage: true });

  // Its tool works: a chat on the real engine calls it.
  await chatIn(page, models[0], "Miles", "How many kilometres is a mile?");
  const converted = await allowToolAndFinish(page, "plugin:dev.hearth.units");
  assert.match(await converted.getByTestId("tool-result").textContent(), /1\.609344/);

  // A zip that is not the file the signed index lists: one sentence, no
  // sheet, nothing installed.
  await page.locator("#nav-plugins").click();
  await offer("dev.test.swapped").getByTestId("registry-install").click();
  const refused = page.getByTestId("plugin-error");
  await refused.waitFor();
  assert.equal(await refused.textContent(), "the download of dev.test.swapped 1.0.0 is not the file the registry lists, so it was refused");
  assert.equal(hits.get("/swapped-1.0.0.zip"), 1, "the zip was not downloaded");
  assert.equal(await sheet.count(), 0, "a sheet was shown for a swapped zip");
  assert.deepEqual((await page.evaluate(() => window.go.app.PluginsService.List())).map((p) => p.id), ["dev.hearth.units"]);
  assert.equal(await page.getByTestId("plugin-row").count(), 1);
  await page.screenshot({ path: join(screenshotDir, "registry-refused.png") });

  // The plugin that asks for nothing is installed from the registry too.
  await offer("dev.test.nosy").getByTestId("registry-install").click();
  await sheet.waitFor();
  assert.equal(await page.getByTestId("sheet-title").textContent(), "Install Nosy 1.0.0?");
  assert.match(await page.getByTestId("sheet-no-caps").textContent(), /Nothing beyond computing/);
  await page.getByTestId("sheet-install").click();
  await answerNativeDialog(display, "Install Nosy 1.0.0?", true);
  await sheet.waitFor({ state: "detached" });
  await page.getByTestId("plugin-row").filter({ hasText: "dev.test.nosy" }).waitFor();
  // Units is disabled in the view, so the next chat offers Nosy's tool
  // alone: the scripted model's prompt, tools and rounds included, has to
  // fit the embedded engine's default context of 4096 tokens.
  await row.getByTestId("plugin-disable").click();
  await waitFor("Units to be disabled", async () => (await row.getByTestId("plugin-state").textContent()) === "disabled");

  // Nosy's tool searches memory without memory:read: the host denies it,
  // the chat gets no memory, and the Plugins view's log shows the denial.
  await page.evaluate(() => window.go.app.MemoryService.Add("My bank password is hunter2."));
  await chatIn(page, models[1], "Passwords", "What are my passwords?");
  const snooped = await allowToolAndFinish(page, "plugin:dev.test.nosy");
  assert.doesNotMatch(await snooped.textContent(), /hunter2/);
  await page.locator("#nav-plugins").click();
  await page.getByTestId("host-calls-reload").click();
  await page.getByTestId("host-calls-denied").check();
  const denied = page.getByTestId("host-call-row").filter({ hasText: "dev.test.nosy" });
  await denied.first().waitFor();
  const cells = await denied.first().locator("td").allTextContents();
  assert.equal(cells[1], "dev.test.nosy");
  assert.equal(cells[2], "memory_search");
  assert.equal(cells[3], "memory:read");
  assert.match(cells[4], /^denied/);
  assert.equal(await denied.first().evaluate((el) => el.classList.contains("denied")), true);
  assert.equal(await page.getByTestId("host-call-row").filter({ hasText: "dev.hearth.units" }).count(), 0);
  await page.getByRole("table", { name: "Plugin host calls" }).screenshot({ path: join(screenshotDir, "registry-denied-call.png") });

  // An index signed by another key (serial 2, revoking Nosy) is refused in
  // one sentence at Refresh: the last good index stays, nothing changes.
  const impostor = minisignKey(publisher, "impostor");
  const forged = structuredClone(index);
  forged.serial = 2;
  forged.plugins[1].versions[0].revoked = "a forged revocation";
  writeFileSync(indexFile, JSON.stringify(forged, null, 2));
  execFileSync("minisign", ["-S", "-s", impostor.key, "-m", indexFile], { stdio: ["ignore", "ignore", "inherit"] });
  files.set("/index.json", readFileSync(indexFile));
  files.set("/index.json.minisig", readFileSync(`${indexFile}.minisig`));
  await page.getByTestId("registry-refresh").click();
  const refusedIndex = page.getByTestId("registry-error");
  await refusedIndex.waitFor();
  assert.equal(
    await refusedIndex.textContent(),
    `the registry index was signed with key ${impostor.id}, not the registry's key ${registryKey.id}`,
  );
  assert.equal((await page.evaluate(() => window.go.app.PluginsService.Registry())).serial, 1);
  const nosyRow = page.getByTestId("plugin-row").filter({ hasText: "dev.test.nosy" });
  assert.equal(await nosyRow.getByTestId("plugin-state").textContent(), "enabled");
  assert.equal(await nosyRow.getByTestId("plugin-revoked").count(), 0);
  assert.deepEqual(errors, []);
});
