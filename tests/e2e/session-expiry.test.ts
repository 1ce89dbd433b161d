import { describe, expect, it } from 'vitest';
import { hashPassword } from '~/lib/password.server';
import { updatePasswordHash } from '../../db/queries/users';
import { sql } from '../../db/sql';
import { createSeminar } from '../helpers/fixtures';
import { e2eHarness, openSignedIn } from './browser';

const h = e2eHarness({ SYNC_AUTH_RECHECK_MS: '500' });

describe('a session that ends while reading', () => {
  it('asks the reader to sign in again, keeps what they wrote meanwhile, and resumes', async () => {
    const { course, documentId, students: [ana, ben] } = await createSeminar();
    await updatePasswordHash({ userId: ana!.id, passwordHash: await hashPassword('a long password') });
    const [email] = await sql<{ email: string }[]>`SELECT email FROM users WHERE id = ${ana!.id}`;
    const path = `/c/${course.id}/d/${documentId}`;
    const a = await openSignedIn(h.browser, h.app.baseUrl, ana!);
    const b = await openSignedIn(h.browser, h.app.baseUrl, ben!);
    for (const { page } of [a, b]) {
      await page.goto(h.app.baseUrl + path);
      await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    }

    await sql`DELETE FROM sessions WHERE id = ${ana!.sessionId}`; // e.g. signed out on another device
    await a.page.getByRole('status').filter({ hasText: 'Signed out' }).waitFor();

    // Ana goes on writing: the note is kept in her browser.
    await a.page.getByRole('button', { name: 'Note on the whole source' }).click();
    await a.page.getByLabel('Your note').fill('Written after my session ended.');
    await a.page.getByRole('button', { name: 'Save note' }).click();
    await a.page.locator('.note-card').filter({ hasText: 'Written after my session ended.' }).waitFor();
    await b.page.waitForTimeout(300);
    expect(await b.page.locator('.note-card').filter({ hasText: 'Written after my session ended.' }).count()).toBe(0);

    await a.page.getByRole('link', { name: 'Sign in again' }).click();
    await a.page.getByText('Your session ended. Sign in again to continue.').waitFor();
    await a.page.getByLabel('Email').fill(email!.email);
    await a.page.getByLabel('Password').fill('a long password');
    await a.page.getByRole('button', { name: 'Sign in' }).click();
    await a.page.waitForURL((url) => url.pathname === path);
    await a.page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    await b.page.locator('.note-card').filter({ hasText: 'Written after my session ended.' }).waitFor();
    await Promise.all([a.context.close(), b.context.close()]);
  });
});
