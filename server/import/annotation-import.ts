/**
 * Imports a file of annotations into one member's branch of a notes room. The whole import runs on a worker
 * thread (import-worker.ts): reading and placing, the append to the room's log in one transaction under the
 * importer's lock (all or nothing; a second import of the same file, even at the same moment, finds the
 * first one's notes and adds nothing), and the room's projection from storage. Every instance's copy of the
 * room catches up on the append (instance-sync.ts) as it does with another instance's writes.
 */
import { Worker } from 'node:worker_threads';
import type { ImportOutcome } from '~/lib/import/import-context.server';
import { logger } from '../logger';
import { projectStoredRoom } from '../sync/rebuild';
import type { ImportJob, WorkerMessage } from './import-worker';

export interface ImportRequest {
  room: string;
  importerId: string;
  file: Uint8Array;
  text: string;
  version: number;
}

export interface ImportLimits {
  maxAnnotations: number;
  quota: { memberBytes: number; roomBytes: number };
  /** Imports running at once on this instance; more are asked to wait. */
  concurrent: number;
  /** How long reading and placing the file may take; the database's part is bounded by its own timeouts. */
  timeoutMs: number;
}

const WORKER = new URL('./import-worker.ts', import.meta.url).href;
// A worker thread does not inherit the main thread's TypeScript loader: it registers tsx's, then loads the worker.
const BOOTSTRAP = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(WORKER)}); });`;

function inWorker(job: ImportJob, timeoutMs: number): Promise<Extract<WorkerMessage, { kind: 'done' }>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: job,
      transferList: [job.file.buffer as ArrayBuffer],
      // A file of 20 MiB parses into a few hundred; a hostile one may not take the server's memory with it.
      resourceLimits: { maxOldGenerationSizeMb: 768 },
      // One transaction, then the projection: two connections are plenty.
      env: { ...process.env, DATABASE_POOL_SIZE: '2' },
    });
    // Stopped only while it reads the file: once it writes, ending it could leave the answer unknown.
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve({ kind: 'done', outcome: { ok: false, error: `The import took longer than ${Math.round(timeoutMs / 1000)} s and was stopped; nothing was imported. Import fewer annotations at a time.` } });
    }, timeoutMs);
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'read') return clearTimeout(timer);
      resolve(message);
      void worker.terminate();
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

export function annotationImporter(limits: ImportLimits) {
  let running = 0;
  return async function importAnnotations(request: ImportRequest): Promise<ImportOutcome> {
    if (running >= limits.concurrent) return { ok: false, error: 'Other imports are running: try again in a minute.' };
    running += 1;
    try {
      const { outcome, projectionError } = await inWorker({ ...request, maxAnnotations: limits.maxAnnotations, quota: limits.quota, now: Date.now() }, limits.timeoutMs);
      if (projectionError !== undefined) {
        // The notes are stored; the projection (search, export, the dashboard) must have them before the answer.
        logger.warn({ room: request.room, err: projectionError }, 'projecting an import on its worker failed; projecting on the main thread');
        await projectStoredRoom(request.room);
      }
      return outcome;
    } finally {
      running -= 1;
    }
  };
}
