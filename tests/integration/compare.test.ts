import { describe, expect, it } from 'vitest';
import { importDocument } from '~/lib/sources/import.server';
import { appHarness } from '../helpers/app-harness';
import { createMember, createSeminar } from '../helpers/fixtures';

const h = appHarness();
/** Server-rendered HTML without React's text-boundary comments, as a reader sees the text. */
const pageHtml = (html: string) => html.replaceAll('<!-- -->', '');

async function addSource(courseId: string, createdBy: string, title: string, caseId: string | null = null) {
  const { documentId } = await importDocument({
    meta: { slug: `${title.toLowerCase().replace(/\W+/g, '-')}-${courseId}`, title, kind: 'primary', genre: '', date: null, origin: '', textNote: '' },
    text: `${title}, first paragraph.\n\n${title}, second paragraph.\n`,
    createdBy,
    courseId,
    caseId,
  });
  return documentId;
}

describe('the compare view', () => {
  it('shows two sources of the course side by side, each with ¶ numbers of its own', async () => {
    const { course, instructor, students: [ana], documentId: cable } = await createSeminar();
    const memo = await addSource(course.id, instructor.id, 'Purge memo');
    const res = await h.as(ana!).get(`/c/${course.id}/compare?left=${memo}&right=${cable}`);
    expect(res.status).toBe(200);
    const html = pageHtml(await res.text());
    expect(html).toContain('Purge memo, first paragraph.');
    expect(html).toContain('Cde. Kim Il Sung passed us the draft.');
    // Each side's blocks are its own: no id appears twice on the page.
    expect(html).toMatch(/id="left-b1"[^>]*data-start="0"/);
    expect(html).toMatch(/id="right-b2"/);
    expect(html).not.toMatch(/id="b1"/);
    // The course bar names the Compare tab, and both sides are labelled for screen readers.
    expect(html).toContain(`href="/c/${course.id}/compare"`);
    expect(html).toContain('aria-label="Left: Purge memo"');
    expect(html).toContain('aria-label="Right: Cable"');
  });

  it('asks for the pair when none is chosen, and for two different sources when one is chosen twice', async () => {
    const { course, instructor, students: [ana], documentId: cable, cases } = await createSeminar();
    const lone = pageHtml(await (await h.as(ana!).get(`/c/${course.id}/compare`)).text());
    expect(lone).toContain('This course needs at least two sources to compare; it has one yet.');
    const memo = await addSource(course.id, instructor.id, 'Purge memo', cases[0]!.id);
    const picker = pageHtml(await (await h.as(ana!).get(`/c/${course.id}/compare`)).text());
    expect(picker).toContain('Read two sources side by side');
    expect(picker).toMatch(/<select id="pair-left" name="left"/);
    expect(picker).toContain('>Purge memo (Moscow, June 1957)</option>');
    const twice = await h.as(ana!).get(`/c/${course.id}/compare?left=${memo}&right=${memo}`);
    expect(twice.status).toBe(200);
    expect(pageHtml(await twice.text())).toContain('Choose two different sources to read side by side.');
    // The single reader offers the other source to open beside it.
    const reader = pageHtml(await (await h.as(ana!).get(`/c/${course.id}/d/${cable}`)).text());
    expect(reader).toMatch(/<select id="open-beside" name="right"[^>]*><option value="[^"]+"[^>]*>Purge memo/);
  });

  it('answers 404 to a non-member, and for a source that is not the course’s, without showing either text', async () => {
    const { course, instructor, students: [ana], documentId: cable } = await createSeminar();
    const memo = await addSource(course.id, instructor.id, 'Purge memo');
    const outsider = await createMember('Outsider');
    const asOutsider = await h.as(outsider).get(`/c/${course.id}/compare?left=${memo}&right=${cable}`);
    expect(asOutsider.status).toBe(404);
    expect(await asOutsider.text()).not.toContain('first paragraph');

    const elsewhere = await createSeminar(['Zoe']);
    const foreign = await addSource(elsewhere.course.id, elsewhere.instructor.id, 'Foreign diary');
    const mixed = await h.as(ana!).get(`/c/${course.id}/compare?left=${memo}&right=${foreign}`);
    expect(mixed.status).toBe(404);
    const mixedHtml = pageHtml(await mixed.text());
    expect(mixedHtml).toContain('This course has no such source.');
    expect(mixedHtml).not.toContain('Foreign diary');
    expect(mixedHtml).not.toContain('Purge memo, first paragraph.');
    // The course frame stays, with a way back.
    expect(mixedHtml).toContain('class="course-bar"');

    expect((await h.as(ana!).get(`/c/${course.id}/compare?left=${memo}&right=not-an-id`)).status).toBe(404);
  });
});
