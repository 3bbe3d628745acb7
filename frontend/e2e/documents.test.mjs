// The document library in a real browser against the dev build: a folder
// added and its progress, a file added to it found by search without a
// rescan (the watcher), and a cited answer whose source opens.
//
// Two native gestures cannot be driven from the dev build's browser page,
// so the dev build (and only it: app/dialogs_e2e_dev.go has the dev tag)
// reads two test variables: HEARTH_E2E_FOLDER is what the folder dialog
// answers, and HEARTH_E2E_OPEN_LOG is where "open this document" is
// written instead of launching a viewer. Everything behind them (adding,
// indexing, watching, the citation check and the choice of file) is the
// production code.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tempHome, waitFor, screenshotDir, startDevApp, scriptedModel } from "./harness.mjs";

const passphrase = "copper lantern drifts over quiet harbor";
const files = 300;

/** makeLibrary writes a folder of notes, one of them about a pebble. */
function makeLibrary() {
  const lib = mkdtempSync(join(tmpdir(), "hearth-e2e-lib-"));
  writeFileSync(join(lib, "pebble.md"), "# Garden\n\nThe pebble in the garden is blue.\n");
  for (let i = 0; i < files - 1; i++) {
    writeFileSync(join(lib, `note${i}.txt`), `Note ${i}. ` + "Rivers carry silt down to the sea. ".repeat(30));
  }
  return lib;
}

/** recordDocsEvents keeps, in the page, the docs events the window gets. */
function recordDocsEvents(page) {
  return page.evaluate(() => {
    window.__docs = [];
    for (const name of ["docs:progress", "docs:done", "docs:error"]) {
      window.runtime.EventsOn(name, (p) => window.__docs.push({ name, ...p }));
    }
  });
}

test("a folder indexed with progress, a new file found without a rescan, a cited answer whose source opens", async (t) => {
  const home = tempHome();
  const lib = makeLibrary();
  const openLog = join(home, "opened.log");
  const model = scriptedModel(home, "citer", ["The ", "pebble ", "is ", "blue ", "[1]."]);
  const { url, page, errors } = await startDevApp(t, home, { width: 1100, height: 760 }, {
    HEARTH_E2E_FOLDER: lib,
    HEARTH_E2E_OPEN_LOG: openLog,
  });
  page.setDefaultTimeout(30000);
  await page.goto(url);

  // First run, and the scripted model as the model.
  await page.locator("#pass").fill(passphrase);
  await page.locator("#confirm").fill(passphrase);
  await page.getByRole("button", { name: "Create my encrypted store" }).click();
  await page.getByLabel("I have saved my recovery key").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.locator("#import-path").fill(model);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await page.getByRole("button", { name: "Start chatting" }).click();

  // Add the folder: its progress comes as events and shows, then its counts.
  await page.getByRole("button", { name: "Documents", exact: true }).click();
  await recordDocsEvents(page);
  await page.evaluate(() => {
    window.__shown = [];
    new MutationObserver(() => {
      const el = document.querySelector('[data-testid="docs-progress"]');
      if (el) window.__shown.push(el.textContent);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByTestId("docs-add").click();
  const summary = page.getByTestId("docs-summary");
  await waitFor("the folder indexed", async () => (await summary.textContent()) === `${files} files · ${files} indexed`, 120000);
  const events = await page.evaluate(() => window.__docs);
  const progress = events.filter((e) => e.name === "docs:progress" && e.folder === lib);
  assert.ok(progress.length >= 1, `no progress events: ${JSON.stringify(events)}`);
  assert.equal(progress.at(-1).filesDone, files);
  assert.equal(progress.at(-1).filesTotal, files);
  assert.ok(events.some((e) => e.name === "docs:done" && e.folder === lib && e.summary.read === files), JSON.stringify(events.slice(-3)));
  const shown = await page.evaluate(() => window.__shown);
  assert.ok(shown.some((s) => / of 300 files/.test(s)), `the progress line was never shown: ${JSON.stringify(shown.slice(0, 5))}`);
  await page.screenshot({ path: join(screenshotDir, "documents.png") });

  // A file written into the folder is found by search, with no rescan asked for.
  writeFileSync(join(lib, "comet.md"), "# Sky\n\nThe comet over the harbor is green.\n");
  await page.getByTestId("docs-query").fill("comet");
  await waitFor("the new file in search", async () => {
    await page.getByRole("button", { name: "Search", exact: true }).click();
    const results = await page.getByTestId("docs-result").allTextContents();
    return results.some((r) => r.includes(join(lib, "comet.md")) && r.includes("Sky · characters"));
  }, 30000, 500);

  // A cited answer: the answer's [1] is a source button (the library is not
  // empty, so the chat uses it), and clicking it opens pebble.md.
  await page.getByRole("button", { name: "Chat", exact: true }).click();
  const composer = page.getByLabel("Message", { exact: true });
  await composer.fill("What colour is the pebble?");
  await composer.press("Enter");
  const cite = page.locator("article.msg.assistant").getByRole("button", { name: "Source 1" });
  await cite.waitFor({ timeout: 60000 });
  assert.equal((await page.locator("article.msg.assistant .markdown").textContent()).trim(), "The pebble is blue [1].");
  await cite.click();
  await waitFor("the source opened", () => existsSync(openLog), 15000);
  assert.equal(readFileSync(openLog, "utf8"), `${join(lib, "pebble.md")}#page=0\n`);
  await page.screenshot({ path: join(screenshotDir, "chat-citation.png") });

  // Changed on disk, the source is no longer opened: it points nowhere.
  writeFileSync(join(lib, "pebble.md"), "# Garden\n\nThe pebble was moved.\n");
  await cite.click();
  await page.getByText(/source changed or missing/).first().waitFor();
  assert.equal(readFileSync(openLog, "utf8").trim().split("\n").length, 1);
  assert.deepEqual(errors, []);
});
