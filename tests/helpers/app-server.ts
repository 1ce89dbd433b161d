import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { freePort } from './net';

export interface RunningApp {
  baseUrl: string;
  process: ChildProcess;
  /** What the server printed (the last 5 000 lines). */
  output: string[];
  /** Signals the process group and waits for the process to exit; resolves with its exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts Plenum the way `npm start` does (production mode, built app) as a child process and waits
 * until /healthz answers. `env` overrides the environment; an explicit undefined removes a variable
 * (e.g. DATABASE_URL, for the embedded database).
 */
export async function startApp(
  env: Record<string, string | undefined> = {},
  options: { command?: string[]; timeoutMs?: number; cwd?: string } = {},
): Promise<RunningApp> {
  const [command, ...args] = options.command ?? [process.execPath, '--import', 'tsx', 'server/index.ts'];
  const timeoutMs = options.timeoutMs ?? 60_000;
  const port = env.PORT ?? String(await freePort());
  const merged: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    SEED_DEMO: 'false',
    ...env,
    PORT: port,
  };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete merged[key];
  // In a process group of its own, so a signal reaches the server under `npm start` as Ctrl-C would.
  const child = spawn(command!, args, { cwd: options.cwd, env: merged as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const output: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on('line', (line) => {
      output.push(line);
      if (output.length > 5000) output.splice(0, output.length - 5000);
    });
  }
  // 'close', not 'exit': under npm the server may still be shutting down (and printing) after npm exits.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  let gone = false;
  let stopping = false;
  void exited.then((code) => {
    gone = true;
    // A server that dies in the middle of a test otherwise shows up only as ECONNREFUSED somewhere.
    if (!stopping) process.stderr.write(`Plenum on port ${port} exited by itself (code ${code}, signal ${child.signalCode}); its last output:\n${output.slice(-80).join('\n')}\n`);
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (gone) throw new Error(`Plenum exited with ${child.exitCode} before it was ready:\n${output.join('\n')}`);
    if (Date.now() > deadline) {
      process.kill(-child.pid!, 'SIGKILL');
      throw new Error(`Plenum was not ready within ${timeoutMs} ms:\n${output.join('\n')}`);
    }
    const ready = await fetch(`${baseUrl}/healthz`).then((r) => r.ok, () => false);
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    baseUrl,
    process: child,
    output,
    async stop(signal = 'SIGTERM') {
      if (gone) return child.exitCode;
      stopping = true;
      process.kill(-child.pid!, signal);
      return exited;
    },
  };
}
