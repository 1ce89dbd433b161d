/** Runs benchmark clients (sync-clients.ts) spread over worker threads, and gathers what they timed. */
import { Worker } from 'node:worker_threads';
import type { ClientSpec, WorkerInput, WorkerOutput } from './sync-clients';

export interface Drive {
  /** The y-websocket server URL (ws://host/sync). */
  url: string;
  specs: ClientSpec[];
  /** Each client writes a note this often; writers are spread evenly over the interval. */
  intervalMs: number;
  warmupMs: number;
  durationMs: number;
  workers: number;
}

export interface DriveResult {
  /** Fan-out latencies (ms), sorted. */
  latencies: number[];
  delivered: number;
  written: number;
}

export async function driveClients({ url, specs, intervalMs, warmupMs, durationMs, workers: count }: Drive, onSynced?: () => Promise<void> | void): Promise<DriveResult> {
  const groups = Array.from({ length: count }, (_, w) => specs.map((spec, i) => ({ spec, i })).filter(({ i }) => i % count === w));
  const workers = groups
    .filter((g) => g.length > 0)
    .map((group) => {
      const input: WorkerInput = {
        url,
        clients: group.map((g) => g.spec),
        intervalMs,
        offsets: group.map((g) => (g.i * intervalMs) / specs.length),
        warmupMs,
        durationMs,
      };
      // The worker is TypeScript too: register tsx in the thread, then load it.
      const entry = JSON.stringify(new URL('./sync-clients.ts', import.meta.url).href);
      return new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${entry}); })`, { eval: true, workerData: input });
    });
  const next = (worker: Worker, type: string) =>
    new Promise<{ output?: WorkerOutput }>((resolve, reject) => {
      const onMessage = (message: { type: string; output?: WorkerOutput }) => {
        if (message.type !== type) return;
        worker.off('message', onMessage);
        resolve(message);
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
  await Promise.all(workers.map((w) => next(w, 'synced')));
  await onSynced?.();
  const done = workers.map((w) => next(w, 'done'));
  for (const w of workers) w.postMessage('start');
  const outputs = (await Promise.all(done)).map((m) => m.output!);
  await Promise.all(workers.map((w) => w.terminate()));
  return {
    latencies: outputs.flatMap((o) => o.latencies).sort((a, b) => a - b),
    delivered: outputs.reduce((n, o) => n + o.delivered, 0),
    written: outputs.reduce((n, o) => n + o.written, 0),
  };
}
