import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { addPerson, listPeople } from '../../db/queries/people';
import { sql } from '../../db/sql';
import { describePassage } from '~/lib/anchoring/selectors';
import { addNote, type NoteEntry } from '~/lib/notes/model';
import { findSpellings } from '~/lib/people/spellings';
import { importDocument } from '~/lib/sources/import.server';
import { appHarness } from '../helpers/app-harness';
import { createMember, createSeminar, spellingOf as spelling, type TestMember } from '../helpers/fixtures';
import { eventually } from '../helpers/sync-clients';

const h = appHarness();

const SOURCES = new URL('../../db/seed/sources/', import.meta.url);
const manifest = JSON.parse(await readFile(new URL('manifest.json', SOURCES), 'utf8')) as {
  documents: { file: string; title: string; case: string }[];
  people: { name: string; variants: string[]; case: string }[];
};

/** A seminar reading the five sources of the demo corpus (Soviet case first, Korean second). */
async function corpus() {
  const seminar = await createSeminar(['Ana', 'Ben']);
  const texts: string[] = [];
  for (const doc of manifest.documents) {
    const text = await readFile(new URL(doc.file, SOURCES), 'utf8');
    texts.push(text);
    await importDocument({
      meta: { slug: `${doc.file}-${seminar.course.id}`, title: doc.title, kind: 'primary', genre: '', date: null, origin: '', textNote: '' },
      text,
      createdBy: seminar.instructor.id,
      courseId: seminar.course.id,
      caseId: doc.case === 'soviet-1957' ? seminar.cases[0]!.id : doc.case === 'dprk-1956' ? seminar.cases[1]!.id : null,
    });
  }
  return { ...seminar, texts };
}


/** A page's HTML for `member`, with React's text separators taken out. */
async function page(member: TestMember, path: string) {
  const res = await h.as(member).get(path);
  return { status: res.status, html: (await res.text()).replaceAll('<!-- -->', '') };
}

const countsOf = (html: string, name: string) => {
  const m = new RegExp(`>${name}</a><span class="meta"> (\\d+) passages? · (\\d+) notes?`).exec(html);
  return m ? { passages: Number(m[1]), notes: Number(m[2]) } : null;
};

