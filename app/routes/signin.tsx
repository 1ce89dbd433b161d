import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { z } from 'zod';
import { clearSignInFailures, noteFailuresOnSession, recordSignInFailure, signInWait } from '../../db/queries/sign-in-failures';
import { findUserByEmail } from '../../db/queries/users';
import { Field, FormError } from '~/components/field';
import { clientAddress } from '~/lib/client-address.server';
import { getUser, safeRedirect, sessionCookie } from '~/lib/auth.server';
import { courseBeingJoined } from '~/lib/joining.server';
import { invalid, parseForm } from '~/lib/forms';
import { hashPassword, verifyPassword } from '~/lib/password.server';
import { createSession } from '~/lib/session.server';

const schema = z.object({
  email: z.string({ error: 'Email is required' }).trim().min(1, 'Email is required').max(254),
  password: z.string({ error: 'Password is required' }).min(1, 'Password is required').max(256),
  redirectTo: z.string().optional(),
});

// Verifying against a real hash when the account does not exist keeps the timing the same.
const decoyHash = hashPassword('not-a-real-password-' + Math.random());

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect(safeRedirect(new URL(request.url).searchParams.get('redirectTo')));
  return { joining: await courseBeingJoined(request) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = parseForm(await request.formData(), schema);
  if (!form.ok) return invalid(form.fieldErrors);
  const { email, password, redirectTo } = form.value;
  const address = clientAddress(context);

  const waitMinutes = await signInWait({ email, address });
  if (waitMinutes !== null) {
    return invalid(
      { form: `Too many failed sign-in attempts from here. Try again in ${waitMinutes} minute${waitMinutes === 1 ? '' : 's'}.` },
      429,
    );
  }
  const user = await findUserByEmail(email);
  const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash), password);
  if (!user || !valid) {
    await recordSignInFailure({ email, address });
    return invalid({ form: 'That email and password do not match an account.' }, 401);
  }
  const failed = await clearSignInFailures(email);
  const { token, session } = await createSession(user.id);
  const next = safeRedirect(redirectTo);
  // Someone tried the wrong password: the owner hears of it first thing (from the session, which a
  // link cannot fake), then goes on.
  if (failed.failures > 0) await noteFailuresOnSession(session.id, failed);
  const to = failed.failures > 0 ? `/account?${new URLSearchParams({ next })}` : next;
  throw redirect(to, { headers: { 'Set-Cookie': sessionCookie(token) } });
}

export default function SignIn() {
  const actionData = useActionData<typeof action>();
  const errors = actionData?.fieldErrors ?? {};
  const [params] = useSearchParams();
  const busy = useNavigation().state === 'submitting';
  const joining = useLoaderData<typeof loader>()?.joining;
  return (
    <div className="narrow card-page">
      <h1>Sign in</h1>
      {joining ? (
        <p className="notice" role="status">
          {`Sign in to join “${joining.title}”.`}
        </p>
      ) : null}
      {params.get('reason') === 'expired' ? <p className="notice">Your session ended. Sign in again to continue.</p> : null}
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? ''} />
        <Field label="Email" name="email" type="email" autoComplete="email" error={errors.email} required autoFocus />
        <Field label="Password" name="password" type="password" autoComplete="current-password" error={errors.password} required />
        <FormError error={errors.form} />
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </Form>
      <p className="aside">
        New to Plenum? <Link to={{ pathname: '/signup', search: params.toString() }}>Create an account</Link>
      </p>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: 'Sign in · Plenum' }];
