import type { ActionFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { clearedSessionCookie, getSession } from '~/lib/auth.server';
import { invalidateSession } from '~/lib/session.server';

export async function loader() {
  // Signing out changes state, so it is a POST only; a GET just goes home.
  throw redirect('/');
}

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await getSession(request);
  if (session) await invalidateSession(session.id);
  throw redirect('/signin', { headers: { 'Set-Cookie': clearedSessionCookie() } });
}
