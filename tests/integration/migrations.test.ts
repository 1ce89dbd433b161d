/**
 * Migrations that move existing data, run against a database as an earlier Plenum left it (the
 * migrations before them applied, rows written), then migrated as a start-up would.
 */
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { migrate } from '../../db/migrate';
import { withDatabase } from '../setup/urls';

const adminUrl = inject('adminUrl');
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
const databases: string[] = [];
afterAll(async () => {
  for (const name of databases) await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

/** A new database with the migrations named before `upTo` applied, as an earlier release had them. */
async function databaseBefore(upTo: string) {
  const name = `plenum_migrate_${randomBytes(5).toString('hex')}`;
  await admin.unsafe(`CREATE DATABASE ${name}`);
  databases.push(name);
  const db = postgres(withDatabase(adminUrl, name), { max: 1, onnotice: () => {} });
  const dir = path.join(import.meta.dirname, '../../db/migrations');
  await db`CREATE TABLE schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`;
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.sql') && f < upTo).sort()) {
    await db.unsafe(await readFile(path.join(dir, file), 'utf8'));
    await db`INSERT INTO schema_migrations (name) VALUES (${file})`;
  }
  return db;
}

describe('010: cases belong to the course', () => {
  it('gives every existing course the two cases it compared, and each of its sources its case', async () => {
    const db = await databaseBefore('010');
    try {
      await db`INSERT INTO cases (key, title, summary) VALUES ('soviet-1957', 'The Soviet anti-party group', 'Presidium against Khrushchev.'), ('dprk-1956', 'The August plenum', 'Kim against his critics.')`;
      const [user] = await db`INSERT INTO users (email, display_name, password_hash) VALUES ('t@example.org', 'T', 'x') RETURNING id`;
      const courses = await db`INSERT INTO courses (title, term, join_code, created_by) VALUES ('A', 'S', 'AAAAAAAA', ${user!.id}), ('B', 'S', 'BBBBBBBB', ${user!.id}) RETURNING id`;
      const docs = await db`
        INSERT INTO documents (slug, title, case_key, kind) VALUES ('memo', 'Memo', 'soviet-1957', 'primary'), ('cable', 'Cable', 'dprk-1956', 'primary'), ('essay', 'Essay', 'both', 'secondary')
        RETURNING id, slug`;
      const id = (slug: string) => docs.find((d) => d.slug === slug)!.id;
      // Course A reads all three; course B the cable only.
      await db`INSERT INTO course_documents (course_id, document_id, position) VALUES
        (${courses[0]!.id}, ${id('memo')}, 1), (${courses[0]!.id}, ${id('cable')}, 2), (${courses[0]!.id}, ${id('essay')}, 3), (${courses[1]!.id}, ${id('cable')}, 1)`;

      expect(await migrate(db)).toContain('010_course_cases.sql');

      for (const course of courses) {
        expect(await db`SELECT title, summary, position FROM course_cases WHERE course_id = ${course.id} ORDER BY position`).toEqual([
          { title: 'Moscow, June 1957', summary: 'Presidium against Khrushchev.', position: 1 },
          { title: 'Pyongyang, 1956', summary: 'Kim against his critics.', position: 2 },
        ]);
      }
      const placed = await db`
        SELECT c.title AS course, d.slug, cc.title AS case FROM course_documents cd
        JOIN courses c ON c.id = cd.course_id JOIN documents d ON d.id = cd.document_id LEFT JOIN course_cases cc ON cc.id = cd.case_id
        ORDER BY c.title, cd.position`;
      expect(placed).toEqual([
        { course: 'A', slug: 'memo', case: 'Moscow, June 1957' },
        { course: 'A', slug: 'cable', case: 'Pyongyang, 1956' },
        { course: 'A', slug: 'essay', case: null },
        { course: 'B', slug: 'cable', case: 'Pyongyang, 1956' },
      ]);
      // Each source's case is its own course's: course B's cable points at B's case, not A's.
      const [cross] = await db`
        SELECT count(*)::int AS n FROM course_documents cd JOIN course_cases cc ON cc.id = cd.case_id WHERE cc.course_id <> cd.course_id`;
      expect(cross!.n).toBe(0);
      expect(await db`SELECT 1 FROM information_schema.columns WHERE table_name = 'documents' AND column_name = 'case_key'`).toHaveLength(0);
    } finally {
      await db.end();
    }
  });
});
