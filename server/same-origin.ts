import type { NextFunction, Request, Response } from 'express';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses any state-changing request that a browser made from another site: `Sec-Fetch-Site` must be
 * same-origin (or none: typed by the user), and `Origin`, when sent, must be this site's own.
 * Requests without either header do not come from a browser page, so they carry no ambient cookie risk.
 */
export function sameOriginOnly(publicOrigin: string | undefined) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const site = req.get('sec-fetch-site');
    const origin = req.get('origin');
    const expected = publicOrigin ?? `${req.protocol}://${req.get('host')}`;
    if (site && site !== 'same-origin' && site !== 'none') {
      return refuse(res, `a ${site} request`);
    }
    if (origin && origin !== expected) {
      return refuse(res, `a request from ${origin}`);
    }
    // Remix compares Origin with the Host the request names (X-Forwarded-Host first) and throws on a
    // mismatch (a 500): a proxy that rewrites Host without passing X-Forwarded-Host is told so instead.
    const host = (req.get('x-forwarded-host')?.split(',')[0] ?? req.get('host'))?.trim();
    if (origin && origin !== 'null' && new URL(origin).host !== host) {
      res
        .status(400)
        .type('text/plain')
        .send(
          `This request names the host "${host ?? ''}" but comes from ${origin}. A proxy in front of Plenum must pass the Host users typed ` +
            '(for example proxy_set_header Host $host, or X-Forwarded-Host): see docs/operations.md.',
        );
      return;
    }
    next();
  };
}

function refuse(res: Response, what: string) {
  res
    .status(403)
    .type('text/plain')
    .send(`Refused ${what}: Plenum only accepts changes made from its own pages.`);
}
