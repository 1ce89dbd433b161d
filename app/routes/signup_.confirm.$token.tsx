import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { consumeSignupRequests } from '../../db/queries/signup-requests';
import { createUser } from '../../db/queries/users';
import { Field, FormError } from '~/components/field';
import { safeRedirect, sessionCookie } from '~/lib/auth.server';
import { invalid } from '~/lib/forms';
import { verifyPassword } from '~/lib/password.server';
import { createSession } from '~/lib/session.server';
import { signupRequestFor } from '~/lib/signup.server';

/**
 * The link from the sign-up mail. Opening it changes nothing (mail scanners open links); finishing
 * asks for the password chosen at sign-up, then makes the account and signs in.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const request = await signupRequestFor(params.token ?? '');
  return { pending: request ? { email: request.email, displayName: request.displayName } : null };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const pending = await signupRequestFor(params.token ?? '');
  if (!pending) return invalid({ form: 'This link has expired or was already used. Sign up again to get a new one.' }, 410);
  const password = String((await request.formData()).get('password') ?? '');
  if (!(await verifyPassword(pending.passwordHash, password))) return invalid({ password: 'That is not the password you chose when you signed up.' });
  const user = await createUser({ email: pending.email, displayName: pending.displayName, passwordHash: pending.passwordHash });
  await consumeSignupRequests(pending.email);
  if (!user) return invalid({ form: 'This address has an account already. Sign in instead.' }, 409);
  const { token } = await createSession(user.id);
  throw redirect(safeRedirect(pending.redirectTo), { headers: { 'Set-Cookie': sessionCookie(token) } });
}

export default function ConfirmSignup() {
  const { pending } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.fieldErrors ?? {};
  const busy = useNavigation().state === 'submitting';
  if (!pending) {
    return (
      <div className="narrow card-page">
        <h1>This link no longer works</h1>
        <p>It has expired (links work for an hour) or was already used.</p>
        <p>
          <Link to="/signup">Sign up again</Link> or <Link to="/signin">sign in</Link>.
        </p>
      </div>
    );
  }
  return (
    <div className="narrow card-page">
      <h1>Finish creating your account</h1>
      <p>{`For ${pending.email}, as ${pending.displayName}. Enter the password you chose to finish.`}</p>
      <Form method="post" noValidate>
        <Field label="Password" name="password" type="password" autoComplete="current-password" error={errors.password} required autoFocus />
        <FormError error={errors.form} />
        <button type="submit" disabled={busy}>
          {busy ? 'Creating account…' : 'Create account'}
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: 'Finish creating your account · Plenum' }];
