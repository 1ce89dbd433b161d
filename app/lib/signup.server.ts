/**
 * Signing up, confirmed by email. The form answers the same for every address — "check your email" —
 * and the mail says what happens next: a link to finish (a new address) or a reminder to sign in (an
 * address that has an account). Finishing asks for the password chosen, so a link requested by
 * someone else for your address cannot make an account whose password they know.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { mailsSentTo, queueMail } from '../../db/queries/outbox';
import { createSignupRequest, findSignupRequest, type SignupRequest } from '../../db/queries/signup-requests';
import { findUserByEmail } from '../../db/queries/users';
import { hashPassword } from './password.server';

export const LINK_LIFETIME_MS = 60 * 60 * 1000;
/** Mails to one address per hour, whatever they are: the form must not become a way to flood an inbox. */
const MAILS_PER_HOUR = 5;

const tokenHash = (token: string) => sha256(new TextEncoder().encode(token));

export async function requestSignup(input: { email: string; displayName: string; password: string; redirectTo: string; origin: string }): Promise<void> {
  // Hashed whichever way it goes: the time taken must not tell an existing address from a new one.
  const passwordHash = await hashPassword(input.password);
  if ((await mailsSentTo(input.email, new Date(Date.now() - 60 * 60 * 1000))) >= MAILS_PER_HOUR) return;
  if (await findUserByEmail(input.email)) {
    await queueMail({
      to: input.email,
      subject: 'You already have a Plenum account',
      body: `Someone, probably you, asked to create a Plenum account with this address, which already has one.\n\nSign in here: ${input.origin}/signin\n\nIf you have forgotten your password, ask your instructor. If it was not you, ignore this mail: nothing has changed.`,
    });
    return;
  }
  const token = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
  await createSignupRequest(tokenHash(token), { email: input.email, displayName: input.displayName, passwordHash, redirectTo: input.redirectTo }, new Date(Date.now() + LINK_LIFETIME_MS));
  await queueMail({
    to: input.email,
    subject: 'Finish creating your Plenum account',
    body: `Open this link to finish creating your account (it works for an hour):\n\n${input.origin}/signup/confirm/${token}\n\nIf you did not ask for a Plenum account, ignore this mail: no account is made without it.`,
  });
}

export function signupRequestFor(token: string): Promise<SignupRequest | null> {
  return /^[a-z2-7]{32}$/.test(token) ? findSignupRequest(tokenHash(token)) : Promise.resolve(null);
}
