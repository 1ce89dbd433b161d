import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { z } from 'zod';
import { failuresNotedOnSession } from '../../db/queries/sign-in-failures';
import { findUserById, updatePasswordHash } from '../../db/queries/users';
import { Field, FormError } from '~/components/field';
import { getSession, requireUser, safeRedirect } from '~/lib/auth.server';
import { invalid, parseForm } from '~/lib/forms';
import { hashPassword, verifyPassword } from '~/lib/password.server';
import { MIN_PASSWORD_LENGTH } from '~/lib/password-rules';
import { invalidateUserSessions } from '~/lib/session.server';

const schema = z
  .object({
    currentPassword: z.string({ error: 'Enter your current password' }).min(1, 'Enter your current password').max(256),
    newPassword: z
      .string({ error: 'Choose a new password' })
      .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`)
      .max(256, 'Use at most 256 characters'),
    confirmPassword: z.string({ error: 'Repeat the new password' }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'The two new passwords differ' });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // Sign-in sends its owner here when the wrong password was tried on the account (see signin.tsx);
  // what it found is kept on the session, so a crafted link cannot make up a warning.
  const { session } = await getSession(request);
  const found = session ? await failuresNotedOnSession(session.id) : { failures: 0, addresses: 0 };
  const warning = found.failures > 0
    ? { failures: found.failures, addresses: Math.max(1, found.addresses), next: safeRedirect(new URL(request.url).searchParams.get('next')) }
    : null;
  return { email: user.email, displayName: user.displayName, warning };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = parseForm(await request.formData(), schema);
  if (!form.ok) return invalid(form.fieldErrors);
  const row = await findUserById(user.id);
  if (!row || !(await verifyPassword(row.passwordHash, form.value.currentPassword))) {
    return invalid({ currentPassword: 'That is not your current password' });
  }
  await updatePasswordHash({ userId: user.id, passwordHash: await hashPassword(form.value.newPassword) });
  // Every other device is signed out; this one stays signed in.
  const { session } = await getSession(request);
  await invalidateUserSessions(user.id, session?.id);
  return { done: true as const };
}

export default function Account() {
  const { email, displayName, warning } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData && 'fieldErrors' in actionData ? actionData.fieldErrors : {};
  const done = actionData && 'done' in actionData;
  const busy = useNavigation().state === 'submitting';
  return (
    <div className="narrow card-page">
      <h1>Your account</h1>
      {warning ? (
        <div className="notice warning" role="alert">
          <p>
            {`Someone tried to sign in to your account with a wrong password ${warning.failures} time${warning.failures === 1 ? '' : 's'} since you last signed in${
              warning.addresses > 1 ? `, from ${warning.addresses} different addresses` : ''
            }. If that was not you, change your password below: every other device will be signed out.`}
          </p>
          <p>
            <Link to={warning.next}>Continue to Plenum</Link>
          </p>
        </div>
      ) : null}
      <p>
        {displayName} · {email}
      </p>
      <h2>Change password</h2>
      {done ? (
        <p className="notice" role="status">
          Password changed. Other devices were signed out.
        </p>
      ) : null}
      <Form method="post" noValidate key={done ? 'done' : 'form'}>
        <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" error={errors.currentPassword} />
        <Field
          label="New password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
          error={errors.newPassword}
        />
        <Field label="Repeat new password" name="confirmPassword" type="password" autoComplete="new-password" error={errors.confirmPassword} />
        <FormError error={errors.form} />
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : 'Change password'}
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: 'Account · Plenum' }];
