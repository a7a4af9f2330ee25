// Node.js peer servers for the network benchmark harness (no npm packages):
//
//   node server.js --mode echo|http --port P [--host 127.0.0.1]
//
// echo: the `net` module, writing back every chunk; when a write is buffered past the
//       stream's high-water mark, reading pauses until 'drain' (back-pressure).
// http: the `http` module, answering every request with the harness's fixed response
//       (200, text/plain, "Hello, World!"), keep-alive, no Date header (the other
//       servers send none either).
// Sockets get TCP_NODELAY and the listen backlog is 4096, like every server here.
'use strict';

const net = require('net');
const http = require('http');

function parseArgs(argv) {
  const opts = { host: '127.0.0.1' };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i];
    const value = argv[i + 1];
    if (value === undefined) usage(`option ${name} needs a value`);
    if (name === '--mode') opts.mode = value;
    else if (name === '--port') opts.port = Number(value);
    else if (name === '--host') opts.host = value;
    else usage(`unknown option ${name}`);
  }
  if (!['echo', 'http'].includes(opts.mode) || !Number.isInteger(opts.port)) {
    usage('--mode echo|http and --port are required');
  }
  return opts;
}

function usage(problem) {
  console.error(`server.js: ${problem}; usage: node server.js --mode echo|http --port P [--host 127.0.0.1]`);
  process.exit(2);
}

const BODY = Buffer.from('Hello, World!');
const HEADERS = { 'Content-Type': 'text/plain', 'Content-Length': BODY.length };

function echoServer() {
  return net.createServer({ noDelay: true }, (socket) => {
    socket.on('data', (chunk) => {
      if (!socket.write(chunk)) {
        socket.pause();
        socket.once('drain', () => socket.resume());
      }
    });
    socket.on('error', () => socket.destroy());
  });
}

function httpServer() {
  const server = http.createServer({ noDelay: true }, (req, res) => {
    res.sendDate = false;
    if (req.method !== 'GET') {
      res.writeHead(400, { 'Content-Length': 0, Connection: 'close' });
      res.end();
      return;
    }
    res.writeHead(200, HEADERS);
    res.end(BODY);
  });
  // Between the warm-up and the timed run the load tool reconnects; never time a
  // kept-alive connection out under it.
  server.keepAliveTimeout = 120000;
  server.headersTimeout = 130000;
  return server;
}

const opts = parseArgs(process.argv.slice(2));
const server = opts.mode === 'echo' ? echoServer() : httpServer();
server.listen({ port: opts.port, host: opts.host, backlog: 4096 }, () => {
  console.log(`server.js: ${opts.mode} on ${opts.host}:${opts.port} (node ${process.version})`);
});
process.on('SIGTERM', () => process.exit(0));
