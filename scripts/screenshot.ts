/**
 * Signs in as a demo account and screenshots pages of a running Plenum at laptop and phone widths.
 * Usage: tsx scripts/screenshot.ts <base-url> <out-dir> <email> <path> [<path> …]
 */
import { chromium } from 'playwright-core';

const [base = 'http://localhost:3000', out = '/tmp/shots', email = 'mira@plenum.test', ...paths] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
for (const [label, viewport] of [
  ['laptop', { width: 1366, height: 860 }],
  ['phone', { width: 390, height: 844 }],
] as const) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(`${base}/signin`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('plenum-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
  for (const [i, path] of (paths.length ? paths : ['/']).entries()) {
    await page.goto(base + path);
    // Live pages (reader, board) fill in after their rooms sync.
    if (await page.locator('[data-sync]').count()) await page.locator('[data-sync="ready"]').first().waitFor({ timeout: 10_000 }).catch(() => {});
    await page.screenshot({ path: `${out}/${label}-${i}.png`, fullPage: false });
  }
  await context.close();
}
await browser.close();
