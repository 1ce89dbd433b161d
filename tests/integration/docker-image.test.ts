/**
 * The production image's runtime stage, without Docker: exactly the files its COPY lines put in /app, and
 * its CMD, started in a directory of their own. (The image once lacked tsconfig.json, which tsx needs to
 * resolve server/'s "~/" imports: every replica of docker-compose.yml crashed at start.)
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../helpers/app-server';

interface RuntimeStage {
  /** Local paths copied into the image, and where they land under /app. */
  copies: { from: string; to: string }[];
  cmd: string[];
}

/** The last stage of the Dockerfile: its COPY lines (from the build context, or build/ from the build stage) and CMD. */
function runtimeStage(dockerfile: string): RuntimeStage {
  const stages = dockerfile.split(/^FROM /m);
  const last = stages[stages.length - 1]!;
  const copies: RuntimeStage['copies'] = [];
  let cmd: string[] = [];
  for (const line of last.split('\n')) {
    const copy = /^COPY\s+(?:--from=(\S+)\s+)?(.+)$/.exec(line.trim());
    if (copy) {
      const parts = copy[2]!.split(/\s+/);
      const to = parts.pop()!;
      // What a stage built in /app is what `npm run build` left in this checkout.
      for (const from of parts) copies.push({ from: copy[1] ? from.replace(/^\/app\//, '') : from, to: to.endsWith('/') ? path.join(to, path.basename(from)) : to });
    }
    const command = /^CMD\s+(\[.*\])$/.exec(line.trim());
    if (command) cmd = JSON.parse(command[1]!) as string[];
  }
  return { copies, cmd };
}

const root = path.resolve(import.meta.dirname, '../..');
const appDir = mkdtempSync(path.join(tmpdir(), 'plenum-image-'));
let app: RunningApp | undefined;

afterAll(async () => {
  await app?.stop();
  rmSync(appDir, { recursive: true, force: true });
});

describe('the production image (Dockerfile)', () => {
  it('starts from the files its runtime stage copies, with its CMD, and serves a page', async () => {
    const stage = runtimeStage(readFileSync(path.join(root, 'Dockerfile'), 'utf8'));
    expect(stage.cmd[0]).toBe('node');
    expect(stage.copies.map((c) => c.from)).toEqual(expect.arrayContaining(['package.json', 'build', 'server']));
    for (const { from, to } of stage.copies) cpSync(path.join(root, from), path.join(appDir, to), { recursive: true });
    // The image installs its own node_modules (npm ci --omit=dev); here, this checkout's.
    symlinkSync(path.join(root, 'node_modules'), path.join(appDir, 'node_modules'), 'dir');

    app = await startApp({ DATABASE_URL: process.env.DATABASE_URL }, { command: [process.execPath, ...stage.cmd.slice(1)], cwd: appDir });
    const signIn = await fetch(`${app.baseUrl}/signin`);
    expect(signIn.status).toBe(200);
    expect(await signIn.text()).toContain('Sign in');
  });
});
