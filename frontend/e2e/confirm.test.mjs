// A remote Ollama host needs a yes in the app's native dialog, which the page
// can neither draw nor answer: No leaves the setting as it was; Yes sets it,
// and the window then says where the chats go.
import { test } from "node:test";
import assert from "node:assert/strict";
import { tempHome, startDevApp, answerNativeDialog } from "./harness.mjs";

// 0.0.0.0 is not a loopback address, so Hearth counts it as another machine;
// a connection to it reaches this one, so nothing leaves the test machine.
const remote = "0.0.0.0:9";

test("a remote Ollama host is set only after a yes in the native dialog", async (t) => {
  const home = tempHome();
  const { url, page, errors, display } = await startDevApp(t, home, { width: 1000, height: 720 });
  page.setDefaultTimeout(30000);
  await page.goto(url);
  await page.waitForFunction(() => window.go?.app?.VaultService, null, { timeout: 30000 });
  await page.evaluate(() => window.go.app.VaultService.Create("e2e passphrase for confirm"));
  await page.reload();
  await page.locator("#nav-models").click();

  const host = page.locator("#ollama-host");
  await host.fill(remote);
  await page.getByTestId("ollama").getByRole("button", { name: "Connect", exact: true }).click();
  await answerNativeDialog(display, "Send your chats to another machine?", false);
  await page.getByRole("alert").filter({ hasText: "not confirmed" }).waitFor();
  const refused = await page.evaluate(() => window.go.app.ModelsService.OllamaStatus());
  assert.equal(refused.custom, false, `set without a yes: ${JSON.stringify(refused)}`);
  assert.equal(await page.getByTestId("ollama-remote").count(), 0);

  await page.getByTestId("ollama").getByRole("button", { name: "Connect", exact: true }).click();
  await answerNativeDialog(display, "Send your chats to another machine?", true);
  const note = page.getByTestId("ollama-remote");
  await note.waitFor();
  assert.match(await note.textContent(), /your chats go to 0\.0\.0\.0:9/);
  const set = await page.evaluate(() => window.go.app.ModelsService.OllamaStatus());
  assert.equal(set.custom && set.remote, true, JSON.stringify(set));
  assert.deepEqual(errors, []);
});
