// The reference: the in-memory y-websocket server that y-websocket@2 shipped (no auth, no storage),
// on PORT, plus GET /stats with its RSS and event-loop delay so the benchmark can compare.
const http = require('node:http');
const { monitorEventLoopDelay } = require('node:perf_hooks');
const WebSocket = require('ws');
const { setupWSConnection } = require('y-websocket-v2/bin/utils');

const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
const wss = new WebSocket.Server({ noServer: true });
wss.on('connection', setupWSConnection);
const server = http.createServer((req, res) => {
  if (req.url === '/stats') {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ rssMiB: Math.round(process.memoryUsage.rss() / 1048576), eventLoopDelayMs: { p50: loopDelay.percentile(50) / 1e6, p99: loopDelay.percentile(99) / 1e6 } }));
    loopDelay.reset();
    return;
  }
  res.end('ok');
});
server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)));
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write(`listening ${server.address().port}\n`));
