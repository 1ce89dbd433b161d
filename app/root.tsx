import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node';
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  useNavigation,
  useRouteError,
  useRevalidator,
  useRouteLoaderData,
} from '@remix-run/react';
import { useEffect } from 'react';
import { ScrollRestoration } from './components/scroll-restoration';
import { useNonce } from './lib/csp-nonce';
import { getUser } from './lib/auth.server';
import { forgetDrafts } from './lib/drafts';
import { changesNotSent, forgetLocalCopies } from './lib/local-copies';
import { forgetKeptPages } from './lib/offline-shell';
import { cookieTimeZone, TIME_ZONE_COOKIE } from './lib/time-zone';
import stylesheet from './styles.css?url';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: 'data:,' }, // no favicon yet: say so instead of a 404 on every page
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  return { user: user ? { id: user.id, displayName: user.displayName } : null };
}

/**
 * Signing out forgets this browser's copies of the member's rooms, the pages kept for offline use and
 * the unsent drafts first (a shared computer keeps nothing of theirs), after a warning if some changes
 * have not reached the server yet.
 */
function signOut(event: React.FormEvent<HTMLFormElement>, userId: string) {
  event.preventDefault();
  const form = event.currentTarget;
  const waiting = changesNotSent();
  if (waiting > 0 && !confirm(`${waiting} change${waiting === 1 ? ' has' : 's have'} not reached the server yet and will be lost if you sign out now. Sign out anyway?`)) return;
  forgetDrafts(userId);
  void Promise.all([forgetLocalCopies(userId), forgetKeptPages()]).finally(() => form.submit());
}

function Header() {
  const data = useRouteLoaderData<typeof loader>('root');
  const user = data?.user;
  return (
    <header className="site-header">
      <Link to="/" className="brand">
        Plenum
      </Link>
      <nav aria-label="Account">
        {user ? (
          <>
            <Link to="/account" className="who">
              {user.displayName}
            </Link>
            <form method="post" action="/signout" onSubmit={(e) => signOut(e, user.id)}>
              <button type="submit" className="link-button">
                Sign out
              </button>
            </form>
          </>
        ) : (
          <>
            <Link to="/signin">Sign in</Link>
            <Link to="/signup" className="button small">
              Create account
            </Link>
          </>
        )}
      </nav>
    </header>
  );
}

function ProgressBar() {
  const navigation = useNavigation();
  return <div className="progress" data-active={navigation.state !== 'idle'} role="presentation" />;
}

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

/**
 * Tells the server the browser's time zone (a cookie), so dates render in it. On the first visit
 * the page was rendered in UTC: its data is loaded again once the cookie is set.
 */
function useTimeZoneCookie() {
  const revalidator = useRevalidator();
  useEffect(() => {
    // Once the page is painted: reading document.cookie waits on the browser's cookie store.
    const check = () => {
      const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      if (!zone || cookieTimeZone(document.cookie) === zone) return;
      document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(zone)}; Path=/; Max-Age=31536000; SameSite=Lax`;
      revalidator.revalidate();
    };
    let later = 0;
    const frame = requestAnimationFrame(() => (later = window.setTimeout(check)));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(later);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the page has loaded
  }, []);
}

export default function App() {
  useTimeZoneCookie();
  return (
    <>
      <ProgressBar />
      <Header />
      <main id="main">
        <Outlet />
      </main>
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  let title = 'Something went wrong';
  let message = 'Plenum hit an unexpected error. Try again, and tell your instructor if it keeps happening.';
  if (isRouteErrorResponse(error)) {
    title = error.status === 404 ? 'Not found' : error.status === 403 ? 'Not allowed' : `Error ${error.status}`;
    message = typeof error.data === 'string' && error.data ? error.data : error.statusText;
  }
  return (
    <>
      <Header />
      <main id="main" className="narrow">
        <h1>{title}</h1>
        <p>{message}</p>
        <p>
          <Link to="/">Back to your courses</Link>
        </p>
      </main>
    </>
  );
}
