/**
 * A worker thread of benchmark clients: stock WebsocketProvider clients, each adding a note to its
 * own branch every `intervalMs`, and timing every note that arrives from someone else.
 */
import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { noteEntry } from '../helpers/sync-clients';

export interface ClientSpec {
  room: string;
  branch: string;
  /** For Plenum: the session cookie and Origin to send. */
  cookie?: string;
  origin?: string;
}

export interface WorkerInput {
  url: string;
  clients: ClientSpec[];
  intervalMs: number;
  /** Where this worker's writers start in the interval, so all writers are spread evenly. */
  offsets: number[];
  warmupMs: number;
  durationMs: number;
}

export interface WorkerOutput {
  latencies: number[];
  delivered: number;
  written: number;
}

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function socketClass(spec: ClientSpec) {
  if (!spec.cookie) return WebSocket as unknown as typeof globalThis.WebSocket;
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { Cookie: spec.cookie!, Origin: spec.origin! } });
    }
  } as unknown as typeof globalThis.WebSocket;
}

async function run(input: WorkerInput): Promise<WorkerOutput> {
  process.setMaxListeners(0); // every WebsocketProvider in Node adds an exit listener
  const latencies: number[] = [];
  let delivered = 0;
  let written = 0;
  let measuring = false;
  const providers = input.clients.map((spec) => {
    const doc = new Y.Doc();
    doc.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.local || !measuring) return;
      const t = now();
      for (const [type, keys] of tr.changed) {
        if (type._item !== null) continue; // only the root maps: one per writer
        const branch = doc.getMap(Y.findRootTypeKey(type));
        for (const key of keys) {
          const raw = branch.get(key!);
          const sent = typeof raw === 'string' ? (JSON.parse(raw) as { createdAt?: number }).createdAt : undefined;
          if (typeof sent === 'number') {
            latencies.push(t - sent);
            delivered += 1;
          }
        }
      }
    });
    return { spec, doc, provider: new WebsocketProvider(input.url, spec.room, doc, { WebSocketPolyfill: socketClass(spec), disableBc: true }) };
  });
  while (!providers.every((p) => p.provider.synced)) await sleep(50);
  parentPort!.postMessage({ type: 'synced' });
  await new Promise<void>((resolve) => parentPort!.once('message', () => resolve()));

  const timers: NodeJS.Timeout[] = [];
  providers.forEach(({ spec, doc }, i) => {
    let n = 0;
    const write = () => {
      // A note as the reader writes one (the only entry a document's room takes), stamped when sent.
      const id = `n${n++}`;
      doc.getMap(spec.branch).set(id, noteEntry(id, `Note ${n} on the plenum.`, now()));
      if (measuring) written += 1;
    };
    // The first note at the writer's offset, then one every interval.
    timers.push(
      setTimeout(() => {
        write();
        timers.push(setInterval(write, input.intervalMs));
      }, input.offsets[i]),
    );
  });
  await sleep(input.warmupMs);
  measuring = true;
  await sleep(input.durationMs);
  measuring = false;
  for (const t of timers) clearInterval(t);
  await sleep(300);
  for (const p of providers) p.provider.destroy();
  return { latencies, delivered, written };
}

if (parentPort) {
  void run(workerData as WorkerInput).then((output) => parentPort!.postMessage({ type: 'done', output }));
}
