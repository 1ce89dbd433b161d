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

  async signUp(input: { email: string; displayName: string; password: string }) {
    return this.post('/signup', input);
  }

  async signIn(email: string, password: string) {
    return this.post('/signin', { email, password });
  }
}
