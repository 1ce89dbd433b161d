/**
 * Plenum's balanced shape on one machine, without Docker: N instances on local ports behind HAProxy,
 * routing each room to one instance (haproxy-config.ts). `npm run cluster` runs it; the failure tests
 * and `npm run bench:cluster` start it from here too, and kill and restart its instances.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { haproxyConfig } from './haproxy-config';

export interface ClusterOptions {
  instances: number;
  /** The balancer's port; 0 picks a free one. */
  port: number;
  /** The instances' ports, one each; unset: free ones. */
  instancePorts?: number[];
  databaseUrl: string;
  /** More environment for every instance (an explicit undefined removes a variable). */
  env?: Record<string, string | undefined>;
  /** Each line an instance or HAProxy prints, prefixed with its name; unset: kept only in `output`. */
  print?: (line: string) => void;
}

export interface Instance {
  readonly name: string;
  readonly port: number;
  readonly url: string;
  /** Its process while it runs. */
  process: ChildProcess | null;
  /** What it printed (the last 2,000 lines, over its restarts). */
  readonly output: string[];
  /** Signals it (SIGKILL: dies with no chance to tidy up) and waits until it has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port and waits until it answers /healthz. */
  start(): Promise<void>;
}

export interface Cluster {
  /** The balancer's address: what users and clients use. */
  url: string;
  instances: Instance[];
  stop(): Promise<void>;
}

export function haproxyInstalled(): boolean {
  return spawnSync('haproxy', ['-v'], { stdio: 'ignore' }).status === 0;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, gone: () => string | null) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const died = gone();
    if (died) throw new Error(`${what}: ${died}`);
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what}: not ready within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

function instance(name: string, port: number, env: NodeJS.ProcessEnv, print?: (line: string) => void): Instance {
  const output: string[] = [];
  let exited: Promise<void> = Promise.resolve();
  let exitCode: string | null = null;
  const self: Instance = {
    name,
    port,
    url: `http://127.0.0.1:${port}`,
    process: null,
    output,
    async start() {
      exitCode = null;
      // In a process group of its own, so stopping it reaches tsx's child too.
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], { cwd: root, env: { ...env, PORT: String(port), INSTANCE_NAME: name }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      self.process = child;
      for (const stream of [child.stdout!, child.stderr!]) {
        createInterface({ input: stream }).on('line', (line) => {
          output.push(line);
          if (output.length > 2000) output.splice(0, output.length - 2000);
          print?.(`${name} | ${line}`);
        });
      }
      exited = new Promise((resolve) =>
        child.once('close', (code, signal) => {
          exitCode = `exited (${code ?? signal})`;
          if (self.process === child) self.process = null;
          resolve();
        }),
      );
      await waitFor(name, async () => (await fetch(`${self.url}/healthz`)).ok, 90_000, () => (exitCode ? `${exitCode}:\n${output.slice(-40).join('\n')}` : null));
    },
    async stop(signal = 'SIGTERM') {
      const child = self.process;
      if (!child) return;
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // already gone
      }
      await exited;
    },
  };
  return self;
}

/** Starts the instances (the first alone, so it migrates and seeds before the others start), then HAProxy. */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  if (!haproxyInstalled()) throw new Error('The cluster needs HAProxy on the PATH (Debian/Ubuntu: apt-get install haproxy; macOS: brew install haproxy).');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    DATABASE_URL: options.databaseUrl,
    SYNC_ROOM_AFFINITY: 'true',
    TRUST_PROXY: 'loopback',
    ...options.env,
  };
  for (const [key, value] of Object.entries(options.env ?? {})) if (value === undefined) delete env[key];
  const port = options.port || (await freePort());
  env.BALANCER_URL = `http://127.0.0.1:${port}`;
  const instances: Instance[] = [];
  for (let n = 1; n <= options.instances; n++) instances.push(instance(`plenum-${n}`, options.instancePorts?.[n - 1] ?? (await freePort()), env, options.print));
  const dir = mkdtempSync(path.join(tmpdir(), 'plenum-cluster-'));
  let haproxy: ChildProcess | null = null;
  const stop = async () => {
    await Promise.all(instances.map((i) => i.stop('SIGTERM')));
    haproxy?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await instances[0]!.start();
    await Promise.all(instances.slice(1).map((i) => i.start()));
    const config = path.join(dir, 'haproxy.cfg');
    writeFileSync(config, haproxyConfig({ bind: `127.0.0.1:${port}`, servers: instances.map((i) => ({ name: i.name, address: `127.0.0.1:${i.port}` })), inContainers: false }));
    let haproxyExit: string | null = null;
    const haproxyOutput: string[] = [];
    haproxy = spawn('haproxy', ['-db', '-f', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [haproxy.stdout!, haproxy.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        haproxyOutput.push(line);
        options.print?.(`haproxy | ${line}`);
      });
    }
    haproxy.once('exit', (code) => (haproxyExit = `HAProxy exited (${code}): ${haproxyOutput.join('\n')}`));
    const url = `http://127.0.0.1:${port}`;
    await waitFor('the balancer', async () => (await fetch(`${url}/livez`)).ok, 20_000, () => haproxyExit);
    return { url, instances, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
