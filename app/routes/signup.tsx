import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { z } from 'zod';
import { canonicalEmail } from '../../db/queries/users';
import { Field, FormError } from '~/components/field';
import { getUser, safeRedirect } from '~/lib/auth.server';
import { courseBeingJoined } from '~/lib/joining.server';
import { invalid, parseForm, text } from '~/lib/forms';
import { MIN_PASSWORD_LENGTH } from '~/lib/password-rules';
import { requestSignup } from '~/lib/signup.server';

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
  // The same answer for every address (see lib/signup.server.ts): what happens next is in the mail.
  await requestSignup({ email, displayName, password, redirectTo: safeRedirect(redirectTo), origin: process.env.PUBLIC_ORIGIN ?? new URL(request.url).origin });
  return { sentTo: email };
}

export default function SignUp() {
  const actionData = useActionData<typeof action>();
  const errors = (actionData && 'fieldErrors' in actionData ? actionData.fieldErrors : null) ?? {};
  const [params] = useSearchParams();
  const busy = useNavigation().state === 'submitting';
  const joining = useLoaderData<typeof loader>()?.joining;
  const sentTo = actionData && 'sentTo' in actionData ? actionData.sentTo : null;
  if (sentTo) {
    return (
      <div className="narrow card-page">
        <h1>Check your email</h1>
        <p role="status">
          {`We sent a mail to ${sentTo}. It has a link to finish creating your account (it works for an hour), or, if this address already has an account, says how to sign in.`}
        </p>
        <p className="aside">
          Nothing after a few minutes? Look in your spam folder, or <Link to={{ pathname: '/signup', search: params.toString() }}>try again</Link>.
        </p>
      </div>
    );
  }
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
