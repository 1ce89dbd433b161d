/** The demo course seeded on first start: a seminar, four demo accounts, and the five sources. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashPassword } from '~/lib/password.server';
import { createAssignment, publishAssignment } from '../queries/assignments';
import { importDocument } from '~/lib/sources/import.server';
import { saveCourseCases } from '../queries/cases';
import { slugify } from '../queries/documents';
import { sql, type Transaction } from '../sql';
import { seedDemoNotes } from './demo-notes';
import { seedDemoPeople, type ManifestPerson } from './demo-people';

const sourcesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sources');

/** Demo-only accounts, printed at start-up and listed in README. Never use them on a real server. */
export const DEMO_ACCOUNTS = [
  { email: 'instructor@plenum.test', displayName: 'Dr. Ada Sokolova', role: 'instructor' },
  { email: 'mira@plenum.test', displayName: 'Mira Chen', role: 'student' },
  { email: 'jonas@plenum.test', displayName: 'Jonas Weber', role: 'student' },
  { email: 'sunhee@plenum.test', displayName: 'Sun-hee Park', role: 'student' },
] as const;
export const DEMO_PASSWORD = 'plenum-demo';
export const DEMO_JOIN_CODE = 'PLENUM57';
export const DEMO_COURSE = {
  title: 'Toppling the Leader? Moscow 1957 and Pyongyang 1956',
  term: 'Winter 2026',
};

/** The reading order: each case's contemporary record first, then the later accounts. */
const READING_ORDER = [
  'cia-khrushchev-purge-1957-07-23.txt',
  'cia-caesar-xv-anti-party-group-1962.txt',
  'mikoyan-cable-1956-09-22.txt',
  'article-mikoyan-papers-august-plenum.txt',
  'article-north-korea-1956-reconsidering.txt',
];

/** The demo course's names and colours for the manifest's two cases (its summaries are the manifest's). */
const DEMO_CASES: Record<string, { title: string; colour: string }> = {
  'soviet-1957': { title: 'Moscow, June 1957', colour: '#9b2c2c' },
  'dprk-1956': { title: 'Pyongyang, 1956', colour: '#2c6e63' },
};

interface Manifest {
  cases: { key: string; title: string; summary: string }[];
  documents: {
    file: string;
    title: string;
    /** A case's key, or `both`. */
    case: string;
    kind: 'primary' | 'secondary';
    genre: string;
    date: string | null;
    origin: string;
    text_note: string;
  }[];
  people: ManifestPerson[];
}

export async function readManifest(): Promise<Manifest> {
  return JSON.parse(await readFile(path.join(sourcesDir, 'manifest.json'), 'utf8')) as Manifest;
}

/** Seeds, with `demo`, the demo course unless it is there already. Returns whether it created it. */
export async function seed(options: { demo: boolean }): Promise<boolean> {
  const manifest = await readManifest();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(7007002)`;
    const [existing] = await tx`SELECT 1 FROM courses WHERE join_code = ${DEMO_JOIN_CODE}`;
    if (!options.demo || existing) return false;

    const ids: Record<string, string> = {};
    for (const account of DEMO_ACCOUNTS) {
      const [row] = await tx<{ id: string }[]>`
        INSERT INTO users (email, display_name, password_hash)
        VALUES (${account.email}, ${account.displayName}, ${passwordHash})
        ON CONFLICT (email) DO UPDATE SET display_name = EXCLUDED.display_name
        RETURNING id`;
      ids[account.email] = row!.id;
    }
    const instructorId = ids[DEMO_ACCOUNTS[0].email]!;
    const [course] = await tx<{ id: string }[]>`
      INSERT INTO courses (title, term, join_code, created_by)
      VALUES (${DEMO_COURSE.title}, ${DEMO_COURSE.term}, ${DEMO_JOIN_CODE}, ${instructorId}) RETURNING id`;
    for (const account of DEMO_ACCOUNTS) {
      await tx`INSERT INTO memberships (course_id, user_id, role) VALUES (${course!.id}, ${ids[account.email]!}, ${account.role})`;
    }
    const cases = await saveCourseCases(
      course!.id,
      manifest.cases.map((c) => ({ title: DEMO_CASES[c.key]?.title ?? c.title, summary: c.summary, colour: DEMO_CASES[c.key]?.colour ?? '#687080' })),
      tx,
    );
    const caseOfKey = new Map(manifest.cases.map((c, i) => [c.key, cases[i]!.id]));
    const documents: Record<string, { id: string; text: string; version: number }> = {};
    for (const file of READING_ORDER) {
      const entry = manifest.documents.find((d) => d.file === file);
      if (!entry) throw new Error(`manifest.json has no entry for ${file}`);
      const text = await readFile(path.join(sourcesDir, file), 'utf8');
      const imported = await importDocument(
        {
          meta: {
            slug: slugify(file.replace(/\.txt$/, '')),
            title: entry.title,
            kind: entry.kind,
            genre: entry.genre,
            date: entry.date,
            origin: entry.origin,
            textNote: entry.text_note,
          },
          text,
          createdBy: instructorId,
          courseId: course!.id,
          caseId: caseOfKey.get(entry.case) ?? null,
        },
        tx,
      );
      documents[slugify(file.replace(/\.txt$/, ''))] = { id: imported.documentId, text, version: imported.version };
    }
    await seedDemoPeople(tx, { courseId: course!.id, by: instructorId, people: manifest.people, caseOfKey });
    await seedDemoNotes(tx, { courseId: course!.id, users: ids, documents, cases: { moscow: caseOfKey.get('soviet-1957')!, pyongyang: caseOfKey.get('dprk-1956')! } });
    await seedDemoAssignment(tx, { courseId: course!.id, instructorId, documents });
    return true;
  });
}

/** A published reading assignment on both cases, opened before the demo notes were written. */
async function seedDemoAssignment(tx: Transaction, input: { courseId: string; instructorId: string; documents: Record<string, { id: string }> }) {
  const day = 24 * 3600 * 1000;
  const id = await createAssignment(
    {
      courseId: input.courseId,
      createdBy: input.instructorId,
      assignment: {
        title: 'Week 1: Who could remove the leader?',
        prompt:
          'Read the CIA study of the June 1957 crisis beside Mikoyan’s cable from Pyongyang.\n\n' +
          'In each case, **who** had the power to remove the leader, and **why** did they fail? ' +
          'Annotate the passages that answer it, answer at least one classmate, and write a short response.',
        kind: 'reading',
        opensAt: new Date(Date.now() - 4 * day),
        dueAt: new Date(Date.now() + 4 * day),
        minNotes: 2,
        minReplies: 1,
        minLinks: 0,
        peerGate: false,
        minMatrixEntries: 0,
        responseRequired: true,
        minWords: 150,
        documents: ['cia-caesar-xv-anti-party-group-1962', 'mikoyan-cable-1956-09-22'].map((slug) => ({ documentId: input.documents[slug]!.id, focusBlocks: [] })),
      },
    },
    tx,
  );
  await publishAssignment({ courseId: input.courseId, id }, input.instructorId, tx);
}
