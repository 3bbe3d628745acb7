// WebAssembly plugins in the window, end to end on the dev build: the units
// example is built to WebAssembly here, signed with a minisign key made for
// the test and packed by the real `hearth plugins pack`; the Plugins view
// installs it from a file (the dev build's file dialog answers the zip)
// through the permission sheet, which shows the plugin, its signer's key ID
// and its tool, and installs nothing until Install and a yes in the native
// dialog that follows (the page can neither draw nor answer it; the test
// presses its buttons through the X server). Then a chat turn on the
// real engine calls its convert tool: the confirmation names the plugin as
// its sandboxed source, and the tool's card shows the result. An update that
// asks for more is shown as such, and removing asks in a native dialog.
//
// The answer comes from a GGUF model generated for the test whose weights
// script its greedy output, with the real Qwen2.5 chat template, so the
// embedded engine parses the scripted <tool_call> as a model's own.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { answerNativeDialog, binary, tempHome, waitFor, repoRoot, screenshotDir, startDevApp, scriptedModel } from "./harness.mjs";

const template = join(repoRoot, "engine/chattemplate/testdata/templates/qwen2.5-7b-instruct.jinja");
const units = join(repoRoot, "plugins/examples/units");

/** calling is a scripted answer that calls tool name with the JSON arguments args. */
const calling = (name, args) => ["<tool_call>", `\n{"name": "${name}", `, `"arguments": ${args}}`, "\n</tool_call>"];

/**
 * packUnits builds the units example as its author would and packs it with
 * `hearth plugins pack`, signed by a new minisign key. It returns the zip's
 * path, the key's ID as Hearth shows it, and
 * repack, which packs the same module again with its manifest changed by
 * edit, signed by the same key, into the same zip file.
 */
