/** The sync server's options from the environment (server/env.ts): one place, for the server and for tests. */
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Env } from '../env';
import type { SyncOptions } from './sync-server';

export function syncOptions(env: Env, logger: Logger): SyncOptions {
  return {
    log: logger,
    publicOrigin: env.PUBLIC_ORIGIN,
    maxMessageBytes: env.SYNC_MAX_MESSAGE_BYTES,
    checkLimits: { maxChanges: env.SYNC_MAX_UPDATE_CHANGES, maxSteps: env.SYNC_MAX_CHECK_STEPS },
    quota: { memberBytes: env.SYNC_MEMBER_ROOM_BYTES, roomBytes: env.SYNC_ROOM_BYTES },
    roomGraceMs: env.SYNC_ROOM_GRACE_MS,
    compactEvery: env.SYNC_COMPACT_EVERY,
    authRecheckMs: env.SYNC_AUTH_RECHECK_MS,
    pingMs: env.SYNC_PING_MS,
    repairMs: env.SYNC_REPAIR_MS,
    awarenessTickMs: 50,
    awarenessMaxBytes: env.SYNC_AWARENESS_MAX_BYTES,
    holdMs: env.SYNC_HOLD_MS,
    storeTimeoutMs: env.SYNC_STORE_TIMEOUT_MS,
    ownership: {
      name: env.INSTANCE_NAME ?? `${hostname()}:${env.PORT}`,
      heartbeatMs: env.SYNC_HEARTBEAT_MS,
      deadAfterMs: env.SYNC_HEARTBEAT_MS * 5,
      affinity: env.SYNC_ROOM_AFFINITY,
      balancerUrl: env.BALANCER_URL,
      // The balancer takes an instance in after two passing checks a second apart (deploy/haproxy.cfg).
      settleMs: 3_500,
    },
    limits: {
      updateBurst: env.SYNC_UPDATES_PER_SECOND * 2,
      updatesPerSecond: env.SYNC_UPDATES_PER_SECOND,
      // A seminar's leader says where they are up to every 60 ms (app/lib/seminar/model.ts); presence goes
      // out coalesced, once per tick, however often it comes in.
      presenceBurst: 40,
      presencePerSecond: 20,
      maxBufferedBytes: 16 * 1024 * 1024,
    },
    memberLimits: {
      socketsPerRoom: env.SYNC_MAX_SOCKETS_PER_ROOM,
      sockets: env.SYNC_MAX_SOCKETS,
      updatesPerSecond: env.SYNC_UPDATES_PER_SECOND * 2,
      changesPerSecond: env.SYNC_MEMBER_CHANGES_PER_SECOND,
    },
  };
}
