// The Models, Memory and Settings views against the dev build's live Go
// services, in Chromium: a memory is added, edited and forgotten; a GGUF file
// is imported; the theme turns dark; the local API server starts, answers with
// its token on 127.0.0.1, and stops.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  repoRoot,
  tempHome,
  waitFor,
  screenshotDir,
  startDevApp,
  answerNativeDialog,
} from "./harness.mjs";

const stories = process.env.HEARTH_TESTDATA
  ? join(process.env.HEARTH_TESTDATA, "models", "stories260K.gguf")
  : resolve(repoRoot, "..", "shared", "testdata", "models", "stories260K.gguf");

test("models, memory and settings views work with the real services", async (t) => {
  const home = tempHome();
  const { url, app, page, errors, display } = await startDevApp(t, home, { width: 1000, height: 720 });
  await page.goto(url);
  await page.waitForFunction(() => window.go?.app?.VaultService, null, { timeout: 30000 });
  // The first-run screens are chat.test.mjs's subject: create the store through the bound
  // service, then reload; the gate finds it unlocked and opens the app.
  const recovery = await page.evaluate(() => window.go.app.VaultService.Create("e2e passphrase for manage"));
  assert.ok(recovery.length > 10);
  await page.reload();
  await page.locator("#nav-memory").waitFor();

  await t.test("memory: add, show the source, edit, forget", async () => {
    await page.locator("#nav-memory").click();
    await page.getByText("Hearth remembers nothing yet.").waitFor();
    await page.getByTestId("memory-new").fill("I prefer short answers");
    await page.keyboard.press("Enter");
    const item = page.getByTestId("memory-item");
    await item.waitFor();
    assert.equal(await item.getByTestId("memory-text").textContent(), "I prefer short answers");
    assert.equal((await item.getByTestId("memory-source").textContent()).trim(), "Added by you");

    await item.getByRole("button", { name: "Edit “I prefer short answers”" }).click();
    await page.getByLabel("Edit memory").fill("I prefer short, direct answers");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByTestId("memory-text").filter({ hasText: "I prefer short, direct answers" }).waitFor();
    const listed = await page.evaluate(() => window.go.app.MemoryService.List());
    assert.deepEqual(listed.map((m) => m.text), ["I prefer short, direct answers"]);
    await page.screenshot({ path: join(screenshotDir, "memory-browser.png") });

    await page.getByRole("button", { name: "Forget “I prefer short, direct answers”" }).click();
    await page.getByRole("group", { name: "Confirm forgetting" }).getByRole("button", { name: "Forget" }).click();
    await page.getByText("Hearth remembers nothing yet.").waitFor();
    assert.deepEqual(await page.evaluate(() => window.go.app.MemoryService.List()), []);
  });

  await t.test("models: a bad file is refused in one sentence; stories260K is imported", async () => {
    const broken = join(home, "broken.gguf");
    writeFileSync(broken, "this is not a model\n");
    await page.locator("#nav-models").click();
    await page.getByText("No models yet.").waitFor();
    await page.getByTestId("import-path").fill(broken);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    const err = page.getByTestId("import-error");
    await err.waitFor();
    assert.match(await err.textContent(), /broken\.gguf is not a GGUF model file/);

    await page.getByTestId("import-path").fill(stories);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    const row = page.getByTestId("installed-stories260k");
    await row.waitFor();
    const details = await row.getByTestId("installed-details").textContent();
    assert.match(details, /1\.1 MB/);
    assert.match(details, /128 tokens of context/);
    assert.match(details, /llama/);
    await page.getByText("Ollama", { exact: false }).first().waitFor();
    await page.screenshot({ path: join(screenshotDir, "models-browser.png") });
  });

  await t.test("settings: dark theme; the API server starts, answers and stops", async () => {
    await page.locator("#nav-settings").click();
    await page.getByLabel("Dark").check();
    await waitFor("data-theme=dark", async () =>
      (await page.evaluate(() => document.documentElement.getAttribute("data-theme"))) === "dark",
    );
    await waitFor("ui.json", async () => JSON.parse(readFileSync(join(home, "ui.json"), "utf8")).theme === "dark");

    // Starting the server needs a yes in a native dialog: No leaves it off.
    await page.getByTestId("api-switch").click();
    await answerNativeDialog(display, "Start the local API server?", false);
    await page.getByRole("alert").filter({ hasText: "not confirmed" }).waitFor();
    assert.equal((await page.evaluate(() => window.go.app.SettingsService.APIServer())).running, false);
    await page.getByTestId("api-switch").click();
    await answerNativeDialog(display, "Start the local API server?", true);
    await page.getByTestId("api-url").waitFor();
    const apiURL = await page.getByTestId("api-url").textContent();
    const token = await page.getByTestId("api-token").textContent();
    assert.match(apiURL, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const unauthorized = await fetch(`${apiURL}/models`);
    assert.equal(unauthorized.status, 401);
    const resp = await fetch(`${apiURL}/models`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(resp.status, 200);
    const body = await resp.json();
    assert.equal(body.object, "list");
    assert.equal(body.data.length, 1);
    await page.screenshot({ path: join(screenshotDir, "settings-browser.png") });

    await page.getByTestId("api-switch").uncheck();
    await waitFor("the API server to stop", async () => {
      try {
        await fetch(`${apiURL}/models`);
        return false;
      } catch {
        return true;
      }
    });
  });

  assert.deepEqual(errors, []);
});
