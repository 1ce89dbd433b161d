/** Request-level authentication: the session cookie, and guards for loaders and actions. */
import { redirect } from '@remix-run/node';
import { getMembership, type Role } from '../../db/queries/courses';
import { sessionCookieName, secureCookies } from './config.server';
import {
  ABSOLUTE_LIFETIME_MS,
  validateSessionToken,
  type SessionValidation,
  type SessionUser,
} from './session.server';

export function readSessionToken(cookieHeader: string | null): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === sessionCookieName) return decodeURIComponent(rest.join('='));
  }
  return null;
}

// One lookup per request, however many loaders ask.
const validations = new WeakMap<Request, Promise<SessionValidation>>();

export function getSession(request: Request): Promise<SessionValidation> {
  let pending = validations.get(request);
  if (!pending) {
    const token = readSessionToken(request.headers.get('Cookie'));
    pending = token ? validateSessionToken(token) : Promise.resolve({ session: null, user: null });
    validations.set(request, pending);
  }
  return pending;
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  return (await getSession(request)).user;
}

/** The signed-in user, or a redirect to sign in that comes back here afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    throw redirect(`/signin?redirectTo=${encodeURIComponent(back)}`);
  }
  return user;
}

/**
 * The user's membership in a course. A non-member gets 404, so a course's existence and title are
 * not revealed; a member without `role` gets 403.
 */
export async function requireCourseRole(request: Request, courseId: string | undefined, role?: Role) {
  const user = await requireUser(request);
  const membership = courseId ? await getMembership({ courseId, userId: user.id }) : null;
  if (!membership) throw new Response('Course not found', { status: 404 });
  if (role && membership.role !== role) {
    throw new Response(`Only ${role}s of this course can do that`, { status: 403 });
  }
  return { user, membership };
}

function cookie(value: string, maxAgeSeconds: number): string {
  const parts = [`${sessionCookieName}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAgeSeconds}`];
  if (secureCookies) parts.push('Secure');
  return parts.join('; ');
}

export function sessionCookie(token: string): string {
  return cookie(encodeURIComponent(token), Math.floor(ABSOLUTE_LIFETIME_MS / 1000));
}

export function clearedSessionCookie(): string {
  return cookie('', 0);
}

/** A stand-in origin: a redirect target must resolve to a path on it. */
const SELF = 'http://plenum.invalid';

/** Where to send a member after signing in: a path on this site, or `fallback`. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  if (typeof to !== 'string' || !to.startsWith('/')) return fallback;
  // Browsers drop tabs and newlines from a URL ("/\t/evil.example" is "//evil.example"), and a header
  // cannot carry control or non-Latin-1 characters: such a target is nobody's own page.
  if (/[^\x20-\x7e\xa0-\xff]/.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, SELF);
  } catch {
    return fallback;
  }
  return url.origin === SELF ? url.pathname + url.search + url.hash : fallback;
}
