import { sql } from '../sql';

export interface UserRow {
  id: string;
  email: string;
  displayName: string;
  passwordHash: string;
}

/**
 * The one form of an email address Plenum stores, compares and counts failures by: trimmed, Unicode
 * NFKC (full-width and compatibility characters folded), lower-cased.
 */
export function canonicalEmail(email: string): string {
  return email.trim().normalize('NFKC').toLowerCase();
}

/** Creates a user; returns null when the email is already taken (in any case or form). */
export async function createUser(input: { email: string; displayName: string; passwordHash: string }) {
  const rows = await sql<{ id: string }[]>`
    INSERT INTO users (email, display_name, password_hash)
    VALUES (${canonicalEmail(input.email)}, ${input.displayName}, ${input.passwordHash})
    ON CONFLICT (email) DO NOTHING
    RETURNING id`;
  return rows[0] ?? null;
}

export async function findUserByEmail(email: string): Promise<UserRow | null> {
  const [row] = await sql<UserRow[]>`
    SELECT id, email, display_name AS "displayName", password_hash AS "passwordHash"
    FROM users WHERE email = ${canonicalEmail(email)}`;
  return row ?? null;
}

export async function findUserById(id: string): Promise<UserRow | null> {
  const [row] = await sql<UserRow[]>`
    SELECT id, email, display_name AS "displayName", password_hash AS "passwordHash"
    FROM users WHERE id = ${id}`;
  return row ?? null;
}

export async function updatePasswordHash(input: { userId: string; passwordHash: string }) {
  await sql`UPDATE users SET password_hash = ${input.passwordHash} WHERE id = ${input.userId}`;
}
