/**
 * An open-loop HTTP load: requests leave on a fixed schedule (request i at
 * i / rate seconds) whether or not earlier ones have been answered, and each
 * latency is counted from when its request was due, so a server (or a
 * client) that falls behind shows it in the percentiles instead of slowing
 * the load down ("coordinated omission").
 *
 * Written here because autocannon's rate option is a per-second quota, not a
 * rate: its connections send back to back, as fast as answers come, until
 * each has sent its share of the second, then wait for the next second. At
 * "1,000 requests/s" it measured bursts of 20 requests in flight (a
 * saturation test for a few hundred milliseconds, then idle), not the steady
 * 1,000 requests/s an administration's systems send. wrk2 and k6, which pace
 * requests, are not npm packages; this sends on keep-alive connections of
 * its own (http-connections.ts: a prepared write per request, the answer's
 * end found, no more), and takes exact percentiles from every latency.
 */
import { ConnectionPool, type Outcome } from './http-connections.ts';
import { nearestRank } from './nearest-rank.ts';

export interface OpenLoopOptions {
  url: string;
  method: string;
  headers: Record<string, string>;
  /** Requests per second, spread evenly. */
  rate: number;
  /** Measured seconds, after the warm-up. */
  seconds: number;
  /**
   * Seconds of load at the same rate before the measured ones, in the same
   * schedule: sent and answered like the rest, left out of the figures. The
   * measured seconds then start in the steady state, with the queues the
   * load itself keeps, neither drained by a pause nor piled up by a step.
   */
  warmupSeconds?: number;
  /**
   * Seconds, before the warm-up, in which the rate rises evenly from zero
   * to `rate`; not counted either. A server started cold (code not yet
   * optimised, caches empty) and hit at once with the full rate falls behind
   * by more than its spare capacity can make up for a long time.
   */
  rampSeconds?: number;
  /** Called once, when the first measured request is due. */
  onMeasureStart?: () => void;
  /**
   * Called once, a second before the first measured request is due (at the
   * start of the warm-up if it is shorter): for work whose own cost must
   * stay out of the measured seconds, such as reading the server's metrics.
   */
  onMeasureSoon?: () => void;
  /** The body of request number `n` (from 1). */
  body(n: number): string;
  /** At most this many connections; a request due while all are busy waits for one (and that wait counts). */
  maxConnections?: number;
  /** A request unanswered this long after it was due counts as a timeout (and its latency as this long). */
  timeoutMs?: number;
}

export interface OpenLoopResult {
  /** Answers per second over the schedule's duration. */
  rps: number;
  sent: number;
  answered: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Latency percentiles in milliseconds, from when each request was due, over every request sent (failed ones too). */
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** How late the client itself sent requests, at the 99th percentile (ms): should be near 0. */
  sendLagP99: number;
  /** Latency percentiles (ms) of the requests due in each second of the schedule: a backlog shows as a slope. */
  perSecond: { second: number; p50: number; p99: number }[];
}

