import { sql } from '../sql';

export interface UserRow {
  id: string;
  email: string;
  displayName: string;
  passwordHash: string;
}

/** Creates a user; returns null when the email is already taken (case-insensitively). */
export async function createUser(input: { email: string; displayName: string; passwordHash: string }) {
  const rows = await sql<{ id: string }[]>`
    INSERT INTO users (email, display_name, password_hash)
    VALUES (${input.email}, ${input.displayName}, ${input.passwordHash})
    ON CONFLICT ((lower(email))) DO NOTHING
    RETURNING id`;
  return rows[0] ?? null;
}

export async function findUserByEmail(email: string): Promise<UserRow | null> {
  const [row] = await sql<UserRow[]>`
    SELECT id, email, display_name AS "displayName", password_hash AS "passwordHash"
    FROM users WHERE lower(email) = lower(${email})`;
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
