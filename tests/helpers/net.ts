import { get } from 'node:http';
import { createServer, connect, type Server, type Socket } from 'node:net';

export { freePort } from '../../scripts/cluster/cluster';

/**
 * A TCP proxy on 127.0.0.1 in front of a database, which a test can cut (every connection dropped,
 * new ones refused) and restore: PostgreSQL going away and coming back.
 */
export class CuttableProxy {
  private server: Server | null = null;
  private sockets = new Set<Socket>();
  /** While set, nothing is forwarded either way and new connections get no answer: a hung database. */
  private stalled = false;
  port = 0;

  constructor(private readonly targetHost: string, private readonly targetPort: number) {}

  async start(port = 0): Promise<number> {
    this.server = createServer((client) => {
      if (this.stalled) {
        this.sockets.add(client);
        client.on('close', () => this.sockets.delete(client));
        client.on('error', () => client.destroy());
        return;
      }
      const upstream = connect(this.targetPort, this.targetHost);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      // Forwarded by hand, so a stall can hold the bytes back.
      client.on('data', (chunk) => !this.stalled && upstream.write(chunk));
      upstream.on('data', (chunk) => !this.stalled && client.write(chunk));
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this.port;
  }

  /** Drops every connection and stops accepting new ones. */
  async cut() {
    const server = this.server;
    this.server = null;
    const closed = new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    for (const s of this.sockets) s.destroy();
    await closed;
  }

  /** The database stops answering, without closing anything (a hung server, a dead network path). */
  stall() {
    this.stalled = true;
  }

  async restore() {
    if (this.stalled) {
      // What was held back is gone: drop the connections, as a recovering network path would.
      this.stalled = false;
      for (const s of this.sockets) s.destroy();
      return;
    }
    await this.start(this.port);
  }

  async stop() {
    await this.cut();
  }
}

/**
 * The status of a GET on a connection of its own. (`fetch` reuses a pooled keep-alive connection; after
 * a pause of seconds, under load, it can pick one the server is just closing and fail with ECONNRESET.)
 */
export function statusOf(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    }).on('error', reject);
  });
}
