/**
 * Sessions as lucia-auth.com describes them (see docs/decisions/001-sessions.md): the cookie holds
 * "<id>.<secret>", the database only the id and SHA-256(secret), compared in constant time.
 * A session slides forward while used and ends after IDLE_TIMEOUT unused or ABSOLUTE_LIFETIME in all.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { ACCESS_CHANNEL, announceAccessChange } from '../../db/queries/access-changes';
import { sql } from '../../db/sql';

export const IDLE_TIMEOUT_MS = 14 * 24 * 60 * 60 * 1000;
export const ABSOLUTE_LIFETIME_MS = 90 * 24 * 60 * 60 * 1000;
/** How stale last_verified_at may get before a request writes it again. */
const ACTIVITY_WRITE_INTERVAL_MS = 60 * 60 * 1000;

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
}

export interface Session {
  id: string;
  userId: string;
  createdAt: Date;
  lastVerifiedAt: Date;
}

export type SessionValidation = { session: Session; user: SessionUser } | { session: null; user: null };

function randomSecret(): string {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
}

function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

/** Creates a session for `userId` and returns the token to put in the cookie. */
export async function createSession(userId: string): Promise<{ token: string; session: Session }> {
  const id = randomSecret();
  const secret = randomSecret();
  const [row] = await sql<{ created_at: Date; last_verified_at: Date }[]>`
    INSERT INTO sessions (id, user_id, secret_hash) VALUES (${id}, ${userId}, ${Buffer.from(hashSecret(secret))})
    RETURNING created_at, last_verified_at`;
  return {
    token: `${id}.${secret}`,
    session: { id, userId, createdAt: row!.created_at, lastVerifiedAt: row!.last_verified_at },
  };
}

export function sessionExpiresAt(session: Pick<Session, 'createdAt' | 'lastVerifiedAt'>): Date {
  return new Date(
    Math.min(session.lastVerifiedAt.getTime() + IDLE_TIMEOUT_MS, session.createdAt.getTime() + ABSOLUTE_LIFETIME_MS),
  );
}

/** Returns the session and user a token stands for, or nulls if it is malformed, unknown, or expired. */
export async function validateSessionToken(token: string, now = new Date()): Promise<SessionValidation> {
  const none = { session: null, user: null } as const;
  const [id, secret, extra] = token.split('.');
  if (!id || !secret || extra !== undefined || id.length > 64 || secret.length > 64) return none;
  const [row] = await sql<
    { secret_hash: Buffer; user_id: string; created_at: Date; last_verified_at: Date; email: string; display_name: string }[]
  >`
    SELECT s.secret_hash, s.user_id, s.created_at, s.last_verified_at, u.email, u.display_name
    FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.id = ${id}`;
  if (!row || !constantTimeEqual(hashSecret(secret), new Uint8Array(row.secret_hash))) return none;
  const session: Session = { id, userId: row.user_id, createdAt: row.created_at, lastVerifiedAt: row.last_verified_at };
  if (now >= sessionExpiresAt(session)) {
    await invalidateSession(id);
    return none;
  }
  if (now.getTime() - session.lastVerifiedAt.getTime() >= ACTIVITY_WRITE_INTERVAL_MS) {
    session.lastVerifiedAt = now;
    await sql`UPDATE sessions SET last_verified_at = ${now} WHERE id = ${id}`;
  }
  return { session, user: { id: row.user_id, email: row.email, displayName: row.display_name } };
}

/**
 * Which of `sessionIds` are still live (not idle too long, not too old), noting them as active as
 * validateSessionToken does: the sync server's periodic check of its open connections.
 */
export async function liveSessionIds(sessionIds: readonly string[]): Promise<Set<string>> {
  const live = await sql<{ id: string }[]>`
    UPDATE sessions SET last_verified_at = CASE WHEN last_verified_at < now() - ${`${ACTIVITY_WRITE_INTERVAL_MS} milliseconds`}::interval THEN now() ELSE last_verified_at END
    WHERE id = ANY(${sql.array([...sessionIds])})
      AND last_verified_at > now() - ${`${IDLE_TIMEOUT_MS} milliseconds`}::interval
      AND created_at > now() - ${`${ABSOLUTE_LIFETIME_MS} milliseconds`}::interval
    RETURNING id`;
  return new Set(live.map((s) => s.id));
}

export async function invalidateSession(sessionId: string): Promise<void> {
  await sql`
    WITH gone AS (DELETE FROM sessions WHERE id = ${sessionId} RETURNING user_id)
    SELECT pg_notify(${ACCESS_CHANNEL}, user_id::text) FROM gone`;
}

/** Ends every session of a user, e.g. after a password change; `except` keeps the current one. */
export async function invalidateUserSessions(userId: string, except?: string): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`DELETE FROM sessions WHERE user_id = ${userId} AND id IS DISTINCT FROM ${except ?? null}`;
    await announceAccessChange(tx, userId);
  });
}
