import { sql } from '../sql';

/** Sign-in failures allowed per account, and per address, within the window before refusing. */
export const SIGN_IN_LIMITS = { perAccount: 5, perAddress: 20, windowMinutes: 15 } as const;

export async function recordSignInFailure(input: { email: string; address: string }) {
  await sql`INSERT INTO sign_in_failures (email, address) VALUES (${input.email.toLowerCase()}, ${input.address})`;
}

/**
 * Whether this account or address has failed too often lately; if so, the minutes until the
 * oldest failure in the window ages out.
 */
export async function signInBlocked(input: { email: string; address: string }): Promise<number | null> {
  const window = `${SIGN_IN_LIMITS.windowMinutes} minutes`;
  const [row] = await sql<{ account: number; address: number; account_oldest: Date | null; address_oldest: Date | null }[]>`
    SELECT
      count(*) FILTER (WHERE email = ${input.email.toLowerCase()})::int AS account,
      count(*) FILTER (WHERE address = ${input.address})::int AS address,
      min(failed_at) FILTER (WHERE email = ${input.email.toLowerCase()}) AS account_oldest,
      min(failed_at) FILTER (WHERE address = ${input.address}) AS address_oldest
    FROM sign_in_failures
    WHERE failed_at > now() - ${window}::interval
      AND (email = ${input.email.toLowerCase()} OR address = ${input.address})`;
  const oldest =
    row!.account >= SIGN_IN_LIMITS.perAccount ? row!.account_oldest : row!.address >= SIGN_IN_LIMITS.perAddress ? row!.address_oldest : null;
  if (!oldest) return null;
  const freeAt = oldest.getTime() + SIGN_IN_LIMITS.windowMinutes * 60_000;
  return Math.max(1, Math.ceil((freeAt - Date.now()) / 60_000));
}

/** A successful sign-in clears the account's failures. */
export async function clearSignInFailures(email: string) {
  await sql`DELETE FROM sign_in_failures WHERE email = ${email.toLowerCase()}`;
}
