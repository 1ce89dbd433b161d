import { z } from 'zod';
import { DEFAULT_CHECK_LIMITS } from './sync/write-rules';

/** Every setting Plenum reads from the environment, checked once at start-up. */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** Unset: Plenum starts an embedded PostgreSQL with its data under DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('.data'),
  /** Connections to PostgreSQL for everything but search (db/sql.ts reads these two itself; checked here). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).default(10),
  /** Connections to PostgreSQL for search, each statement planned for its own words. */
  DATABASE_SEARCH_POOL_SIZE: z.coerce.number().int().min(1).default(4),
  /** The address users type, e.g. https://plenum.example.edu. HTTPS turns on Secure, __Host- cookies. */
  PUBLIC_ORIGIN: z.string().url().optional(),
  /** Express `trust proxy` value for a reverse proxy in front, e.g. `loopback` or `10.0.0.0/8`. */
  TRUST_PROXY: z.string().optional(),
  /** Seed the demo course on a database that has no courses yet. */
  SEED_DEMO: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Largest source upload, in bytes. */
  MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(2 * 1024 * 1024),
  /** Largest file of annotations to import, in bytes. */
  MAX_IMPORT_BYTES: z.coerce.number().int().positive().default(20 * 1024 * 1024),
  /** Most annotations one import may bring. */
  MAX_IMPORT_ANNOTATIONS: z.coerce.number().int().positive().default(10_000),
  /** Largest request body of a form or fetch, in bytes (uploads: MAX_UPLOAD_BYTES plus 1 MiB for the form). */
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  /** Largest request body of sign-in, sign-up and joining, in bytes. */
  MAX_SIGNIN_BODY_BYTES: z.coerce.number().int().positive().default(16 * 1024),
  /** Largest WebSocket message, in bytes. */
  SYNC_MAX_MESSAGE_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  /** Most structs plus deleted ranges in one update, counted before it is decoded. */
  SYNC_MAX_UPDATE_CHANGES: z.coerce.number().int().positive().default(DEFAULT_CHECK_LIMITS.maxChanges),
  /** Bytes one member's entries (notes, replies, posts) may take in one room. */
  SYNC_MEMBER_ROOM_BYTES: z.coerce.number().int().positive().default(2 * 1024 * 1024),
  /** Bytes all entries of one room may take (every new reader downloads them). */
  SYNC_ROOM_BYTES: z.coerce.number().int().positive().default(32 * 1024 * 1024),
  /** Most steps the write check may take on one update. */
  SYNC_MAX_CHECK_STEPS: z.coerce.number().int().positive().default(DEFAULT_CHECK_LIMITS.maxSteps),
  /** How long a room stays in memory after its last connection leaves. */
  SYNC_ROOM_GRACE_MS: z.coerce.number().int().min(0).default(30_000),
  /** Compact a room's log after this many stored updates. */
  SYNC_COMPACT_EVERY: z.coerce.number().int().positive().default(500),
  /** How often open connections' sessions and memberships are checked again. */
  SYNC_AUTH_RECHECK_MS: z.coerce.number().int().positive().default(30_000),
  /** How often each socket is pinged; one that has not answered the last ping is dropped (a vanished client). */
  SYNC_PING_MS: z.coerce.number().int().positive().default(15_000),
  /** How often loaded rooms are compared with storage (repairs missed notifications). */
  SYNC_REPAIR_MS: z.coerce.number().int().positive().default(10_000),
  /** Per-connection update rate: sustained per second (bursts of twice that pass). */
  SYNC_UPDATES_PER_SECOND: z.coerce.number().int().positive().default(100),
  /** Sockets one member may open to one room (one per tab), and to all rooms together. */
  SYNC_MAX_SOCKETS_PER_ROOM: z.coerce.number().int().positive().default(8),
  SYNC_MAX_SOCKETS: z.coerce.number().int().positive().default(64),
  /** Changes (structs and deleted ranges) per second one member may send over all sockets; bursts of ten times that. */
  SYNC_MEMBER_CHANGES_PER_SECOND: z.coerce.number().int().positive().default(1_000),
  /** How long an update may wait for dependencies still on their way before the connection is reset. */
  SYNC_HOLD_MS: z.coerce.number().int().positive().default(10_000),
  /** How long storing a batch of updates may take before its writers are told to try again later. */
  SYNC_STORE_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  /**
   * The balancer routes each room to one instance (deploy/haproxy.cfg): an instance that loses a room to
   * another sends that room's clients on to it. Leave off behind a balancer that spreads a room's clients.
   */
  SYNC_ROOM_AFFINITY: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** The balancer's address as instances reach it (e.g. http://balancer:3000): rooms move back to an instance that returns. */
  BALANCER_URL: z.string().url().optional(),
  /** What operators call this instance in /healthz and /metrics; unset: host name and port. */
  INSTANCE_NAME: z.string().min(1).max(100).optional(),
  /** How often an instance says it is alive; one silent for five times this is taken for dead. */
  SYNC_HEARTBEAT_MS: z.coerce.number().int().positive().default(2_000),
  /** Bearer token that shows room names in /healthz and opens /metrics to requests from other machines. */
  OPS_TOKEN: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(16, 'OPS_TOKEN must be at least 16 characters').optional()),
  /** Largest presence state, in bytes. */
  SYNC_AWARENESS_MAX_BYTES: z.coerce.number().int().positive().default(4096),
  /** Where mail goes out (e.g. smtps://user:pass@mail.example.edu). Unset: mail is written to the log. */
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default('Plenum <no-reply@localhost>'),
  /** How often the outbox is sent. */
  MAIL_INTERVAL_MS: z.coerce.number().int().positive().default(2_000),
  /** How often students are reminded of assignments due within a day. */
  REMINDER_INTERVAL_MS: z.coerce.number().int().positive().default(60_000),
});

export type Env = z.infer<typeof schema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid environment:\n${problems}`);
  }
  return result.data;
}
