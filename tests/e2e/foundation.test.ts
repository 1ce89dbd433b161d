import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { tmpdir } from 'node:os';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { mailedLink } from '../helpers/browserless-client';
import { e2eHarness, openPage } from './browser';

const h = e2eHarness();


async function signUp(page: Page, name: string, email: string) {
  await page.goto(`${h.app.baseUrl}/signup`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Your name, as classmates will see it').fill(name);
  await page.getByLabel('Password').fill('a long password');
  await page.getByRole('button', { name: 'Create account' }).click();
  // The same answer for every address; the link is in the mail.
  await page.getByRole('heading', { name: 'Check your email' }).waitFor();
  await page.goto(h.app.baseUrl + (await mailedLink(email, '/signup/confirm/')));
  await page.getByRole('heading', { name: 'Finish creating your account' }).waitFor();
  await page.getByLabel('Password').fill('a long password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Your courses' }).waitFor();
}

describe('a seminar starts', () => {
  it('instructor creates a course and adds a source; a student joins, reads it, and follows a deep link; sign-out ends the session', async () => {
    const { context: teacherContext, page: teacher } = await openPage(h.browser);
    await signUp(teacher, 'Professor Lim', 'lim@example.org');
    await teacher.getByRole('link', { name: 'New course' }).click();
    await teacher.getByLabel('Title').fill('Failed coups, 1956–57');
    await teacher.getByLabel('Term').fill('Spring 2027');
    // The cases the class compares: two rows, and a third added and removed again.
    await teacher.getByLabel('Case 1', { exact: true }).fill('Moscow, June 1957');
    await teacher.getByLabel('Case 2', { exact: true }).fill('Pyongyang, 1956');
    await teacher.getByLabel('Summary of case 2 (optional)').fill('The August plenum and the Sino-Soviet intervention.');
    await teacher.getByRole('button', { name: 'Add a case' }).click();
    await teacher.getByLabel('Case 3', { exact: true }).fill('Budapest, 1956');
    await teacher.getByRole('button', { name: 'Remove case 3' }).click();
    await teacher.getByLabel('Case 3', { exact: true }).waitFor({ state: 'detached' });
    expect(await teacher.getByLabel('Case 2', { exact: true }).inputValue()).toBe('Pyongyang, 1956');
    await teacher.getByRole('button', { name: 'Create course' }).click();
    await teacher.getByText('Course created.').waitFor();
    const joinCode = (await teacher.getByTestId('join-code').textContent())!.trim();
    expect(joinCode).toMatch(/^[A-Z2-9]{8}$/);

    // The instructor uploads a source through the form.
    const file = path.join(tmpdir(), `cable-${Date.now()}.txt`);
    const paragraphs = Array.from({ length: 40 }, (_, i) => `Paragraph ${i + 1} of the cable, long enough to take some room on the page when it is read.`);
    await writeFile(file, ['Cable from Pyongyang', ...paragraphs.slice(0, 20), '- 3 -', ...paragraphs.slice(20)].join('\n\n'));
    await teacher.getByRole('link', { name: 'Add source' }).click();
    await teacher.getByLabel('Text file').setInputFiles(file);
    await teacher.getByLabel('Title').fill('Cable from Pyongyang');
    await teacher.getByLabel('Pyongyang, 1956').check();
    await teacher.getByLabel('Date').fill('1956-09-22');
    await teacher.getByRole('button', { name: 'Add source' }).click();
    await teacher.getByRole('heading', { level: 1, name: 'Cable from Pyongyang' }).waitFor();

    // A student, in a browser of their own, joins with the code.
    const { context: studentContext, page: student } = await openPage(h.browser, { viewport: { width: 390, height: 844 } });
    await signUp(student, 'Dae-jung', 'dj@example.org');
    await student.getByRole('link', { name: 'Join with a code' }).click();
    await student.getByLabel('Join code').fill(joinCode.toLowerCase());
    await student.getByRole('button', { name: 'Join course' }).click();
    await student.getByRole('heading', { name: 'Pyongyang, 1956' }).waitFor();
    await student.getByText('The August plenum and the Sino-Soviet intervention.').waitFor();
    await student.getByRole('link', { name: 'Cable from Pyongyang' }).click();
    await student.getByRole('heading', { level: 1, name: 'Cable from Pyongyang' }).waitFor();
    expect(await student.locator('.block.furniture').textContent()).toContain('- 3 -');

    // A deep link scrolls to its block and marks it.
    const readerUrl = student.url();
    await student.goto(`${readerUrl}#b30`);
    const target = student.locator('#b30');
    await expect.poll(() => target.evaluate((el) => el.matches(':target'))).toBe(true);
    const box = await target.boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeLessThan(844);
    expect(await target.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
    expect(await target.textContent()).toContain('Paragraph 28 of the cable') // ¶ 1 is the title, ¶ 22 the page number;

    // Sign out; the old cookie no longer opens anything.
    const [oldCookie] = await studentContext.cookies();
    await student.getByRole('button', { name: 'Sign out' }).click();
    await student.getByRole('heading', { name: 'Sign in' }).waitFor();
    const { context: replay, page: replayPage } = await openPage(h.browser);
    await replay.addCookies([oldCookie!]);
    await replayPage.goto(readerUrl);
    expect(new URL(replayPage.url()).pathname).toBe('/signin');

    await Promise.all([teacherContext.close(), studentContext.close(), replay.close()]);
  });

  it('shows field errors in the page for bad sign-in and a bad join code', async () => {
    const { context, page } = await openPage(h.browser);
    await page.goto(`${h.app.baseUrl}/signin`);
    await page.getByLabel('Email').fill('lim@example.org');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'That email and password do not match an account.' }).waitFor();

    await signUp(page, 'Another', 'another@example.org');
    await page.goto(`${h.app.baseUrl}/join`);
    await page.getByLabel('Join code').fill('WRONG234');
    await page.getByRole('button', { name: 'Join course' }).click();
    await page.getByRole('alert').filter({ hasText: 'No course has that join code' }).waitFor();
    await context.close();
  });

  it('the reader is readable without JavaScript', async () => {
    const { context, page } = await openPage(h.browser, { javaScriptEnabled: false });
    await page.goto(`${h.app.baseUrl}/signin`);
    await page.getByLabel('Email').fill('lim@example.org');
    await page.getByLabel('Password').fill('a long password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The test above tried a wrong password on this account: its owner is told before going on.
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('with a wrong password 1 time since you last signed in');
    await page.getByRole('link', { name: 'Continue to Plenum' }).click();
    await page.getByRole('link', { name: /Failed coups/ }).click();
    await page.getByRole('link', { name: 'Cable from Pyongyang' }).click();
    expect(await page.locator('#b2').textContent()).toContain('Paragraph 1 of the cable');
    await context.close();
  });

  // Remix cancels a fetcher load that an action elsewhere makes stale; if its response is mid-stream,
  // turbo-stream leaves an AbortError rejection unhandled (this failed a CI run, rarely and by timing).
  it('a cancelled load is not reported as a page error; any other failure still is', async () => {
    const { context, page } = await openPage(h.browser);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`));
    await page.goto(`${h.app.baseUrl}/signin`);
    await page.evaluate(() => {
      const cancelled = new AbortController();
      cancelled.abort();
      void Promise.reject(cancelled.signal.reason);
      void Promise.reject(new Error('a real failure'));
    });
    await expect.poll(() => errors).toEqual(['Error: a real failure']);
    await context.close();
  });
});
