import { describe, expect, it } from 'vitest';
import { importDocument } from '~/lib/sources/import.server';
import { createSeminar } from '../helpers/fixtures';
import { e2eHarness, openSignedIn, selectPhrase } from './browser';

const h = e2eHarness();

const TEXT = ['The attempted coup against Khrushchev had its antecedents.', 'Halenkov, Molotov and Kaganovich lost the vote.', 'Shepilov joined them.'].join('\n\n');

describe('suggesting a correction', () => {
  it('a student suggests one from a selection; the instructor edits and accepts it, and the reader shows the new version', async () => {
    const { course, students: [ana], instructor } = await createSeminar();
    const meta = { slug: `memo-e-${course.id}`, title: 'June memo', kind: 'primary' as const, genre: '', date: null, origin: '', textNote: '' };
    const { documentId } = await importDocument({ meta, text: TEXT, createdBy: instructor.id, courseId: course.id });

    const student = await openSignedIn(h.browser, h.app.baseUrl, ana!, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    await student.page.goto(`${h.app.baseUrl}/c/${course.id}/d/${documentId}`);
    await student.page.locator('[data-sync="ready"]').waitFor();
    await selectPhrase(student.page, 'Halenkov');
    await student.page.getByRole('button', { name: 'Suggest a correction…' }).click();
    const dialog = student.page.getByRole('dialog', { name: 'Suggest a correction' });
    const proposed = dialog.getByLabel('It should say');
    expect(await proposed.inputValue()).toBe('Halenkov');
    // Unchanged, it is refused in the dialog, which stays open.
    await dialog.getByRole('button', { name: 'Send to the instructors' }).click();
    await dialog.getByText('This is what the passage says already').waitFor();
    await proposed.fill('Malenkov');
    await dialog.getByLabel('Why (optional)').fill('The OCR read M as H.');
    await dialog.getByRole('button', { name: 'Send to the instructors' }).click();
    await dialog.waitFor({ state: 'detached' });
    await student.page.getByRole('status').filter({ hasText: 'Your suggestion is with your instructors.' }).getByRole('link', { name: 'See your suggestions' }).click();
    await student.page.getByRole('heading', { name: 'Waiting for your instructors' }).waitFor();

    const teacher = await openSignedIn(h.browser, h.app.baseUrl, instructor);
    await teacher.page.goto(`${h.app.baseUrl}/c/${course.id}/d/${documentId}`);
    await teacher.page.getByRole('link', { name: 'Suggested corrections (1 waiting)' }).click();
    await teacher.page.getByText('“The OCR read M as H.”').waitFor();
    await teacher.page.getByText('Edit before accepting').click();
    await teacher.page.getByLabel(/Text to accept/).fill('MALENKOV');
    await teacher.page.getByRole('checkbox', { name: /Accept/ }).check();
    await teacher.page.getByRole('button', { name: 'Accept 1 and publish version 2' }).click();
    await teacher.page.getByRole('dialog', { name: 'Publish version 2?' }).getByRole('button', { name: 'Publish version 2' }).click();
    await teacher.page.waitForURL(/\?published=2$/);
    await teacher.page.getByText('MALENKOV, Molotov and Kaganovich lost the vote.').waitFor();

    // The student's page says it was accepted, edited, in version 2.
    await student.page.reload();
    await student.page.getByText(/accepted in version 2\s*\(edited\)/).waitFor();
    await Promise.all([student.context.close(), teacher.context.close()]);
  });
});