function packUnits(dir) {
  const stage = join(dir, "units-stage");
  mkdirSync(stage);
  const manifest = JSON.parse(readFileSync(join(units, "plugin.json"), "utf8"));
  execFileSync("go", ["build", "-buildmode=c-shared", "-o", join(stage, manifest.entry), "./plugins/examples/units"], {
    cwd: repoRoot,
    env: { ...process.env, GOOS: "wasip1", GOARCH: "wasm", CGO_ENABLED: "0" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const key = join(dir, "test.key");
  const pub = join(dir, "test.pub");
  execFileSync("minisign", ["-G", "-W", "-p", pub, "-s", key], { stdio: ["ignore", "ignore", "inherit"] });
  // The ID as Hearth shows it, 16 hex digits, read from the key itself:
  // the comment minisign writes drops leading zeros.
  const raw = Buffer.from(readFileSync(pub, "utf8").trim().split("\n")[1], "base64");
  const keyId = Buffer.from(raw.subarray(2, 10)).reverse().toString("hex").toUpperCase();
  const zip = join(dir, "units.zip");
  const repack = (edit = (m) => m) => {
    writeFileSync(join(stage, "plugin.json"), JSON.stringify(edit(structuredClone(manifest)), null, 2));
    execFileSync(binary("HEARTH_DEV_BIN", "hearth-dev"), ["plugins", "pack", stage, "--key", key, "-o", zip], {
      env: { ...process.env, HEARTH_HOME: join(dir, "packer-home") },
      stdio: ["ignore", "ignore", "inherit"],
    });
  };
  repack();
  return { zip, keyId, repack };
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

test("a plugin is installed from a file through the permission sheet, and a chat calls its tool", async (t) => {
  const home = tempHome();
  const { zip, keyId, repack } = packUnits(home);
  const converter = scriptedModel(home, "converter", calling("dev_hearth_units__convert", `{"value": 1, "from": "mi", "to": "km"}`), {
    template,
    context: 32768,
  });

  const { url, page, errors, display } = await startDevApp(t, home, { width: 1100, height: 900 }, { HEARTH_E2E_FILE: zip });
  page.setDefaultTimeout(30000);
  await page.goto(url);
  await page.waitForFunction(() => window.go?.app?.VaultService, null, { timeout: 30000 });
  const model = await page.evaluate(async (path) => {
    await window.go.app.VaultService.Create("e2e passphrase for plugins");
    return (await window.go.app.ModelsService.Import(path)).name;
  }, converter);
  await page.reload();

  // The sheet: everything the plugin asks for, and nothing installed yet.
  await page.locator("#nav-plugins").click();
  await page.getByTestId("plugin-install-file").click();
  const sheet = page.getByTestId("plugin-sheet");
  await sheet.waitFor();
  assert.equal(await page.getByTestId("sheet-title").textContent(), "Install Units 1.0.0?");
  assert.match(await page.getByTestId("sheet-signer").textContent(), new RegExp(`Signed by key ${keyId}, new to Hearth`));
  assert.match(await page.getByTestId("sheet-no-caps").textContent(), /Nothing beyond computing/);
  assert.match(await page.getByTestId("sheet-tool").textContent(), /convert/);
  assert.match(await sheet.textContent(), /The Hearth developers/);
  assert.equal((await page.evaluate(() => window.go.app.PluginsService.List())).length, 0, "the sheet installed the plugin");
  await page.screenshot({ path: join(screenshotDir, "plugins-sheet.png") });

  // Install on the sheet, then the native dialog: a no leaves the sheet
  // waiting and nothing installed, a yes installs.
  await page.getByTestId("sheet-install").click();
  await answerNativeDialog(display, "Install Units 1.0.0?", false);
  await page.getByTestId("sheet-error").waitFor();
  assert.equal((await page.evaluate(() => window.go.app.PluginsService.List())).length, 0, "installed after a no");
  await page.getByTestId("sheet-install").click();
  await answerNativeDialog(display, "Install Units 1.0.0?", true);
  const row = page.getByTestId("plugin-row").filter({ hasText: "dev.hearth.units" });
  await row.waitFor();
  await sheet.waitFor({ state: "detached" });
  assert.match(await row.getByTestId("plugin-state").textContent(), /enabled/);
  assert.match(await row.textContent(), new RegExp(`Signed by key ${keyId}`));
  const tool = page.getByTestId("tool-row").filter({ hasText: "plugin:dev.hearth.units" });
  await tool.waitFor();
  assert.match(await tool.textContent(), /convert/);
  assert.match(await tool.getByTestId("tool-sandboxed").textContent(), /sandboxed/);
  await page.screenshot({ path: join(screenshotDir, "plugins-installed.png"), fullPage: true });

  // A chat turn calls the plugin's tool once the person allows it.
  await chatIn(page, model, "Miles", "How many kilometres is a mile?");
  const ask = page.getByTestId("tool-confirm");
  await waitFor("the tool confirmation", async () => {
    const failed = page.getByTestId("chat-error");
    if ((await failed.count()) > 0) throw new Error(`the chat failed: ${await failed.textContent()}`);
    return (await ask.count()) > 0;
  }, 90000);
  const asked = await ask.textContent();
  assert.match(asked, /plugin:dev\.hearth\.units/);
  assert.match(await page.getByTestId("tool-trust").textContent(), /sandboxed plugin/);
  assert.match(await page.getByTestId("tool-confirm-args").textContent(), /"from": "mi"/);
  await page.screenshot({ path: join(screenshotDir, "plugins-confirm.png") });
  // Allowed in this chat: the scripted model calls again each round, and
  // those calls run without asking, up to the round limit.
  await page.getByTestId("tool-allow-conversation").click();
  await waitFor("the answer", async () => (await page.getByTestId("streaming").count()) === 0, 90000);
  assert.equal(await ask.count(), 0, "asked again after allowing the chat");
  const card = page.locator("article.msg.assistant").last().getByTestId("tool-card").first();
  assert.match(await card.locator("summary").textContent(), /plugin:dev\.hearth\.units/);
  await card.locator("summary").click();
  assert.match(await card.getByTestId("tool-result").textContent(), /1\.609344/);

  // The audit log in the Plugins view has the call.
  await page.locator("#nav-plugins").click();
  await page.getByTestId("audit-search").fill("convert");
  await waitFor("the audit rows", async () => (await page.getByTestId("audit-row").count()) >= 1);

  // An update that asks for more: the sheet says so and marks what is new.
  repack((m) => ({
    ...m,
    version: "1.1.0",
    capabilities: [
      { name: "memory:read", reason: "Finds the units you use most." },
      { name: "net:fetch", reason: "Fetches today's exchange rates.", hosts: ["rates.example.com"] },
    ],
  }));
  await page.getByTestId("plugin-install-file").click();
  await sheet.waitFor();
  assert.equal(await page.getByTestId("sheet-title").textContent(), "Units 1.1.0 asks for new permissions");
  assert.equal(await page.getByTestId("sheet-version").textContent(), "1.0.0 → 1.1.0");
  assert.match(await page.getByTestId("sheet-signer").textContent(), new RegExp(`${keyId}, the key you accepted before`));
  const caps = page.getByTestId("sheet-cap");
  assert.deepEqual(await caps.evaluateAll((els) => els.map((e) => [e.dataset.cap, e.classList.contains("added")])), [
    ["memory:read", true],
    ["net:fetch", true],
  ]);
  assert.deepEqual(await page.getByTestId("sheet-reason").allTextContents(), [
    "“Finds the units you use most.”",
    "“Fetches today's exchange rates.”",
  ]);
  assert.equal(await page.getByTestId("sheet-host").textContent(), "rates.example.com");
  await page.screenshot({ path: join(screenshotDir, "plugins-update.png") });
  await page.getByTestId("sheet-install").click();
  await answerNativeDialog(display, "Update Units to 1.1.0?", true);
  await sheet.waitFor({ state: "detached" });
  await waitFor("the update", async () => /1\.1\.0/.test(await row.textContent()));
  assert.match(await row.getByTestId("plugin-caps").textContent(), /Fetches today's exchange rates\./);
  assert.match(await row.getByTestId("plugin-caps").textContent(), /rates\.example\.com/);
  await row.screenshot({ path: join(screenshotDir, "plugins-installed-update.png") });

  // Removing asks in a native dialog: no keeps it, yes removes it.
  await row.getByTestId("plugin-remove").click();
  await answerNativeDialog(display, "Remove the plugin?", false);
  await page.getByTestId("plugin-error").waitFor();
  assert.equal(await page.getByTestId("plugin-row").count(), 1);
  await row.getByTestId("plugin-remove").click();
  await answerNativeDialog(display, "Remove the plugin?", true);
  await row.waitFor({ state: "detached" });
  assert.equal((await page.evaluate(() => window.go.app.PluginsService.List())).length, 0);
  assert.deepEqual(errors, []);
});