export async function openLoop(o: OpenLoopOptions): Promise<OpenLoopResult> {
  const url = new URL(o.url);
  if (url.protocol !== 'http:') throw new Error(`url: expected http://, got ${o.url}`);
  const pool = new ConnectionPool(url.hostname, Number(url.port || 80), o.maxConnections ?? 64);
  const rampS = o.rampSeconds ?? 0;
  // Request i of the ramp is due when the rate, rising as rate * t / rampS, has added up to i.
  const ramp = Math.round((o.rate * rampS) / 2);
  const warmup = ramp + Math.round(o.rate * (o.warmupSeconds ?? 0));
  const total = warmup + Math.round(o.rate * o.seconds);
  const soon = Math.max(ramp, warmup - Math.round(o.rate));
  /** When each measured request was due (ms from the first measured one) and its latency, answered or not. */
  const series: [number, number][] = [];
  const lags: number[] = [];
  let answered = 0;
  let non2xx = 0;
  let errors = 0;
  let timeouts = 0;
  let sent = 0;
  const start = performance.now();
  const due = (i: number) =>
    start + 1000 * (i < ramp ? Math.sqrt((2 * rampS * i) / o.rate) : rampS + (i - ramp) / o.rate);
  const measuredFrom = due(warmup);

  const timeoutMs = o.timeoutMs ?? 10_000;
  // Every request's head but its length, once: requests leave as one write each.
  const headers = Object.entries(o.headers).map(([k, v]) => `${k}: ${v}\r\n`);
  const head = `${o.method} ${url.pathname}${url.search} HTTP/1.1\r\nhost: ${url.host}\r\n${headers.join('')}`;
  const send = (n: number, dueAt: number, measured: boolean) =>
    new Promise<void>((resolve) => {
      const body = o.body(n);
      // Every request's latency counts, the failed and timed-out ones too: they are the slowest, and
      // leaving them out would make a server that drops requests look faster.
      const settle = (outcome: Outcome | { kind: 'timeout' }) => {
        clearTimeout(deadline);
        resolve();
        if (!measured) return;
        const latency = performance.now() - dueAt;
        series.push([dueAt - measuredFrom, latency]);
        if (outcome.kind === 'answered') {
          answered++;
          if (outcome.status < 200 || outcome.status >= 300) non2xx++;
        } else if (outcome.kind === 'timeout') timeouts++;
        else errors++;
      };
      // One deadline from when the request was due, whether it waited for a connection or an answer;
      // set before sending, as the pool may answer at once (an error) from inside send.
      let abandon = () => {};
      const deadline = setTimeout(
        () => {
          abandon();
          settle({ kind: 'timeout' });
        },
        Math.max(0, dueAt + timeoutMs - performance.now()),
      );
      abandon = pool.send(`${head}content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`, settle);
    });

  const pending: Promise<void>[] = [];
  await new Promise<void>((done) => {
    const tick = () => {
      const now = performance.now();
      while (sent < total && due(sent) <= now) {
        const measured = sent >= warmup;
        if (sent === soon) o.onMeasureSoon?.();
        if (sent === warmup) o.onMeasureStart?.();
        if (measured) lags.push(now - due(sent));
        pending.push(send(sent + 1, due(sent), measured));
        sent++;
      }
      if (sent >= total) return done();
      // Wake for the next due request. Node's timers wait at least 1 ms; a request due sooner goes
      // with the next tick, late by under a millisecond, and that lateness counts in its latency.
      // (setImmediate would be punctual but spins: it took a whole core at 1,000 requests/s.)
      setTimeout(tick, Math.max(1, due(sent) - performance.now()));
    };
    tick();
  });
  await Promise.all(pending);
  pool.close();
  const sorted = Float64Array.from(series, ([, l]) => l).sort();
  const bySecond = new Map<number, number[]>();
  for (const [t, l] of series) {
    const k = Math.floor(t / 1000);
    (bySecond.get(k) ?? bySecond.set(k, []).get(k)!).push(l);
  }
  const lagSorted = Float64Array.from(lags).sort();
  const at = (a: Float64Array, q: number) => nearestRank(a, q) ?? Number.NaN;
  const ms = (v: number) => Math.round(v * 100) / 100;
  return {
    rps: Math.round(answered / o.seconds),
    sent: sent - warmup,
    answered,
    non2xx,
    errors,
    timeouts,
    p50: ms(at(sorted, 0.5)),
    p90: ms(at(sorted, 0.9)),
    p99: ms(at(sorted, 0.99)),
    max: ms(sorted.at(-1) ?? Number.NaN),
    sendLagP99: ms(at(lagSorted, 0.99)),
    perSecond: [...bySecond]
      .sort((a, b) => a[0] - b[0])
      .map(([second, l]) => {
        const a = Float64Array.from(l).sort();
        return { second, p50: ms(at(a, 0.5)), p99: ms(at(a, 0.99)) };
      }),
  };
}
