import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { z } from 'zod';
import { canonicalEmail, createUser } from '../../db/queries/users';
import { Field, FormError } from '../components/field';
import { getUser, safeRedirect, sessionCookie } from '../lib/auth.server';
import { courseBeingJoined } from '../lib/joining.server';
import { invalid, parseForm, text } from '../lib/forms';
import { hashPassword } from '../lib/password.server';
import { MIN_PASSWORD_LENGTH } from '../lib/password-rules';
import { createSession } from '../lib/session.server';

const schema = z.object({
  email: z.string({ error: 'Email is required' }).transform(canonicalEmail).pipe(z.email('Enter a valid email address').max(254)),
  displayName: text('Name', 80),
  password: z
    .string({ error: 'Password is required' })
    .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(256, 'Use at most 256 characters'),
  redirectTo: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect('/');
  return { joining: await courseBeingJoined(request) };
}

export async function action({ request }: ActionFunctionArgs) {
  const form = parseForm(await request.formData(), schema);
  if (!form.ok) return invalid(form.fieldErrors);
  const { email, displayName, password, redirectTo } = form.value;
  const user = await createUser({ email, displayName, passwordHash: await hashPassword(password) });
  if (!user) return invalid({ email: 'An account with this email already exists. Sign in instead.' }, 409);
  const { token } = await createSession(user.id);
  throw redirect(safeRedirect(redirectTo), { headers: { 'Set-Cookie': sessionCookie(token) } });
}

export default function SignUp() {
  const actionData = useActionData<typeof action>();
  const errors = actionData?.fieldErrors ?? {};
  const [params] = useSearchParams();
  const busy = useNavigation().state === 'submitting';
  const joining = useLoaderData<typeof loader>()?.joining;
  return (
    <div className="narrow card-page">
      <h1>Create your account</h1>
      {joining ? (
        <p className="notice" role="status">
          {`Create an account to join “${joining.title}”.`}
        </p>
      ) : null}
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? ''} />
        <Field label="Email" name="email" type="email" autoComplete="email" error={errors.email} required autoFocus />
        <Field label="Your name, as classmates will see it" name="displayName" autoComplete="name" error={errors.displayName} required />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
          error={errors.password}
          required
        />
        <FormError error={errors.form} />
        <button type="submit" disabled={busy}>
          {busy ? 'Creating account…' : 'Create account'}
        </button>
      </Form>
      <p className="aside">
        Already have an account? <Link to={{ pathname: '/signin', search: params.toString() }}>Sign in</Link>
      </p>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: 'Create account · Plenum' }];
