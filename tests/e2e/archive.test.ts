import { describe, expect, it } from 'vitest';
import { createSeminar } from '../helpers/fixtures';
import { e2eHarness, openSignedIn } from './browser';

const h = e2eHarness();

describe('retiring a source', () => {
  it('an instructor archives a source after confirming, and undoes it from the course home', async () => {
    const { course, instructor, documentId } = await createSeminar();
    const { context, page } = await openSignedIn(h.browser, h.app.baseUrl, instructor);
    await page.goto(`${h.app.baseUrl}/c/${course.id}/d/${documentId}`);
    await page.getByRole('button', { name: 'Archive this source…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Archive “Cable”?' });
    // Cancelled, nothing happens.
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(new URL(page.url()).pathname).toBe(`/c/${course.id}/d/${documentId}`);
    await page.getByRole('button', { name: 'Archive this source…' }).click();
    await confirm.getByRole('button', { name: 'Archive' }).click();

    await page.waitForURL(`**/c/${course.id}?archived=${documentId}`);
    await page.getByRole('status').filter({ hasText: '“Cable” is archived.' }).waitFor();
    expect(await page.locator('.source-list').getByText('Cable').count()).toBe(0);
    await page.getByText('Archived sources (1)').click();
    await page.getByRole('button', { name: 'Restore Cable' }).waitFor();

    await page.getByRole('button', { name: 'Undo' }).click();
    await page.waitForURL(`**/c/${course.id}/d/${documentId}?restored=1`);
    await page.getByRole('status').filter({ hasText: 'Restored' }).waitFor();
    await page.goto(`${h.app.baseUrl}/c/${course.id}`);
    await page.locator('.source-list').getByRole('link', { name: 'Cable' }).waitFor();
    await context.close();
  });
});
