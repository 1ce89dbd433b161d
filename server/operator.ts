/**
 * Who may read what only operators should: room names in /healthz (they name courses and members) and
 * /metrics. A request with OPS_TOKEN as its bearer token, or one made on this machine straight to the
 * instance (not through a proxy, which would add X-Forwarded-For): a scraper or an operator's curl.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function isOperator(req: Request, opsToken: string | undefined): boolean {
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (opsToken && bearer) {
    const given = Buffer.from(bearer);
    const expected = Buffer.from(opsToken);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
  return LOOPBACK.has(req.socket.remoteAddress ?? '') && req.headers['x-forwarded-for'] === undefined;
}
