import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })).newPage();
page.on('console', (m) => m.type() === 'error' && console.log('console', m.text()));
await page.goto('http://localhost:3000/signin');
await page.getByLabel('Email').fill('jonas@plenum.test');
await page.getByLabel('Password').fill('plenum-demo');
await page.getByRole('button', { name: 'Sign in' }).click();
await page.waitForURL((u) => !u.pathname.startsWith('/signin'));
await page.goto('http://localhost:3000/c/38359061-efd5-47cc-a4af-2e72ec64e6d8/d/98a7f499-7516-44f9-956a-6543f951fe23');
await page.locator('[data-sync="ready"]').waitFor();
await page.evaluate(() => {
  const span = document.querySelectorAll('.block-text')[4]!;
  const range = document.createRange();
  range.setStart(span.firstChild!, 7); range.setEnd(span.firstChild!, 20);
  getSelection()!.removeAllRanges(); getSelection()!.addRange(range);
});
await page.waitForTimeout(300);
await page.screenshot({ path: '/tmp/shots/ph-1.png' });
await page.getByRole('button', { name: /Annotate/ }).click();
await page.waitForTimeout(500);
await page.screenshot({ path: '/tmp/shots/ph-2.png' });
await page.getByRole('button', { name: 'Cancel' }).click();
await page.waitForTimeout(400);
await page.screenshot({ path: '/tmp/shots/ph-3.png' });
// select again with panel open
await page.evaluate(() => {
  const span = document.querySelectorAll('.block-text')[4]!;
  const range = document.createRange();
  range.setStart(span.firstChild!, 30); range.setEnd(span.firstChild!, 50);
  getSelection()!.removeAllRanges(); getSelection()!.addRange(range);
});
await page.waitForTimeout(300);
await page.screenshot({ path: '/tmp/shots/ph-4.png' });
await browser.close();
