/**
 * The HAProxy configuration for Plenum behind a balancer (docs/operations.md): each room's sync socket
 * goes to one instance, by a consistent hash of its path /sync/<room>; pages go round the instances.
 * `npm run cluster` writes it for local ports; deploy/haproxy.cfg is the same text for Docker Compose
 * (a unit test keeps the two in step).
 */
export interface HaproxyShape {
  /** What the balancer listens on, e.g. ":3000" or "127.0.0.1:3000". */
  bind: string;
  /** The instances, as name and address ("app1:3000", "127.0.0.1:3101"). */
  servers: { name: string; address: string }[];
  /**
   * In containers: log to stdout, and find the instances through Docker's DNS, again when they restart
   * (with a new address). On one machine: no log, fixed addresses.
   */
  inContainers: boolean;
}

export function haproxyConfig({ bind, servers, inContainers }: HaproxyShape): string {
  const dns = inContainers ? ' resolvers docker init-addr last,libc,none' : '';
  const lines = (check: string) => servers.map((s) => `  server ${s.name} ${s.address} ${check}${dns}`);
  return [
    '# Plenum behind HAProxy (docs/operations.md). Written by scripts/cluster/haproxy-config.ts: change it there.',
    // No maxconn: HAProxy sets it from the descriptor limit it is given (two per connection), which a
    // fixed number could exceed (the official image's unprivileged user cannot raise its own limit).
    'global',
    ...(inContainers ? ['  log stdout format raw local0 notice', '', 'resolvers docker', '  nameserver dns 127.0.0.11:53', '  hold valid 5s'] : []),
    '',
    'defaults',
    '  mode http',
    ...(inContainers ? ['  log global', '  option httplog'] : []),
    '  option forwardfor',
    '  timeout connect 2s',
    '  timeout client 60s',
    '  timeout server 60s',
    // A sync socket is quiet for long stretches; the server pings it every 15 s.
    '  timeout tunnel 1h',
    '  timeout client-fin 5s',
    // An instance that refuses the connection (it just died) is tried again on another at once.
    '  retries 2',
    '  option redispatch 1',
    '',
    'frontend plenum',
    `  bind ${bind}`,
    '  acl sync_room path_beg /sync/',
    '  use_backend rooms if sync_room',
    '  default_backend pages',
    '',
    '# One instance owns each room: the hash of /sync/<room> (the path, without the query) picks it, and',
    '# a consistent hash moves only the dead or new instance\'s rooms when the set of instances changes.',
    'backend rooms',
    '  balance uri',
    '  hash-type consistent',
    // /livez does not ask PostgreSQL: with the database restarting, instances still answer their sockets.
    '  option httpchk GET /livez',
    ...lines('check inter 1s fall 2 rise 2 on-marked-down shutdown-sessions'),
    '',
    '# Pages and their data: any instance (sessions live in PostgreSQL).',
    'backend pages',
    '  balance roundrobin',
    '  option httpchk GET /livez',
    ...lines('check inter 1s fall 2 rise 2'),
    '',
  ].join('\n');
}

/** The shape of docker-compose.yml: three replicas behind the balancer on port 3000. */
export const COMPOSE_SHAPE: HaproxyShape = {
  bind: ':3000',
  servers: [1, 2, 3].map((n) => ({ name: `app${n}`, address: `app${n}:3000` })),
  inContainers: true,
};