describe('people index', () => {
  it('suggests the spellings the sources hold of a person, without being told them: the manifest’s own variants are found', async () => {
    const c = await corpus();
    // Each person with their name alone (and, for those the sources call by surname, the surname): no variant.
    for (const p of manifest.people) {
      const words = p.name.split(' ');
      const short = p.case === 'dprk-1956' ? [] : [words.at(-1)!];
      await addPerson(c.course.id, { name: p.name, role: '', caseId: null }, [p.name, ...short].map(spelling), c.instructor.id);
    }
    const people = await listPeople(c.course.id);
    const missed: string[] = [];
    for (const p of manifest.people) {
      const id = people.find((q) => q.name === p.name)!.id;
      const { status, html } = await page(c.instructor, `/c/${c.course.id}/people/${id}`);
      expect(status).toBe(200);
      const suggested = [...html.matchAll(/aria-label="Confirm (.+?) as a spelling of/g)].map((m) => spelling(m[1]!.replaceAll('&#x27;', "'")).norm);
      for (const variant of p.variants) {
        const norm = spelling(variant).norm;
        const listed = people.find((q) => q.name === p.name)!.spellings.some((s) => s.norm === norm);
        // A variant the sources hold as words of their own (the OCR glued "Valen-kov" to the word before it: "JuneValen-kov").
        const inSources = c.texts.some((t) => findSpellings(t, [norm]).length > 0);
        if (!listed && inSources && !suggested.includes(norm)) missed.push(`${p.name}: ${variant}`);
      }
    }
    expect(missed).toEqual([]);
  });

  it('searches a person in every listed spelling, including romanisations no similarity would find, and says so', async () => {
    const c = await corpus();
    const before = await page(c.students[0]!, `/c/${c.course.id}/search?q=${encodeURIComponent('Choe Chang-ik')}`);
    expect(before.html).not.toContain('<mark>Choi Chang-ik</mark>');
    await addPerson(c.course.id, { name: 'Choe Chang-ik', role: '', caseId: c.cases[1]!.id }, [spelling('Choe Chang-ik'), spelling('Choi Chang-ik')], c.instructor.id);
    const after = await page(c.students[0]!, `/c/${c.course.id}/search?q=${encodeURIComponent("Ch'oe Chang ik")}`);
    expect(after.status).toBe(200);
    expect(after.html).toContain('<mark>Choi Chang-ik</mark>');
    expect(after.html).toContain('spelled “Choi Chang-ik”');
    expect(after.html.replace(/<[^>]+>/g, '')).toContain('Also searched, as spellings in the people index: Choe Chang-ik → choi chang ik.');
  });

  it('counts passages and the notes a member may see, and a new spelling changes the count', async () => {
    const c = await corpus();
    await addPerson(c.course.id, { name: 'Georgy Malenkov', role: 'Presidium member', caseId: c.cases[0]!.id }, [spelling('Georgy Malenkov'), spelling('Malenkov')], c.instructor.id);
    const [ana, ben] = c.students;
    // Ana's private note naming him counts for her, not for Ben. (On the seminar's own cable.)
    const cable = 'Today, 22 September, a meeting was held.\n\nCde. Kim Il Sung passed us the draft.\n';
    const room = h.join(ana!, `private:${c.course.id}:${c.documentId}:${ana!.id}`);
    await eventually('synced', () => room.sync.provider.synced);
    addNote(room.doc, ana!.id, {
      id: 'mention', kind: 'note', parentId: null, parentAuthorId: null, body: 'Where was Malenkov in all this?', tags: [], selectors: describePassage(cable, 7, 19),
      documentVersion: 1, createdAt: Date.now(), updatedAt: Date.now(), deleted: false,
    } satisfies NoteEntry);
    await eventually('projected', async () => (await sql`SELECT 1 FROM notes WHERE author_id = ${ana!.id}`).length === 1);

    const index = `/c/${c.course.id}/people`;
    const forAna = countsOf((await page(ana!, index)).html, 'Georgy Malenkov')!;
    const forBen = countsOf((await page(ben!, index)).html, 'Georgy Malenkov')!;
    expect(forAna.notes).toBe(1);
    expect(forBen.notes).toBe(0);
    expect(forAna.passages).toBeGreaterThan(10);

    const id = (await listPeople(c.course.id))[0]!.id;
    const added = await h.as(c.instructor).post(`${index}/${id}`, { intent: 'add-spelling', spelling: 'Halenkov' });
    expect(added.status).toBe(200);
    expect(countsOf((await page(ben!, index)).html, 'Georgy Malenkov')!.passages).toBeGreaterThan(forBen.passages);
  });

  it('lets only those allowed change the index, and answers bad input with every field’s error and no change', async () => {
    const c = await corpus();
    const index = `/c/${c.course.id}/people?index`;
    const bad = await h.as(c.instructor).post(index, { name: ' ', role: 'x'.repeat(201), caseId: '00000000-0000-4000-8000-000000000000', spellings: 'Choi\n!!' });
    expect(bad.status).toBe(400);
    const html = (await bad.text()).replaceAll('<!-- -->', '');
    for (const error of ['Name is required', 'Role is at most 200 characters', 'Choose one of the course’s cases', 'Line 2: A spelling needs letters']) expect(html).toContain(error);
    expect(await listPeople(c.course.id)).toEqual([]);

    const ok = await h.as(c.students[0]!).post(index, { name: 'Ri Sang-jo', role: 'Ambassador', caseId: c.cases[1]!.id, spellings: 'Yi Sang-jo' });
    expect(ok.status).toBe(200);
    const again = await h.as(c.instructor).post(index, { name: 'RI SANG JO', role: '', caseId: '', spellings: '' });
    expect(again.status).toBe(409);
    const person = (await listPeople(c.course.id))[0]!;
    expect(person.spellings.map((s) => s.spelling)).toEqual(['Ri Sang-jo', 'Yi Sang-jo']);
    // Another person may not take a spelling that is his.
    await h.as(c.instructor).post(index, { name: 'Someone Else', role: '', caseId: '', spellings: '' });
    const other = (await listPeople(c.course.id)).find((p) => p.name === 'Someone Else')!;
    expect((await h.as(c.instructor).post(`/c/${c.course.id}/people/${other.id}`, { intent: 'add-spelling', spelling: 'Yi Sang-jo' })).status).toBe(409);

    // When the course closes the index to students, they can read it but not change it; only instructors remove a person.
    await sql`UPDATE courses SET students_edit_people = false WHERE id = ${c.course.id}`;
    expect((await h.as(c.students[0]!).post(index, { name: 'Pak Chang-ok', role: '', caseId: '', spellings: '' })).status).toBe(403);
    expect((await h.as(c.students[0]!).post(`/c/${c.course.id}/people/${person.id}`, { intent: 'add-spelling', spelling: 'Ri Sangjo' })).status).toBe(403);
    expect((await page(c.students[0]!, `/c/${c.course.id}/people/${person.id}`)).status).toBe(200);
    await sql`UPDATE courses SET students_edit_people = true WHERE id = ${c.course.id}`;
    expect((await h.as(c.students[0]!).post(`/c/${c.course.id}/people/${person.id}`, { intent: 'delete' })).status).toBe(403);
    // Nobody outside the course sees or changes it.
    const stranger = await createMember('Stranger');
    expect((await page(stranger, `/c/${c.course.id}/people`)).status).toBe(404);
    expect((await page(stranger, `/c/${c.course.id}/people/${person.id}`)).status).toBe(404);
    expect((await h.as(stranger).post(index, { name: 'X', role: '', caseId: '', spellings: '' })).status).toBe(404);
    expect((await listPeople(c.course.id)).map((p) => p.name).sort()).toEqual(['Ri Sang-jo', 'Someone Else']);
  });
});
