import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freePort, haproxyInstalled } from '../../scripts/cluster/cluster';
import { COMPOSE_SHAPE, haproxyConfig } from '../../scripts/cluster/haproxy-config';

describe('the HAProxy configuration', () => {
  it('shipped in deploy/ is the one the generator writes for Docker Compose', () => {
    const shipped = readFileSync(new URL('../../deploy/haproxy.cfg', import.meta.url), 'utf8');
    expect(shipped).toBe(haproxyConfig(COMPOSE_SHAPE));
  });

  it('routes /sync/<room> by a consistent hash of the path and pages round the instances, and HAProxy accepts it and the shipped one', () => {
    const config = haproxyConfig({ bind: '127.0.0.1:3999', servers: [1, 2].map((n) => ({ name: `p${n}`, address: `127.0.0.1:${4000 + n}` })), inContainers: false });
    expect(config).toMatch(/backend rooms\n {2}balance uri\n {2}hash-type consistent/);
    expect(config).toMatch(/use_backend rooms if sync_room/);
    expect(config).toMatch(/backend pages\n {2}balance roundrobin/);
    if (!haproxyInstalled()) return; // .ci/run installs it; checked there
    const dir = mkdtempSync(path.join(tmpdir(), 'haproxy-check-'));
    try {
      writeFileSync(path.join(dir, 'h.cfg'), config);
      for (const file of [path.join(dir, 'h.cfg'), fileURLToPath(new URL('../../deploy/haproxy.cfg', import.meta.url))]) {
        const check = spawnSync('haproxy', ['-c', '-f', file], { encoding: 'utf8' });
        expect(check.stdout + check.stderr).toContain('Configuration file is valid');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shipped in deploy/ starts as the official image runs it: an unprivileged user with a modest descriptor limit', async () => {
    if (!haproxyInstalled()) return; // .ci/run installs it; checked there
    // A fixed `maxconn 100000` needed 200,034 descriptors, which that user cannot raise its limit to: the balancer exited at start.
    const dir = mkdtempSync(path.join(tmpdir(), 'haproxy-start-'));
    chmodSync(dir, 0o755);
    const config = path.join(dir, 'haproxy.cfg');
    const shipped = readFileSync(new URL('../../deploy/haproxy.cfg', import.meta.url), 'utf8');
    const port = await freePort();
    writeFileSync(config, shipped.replace('bind :3000', `bind 127.0.0.1:${port}`), { mode: 0o644 });
    const asNobody = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
    const haproxy = spawn('prlimit', ['--nofile=4096:4096', ...asNobody, 'haproxy', '-db', '-f', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    haproxy.stdout.on('data', (chunk) => (output += chunk));
    haproxy.stderr.on('data', (chunk) => (output += chunk));
    let exitCode: number | null | undefined;
    const exited = new Promise<number | null>((resolve) => haproxy.once('exit', (code) => resolve((exitCode = code))));
    try {
      // It started: its listener answers (503: the instances' names resolve only on Docker's network).
      let answer: number | undefined;
      for (let tries = 0; answer === undefined && exitCode === undefined && tries < 100; tries++) {
        answer = await fetch(`http://127.0.0.1:${port}/livez`).then((r) => r.status, () => undefined);
        if (answer === undefined) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(`${answer ?? `exited (${exitCode})`}: ${output}`).toMatch(/^503/);
      expect(output).not.toMatch(/ALERT/);
    } finally {
      haproxy.kill('SIGKILL');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
