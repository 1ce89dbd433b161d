import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequestHandler } from '@remix-run/express';
import type { AppLoadContext, ServerBuild } from '@remix-run/node';
import express, { type RequestHandler } from 'express';
import { sql } from '../db/sql';
import { logger } from './logger';
import { isOperator } from './operator';
import { limitBodies, type BodyLimits } from './body-limits';
import { withDeadline } from './deadline';
import { sameOriginOnly } from './same-origin';

export interface AppOptions {
  mode: 'development' | 'production';
  publicOrigin?: string;
  trustProxy?: string;
  /** Largest request bodies, by class of route. */
  bodyLimits: BodyLimits;
  /** Answers GET /sync/<room> (why a WebSocket upgrade would be refused). */
  syncCheck?: RequestHandler;
  /** Live-sync figures for /healthz; room names only for operators. */
  syncStats?: (options: { roomNames: boolean }) => object;
  /** The Prometheus text for /metrics. */
  metrics?: () => Promise<{ contentType: string; body: string }>;
  /** Bearer token that lets an operator read /metrics and room names from another machine (server/operator.ts). */
  opsToken?: string;
  /** Answers GET /events (a page's stream of its user's events). */
  userEvents?: RequestHandler;
  /** Imports a file of annotations into a notes room (server/import/), for the import page's action. */
  importAnnotations?: AppLoadContext['importAnnotations'];
}

/** How long /healthz waits for PostgreSQL before answering 503: a hung database must not hang the check. */
const HEALTH_DEADLINE_MS = 1500;

/**
 * Scripts only from Plenum itself, and inline only with this response's nonce (Remix's hydration data
 * and scroll restoration carry it: app/entry.server.tsx), so injected markup cannot run script. Styles
 * may be inline (React style attributes, the reader's highlight colours). Vite's development server
 * injects scripts of its own, so development mode leaves scripts open.
 */
function contentSecurityPolicy(mode: AppOptions['mode'], nonce: string) {
  const script = mode === 'production' ? `script-src 'self' 'nonce-${nonce}'` : "script-src 'self' 'unsafe-inline'";
  return [
    "default-src 'self'",
    script,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The Express app: health check, same-origin guard, static assets, and the Remix handler. */
export async function createApp(options: AppOptions) {
  const app = express();
  app.disable('x-powered-by');
  // Behind a proxy, TRUST_PROXY names it so req.ip (used to rate-limit sign-ins) is the client's.
  app.set('trust proxy', options.trustProxy ?? false);

  app.use((_req, res, next) => {
    // Plenum's pages are never framed by another site, and never sniffed as another type.
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Content-Security-Policy', contentSecurityPolicy(options.mode, (res.locals.cspNonce = randomBytes(16).toString('base64'))));
    res.setHeader('Referrer-Policy', 'same-origin');
    next();
  });

  // The balancer's check: is this process serving? (Not /healthz: with PostgreSQL restarting every instance
  // would be taken out at once, and writers could not even hear 1013 and wait.)
  app.get('/livez', (_req, res) => void res.json({ status: 'ok' }));

  app.get('/healthz', async (req, res) => {
    try {
      await withDeadline(sql`SELECT 1`, HEALTH_DEADLINE_MS, 'the health check');
      const sync = options.syncStats?.({ roomNames: isOperator(req, options.opsToken) });
      res.json({ status: 'ok', database: 'ok', ...(sync ? { sync } : {}) });
    } catch (error) {
      logger.error({ err: error }, 'health check: database unreachable');
      res.status(503).json({ status: 'unavailable', database: 'unreachable' });
    }
  });

  if (options.metrics) {
    const metrics = options.metrics;
    app.get('/metrics', async (req, res) => {
      if (!isOperator(req, options.opsToken)) {
        res.status(403).type('text/plain').send('metrics are for operators: send OPS_TOKEN as a bearer token, or ask from this machine directly');
        return;
      }
      const { contentType, body } = await metrics();
      res.type(contentType).send(body);
    });
  }

  if (options.syncCheck) app.get('/sync/*', options.syncCheck);
  if (options.userEvents) app.get('/events', options.userEvents);

  app.use(limitBodies(options.bodyLimits));
  app.use(sameOriginOnly(options.publicOrigin));

  let build: ServerBuild | (() => Promise<ServerBuild>);
  let closeDev = async () => {};
  if (options.mode === 'development') {
    const vite = await import('vite');
    const devServer = await vite.createServer({ server: { middlewareMode: true } });
    app.use(devServer.middlewares);
    build = () => devServer.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>;
    closeDev = () => devServer.close();
  } else {
    const buildDir = path.resolve('build');
    app.use('/assets', express.static(path.join(buildDir, 'client/assets'), { immutable: true, maxAge: '1y' }));
    // The service worker is checked for a new version on every visit, never read from a cache.
    app.get('/sw.js', (_req, res) => res.set('Cache-Control', 'no-cache').sendFile(path.join(buildDir, 'client/sw.js')));
    app.use(express.static(path.join(buildDir, 'client'), { maxAge: '1h' }));
    build = (await import(pathToFileURL(path.join(buildDir, 'server/index.js')).href)) as ServerBuild;
  }
  // Pages and their data are per member: never kept by a shared cache or the browser's back-forward store.
  app.all('*', (_req, res, next) => {
    res.setHeader('Cache-Control', 'private, no-store');
    next();
  });
  app.all(
    '*',
    createRequestHandler({
      build,
      mode: options.mode,
      getLoadContext: (req, res) => ({
        clientAddress: req.ip,
        cspNonce: res.locals.cspNonce as string,
        // (app/lib/response-drained.server.ts: Remix's adapter does not wait for a full socket buffer)
        importAnnotations: options.importAnnotations,
        drained: () => (res.writableNeedDrain && !res.destroyed ? new Promise<void>((resolve) => (res.once('drain', resolve), res.once('close', resolve))) : Promise.resolve()),
      }),
    }),
  );
  return { app, closeDev };
}
