// A hostile answer, streamed through the real chat from a real model, cannot
// act: its full-window transparent link, meta refresh and form are shown as
// text, clicks anywhere on it leave the window where it is, and its one
// honest link opens in the system browser only after the confirmation.
//
// The answer comes from a GGUF model generated for the test whose weights
// script its greedy output (engine/modelgen's Scripted): the embedded engine
// runs it like any other model, so the text reaches the window exactly as a
// model's would, over the chat's own events.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { tempHome, waitFor, screenshotDir, startDevApp, scriptedModel } from "./harness.mjs";

const passphrase = "copper lantern drifts over quiet harbor";
const docs = "https://example.com/docs?from=hearth";
const overlay =
  'Click <a href="https://evil.example/steal" style="position:fixed;top:0;left:0;width:100vw;height:100vh;' +
  'z-index:99999;opacity:0.01;background:red">here</a> to continue.';
const pieces = [
  overlay,
  '\n\n<meta http-equiv="refresh" content="0;url=https://evil.example/refresh">',
  `\n\nRead [the docs](${docs})`,
  " or [this](javascript:location='https://evil.example/js').",
  '\n\n<form action="https://evil.example/form"><button>Unlock</button></form>',
];

test("a hostile answer cannot navigate the window; a link opens only after confirmation", async (t) => {
  const home = tempHome();
  const model = scriptedModel(home, "hostile", pieces);
  const { url, page, errors } = await startDevApp(t, home, { width: 1000, height: 700 });
  page.setDefaultTimeout(30000);
  await page.goto(url);

  await page.locator("#pass").fill(passphrase);
  await page.locator("#confirm").fill(passphrase);
  await page.getByRole("button", { name: "Create my encrypted store" }).click();
  await page.getByLabel("I have saved my recovery key").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.locator("#import-path").fill(model);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await page.getByRole("button", { name: "Start chatting" }).click();

  const composer = page.getByLabel("Message", { exact: true });
  await composer.waitFor();
  // What BrowserOpenURL is asked to open, recorded in place of the system browser.
  await page.evaluate(() => {
    window.__opened = [];
    window.__deltas = 0;
    window.runtime.BrowserOpenURL = (u) => window.__opened.push(u);
    window.runtime.EventsOn("chat:delta", () => window.__deltas++);
  });
  await composer.fill("Where are the docs?");
  await composer.press("Enter");
  const answer = page.locator("article.msg.assistant .markdown");
  await waitFor("the hostile answer", async () => (await answer.count()) === 1 && (await page.getByTestId("streaming").count()) === 0, 60000);
  assert.ok((await page.evaluate(() => window.__deltas)) >= 1, "the answer did not come through the chat's events");

  // The raw HTML is text; only the Markdown link to https survives.
  const text = await answer.textContent();
  assert.ok(text.includes('<a href="https://evil.example/steal" style="position:fixed'), text);
  assert.ok(text.includes('<meta http-equiv="refresh"'), text);
  assert.ok(text.includes('<form action="https://evil.example/form">'), text);
  const links = await answer.locator("a").evaluateAll((as) => as.map((a) => ({ href: a.getAttribute("href"), style: a.getAttribute("style") })));
  assert.deepEqual(links, [{ href: docs, style: null }, { href: null, style: null }]);
  assert.equal(await page.locator("meta[http-equiv=refresh], form[action], [style*=fixed]").count(), 0);
  await page.screenshot({ path: join(screenshotDir, "hostile-answer-browser.png") });

  // Clicks where the overlay would be, on its text and on the disarmed link: the window stays.
  const before = page.url();
  await page.mouse.click(500, 350);
  await page.mouse.click(20, 20);
  await answer.getByText("here", { exact: false }).first().click();
  await answer.locator("a", { hasText: "this" }).click();
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(page.url(), before);
  assert.equal(page.context().pages().length, 1);
  assert.equal(await page.getByRole("alertdialog").count(), 0);
  assert.deepEqual(await page.evaluate(() => window.__opened), []);

  // The honest link asks first, showing the whole URL; Cancel opens nothing.
  await answer.getByRole("link", { name: "the docs" }).click();
  const dialog = page.getByRole("alertdialog");
  await dialog.waitFor();
  assert.equal(await page.getByTestId("link-url").textContent(), docs);
  assert.deepEqual(await page.evaluate(() => window.__opened), []);
  await page.screenshot({ path: join(screenshotDir, "link-confirm-browser.png") });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await dialog.waitFor({ state: "detached" });
  assert.deepEqual(await page.evaluate(() => window.__opened), []);

  // Confirmed, it goes to the system browser, and the window stays.
  await answer.getByRole("link", { name: "the docs" }).click();
  await dialog.getByRole("button", { name: "Open in browser" }).click();
  await waitFor("BrowserOpenURL", async () => (await page.evaluate(() => window.__opened.length)) === 1);
  assert.deepEqual(await page.evaluate(() => window.__opened), [docs]);
  assert.equal(page.url(), before);
  assert.equal(page.context().pages().length, 1);
  assert.deepEqual(errors, []);
});
