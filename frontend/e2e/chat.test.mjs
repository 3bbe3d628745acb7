// The whole chat in a real browser against the dev build: first run, a
// streamed answer, stop, an edit that branches, search, remember and
// forget, lock and unlock.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  repoRoot,
  tempHome,
  waitFor,
  screenshotDir,
  startDevApp,
  scriptedModel,
} from "./harness.mjs";

const passphrase = "copper lantern drifts over quiet harbor";
const stories = join(repoRoot, "..", "shared", "testdata", "models", "stories260K.gguf");

/**
 * recordGrowth notes, in the page, the lengths the streaming answer shows and
 * the chat:delta events that bring it. The window coalesces deltas every 50 ms
 * and stories260K answers within about that, so the shown lengths alone may
 * see one step; the events always come as at least two (the first token at
 * once, the rest after).
 */
function recordGrowth(page) {
  return page.evaluate(() => {
    window.__lengths = [];
    window.__deltas = [];
    window.runtime.EventsOn("chat:delta", (d) => window.__deltas.push(d.text.length));
    const obs = new MutationObserver(() => {
      const el = document.querySelector('[data-testid="streaming"] .markdown');
      if (el) window.__lengths.push(el.textContent.length);
    });
    obs.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

/** answers counts the finished answers shown. */
const answers = (page) => page.locator('article.msg.assistant').count();

test("first run to a streamed answer, stop, branches, search, remember and lock", async (t) => {
  const home = tempHome();
  const { url, page, errors } = await startDevApp(t, home, { width: 1000, height: 700 });
  page.setDefaultTimeout(30000);
  await page.goto(url);

  // First run: a weak passphrase is refused with a sentence, a strong one creates the store.
  await page.locator("#pass").fill("password");
  await page.locator("#confirm").fill("password");
  await page.getByRole("button", { name: "Create my encrypted store" }).click();
  await page.getByRole("alert").filter({ hasText: "too easy to guess" }).waitFor();
  await page.locator("#pass").fill(passphrase);
  assert.match(await page.getByTestId("strength-label").textContent(), /strong/i);
  await page.locator("#confirm").fill(passphrase);
  await page.getByRole("button", { name: "Create my encrypted store" }).click();

  // The recovery key is shown once; Continue waits for "I have saved it".
  const key = (await page.getByTestId("recovery-key").textContent()).trim();
  assert.ok(key.length >= 20, `recovery key ${key}`);
  const cont = page.getByRole("button", { name: "Continue" });
  assert.equal(await cont.isDisabled(), true);
  await page.getByLabel("I have saved my recovery key").check();
  await cont.click();

  // Get a model: import stories260K by its path.
  await page.locator("#import-path").fill(stories);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await page.getByRole("button", { name: "Start chatting" }).click();

  // The chat: the first answer streams in, growing, then is saved.
  const composer = page.getByLabel("Message", { exact: true });
  await composer.waitFor();
  await recordGrowth(page);
  await composer.fill("Lily found a shiny pebble");
  await composer.press("Enter");
  await waitFor("the first answer", async () => (await answers(page)) === 1, 60000);
  const { lengths, deltas } = await page.evaluate(() => ({ lengths: window.__lengths, deltas: window.__deltas }));
  assert.ok(deltas.length >= 2, `the answer came in one piece, not streamed: ${JSON.stringify(deltas)}`);
  assert.ok(
    lengths.some((n) => n > 0),
    `the answer was never shown while it streamed: ${JSON.stringify(lengths)}`,
  );
  const first = await page.locator("article.msg.assistant .markdown").first().textContent();
  assert.ok(first.trim().length > 0, "empty answer");
  await page.screenshot({ path: join(screenshotDir, "chat-browser.png") });

  // Stop mid-answer: a long answer, stopped as soon as text appears; the
  // part is kept, marked. stories260K (a 128-token context) can finish a
  // whole answer before the click lands on a busy machine, so this turn
  // goes to a model generated for the test whose answer never ends by
  // itself; the chat then goes back to stories260K.
  const endless = scriptedModel(home, "endless", ["Tom ", "and ", "Sue ", "went ", "on ", "and on. "], { loop: true, context: 32768 });
  await page.evaluate((p) => window.go.app.ModelsService.Import(p), endless);
  await page.getByRole("button", { name: /stories260k/ }).click();
  await page.locator('select option[value="endless"]').waitFor({ state: "attached" });
  await page.getByRole("form", { name: "Chat settings" }).locator("select").selectOption("endless");
  await page.getByLabel("Max answer length (tokens)").fill("32000");
  await page.getByRole("button", { name: "Save" }).click();
  await page.evaluate(() => {
    const obs = new MutationObserver(() => {
      const text = document.querySelector('[data-testid="streaming"] .markdown');
      const stop = document.querySelector("button.stop");
      if (text && stop) {
        obs.disconnect();
        stop.click();
      }
    });
    obs.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await composer.fill("Tom and Sue went");
  await composer.press("Enter");
  await page.locator("article.msg.assistant").filter({ hasText: "Stopped" }).waitFor({ timeout: 60000 });
  assert.equal(await answers(page), 2);
  await page.getByRole("button", { name: /endless/ }).click();
  await page.getByRole("form", { name: "Chat settings" }).locator("select").selectOption("stories260k");
  await page.getByRole("button", { name: "Save" }).click();

  // Edit the first message: a new branch; both stay reachable through the switcher.
  const firstUser = page.locator("article.msg.user").first();
  await firstUser.getByRole("button", { name: "Edit" }).click();
  const editBox = page.getByLabel("Edit your message");
  await editBox.fill("Ben saw a big red kite");
  await editBox.press("Enter");
  await page.locator("article.msg.user").first().getByTestId("branch-pos").filter({ hasText: "2/2" }).waitFor();
  await waitFor("the edited branch's answer", async () => (await answers(page)) === 1 && (await page.getByTestId("streaming").count()) === 0, 60000);
  assert.match(await page.locator("article.msg.user").first().textContent(), /Ben saw a big red kite/);
  await page.locator("article.msg.user").first().getByRole("button", { name: "Previous version" }).click();
  await page.locator("article.msg.user").first().getByTestId("branch-pos").filter({ hasText: "1/2" }).waitFor();
  assert.match(await page.locator("article.msg.user").first().textContent(), /Lily found a shiny pebble/);
  assert.equal(await answers(page), 2, "the old branch keeps both exchanges");
  await page.locator("article.msg.user").first().getByRole("button", { name: "Next version" }).click();
  await page.locator("article.msg.user").first().getByTestId("branch-pos").filter({ hasText: "2/2" }).waitFor();

  // A new chat (Ctrl+N), then search (Ctrl+K) finds the old one.
  await page.keyboard.press("Control+n");
  await page.getByRole("heading", { name: "What's on your mind?" }).waitFor();
  await page.keyboard.press("Control+k");
  await page.keyboard.type("pebble");
  const hit = page.getByRole("list", { name: "Search results" }).getByRole("button").first();
  await hit.waitFor();
  assert.match(await hit.textContent(), /Lily found a shiny pebble/);
  await hit.click();
  await page.locator("article.msg.user", { hasText: "Lily found a shiny pebble" }).waitFor();

  // File the chat in a new folder: the list groups it there, collapsibly,
  // and the window still works at 800x600.
  await page.setViewportSize({ width: 800, height: 600 });
  await page.getByLabel("Search chats").press("Escape"); // back from the search results to the list
  await page.getByLabel("Conversation actions").click();
  await page.getByRole("button", { name: "Move to folder…" }).click();
  await page.getByLabel("New folder name").fill("Stories");
  await page.getByRole("button", { name: "Move", exact: true }).click();
  const folder = page.getByRole("region", { name: "Folder: Stories" });
  const lily = folder.getByRole("button", { name: /Lily found a shiny pebble/ });
  await lily.waitFor();
  const toggle = folder.getByRole("button", { name: /Stories/ });
  assert.equal(await toggle.getAttribute("aria-expanded"), "true");
  await toggle.press("Enter");
  await lily.waitFor({ state: "detached" });
  assert.equal(await toggle.getAttribute("aria-expanded"), "false");
  await toggle.press("Enter");
  await lily.waitFor();
  for (const el of [composer, page.getByLabel("Conversation actions"), lily]) {
    const box = await el.boundingBox();
    assert.ok(box && box.x >= 0 && box.y >= 0 && box.x + box.width <= 800 && box.y + box.height <= 600, `off screen at 800x600: ${JSON.stringify(box)}`);
  }
  await page.screenshot({ path: join(screenshotDir, "chat-folders-800x600.png") });

  // Remember a sentence from the answer; the Memory view shows it with its
  // source (the conversation's title and the start of the message); forget it.
  const answer = page.locator("article.msg.assistant").first();
  const answerText = (await answer.locator(".markdown").textContent()).trim();
  const sentence = answerText.split(/(?<=[.!?])\s+/)[0].slice(0, 120).trim();
  assert.ok(sentence.length > 0, `no sentence in ${JSON.stringify(answerText)}`);
  await answer.getByRole("button", { name: "Remember" }).click();
  const rememberBox = answer.getByLabel("Remember", { exact: true });
  const flat = (t) => t.replace(/\s+/g, " ").trim();
  const start = flat(answerText).slice(0, 30);
  assert.ok(flat(await rememberBox.inputValue()).startsWith(start), "the field is not prefilled with the answer");
  await rememberBox.fill(sentence);
  await answer.getByRole("button", { name: "Save" }).click();
  await answer.getByRole("status").filter({ hasText: "Remembered" }).waitFor();
  await page.getByRole("button", { name: "Memory", exact: true }).click();
  const memory = page.getByTestId("memory-item").filter({ hasText: sentence });
  await memory.waitFor();
  assert.equal(await page.getByTestId("memory-item").count(), 1);
  assert.equal((await memory.getByTestId("memory-text").textContent()).trim(), sentence);
  const source = flat(await memory.getByTestId("memory-source").textContent());
  assert.ok(source.includes("“Lily found a shiny pebble”") && source.includes(start), `source: ${source}, want the title and “${start}”`);
  await memory.getByRole("button", { name: /^Forget/ }).click();
  await memory.getByRole("button", { name: "Forget", exact: true }).click();
  await memory.waitFor({ state: "detached" });
  await page.getByText("Hearth remembers nothing yet.").waitFor();
  await page.getByRole("button", { name: "Chat", exact: true }).click();

  // Lock; a wrong passphrase is refused, the right one opens the chat again.
  await page.getByRole("button", { name: "Lock Hearth" }).click();
  const unlockField = page.locator("#unlock-pass");
  await unlockField.waitFor();
  await unlockField.fill("not my passphrase");
  await unlockField.press("Enter");
  await page.getByRole("alert").filter({ hasText: "Wrong passphrase" }).waitFor();
  await unlockField.fill(passphrase);
  await unlockField.press("Enter");
  await composer.waitFor();
  assert.deepEqual(errors, []);
});
