/**
 * GET /events: a Server-Sent Events stream per signed-in page, telling it that something of its
 * user's changed — a notification arrived, or the projection recorded their notes (assignment
 * progress). Only the kind travels; the page then asks its loaders, which check access as always.
 * Fed by PostgreSQL NOTIFY on `plenum_user`, so an event raised on any instance reaches every one.
 */
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { readSessionToken } from '~/lib/auth.server';
import { validateSessionToken } from '~/lib/session.server';
import { sql } from '../db/sql';

const KINDS = new Set(['notifications', 'progress', 'seminar']);
const KEEPALIVE_MS = 25_000;

export class UserEvents {
  private readonly streams = new Map<string, Set<Response>>();
  private unlisten: (() => Promise<void>) | null = null;
  private keepalive: NodeJS.Timeout | null = null;

  constructor(private readonly log: Logger) {}

  async start() {
    const listener = await sql.listen('plenum_user', (payload) => this.deliver(payload));
    this.unlisten = listener.unlisten;
    // Proxies close quiet connections; a comment line every 25 s keeps the stream open.
    this.keepalive = setInterval(() => this.each((res) => res.write(': keepalive\n\n')), KEEPALIVE_MS);
  }

  readonly handler = async (req: Request, res: Response) => {
    const token = readSessionToken(req.headers.cookie ?? null);
    const { user } = token ? await validateSessionToken(token).catch(() => ({ user: null })) : { user: null };
    if (!user) {
      res.status(401).json({ error: 'Sign in to receive live updates' });
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' });
    res.write('retry: 5000\n\n');
    const set = this.streams.get(user.id) ?? new Set();
    set.add(res);
    this.streams.set(user.id, set);
    req.on('close', () => {
      set.delete(res);
      if (set.size === 0) this.streams.delete(user.id);
    });
  };

  private deliver(payload: string) {
    const [kind, userId] = payload.split(' ');
    if (!kind || !userId || !KINDS.has(kind)) return this.log.warn({ payload }, 'events: unknown notification');
    for (const res of this.streams.get(userId) ?? []) res.write(`event: ${kind}\ndata: {}\n\n`);
  }

  private each(fn: (res: Response) => void) {
    for (const set of this.streams.values()) for (const res of set) fn(res);
  }

  /** Ends every stream (their pages reconnect to another instance or after the restart). */
  async close() {
    if (this.keepalive) clearInterval(this.keepalive);
    this.each((res) => res.end());
    this.streams.clear();
    await this.unlisten?.().catch(() => {});
  }
}
