/**
 * The sync server's figures in the Prometheus text format, for /metrics (prom-client). Counters and
 * histograms are moved where things happen; gauges are read when Prometheus scrapes.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { CLOSE } from '~/lib/sync-codes';

export const registry = new Registry();
// Process figures, among them the event-loop delay (nodejs_eventloop_lag_*_seconds) and memory.
collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });

export const updatesStored = new Counter({
  name: 'plenum_sync_updates_stored_total',
  help: 'Updates stored (each is a note, reply, post or other edit a client sent).',
  registers: [registry],
});

export const persistSeconds = new Histogram({
  name: 'plenum_sync_persist_seconds',
  help: 'How long storing one batch of updates took.',
  buckets: [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5],
  registers: [registry],
});

export const batchSize = new Histogram({
  name: 'plenum_sync_write_batch_size',
  help: 'Updates per stored batch (group commit).',
  buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
  registers: [registry],
});

export const notifiesSent = new Counter({
  name: 'plenum_sync_notifies_sent_total',
  help: 'PostgreSQL notifications sent: per stored update whose room another instance holds, and per room claimed from another instance.',
  labelNames: ['kind'] as const,
  registers: [registry],
});

export const notifiesReceived = new Counter({
  name: 'plenum_sync_notifies_received_total',
  help: 'Notifications of stored updates heard on plenum_sync.',
  registers: [registry],
});

export const roomsMoved = new Counter({
  name: 'plenum_sync_rooms_moved_total',
  help: 'Rooms this instance held that another instance claimed (their clients were sent on).',
  registers: [registry],
});

const REFUSAL_NAMES = new Map<number, string>([
  [CLOSE.malformed, 'malformed'],
  [CLOSE.signedOut, 'signed_out'],
  [CLOSE.forbidden, 'forbidden'],
  [CLOSE.writeRefused, 'write_refused'],
  [CLOSE.tooLarge, 'too_large'],
  [CLOSE.missingDependencies, 'missing_dependencies'],
  [CLOSE.rateLimited, 'rate_limited'],
  [CLOSE.tryAgainLater, 'storage_unavailable'],
  [1009, 'message_too_big'],
]);

export const refusals = new Counter({
  name: 'plenum_sync_refusals_total',
  help: 'Connections closed or upgrades refused for a reason (a refused write, a limit, storage out of reach, no access).',
  labelNames: ['reason'] as const,
  registers: [registry],
});

/** Counts a close by the server, if its code is a refusal (not a shutdown, a move or a view change). */
export function countClose(code: number) {
  const reason = REFUSAL_NAMES.get(code);
  if (reason) refusals.inc({ reason });
}

/** Counts a refused upgrade by its HTTP status. */
export function countRefusedUpgrade(status: number) {
  refusals.inc({ reason: status === 401 ? 'signed_out' : status === 403 ? 'forbidden' : status === 404 ? 'no_such_room' : status === 503 ? 'storage_unavailable' : `http_${status}` });
}

/** Gauges read from the running server at each scrape. */
export function watchServer(read: () => { connections: number; owned: number; heldNotOwned: number; updatesPerSecond: number }) {
  new Gauge({
    name: 'plenum_sync_connections',
    help: 'Open sync connections.',
    registers: [registry],
    collect() {
      this.set(read().connections);
    },
  });
  new Gauge({
    name: 'plenum_sync_rooms',
    help: 'Rooms held in memory: owned by this instance, or held while another instance owns them.',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const now = read();
      this.set({ state: 'owned' }, now.owned);
      this.set({ state: 'held_not_owned' }, now.heldNotOwned);
    },
  });
  new Gauge({
    name: 'plenum_sync_updates_per_second',
    help: 'Updates stored per second over the last 10 seconds.',
    registers: [registry],
    collect() {
      this.set(read().updatesPerSecond);
    },
  });
}
