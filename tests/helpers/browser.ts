/*
 * Drives Chromium (the one scripts/chromium.js chose: CHROMIUM_PATH, the system's, or the npm-packaged
 * one; never a downloaded browser) through playwright-core for the admin tests:
 * launch, register the first admin through Strapi's own form, save screenshots (tests/.artifacts, or docs/screenshots with UPDATE_SCREENSHOTS=1),
 * collect uncaught page errors (a crashing UI fails the test), wait for notifications, pick options.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { ADMIN } from './admin-api';
import { REPO_ROOT } from './playground';

/**
 * Screenshots go to tests/.artifacts/screenshots (ignored by git), so a test run leaves the tree clean;
 * `UPDATE_SCREENSHOTS=1 npm test` refreshes the ones in docs/screenshots.
 */
export const SCREENSHOT_DIR =
  process.env.UPDATE_SCREENSHOTS === '1' ? path.join(REPO_ROOT, 'docs', 'screenshots') : path.join(REPO_ROOT, 'tests', '.artifacts', 'screenshots');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Set for the npm-packaged Chromium: its own shared libraries, for the browser's process only. */
const CHROMIUM_LIBRARY_PATH = process.env.CHROMIUM_LIBRARY_PATH;
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserSession {
  browser: Browser;
  page: Page;
  /** Uncaught exceptions thrown in the page since launch. */
  pageErrors: Error[];
  close(): Promise<void>;
}

/** Launches the chosen Chromium; `executablePath` and `libraryPath` override it (the packaged-browser test). */
export function launchChromium(executablePath = CHROMIUM_PATH, libraryPath = CHROMIUM_LIBRARY_PATH): Promise<Browser> {
  const env = libraryPath ? { ...process.env, LD_LIBRARY_PATH: [libraryPath, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':') } : process.env;
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, env: env as Record<string, string> });
}

export async function launchBrowser(): Promise<BrowserSession> {
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  return { browser, page, pageErrors, close: () => browser.close() };
}

/** Fills Strapi's "create the first administrator" form (a fresh database shows it at /admin). */
export async function registerFirstAdmin(page: Page, baseUrl: string, admin = ADMIN): Promise<void> {
  // The first load parses the whole admin bundle: on a busy machine that alone can take most of a minute.
  await page.goto(`${baseUrl}/admin`, { timeout: 90_000 });
  await page.waitForURL('**/admin/auth/register-admin', { timeout: 30_000 });
  await page.locator('input[name="firstname"]').fill(admin.firstname);
  await page.locator('input[name="lastname"]').fill(admin.lastname);
  await page.locator('input[name="email"]').fill(admin.email);
  await page.locator('input[name="password"]').fill(admin.password);
  await page.locator('input[name="confirmPassword"]').fill(admin.password);
  await page.getByRole('button', { name: "Let's start" }).click();
  await page.waitForURL((url) => !url.pathname.includes('/auth/'));
}

/**
 * Closes Strapi's release-announcement banner, if it shows one, so screenshots show only the page.
 * Strapi can show it again once its per-project storage key is known, so this is called before each
 * screenshot; not while a modal is open, as the modal's overlay covers the banner.
 */
export async function dismissAnnouncements(page: Page): Promise<void> {
  const close = page.getByRole('button', { name: 'Close the banner.' });
  const modalOpen = (await page.getByRole('dialog').count()) + (await page.getByRole('alertdialog').count()) > 0;
  if (!modalOpen && (await close.count())) await close.click();
}

/**
 * Saves the current viewport as <SCREENSHOT_DIR>/<name>. `height` makes the viewport that tall for the
 * shot: the admin scrolls inside its own container, so Playwright's fullPage cannot show more.
 */
export async function saveScreenshot(page: Page, name: string, options: { height?: number } = {}): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await dismissAnnouncements(page);
  const file = path.join(SCREENSHOT_DIR, name);
  const viewport = page.viewportSize();
  if (options.height && viewport) await page.setViewportSize({ width: viewport.width, height: options.height });
  // Animations off: a modal caught while fading in would be half transparent.
  await page.screenshot({ path: file, animations: 'disabled' });
  if (options.height && viewport) await page.setViewportSize(viewport);
  return file;
}

/** Waits for a Strapi notification containing `text`, then closes it so later waits see only new ones. */
export async function dismissNotification(page: Page, text: string | RegExp): Promise<void> {
  const item = page
    .getByRole('region', { name: /^Notifications/ })
    .getByRole('listitem')
    .filter({ hasText: text });
  await item.waitFor();
  await item.getByRole('button', { name: 'Close' }).click();
  await item.waitFor({ state: 'detached' });
}

/** The text of the elements an input's aria-describedby points at (its hint and error). */
export function describedByText(input: Locator): Promise<string> {
  return input.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => (id ? (element.ownerDocument.getElementById(id)?.textContent ?? '') : ''))
      .join(' '),
  );
}

/** Opens the design system's select labelled `label` and picks `option` (matched by accessible name). */
export async function chooseOption(page: Page, label: string, option: string | RegExp): Promise<void> {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
}
