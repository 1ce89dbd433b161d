/**
 * npm run cluster — the balanced shape on one machine: CLUSTER_INSTANCES (3) instances on PORT+1… behind
 * HAProxy on PORT (3000), on DATABASE_URL's PostgreSQL or the embedded one. Ctrl-C stops it all.
 */
import { openDatabase } from '../db/database';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../db/seed/demo';
import { startCluster } from './cluster/cluster';

const instances = Number(process.env.CLUSTER_INSTANCES ?? 3);
const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(instances) || instances < 1 || instances > 32) throw new Error('CLUSTER_INSTANCES must be a whole number from 1 to 32');

const database = await openDatabase({ dataDir: process.env.DATA_DIR ?? '.data', log: (line) => process.stderr.write(`postgres | ${line}\n`) });
const verbose = process.env.LOG_LEVEL === 'debug' || process.env.CLUSTER_VERBOSE === 'true';
process.stdout.write(`Starting ${instances} Plenum instances and HAProxy…\n`);
const cluster = await startCluster({
  instances,
  port,
  // Next to the balancer's: 3001, 3002, 3003.
  instancePorts: Array.from({ length: instances }, (_, k) => port + 1 + k),
  databaseUrl: database.url,
  // Each instance's log, prefixed with its name, when asked for (CLUSTER_VERBOSE=true).
  print: verbose ? (line) => process.stdout.write(`${line}\n`) : undefined,
}).catch(async (error: unknown) => {
  await database.stop();
  throw error;
});
process.stdout.write(
  [
    '',
    `  Plenum (${instances} instances behind HAProxy) is running at ${cluster.url.replace('127.0.0.1', 'localhost')}`,
    ...cluster.instances.map((i) => `    ${i.name}  ${i.url}  (${i.url}/healthz says which rooms it owns)`),
    ...(process.env.SEED_DEMO === 'false' ? [] : [`  Demo accounts (password for all: ${DEMO_PASSWORD}): ${DEMO_ACCOUNTS.map((a) => a.email).join(', ')}`]),
    '  Ctrl-C stops everything.',
    '',
  ].join('\n') + '\n',
);

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  process.stdout.write('Stopping the cluster…\n');
  await cluster.stop();
  await database.stop();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
