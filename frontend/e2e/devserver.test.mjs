// The dev build serves the UI with live Go bindings; Chromium drives it and the
// page shows what only the Go side can know.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import {
  binary,
  tempHome,
  waitFor,
  screenshotDir,
  startDevApp,
} from "./harness.mjs";

test("the UI calls bound Go services through the dev server", async (t) => {
  const bin = binary("HEARTH_DEV_BIN", "hearth-dev");
  const home = tempHome();
  // The store exists already (made with the command line); the page unlocks it.
  const pass = "copper lantern drifts over quiet harbor";
  execFileSync(bin, ["models", "list"], { env: { ...process.env, HEARTH_HOME: home, HEARTH_PASSPHRASE: pass } });
  const { url, app, page, errors } = await startDevApp(t, home, { width: 1100, height: 760 });
  await page.goto(url);
  await page.locator("#unlock-pass").fill(pass);
  await page.locator("#unlock-pass").press("Enter");
  await page.locator("#nav-home").click();

  // The data folder comes from Go (HEARTH_HOME); the page can only know it through the binding.
  const dataDir = page.getByTestId("datadir");
  await dataDir.waitFor({ timeout: 30000 });
  assert.equal(await dataDir.textContent(), home);

  // A bound method called directly from the page.
  const version = await page.evaluate(() => window.go.app.SystemService.Version());
  assert.equal(typeof version.version, "string");
  assert.match(version.goVersion, /^go1\./);

  // Keyboard navigation moves through the sidebar.
  await page.locator("#nav-home").focus();
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.locator("#nav-chat").getAttribute("aria-current"), "page");
  await page.keyboard.press("ArrowUp");
  assert.equal(await page.locator("#nav-home").getAttribute("aria-current"), "page");

  await page.screenshot({ path: join(screenshotDir, "home-browser.png") });
  assert.deepEqual(errors, []);
});
