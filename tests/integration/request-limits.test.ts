/**
 * Request bodies are refused by their declared size before the server reads them: a stranger's
 * 300 MiB sign-in POSTs cost the server nothing, and every other member goes on being served.
 */
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../helpers/app-server';

let app: RunningApp;

beforeAll(async () => {
  app = await startApp({ DATABASE_URL: process.env.DATABASE_URL });
});
afterAll(async () => {
  await app?.stop();
});

/**
 * Sends a request's head and the first `sendBytes` of its body, then waits for the answer without
 * sending the rest: resolves with the status line and body, or 'no answer' after `waitMs`.
 */
function postHead(path: string, headers: Record<string, string>, sendBytes: number, waitMs = 5000): Promise<{ status: number; body: string } | 'no answer'> {
  const { port } = new URL(app.baseUrl);
  return new Promise((resolve) => {
    const socket = connect(Number(port), '127.0.0.1');
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('no answer');
    }, waitMs);
    socket.on('connect', () => {
      const head = Object.entries({ Host: `127.0.0.1:${port}`, 'Content-Type': 'application/x-www-form-urlencoded', ...headers })
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('');
      socket.write(`POST ${path} HTTP/1.1\r\n${head}\r\n`);
      socket.write('email=a%40b.c&password='.padEnd(sendBytes, 'x'));
    });
    socket.on('data', (chunk) => {
      received += chunk.toString();
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/content-length: (\d+)/i.exec(received)?.[1] ?? 0);
      if (received.length < end + 4 + length) return;
      clearTimeout(timer);
      socket.destroy();
      resolve({ status: Number(received.split(' ')[1]), body: received.slice(end + 4, end + 4 + length) });
    });
    socket.on('error', () => {});
  });
}

const rss = async () => ((await (await fetch(`${app.baseUrl}/healthz`)).json()) as { sync: { process: { rssMiB: number } } }).sync.process.rssMiB;

describe('request bodies', () => {
  it('eight parallel 300 MiB sign-in POSTs are refused with 413 before their bodies are read', async () => {
    const before = await rss();
    const answers = await Promise.all(Array.from({ length: 8 }, () => postHead('/signin', { 'Content-Length': String(300 * 1024 * 1024) }, 4096)));
    for (const answer of answers) {
      expect(answer).toEqual({ status: 413, body: 'The request is too large: at most 16 KiB may be sent here, and this one is 300.0 MiB.' });
    }
    expect(await rss()).toBeLessThan(before + 50);
    // The sign-in page still answers.
    expect((await fetch(`${app.baseUrl}/signin`)).status).toBe(200);
  });

  it('a body of undeclared length (chunked) is refused with 411', async () => {
    const answer = await postHead('/signin', { 'Transfer-Encoding': 'chunked' }, 0);
    expect(answer).toMatchObject({ status: 411, body: expect.stringContaining('must declare its length') });
  });

  it('each class of route has its own limit: forms 1 MiB, uploads the file limit and 1 MiB more', async () => {
    const course = '/c/00000000-0000-4000-8000-000000000000';
    expect(await postHead(`${course}/board`, { 'Content-Length': String(2 * 1024 * 1024) }, 100)).toMatchObject({ status: 413 });
    expect(await postHead(`${course}/sources/new`, { 'Content-Length': String(4 * 1024 * 1024) }, 100)).toMatchObject({ status: 413 });
    // Under its class's limit the request goes on to the route: the upload's sends a stranger to sign in,
    // sign-in waits for the rest of the body.
    expect(await postHead(`${course}/sources/new`, { 'Content-Length': String(2.5 * 1024 * 1024) }, 100, 1500)).toMatchObject({ status: 302 });
    expect(await postHead('/signin', { 'Content-Length': String(8 * 1024) }, 100, 1500)).toBe('no answer');
  });

  it('a sign-in of ordinary size is answered as before', async () => {
    const response = await fetch(`${app.baseUrl}/signin`, {
      method: 'POST',
      body: new URLSearchParams({ email: 'nobody@example.org', password: 'wrong password here' }),
      redirect: 'manual',
    });
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('That email and password do not match an account.');
  });
});

describe('behind a proxy that rewrites Host', () => {
  it('a form POST is answered with a 400 that says what to configure, not a 500', async () => {
    const proxied = await startApp({ DATABASE_URL: process.env.DATABASE_URL, PUBLIC_ORIGIN: 'https://plenum.example.edu' });
    try {
      const { port } = new URL(proxied.baseUrl);
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest(
          { host: '127.0.0.1', port, path: '/signin', method: 'POST', headers: { Host: 'app-internal:3000', Origin: 'https://plenum.example.edu', 'Content-Type': 'application/x-www-form-urlencoded' } },
          (res) => {
            let body = '';
            res.on('data', (c: Buffer) => (body += c.toString()));
            res.on('end', () => resolve({ status: res.statusCode!, body }));
          },
        );
        req.on('error', reject);
        req.end('email=a%40b.c&password=x');
      });
      expect(answer.status).toBe(400);
      expect(answer.body).toContain('names the host "app-internal:3000" but comes from https://plenum.example.edu');
      expect(answer.body).toContain('must pass the Host users typed');
    } finally {
      await proxied.stop();
    }
  });
});
