/*
 * The Chromium inside the @sparticuz/chromium npm package, the one `npm test` falls back to on a
 * machine without a system browser, renders the playground's admin: launched here on purpose even
 * when a system Chromium exists, so the fallback is proven on every run.
 */
import type { Browser } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import { startPlayground, type Playground } from '../helpers/playground';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { bundledChromium } = require('../../scripts/chromium') as {
  bundledChromium(): Promise<{ executablePath: string; source: string; libraryPath: string } | null>;
};

let app: Playground;
let browser: Browser | undefined;

beforeAll(async () => {
  app = await startPlayground({ serveAdminPanel: true });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it("renders Strapi's admin in the npm-packaged Chromium", async () => {
  const packaged = await bundledChromium();
  expect(packaged).toMatchObject({ source: 'bundled' });
  expect(packaged!.executablePath).not.toMatch(/^\/usr\/bin\//);
  browser = await launchChromium(packaged!.executablePath, packaged!.libraryPath);
  const page = await browser.newPage();
  await page.goto(`${app.url}/admin`);
  await page.waitForURL('**/admin/auth/register-admin');
  await expect(page.locator('input[name="email"]').isVisible()).resolves.toBe(true);
});
