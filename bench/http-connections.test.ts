import assert from 'node:assert/strict';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ConnectionPool, type Outcome, parseResponse } from './http-connections.ts';

const parse = (text: string) => parseResponse(Buffer.from(text, 'latin1'));

describe('parseResponse', () => {
  it('finds the end of an answer by its Content-Length, and waits while it is incomplete', () => {
    const whole =
      'HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n{"a":1}';
    assert.deepEqual(parse(whole), { status: 201, length: whole.length, close: false });
    assert.equal(parse(whole.slice(0, -1)), undefined);
    assert.equal(parse(whole.slice(0, 30)), undefined);
  });

  it('follows chunked encoding to its last chunk, trailers included', () => {
    const chunked =
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\na;x=1\r\n0123456789\r\n0\r\n\r\n';
    assert.deepEqual(parse(chunked), { status: 200, length: chunked.length, close: false });
    for (let cut = chunked.length - 1; cut > chunked.indexOf('\r\n\r\n'); cut--) {
      assert.equal(
        parse(chunked.slice(0, cut)),
        undefined,
        `complete after ${cut} of ${chunked.length} bytes`,
      );
    }
    const trailers = 'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n1\r\nx\r\n0\r\nX-Sum: 1\r\n\r\n';
    assert.deepEqual(parse(trailers), { status: 200, length: trailers.length, close: false });
  });

  it('says when the server will close the connection', () => {
    const closing = 'HTTP/1.1 503 No\r\nConnection: close\r\nContent-Length: 0\r\n\r\n';
    assert.deepEqual(parse(closing), { status: 503, length: closing.length, close: true });
    assert.equal((parse('HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n') as { close: boolean }).close, true);
    const empty = 'HTTP/1.1 204 No Content\r\n\r\n';
    assert.deepEqual(parse(empty), { status: 204, length: empty.length, close: false });
  });

  it('names what is wrong with an answer it cannot read', () => {
    assert.match((parse('SSH-2.0-OpenSSH\r\n\r\n') as { error: string }).error, /status line/);
    assert.match(
      (parse('HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n') as { error: string }).error,
      /content-length/,
    );
    assert.match((parse('HTTP/1.1 200 OK\r\n\r\nbody') as { error: string }).error, /without Content-Length/);
    assert.match(
      (parse('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n') as { error: string }).error,
      /chunk size/,
    );
    assert.match((parse('HTTP/1.1 100 Continue\r\n\r\n') as { error: string }).error, /interim/);
  });
});

describe('ConnectionPool', () => {
  let server: http.Server;
  let port: number;
  const sockets = new Set<net.Socket>();
  before(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        if (body === 'close') res.setHeader('connection', 'close');
        if (body === 'hang-up') return req.socket.destroy();
        if (body === 'chunked') {
          res.write('part one, ');
          setTimeout(() => res.end('part two'), 5);
          return;
        }
        res.statusCode = body === 'missing' ? 404 : 200;
        res.end(JSON.stringify({ got: body, socket: (req.socket as net.Socket).remotePort }));
      });
    });
    server.on('connection', (s) => sockets.add(s));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  const post = (pool: ConnectionPool, body: string) =>
    new Promise<Outcome>((resolve) =>
      pool.send(
        `POST / HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
        resolve,
      ),
    );

  it('answers each request with its status, on at most the connections allowed, reusing them', {
    timeout: 10_000,
  }, async () => {
    sockets.clear();
    const pool = new ConnectionPool('127.0.0.1', port, 3);
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) => post(pool, i % 10 ? `r${i}` : 'missing')),
    );
    assert.deepEqual(
      outcomes.map((o) => (o.kind === 'answered' ? o.status : o.message)),
      Array.from({ length: 30 }, (_, i) => (i % 10 ? 200 : 404)),
    );
    assert.equal(sockets.size, 3, 'thirty requests on three keep-alive connections');
    for (const body of ['one', 'by', 'one'])
      assert.deepEqual(await post(pool, body), { kind: 'answered', status: 200 });
    assert.equal(sockets.size, 3, 'requests one at a time take a connection left idle');
    assert.deepEqual(await post(pool, 'chunked'), { kind: 'answered', status: 200 });
    pool.close();
  });

  it('opens a new connection after the server closes one, and reports a connection cut mid-request', async () => {
    sockets.clear();
    const pool = new ConnectionPool('127.0.0.1', port, 1);
    assert.deepEqual(await post(pool, 'close'), { kind: 'answered', status: 200 });
    const cut = await post(pool, 'hang-up');
    assert.equal(cut.kind, 'error');
    assert.deepEqual(await post(pool, 'after'), { kind: 'answered', status: 200 });
    assert.equal(sockets.size, 3, 'each closed connection replaced by a new one');
    pool.close();
  });

  it('reports a server that is not there as an error, not a hang', async () => {
    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const freePort = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const pool = new ConnectionPool('127.0.0.1', freePort, 2);
    const o = await post(pool, 'x');
    assert.equal(o.kind, 'error');
    assert.match((o as { message: string }).message, /ECONNREFUSED/);
    pool.close();
  });

  it('abandons a request waiting for a connection without calling it back, and serves the next', async () => {
    const pool = new ConnectionPool('127.0.0.1', port, 1);
    const calls: string[] = [];
    const first = post(pool, 'chunked');
    const abandon = pool.send('POST / HTTP/1.1\r\nhost: x\r\ncontent-length: 1\r\n\r\nz', () =>
      calls.push('abandoned'),
    );
    const third = post(pool, 'third');
    abandon();
    assert.deepEqual(await first, { kind: 'answered', status: 200 });
    assert.deepEqual(await third, { kind: 'answered', status: 200 });
    assert.deepEqual(calls, []);
    pool.close();
  });
});
