import type { NextFunction, Request, Response } from 'express';
import { formatBytes } from '~/lib/format';

/** The largest request body, in bytes, for each class of route. */
export interface BodyLimits {
  /** Sign-in, sign-up, joining: a handful of short fields. */
  signIn: number;
  /** Uploading a source: the file (MAX_UPLOAD_BYTES) and its description. */
  upload: number;
  /** Importing annotations: the file (MAX_IMPORT_BYTES) and the form. */
  import: number;
  /** Every other form and fetch. */
  other: number;
}

const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS']);
// A Remix form posted by the page's script goes to the same path with `.data` appended (single fetch).
const SIGN_IN = /^\/(signin|signup(\/confirm\/[^/]+)?|join(\/[^/]+)?)(\.data)?$/;
// Adding a source, or a new version of one (its corrected text).
const UPLOAD = /^\/c\/[^/]+\/(sources\/new|d\/[^/]+\/revise)(\.data)?$/;
const IMPORT = /^\/c\/[^/]+\/d\/[^/]+\/import(\.data)?$/;

export function bodyLimitFor(path: string, limits: BodyLimits): number {
  if (SIGN_IN.test(path)) return limits.signIn;
  if (UPLOAD.test(path)) return limits.upload;
  if (IMPORT.test(path)) return limits.import;
  return limits.other;
}

/**
 * Refuses a request body over its route's limit before any of it is read: the declared length is
 * checked (Node's parser never passes a body longer than it declares), and a body of undeclared length
 * (chunked) is refused outright, since no browser form or fetch of Plenum's sends one.
 */
export function limitBodies(limits: BodyLimits) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (BODYLESS.has(req.method)) return next();
    const declared = req.get('content-length');
    if (declared === undefined) {
      if (req.get('transfer-encoding') === undefined) return next(); // no body at all
      return refuse(res, 411, 'A request body must declare its length (Content-Length).');
    }
    const limit = bodyLimitFor(req.path, limits);
    if (Number(declared) > limit) {
      return refuse(res, 413, `The request is too large: at most ${formatBytes(limit)} may be sent here, and this one is ${formatBytes(Number(declared))}.`);
    }
    next();
  };
}

function refuse(res: Response, status: number, reason: string) {
  // Closing the connection stops the client sending (and Node reading) the rest of the body.
  res.status(status).set('Connection', 'close').type('text/plain').send(reason);
}
