/**
 * Keep-alive HTTP/1.1 connections for a load generator: a request goes out
 * as one prepared write, and of the answer only the status line, the length
 * (Content-Length or chunked) and `Connection: close` are read; the body is
 * skipped.
 *
 * Written here because the load runs on the same two cores as the server it
 * measures, and every microsecond it spends is taken from the server: Node's
 * http client took about a quarter of a core at 1,000 requests/s (26%
 * measured during bench:api, 2026-11-22; undici's Pool measured the same the
 * day before), where writing a ready request and finding the end of its
 * answer takes a few percent. wrk and wrk2, which do the same in C, are not
 * npm packages, and wrk keeps a closed loop.
 */
import net from 'node:net';

/** How a request ended: an answer with its status, or the connection failed or broke the protocol. */
export type Outcome = { kind: 'answered'; status: number } | { kind: 'error'; message: string };

/** Where the answer at the start of `buf` ends, or undefined while it is incomplete. */
export function parseResponse(
  buf: Buffer,
): undefined | { status: number; length: number; close: boolean } | { error: string } {
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) return buf.length > 65_536 ? { error: 'response head over 64 KB' } : undefined;
  const head = buf.toString('latin1', 0, end);
  const statusLine = /^HTTP\/1\.([01]) (\d{3})/.exec(head);
  if (!statusLine) return { error: `not an HTTP/1.x status line: ${JSON.stringify(head.slice(0, 40))}` };
  const status = Number(statusLine[2]);
  let close = statusLine[1] === '0';
  let contentLength = -1;
  let chunked = false;
  for (const line of head.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    if (colon < 0) return { error: `header line without a colon: ${JSON.stringify(line)}` };
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line
      .slice(colon + 1)
      .trim()
      .toLowerCase();
    if (name === 'content-length') {
      contentLength = Number(value);
      if (!Number.isSafeInteger(contentLength) || contentLength < 0)
        return { error: `content-length: expected a length in bytes, got ${JSON.stringify(value)}` };
    } else if (name === 'transfer-encoding') chunked = value.split(',').some((v) => v.trim() === 'chunked');
    else if (name === 'connection') close = value.split(',').some((v) => v.trim() === 'close');
  }
  let pos = end + 4;
  if (status < 200 || status === 204 || status === 304) {
    if (status < 200)
      return { error: `interim response ${status} (not expected: no Expect header was sent)` };
    return { status, length: pos, close };
  }
  if (chunked) {
    for (;;) {
      const lineEnd = buf.indexOf('\r\n', pos);
      if (lineEnd < 0) return undefined;
      const size = Number.parseInt(buf.toString('latin1', pos, lineEnd).split(';')[0]!, 16);
      if (!Number.isFinite(size) || size < 0) return { error: 'chunk size: expected hexadecimal digits' };
      pos = lineEnd + 2;
      if (size === 0) {
        // Trailers, if any, then an empty line: the CRLF that ended the size line starts the search.
        const trailersEnd = buf.indexOf('\r\n\r\n', pos - 2);
        return trailersEnd < 0 ? undefined : { status, length: trailersEnd + 4, close };
      }
      if (buf.length < pos + size + 2) return undefined;
      pos += size + 2;
    }
  }
  if (contentLength < 0) return { error: 'response without Content-Length or chunked encoding' };
  return buf.length < pos + contentLength ? undefined : { status, length: pos + contentLength, close };
}

interface Job {
  request: string;
  done: (o: Outcome) => void;
  connection?: Connection;
}

class Connection {
  private readonly socket: net.Socket;
  private received: Buffer | undefined;
  job: Job | undefined;

  constructor(
    private readonly pool: ConnectionPool,
    host: string,
    port: number,
  ) {
    this.socket = net.connect({ host, port, noDelay: true });
    this.socket.on('data', (d) => this.data(d));
    this.socket.on('error', (err) => this.fail(err.message));
    this.socket.on('close', () => this.fail('the server closed the connection'));
  }

  send(job: Job): void {
    this.job = job;
    job.connection = this;
    this.socket.write(job.request);
  }

  private data(d: Buffer): void {
    if (!this.job) {
      this.fail('bytes from the server with no request waiting');
      return;
    }
    this.received = this.received ? Buffer.concat([this.received, d]) : d;
    const r = parseResponse(this.received);
    if (r === undefined) return;
    if ('error' in r || r.length !== this.received.length) {
      this.fail('error' in r ? r.error : 'bytes after the end of the answer');
      return;
    }
    this.received = undefined;
    const job = this.job;
    this.job = undefined;
    if (r.close) this.close();
    else this.pool.release(this);
    job.done({ kind: 'answered', status: r.status });
  }

  private fail(message: string): void {
    const job = this.job;
    this.job = undefined;
    this.close();
    job?.done({ kind: 'error', message });
  }

  /** Closes the connection (an answer still due on it is abandoned). */
  close(): void {
    this.socket.destroy();
    this.pool.drop(this);
  }
}

/**
 * At most `max` connections to one server; a request sent while all are
 * busy waits, in order, for the first to be free.
 *
 * @example
 * const pool = new ConnectionPool('127.0.0.1', 8080, 64);
 * pool.send('GET / HTTP/1.1\r\nhost: x\r\n\r\n', (o) => console.log(o));
 */
export class ConnectionPool {
  /** Every connection open, busy or idle. */
  private readonly all = new Set<Connection>();
  private readonly idle: Connection[] = [];
  private readonly waiting: Job[] = [];
  private closed = false;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly max: number,
  ) {}

  /**
   * Sends `request` (the whole request, head and body) and calls `done` once,
   * with its outcome. Returns a function that abandons the request: it is
   * taken off the queue, or its connection is closed, and `done` is not called.
   */
  send(request: string, done: (o: Outcome) => void): () => void {
    let settled = false;
    const job: Job = {
      request,
      done: (o) => {
        if (settled) return;
        settled = true;
        done(o);
      },
    };
    if (this.closed) job.done({ kind: 'error', message: 'the connection pool is closed' });
    else this.dispatch(job);
    return () => {
      if (settled) return;
      settled = true;
      const queued = this.waiting.indexOf(job);
      if (queued >= 0) this.waiting.splice(queued, 1);
      else if (job.connection?.job === job) job.connection.close();
    };
  }

  private dispatch(job: Job): void {
    const idle = this.idle.pop();
    if (idle) idle.send(job);
    else if (this.all.size < this.max) {
      const c = new Connection(this, this.host, this.port);
      this.all.add(c);
      c.send(job);
    } else this.waiting.push(job);
  }

  /** A connection whose answer has ended: it takes the next request waiting, or waits for one. */
  release(c: Connection): void {
    const next = this.waiting.shift();
    if (next) c.send(next);
    else this.idle.push(c);
  }

  /** A connection that closed: a request waiting gets a new one. */
  drop(c: Connection): void {
    if (!this.all.delete(c)) return; // dropped already (closed here, then its socket's close event)
    const i = this.idle.indexOf(c);
    if (i >= 0) this.idle.splice(i, 1);
    const next = !this.closed && this.waiting.shift();
    if (next) this.dispatch(next);
  }

  /** Closes every connection; requests still waiting end as errors. */
  close(): void {
    this.closed = true;
    for (const job of this.waiting.splice(0))
      job.done({ kind: 'error', message: 'the connection pool is closed' });
    for (const c of [...this.all]) c.close();
  }
}
