import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { z } from 'zod';
import { findUserById, updatePasswordHash } from '../../db/queries/users';
import { Field, FormError } from '../components/field';
import { getSession, requireUser } from '../lib/auth.server';
import { invalid, parseForm } from '../lib/forms';
import { hashPassword, verifyPassword } from '../lib/password.server';
import { MIN_PASSWORD_LENGTH } from '../lib/password-rules';
import { invalidateUserSessions } from '../lib/session.server';

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
  return { email: user.email, displayName: user.displayName };
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
  const { email, displayName } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData && 'fieldErrors' in actionData ? actionData.fieldErrors : {};
  const done = actionData && 'done' in actionData;
  const busy = useNavigation().state === 'submitting';
  return (
    <div className="narrow card-page">
      <h1>Your account</h1>
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
