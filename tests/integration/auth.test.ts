import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../db/sql';
import { ABSOLUTE_LIFETIME_MS, IDLE_TIMEOUT_MS, validateSessionToken } from '~/lib/session.server';
import { startApp, type RunningApp } from '../helpers/app-server';
import { Client, mailedLink } from '../helpers/browserless-client';

let app: RunningApp;
beforeAll(async () => {
  app = await startApp({ DATABASE_URL: process.env.DATABASE_URL, TRUST_PROXY: 'loopback' });
});
afterAll(async () => {
  await app?.stop();
});

const password = 'correct horse battery';

async function newAccount(email: string) {
  const client = new Client(app.baseUrl);
  const res = await client.signUp({ email, displayName: 'Test Person', password });
  expect(res.status).toBe(302);
  return client;
}

describe('sign up', () => {
  it('creates an account and signs it in with an HttpOnly, SameSite=Lax session cookie', async () => {
    const client = new Client(app.baseUrl);
    const res = await client.signUp({ email: 'Ana@Example.org', displayName: 'Ana', password });
    expect(res.status).toBe(302);
    const cookie = res.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/^plenum_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    const home = await client.get('/');
    expect(await home.text()).toContain('Your courses');
    // Only the hash of the secret is stored, never the token itself.
    const token = decodeURIComponent(client.cookieHeader.split('=')[1]!);
    const [row] = await sql`SELECT id, secret_hash FROM sessions`;
    expect(token.startsWith(`${row!.id}.`)).toBe(true);
    expect(Buffer.from(row!.secret_hash).toString('utf8')).not.toContain(token.split('.')[1]);
  });

  it('answers the same for a new and an existing address, and says what happens next in the mail', async () => {
    await newAccount('dup@example.org');
    const before = await sql`SELECT count(*)::int AS n FROM users`;
    const existing = await new Client(app.baseUrl).post('/signup', { email: 'DUP@example.org', displayName: 'Other', password, redirectTo: '' });
    const fresh = await new Client(app.baseUrl).post('/signup', { email: 'nobody-yet@example.org', displayName: 'Other', password, redirectTo: '' });
    // (Before: 409 "An account with this email already exists" for one, a signed-in redirect for the other.)
    expect([existing.status, fresh.status]).toEqual([200, 200]);
    const said = (html: string) => /<h1>Check your email<\/h1>/.test(html) && html.includes('It has a link to finish creating your account');
    expect(said(await existing.text())).toBe(true);
    expect(said(await fresh.text())).toBe(true);
    expect(existing.headers.getSetCookie()).toEqual([]);
    expect(fresh.headers.getSetCookie()).toEqual([]);
    expect((await sql`SELECT count(*)::int AS n FROM users`)[0]!.n).toBe(before[0]!.n); // nothing made yet
    const [reminder] = await sql`SELECT subject, body FROM outbox WHERE to_address = 'dup@example.org' ORDER BY id DESC LIMIT 1`;
    expect(reminder!.subject).toBe('You already have a Plenum account');
    expect(reminder!.body).not.toContain('/signup/confirm/');
    const [link] = await sql`SELECT subject, body FROM outbox WHERE to_address = 'nobody-yet@example.org'`;
    expect(link!.body).toMatch(/\/signup\/confirm\/[a-z2-7]{32}/);
  });

  it('the mailed link asks for the chosen password, makes the account once, and then no longer works', async () => {
    const client = new Client(app.baseUrl);
    await client.post('/signup', { email: 'link@example.org', displayName: 'Lin', password, redirectTo: '/join/ABCDEFGH' });
    const path = (await mailedLink('link@example.org', '/signup/confirm/'))!;
    // Opening it changes nothing (mail scanners open links).
    expect(await (await client.get(path)).text()).toContain('Finish creating your account');
    expect(await sql`SELECT 1 FROM users WHERE email = 'link@example.org'`).toHaveLength(0);
    // Someone who asked for an account under your address does not know your password, and you do not know theirs.
    const wrong = await client.post(path, { password: 'not the one chosen' });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('That is not the password you chose');
    const right = await client.post(path, { password });
    expect(right.status).toBe(302);
    expect(right.headers.get('location')).toBe('/join/ABCDEFGH');
    expect(await sql`SELECT display_name FROM users WHERE email = 'link@example.org'`).toEqual([{ display_name: 'Lin' }]);
    expect((await new Client(app.baseUrl).post(path, { password })).status).toBe(410);
    const gone = await (await new Client(app.baseUrl).get(path)).text();
    expect(gone).toContain('This link no longer works');
  });

  it('mails one address at most five times an hour, however often the form is sent', async () => {
    for (let i = 0; i < 8; i++) expect((await new Client(app.baseUrl).post('/signup', { email: 'flood@example.org', displayName: 'F', password, redirectTo: '' })).status).toBe(200);
    expect(await sql`SELECT 1 FROM outbox WHERE to_address = 'flood@example.org'`).toHaveLength(5);
  });

  it('explains a short password and a bad email beside the fields', async () => {
    const res = await new Client(app.baseUrl).signUp({ email: 'not-an-email', displayName: '', password: 'short' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Enter a valid email address');
    expect(html).toContain('Use at least 10 characters');
    expect(html).toContain('Name is required');
  });

  it('stores passwords as argon2id with at least 19 MiB and two passes', async () => {
    await newAccount('hash@example.org');
    const [row] = await sql`SELECT password_hash FROM users WHERE email = 'hash@example.org'`;
    expect(row!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});

describe('sign in', () => {
  it('signs in with the right password and says nothing about which part was wrong otherwise', async () => {
    await newAccount('signin@example.org');
    const wrong = await new Client(app.baseUrl).signIn('signin@example.org', 'wrong password!');
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('That email and password do not match an account.');
    const unknown = await new Client(app.baseUrl).signIn('nobody@example.org', password);
    expect(unknown.status).toBe(401);
    const right = new Client(app.baseUrl);
    const res = await right.signIn('SIGNIN@example.org', password);
    expect(res.status).toBe(302);
    expect(right.cookieHeader).toMatch(/plenum_session=/);
  });

  it('throttles guesses from one address with growing waits, and never keeps the owner out', async () => {
    await newAccount('target@example.org');
    const from = (address: string) => ({ 'X-Forwarded-For': address });
    const attempt = (pw: string, address: string) => new Client(app.baseUrl).post('/signin', { email: 'target@example.org', password: pw }, from(address));
    for (let i = 0; i < 5; i++) expect((await attempt(`guess number ${i}`, '203.0.113.7')).status).toBe(401);
    // From the attacker's address every further try must wait, even with the right password.
    const blocked = await attempt(password, '203.0.113.7');
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toContain('Too many failed sign-in attempts from here. Try again in 1 minute.');
    // The wait grows with each failure past the free ones.
    await sql`UPDATE sign_in_failures SET failed_at = failed_at - interval '61 seconds' WHERE address = '203.0.113.7'`;
    expect((await attempt('guess number 5', '203.0.113.7')).status).toBe(401);
    expect(await (await attempt('guess number 6', '203.0.113.7')).text()).toContain('Try again in 2 minutes.');
    // The owner, elsewhere, signs in with the right password, and is told about the attempts.
    const owner = new Client(app.baseUrl);
    const res = await owner.post('/signin', { email: 'target@example.org', password, redirectTo: '/c/abc' }, from('198.51.100.20'));
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/account?next=%2Fc%2Fabc');
    const page = await (await owner.get(res.headers.get('location')!)).text();
    expect(page).toContain('with a wrong password 6 times since');
    expect(page).toContain('href="/c/abc"');
    // A link cannot make up the warning: it comes from the session's own sign-in.
    const scared = await (await (await newAccount('calm@example.org')).get('/account?failed=50&from=9')).text();
    expect(scared).not.toContain('with a wrong password');
    // Signing in cleared the account's failures.
    expect((await attempt(password, '203.0.113.7')).status).toBe(302);
  });

  it('counts one account however its email is written (Unicode forms and case)', async () => {
    await newAccount('kiwi@example.org');
    const spelled = ['KIWI@example.org', 'ｋｉｗｉ@example.org', 'kİwi@example.org'];
    for (const email of spelled) await new Client(app.baseUrl).post('/signin', { email, password: 'wrong wrong wrong' }, { 'X-Forwarded-For': '203.0.113.9' });
    // "kİwi" is another address (İ lower-cases to i and a dot): it neither counts for nor signs in to kiwi@.
    const [row] = await sql`SELECT count(*)::int AS n FROM sign_in_failures WHERE email = 'kiwi@example.org'`;
    expect(row!.n).toBe(2);
    const dotted = await new Client(app.baseUrl).post('/signin', { email: 'kİwi@example.org', password }, { 'X-Forwarded-For': '203.0.113.10' });
    expect(dotted.status).toBe(401);
    const wide = await new Client(app.baseUrl).post('/signin', { email: 'ｋｉｗｉ@example.org', password }, { 'X-Forwarded-For': '203.0.113.10' });
    expect(wide.status).toBe(302);
    // And a second account cannot be made under another form of the same address.
    await new Client(app.baseUrl).signUp({ email: 'ＫＩＷＩ@example.org', displayName: 'Copy', password });
    const [mail] = await sql`SELECT subject FROM outbox WHERE to_address = 'kiwi@example.org' ORDER BY id DESC LIMIT 1`;
    expect(mail!.subject).toBe('You already have a Plenum account');
    expect((await sql`SELECT count(*)::int AS n FROM users WHERE email = 'kiwi@example.org'`)[0]!.n).toBe(1);
  });

  it('makes an address that fails across many accounts wait, past a threshold a busy campus does not reach', async () => {
    await sql`DELETE FROM sign_in_failures`;
    const spray = (i: number) => new Client(app.baseUrl).post('/signin', { email: `spray${i}@example.org`, password: 'some password' }, { 'X-Forwarded-For': '203.0.113.50' });
    for (let batch = 0; batch < 10; batch++) await Promise.all(Array.from({ length: 10 }, (_, i) => spray(batch * 10 + i)));
    await newAccount('innocent@example.org');
    const here = await new Client(app.baseUrl).post('/signin', { email: 'innocent@example.org', password }, { 'X-Forwarded-For': '203.0.113.50' });
    expect(here.status).toBe(429);
    const elsewhere = await new Client(app.baseUrl).post('/signin', { email: 'innocent@example.org', password }, { 'X-Forwarded-For': '198.51.100.77' });
    expect(elsewhere.status).toBe(302);
    await sql`DELETE FROM sign_in_failures`;
  });
});

describe('where sign-in leads', () => {
  it('follows redirectTo only to a path on this site, and never answers a bad one with an error', async () => {
    await newAccount('redirect@example.org');
    const cases: [string, string][] = [
      ['/c/123?tab=board#b12', '/c/123?tab=board#b12'],
      ['/\t/evil.example/', '/'],
      ['/\\evil.example', '/'],
      ['//evil.example', '/'],
      ['/\r\nSet-Cookie: stolen=1', '/'],
      ['/a\u0000b', '/'],
      ['/日本', '/'],
      ['https://evil.example/', '/'],
    ];
    for (const [redirectTo, expected] of cases) {
      const client = new Client(app.baseUrl);
      const res = await client.post('/signin', { email: 'redirect@example.org', password, redirectTo: redirectTo });
      expect(res.status, redirectTo).toBe(302);
      expect(res.headers.get('location'), redirectTo).toBe(expected);
      // Already signed in, the sign-in page passes the same target on.
      const again = await client.get(`/signin?redirectTo=${encodeURIComponent(redirectTo)}`);
      expect(again.status, redirectTo).toBe(302);
      expect(again.headers.get('location'), redirectTo).toBe(expected);
    }
  });
});

describe('sessions', () => {
  it('sign-out invalidates the old cookie on the server', async () => {
    const client = await newAccount('signout@example.org');
    const stolen = client.cookieHeader;
    const res = await client.post('/signout', {});
    expect(res.status).toBe(302);
    expect(res.headers.getSetCookie()[0]).toMatch(/Max-Age=0/);
    const replay = new Client(app.baseUrl);
    replay.setCookieHeader(stolen);
    const page = await replay.get('/account');
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toMatch(/^\/signin\?redirectTo=%2Faccount/);
  });

  it('a GET to /signout changes nothing', async () => {
    const client = await newAccount('getsignout@example.org');
    await client.get('/signout');
    expect((await client.get('/account')).status).toBe(200);
  });

  it('changing the password ends the other sessions and keeps this one', async () => {
    const laptop = await newAccount('change@example.org');
    const phone = new Client(app.baseUrl);
    await phone.signIn('change@example.org', password);
    const wrong = await laptop.post('/account', { currentPassword: 'not it at all', newPassword: 'a new password', confirmPassword: 'a new password' });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('That is not your current password');
    const res = await laptop.post('/account', { currentPassword: password, newPassword: 'a new password', confirmPassword: 'a new password' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Password changed');
    expect((await laptop.get('/account')).status).toBe(200);
    expect((await phone.get('/account')).status).toBe(302);
    expect((await new Client(app.baseUrl).signIn('change@example.org', password)).status).toBe(401);
    expect((await new Client(app.baseUrl).signIn('change@example.org', 'a new password')).status).toBe(302);
  });

  it('expires after the idle timeout and after the absolute lifetime, however active', async () => {
    const client = await newAccount('expiry@example.org');
    const token = decodeURIComponent(client.cookieHeader.split('=')[1]!);
    const now = Date.now();
    expect((await validateSessionToken(token, new Date(now + IDLE_TIMEOUT_MS / 2))).user?.email).toBe('expiry@example.org');
    // Used at half the idle timeout, so it slid forward: still valid just before a full timeout from then.
    expect((await validateSessionToken(token, new Date(now + IDLE_TIMEOUT_MS * 1.4))).user).not.toBeNull();
    // But never beyond the absolute lifetime.
    await sql`UPDATE sessions SET last_verified_at = ${new Date(now + ABSOLUTE_LIFETIME_MS - 1000)}`;
    expect((await validateSessionToken(token, new Date(now + ABSOLUTE_LIFETIME_MS + 1000))).user).toBeNull();
    expect((await client.get('/account')).status).toBe(302);
  });

  it('rejects malformed and forged tokens', async () => {
    const client = await newAccount('forge@example.org');
    const [id] = decodeURIComponent(client.cookieHeader.split('=')[1]!).split('.');
    for (const token of ['', 'abc', `${id}.`, `${id}.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`, `${id}.x.y`]) {
      expect((await validateSessionToken(token)).session).toBeNull();
    }
  });
});

describe('cross-origin requests', () => {
  it('refuses a POST from another origin and changes nothing', async () => {
    const evil = new Client(app.baseUrl, 'https://evil.example');
    const res = await evil.signUp({ email: 'csrf@example.org', displayName: 'Csrf', password });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Plenum only accepts changes made from its own pages');
    const rows = await sql`SELECT 1 FROM users WHERE email = 'csrf@example.org'`;
    expect(rows).toHaveLength(0);
  });

  it('refuses a cross-site POST by Sec-Fetch-Site even without Origin', async () => {
    const client = await newAccount('victim@example.org');
    const res = await client.request('/signout', { method: 'POST', headers: { 'Sec-Fetch-Site': 'cross-site' } });
    expect(res.status).toBe(403);
    expect((await client.get('/account')).status).toBe(200);
  });
});

describe('headers', () => {
  it('forbids framing by other sites (clickjacking) and content sniffing', async () => {
    const res = await fetch(`${app.baseUrl}/signin`);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('runs only scripts of its own: every inline script carries the response’s nonce, new each time', async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${app.baseUrl}/signin`);
      const policy = res.headers.get('content-security-policy')!;
      const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];
      expect(nonce, policy).toBeDefined();
      expect(policy).toContain("object-src 'none'");
      const scripts = [...(await res.text()).matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      nonces.add(nonce!);
    }
    expect(nonces.size).toBe(2);
  });

  it('lets no cache keep a member’s pages or their data', async () => {
    const client = await newAccount('cache@example.org');
    for (const path of ['/', '/account', '/_root.data']) {
      expect((await client.get(path)).headers.get('cache-control'), path).toBe('private, no-store');
    }
  });

});

describe('health', () => {
  it('reports the database as reachable', async () => {
    const res = await fetch(`${app.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: 'ok', sync: { rooms: 0, connections: 0 } });
  });
});
