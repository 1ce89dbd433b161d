/** Sign-ups waiting for their email to be confirmed (by the link mailed to it). */
import { sql } from '../sql';

export interface SignupRequest {
  email: string;
  displayName: string;
  passwordHash: string;
  redirectTo: string;
}

export async function createSignupRequest(tokenHash: Uint8Array, request: SignupRequest, expiresAt: Date): Promise<void> {
  await sql`
    INSERT INTO signup_requests (token_hash, email, display_name, password_hash, redirect_to, expires_at)
    VALUES (${Buffer.from(tokenHash)}, ${request.email}, ${request.displayName}, ${request.passwordHash}, ${request.redirectTo}, ${expiresAt})`;
}

/** The request behind a link, if it has not expired or been used. */
export async function findSignupRequest(tokenHash: Uint8Array): Promise<SignupRequest | null> {
  const [row] = await sql<SignupRequest[]>`
    SELECT email, display_name AS "displayName", password_hash AS "passwordHash", redirect_to AS "redirectTo"
    FROM signup_requests WHERE token_hash = ${Buffer.from(tokenHash)} AND expires_at > now()`;
  return row ?? null;
}

/** Uses up a link, and every other pending request for the same address. */
export async function consumeSignupRequests(email: string): Promise<void> {
  await sql`DELETE FROM signup_requests WHERE email = ${email} OR expires_at < now()`;
}
