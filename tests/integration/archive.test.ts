import { describe, expect, it } from 'vitest';
import { sql } from '../../db/sql';
import { appHarness } from '../helpers/app-harness';
import { comparison, readingAssignment } from '../helpers/comparison';
import { formData as form } from '../helpers/forms';

const h = appHarness();

const page = async (response: Response) => (await response.text()).replaceAll('<!-- -->', '');

describe('retiring a source', () => {
  it('archived, leaves the course home, the pickers and new assignments, keeps its notes and its assignments, and is restored', async () => {
    const c = await comparison();
    const [ana] = c.students;
    const course = `/c/${c.course.id}`;
    await sql`INSERT INTO notes (room, author_id, id, course_id, document_id, visibility, kind, body, document_version, created_at, updated_at)
      VALUES (${`doc:${c.course.id}:${c.memo}`}, ${ana!.id}, 'kept', ${c.course.id}, ${c.memo}, 'class', 'note', 'A note that outlives the archive.', 1, now(), now())`;
    const assignmentId = await readingAssignment(c, 'Read the memo', [c.memo]);
    const archive = `${course}/d/${c.memo}/archive`;

    // Only the course's instructors archive; a source of no course of theirs is not found.
    expect((await h.as(ana!).post(archive, form({ intent: 'archive' }))).status).toBe(403);
    expect((await h.as(c.instructor).post(archive, form({ intent: 'shred' }))).status).toBe(400);
    expect((await h.as(c.instructor).post(`${course}/d/${crypto.randomUUID()}/archive`, form({ intent: 'archive' }))).status).toBe(404);
    expect((await page(await h.as(ana!).get(course)))).toContain('Purge memo');

    const archived = await h.as(c.instructor).post(archive, form({ intent: 'archive' }));
    expect(archived.status).toBe(302);
    expect(archived.headers.get('location')).toBe(`${course}?archived=${c.memo}`);

    // Students no longer see it on the course home, nor in the compare picker; the instructor sees it apart, to restore.
    expect(await page(await h.as(ana!).get(course))).not.toContain('Purge memo');
    expect(await page(await h.as(ana!).get(`${course}/compare`))).not.toContain('Purge memo');
    const home = await page(await h.as(c.instructor).get(`${course}?archived=${c.memo}`));
    expect(home).toContain('“Purge memo” is archived.');
    expect(home).toContain('Archived sources (1)');
    // New assignments do not offer it; the assignment that set it keeps it when edited.
    expect(await page(await h.as(c.instructor).get(`${course}/assignments/new`))).not.toContain('Purge memo');
    const edit = await page(await h.as(c.instructor).get(`${course}/assignments/${assignmentId}/edit`));
    expect(edit).toContain('Purge memo');
    expect(edit).toContain(', archived)');
    // Still readable at its address, with its notes, saying what it is.
    const reader = await page(await h.as(ana!).get(`${course}/d/${c.memo}`));
    expect(reader).toContain('This source is archived');
    expect(reader).toContain('A note that outlives the archive.');

    const restored = await h.as(c.instructor).post(archive, form({ intent: 'restore' }));
    expect(restored.headers.get('location')).toBe(`${course}/d/${c.memo}?restored=1`);
    expect(await page(await h.as(ana!).get(course))).toContain('Purge memo');
    expect(await page(await h.as(c.instructor).get(course))).not.toContain('Archived sources');
    expect(await sql`SELECT 1 FROM notes WHERE course_id = ${c.course.id} AND id = 'kept'`).toHaveLength(1);
  });
});
