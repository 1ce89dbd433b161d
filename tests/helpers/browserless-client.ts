import { canonicalEmail } from '../../db/queries/users';
import { sql } from '../../db/sql';

/**
 * A small HTTP client that behaves like a browser tab of the app: it keeps cookies, sends the
 * app's own Origin on POSTs, and does not follow redirects (tests look at them).
 */
export class Client {
  private cookies = new Map<string, string>();

  constructor(readonly baseUrl: string, private origin: string = baseUrl) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  setCookieHeader(header: string) {
    this.cookies.clear();
    for (const part of header.split(';')) {
      const [name, ...rest] = part.trim().split('=');
      if (name) this.cookies.set(name, rest.join('='));
    }
  }

  async get(path: string, headers: Record<string, string> = {}) {
    return this.request(path, { method: 'GET', headers });
  }

  /** POSTs a form, as a browser would from one of the app's pages. */
  async post(path: string, fields: Record<string, string> | FormData, headers: Record<string, string> = {}) {
    const body = fields instanceof FormData ? fields : new URLSearchParams(fields);
    return this.request(path, { method: 'POST', body, headers: { Origin: this.origin, 'Sec-Fetch-Site': 'same-origin', ...headers } });
  }

  async request(path: string, init: RequestInit & { headers?: Record<string, string> }) {
    const response = await fetch(this.baseUrl + path, {
      ...init,
      redirect: 'manual',
      headers: { ...(this.cookies.size ? { Cookie: this.cookieHeader } : {}), ...init.headers },
    });
    for (const setCookie of response.headers.getSetCookie()) {
      const [pair, ...attributes] = setCookie.split(';');
      const [name, ...rest] = pair!.trim().split('=');
      const value = rest.join('=');
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (expired || value === '') this.cookies.delete(name!);
      else this.cookies.set(name!, value);
    }
    return response;
  }

  /**
   * Signs up as a person would: the form, then the link from the mail (read from the outbox), then the
   * password again. Answers the last step's response (a redirect, signed in), or the form's if it refused.
   */
  async signUp(input: { email: string; displayName: string; password: string; redirectTo?: string }) {
    const asked = await this.post('/signup', { ...input, redirectTo: input.redirectTo ?? '' });
    if (asked.status !== 200) return asked;
    const link = await mailedLink(input.email, '/signup/confirm/');
    if (!link) return asked; // (an address that has an account is mailed a reminder, not a link)
    return this.post(link, { password: input.password });
  }

  async signIn(email: string, password: string) {
    return this.post('/signin', { email, password });
  }
}

/** The path of the newest link starting with `prefix` mailed to `email` (the outbox, db/queries/outbox.ts). */
export async function mailedLink(email: string, prefix: string): Promise<string | null> {
  const [mail] = await sql<{ body: string }[]>`SELECT body FROM outbox WHERE to_address = ${canonicalEmail(email)} ORDER BY id DESC LIMIT 1`;
  const found = mail ? new RegExp(`https?://[^/\\s]+(${prefix.replace(/[/.]/g, '\\$&')}\\S+)`).exec(mail.body) : null;
  return found?.[1] ?? null;
}
