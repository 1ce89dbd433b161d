/**
 * Imports a file of annotations into one member's branch of a notes room: the work on a worker thread
 * (import-worker.ts), then one append to the room's log, which every instance's copy of the room catches up
 * on (instance-sync.ts) as it does with another instance's writes, and the room's projection from storage.
 * All or nothing: one update, appended in the transaction that holds the importer's lock on the room, so a
 * second import of the same file, even at the same moment, finds the first one's notes and adds nothing.
 */
import { Worker } from 'node:worker_threads';
import { sql } from '../../db/sql';
import { appendUpdates, readRoom } from '../sync/persistence';
import { projectStoredRoom } from '../sync/rebuild';
import type { ImportJob, ImportResult } from './import-worker';

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
  timeoutMs: number;
}

const WORKER = new URL('./import-worker.ts', import.meta.url).href;
// A worker thread does not inherit the main thread's TypeScript loader: it registers tsx's, then loads the worker.
const BOOTSTRAP = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(WORKER)}); });`;

function inWorker(job: ImportJob, timeoutMs: number): Promise<ImportResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: job,
      transferList: [job.file.buffer as ArrayBuffer, ...job.chunks.map((c) => c.buffer as ArrayBuffer)],
      // A file of 20 MiB parses into a few hundred; a hostile one may not take the server's memory with it.
      resourceLimits: { maxOldGenerationSizeMb: 768 },
    });
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve({ ok: false, error: `The import took longer than ${Math.round(timeoutMs / 1000)} s and was stopped; nothing was imported. Import fewer annotations at a time.` });
    }, timeoutMs);
    worker.once('message', (result: ImportResult) => {
      clearTimeout(timer);
      resolve(result);
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
  return async function importAnnotations(request: ImportRequest): Promise<ImportResult> {
    if (running >= limits.concurrent) return { ok: false, error: 'Other imports are running: try again in a minute.' };
    running += 1;
    try {
      const result = await sql.begin(async (tx) => {
        const [lock] = await tx<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtext(${`import ${request.room} ${request.importerId}`})) AS locked`;
        if (!lock!.locked) return { ok: false as const, error: 'You are importing into these notes already: wait for that import to finish.' };
        const stored = await readRoom(request.room);
        const job: ImportJob = {
          file: request.file,
          chunks: stored.chunks.map((c) => c.data),
          text: request.text,
          version: request.version,
          importerId: request.importerId,
          maxAnnotations: limits.maxAnnotations,
          quota: limits.quota,
          now: Date.now(),
        };
        const outcome = await inWorker(job, limits.timeoutMs);
        if (outcome.ok && outcome.update) {
          // Last, so the room's row is locked (against live writes) only for the commit.
          await appendUpdates([{ room: request.room, update: outcome.update, userId: request.importerId }], tx);
        }
        return outcome;
      });
      if (result.ok && result.update) await projectStoredRoom(request.room);
      return result;
    } finally {
      running -= 1;
    }
  };
}
