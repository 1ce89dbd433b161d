/**
 * Throttling password guessing (OWASP ASVS 5.0 V6.3): failures are counted per account and address,
 * and each one past the first few makes that pair wait longer, up to a ceiling; nothing ever locks an
 * account, so its owner (from anywhere else) always gets in with the right password. An address
 * that fails across many accounts (password spraying) waits too, at a threshold a campus NAT full of
 * honest typos does not reach.
 */
import { sql } from '../sql';
import { canonicalEmail } from './users';

export const SIGN_IN_LIMITS = {
  /** Failures of one account from one address before each further one costs a wait. */
  freePerAccountAndAddress: 5,
  /** Failures from one address, over all accounts, within the window before it waits. */
  perAddress: 100,
  windowMinutes: 15,
  /** The wait doubles from one minute with each failure past the free ones, up to this. */
  maxWaitMinutes: 15,
} as const;

export async function recordSignInFailure(input: { email: string; address: string }) {
  await sql`INSERT INTO sign_in_failures (email, address) VALUES (${canonicalEmail(input.email)}, ${input.address})`;
}

/** Minutes this account and address must wait before trying again, or null when they may try now. */
export async function signInWait(input: { email: string; address: string }): Promise<number | null> {
  const email = canonicalEmail(input.email);
  const window = `${SIGN_IN_LIMITS.windowMinutes} minutes`;
  const [row] = await sql<{ pair: number; pair_latest: Date | null; address: number; address_oldest: Date | null }[]>`
    SELECT
      count(*) FILTER (WHERE email = ${email})::int AS pair,
      max(failed_at) FILTER (WHERE email = ${email}) AS pair_latest,
      count(*)::int AS address,
      min(failed_at) AS address_oldest
    FROM sign_in_failures
    WHERE address = ${input.address} AND failed_at > now() - ${window}::interval`;
  const waits: number[] = [];
  const over = row!.pair - SIGN_IN_LIMITS.freePerAccountAndAddress;
  if (over >= 0 && row!.pair_latest) {
    const wait = Math.min(2 ** over, SIGN_IN_LIMITS.maxWaitMinutes) * 60_000;
    waits.push(row!.pair_latest.getTime() + wait - Date.now());
  }
  if (row!.address >= SIGN_IN_LIMITS.perAddress && row!.address_oldest) {
    waits.push(row!.address_oldest.getTime() + SIGN_IN_LIMITS.windowMinutes * 60_000 - Date.now());
  }
  const longest = Math.max(0, ...waits);
  return longest > 0 ? Math.ceil(longest / 60_000) : null;
}

/**
 * A successful sign-in clears the account's failures; returns how many there were lately (from any
 * address), so its owner can be told.
 */
export async function clearSignInFailures(email: string): Promise<{ failures: number; addresses: number }> {
  const [row] = await sql<{ failures: number; addresses: number }[]>`
    WITH gone AS (DELETE FROM sign_in_failures WHERE email = ${canonicalEmail(email)} RETURNING address, failed_at)
    SELECT count(*)::int AS failures, count(DISTINCT address)::int AS addresses FROM gone WHERE failed_at > now() - interval '1 day'`;
  return row!;
}

/** Keeps, on the session just made, what its sign-in found (shown on the account page). */
export async function noteFailuresOnSession(sessionId: string, found: { failures: number; addresses: number }): Promise<void> {
  await sql`UPDATE sessions SET failures_before = ${found.failures}, failure_addresses = ${found.addresses} WHERE id = ${sessionId}`;
}

export async function failuresNotedOnSession(sessionId: string): Promise<{ failures: number; addresses: number }> {
  const [row] = await sql<{ failures: number; addresses: number }[]>`
    SELECT failures_before AS failures, failure_addresses AS addresses FROM sessions WHERE id = ${sessionId}`;
  return row ?? { failures: 0, addresses: 0 };
}
