import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { type OpenLoopOptions, openLoop } from './open-loop.ts';

/**
 * A server that answers at once, except that what it receives while
 * `holding` is answered only when the hold ends: a stalled server, as a
 * blocked event loop or a long database commit looks from outside.
 */
function stallingServer() {
  let holding: Promise<void> | undefined;
  /** Bodies this server never answers; 'half' ones get their headers and half their body, then nothing. */
  const never = new Set<string>();
  const half = new Set<string>();
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', async () => {
      bodies.push(body);
      if (never.has(body)) return;
      if (half.has(body)) {
        res.writeHead(200, { 'content-length': 100 });
        res.write('{"half":');
        return;
      }
      if (holding) await holding;
      res.end('{}');
    });
  });
  return {
    server,
    bodies,
    never,
    half,
    hold(ms: number) {
      holding = new Promise((r) =>
        setTimeout(() => {
          holding = undefined;
          r();
        }, ms),
      );
    },
  };
}

describe('open-loop load', () => {
  let s: ReturnType<typeof stallingServer>;
  let url: string;
  before(async () => {
    s = stallingServer();
    await new Promise<void>((r) => s.server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(s.server.address() as AddressInfo).port}/x`;
  });
  after(() => new Promise<void>((r) => s.server.close(() => r())));
  const load = (o: Partial<OpenLoopOptions>) =>
    openLoop({ url, method: 'POST', headers: {}, rate: 200, seconds: 1, body: () => '{}', ...o });

  it('sends every request on schedule, with the body made for its number', async () => {
    s.bodies.length = 0;
    const r = await load({ body: (n) => `body ${n}` });
    assert.equal(r.sent, 200);
    assert.equal(r.answered, 200);
    assert.equal(r.errors + r.non2xx + r.timeouts, 0);
    assert.deepEqual(new Set(s.bodies), new Set(Array.from({ length: 200 }, (_, i) => `body ${i + 1}`)));
    assert.equal(r.perSecond.length, 1);
    assert.ok(r.p50 < 250, `p50 ${r.p50} ms against a server that answers at once`); // generous: CI runs other tests at once
  });

  it('keeps sending while the server stalls, and counts the stall in the latency of every request due meanwhile', async () => {
    // 100 requests/s for 1 s on at most 4 connections; the server holds what it receives from 0.2 s
    // for 300 ms. The 4 held fill the connections: the next 26 due wait for one, and that wait counts.
    setTimeout(() => s.hold(300), 200);
    const r = await load({ rate: 100, maxConnections: 4 });
    // A closed loop would have stopped sending during the stall; the schedule did not.
    assert.equal(r.sent, 100);
    assert.equal(r.answered, 100);
    // About 30 requests were due during the hold: the slowest of them waited about 300 ms.
    assert.ok(r.max >= 250, `max ${r.max} ms: the stall is not in the latencies`);
    assert.ok(
      r.p90 >= 50,
      `p90 ${r.p90} ms: requests due during the stall should be the slowest tenth or more`,
    );
  });

  it('counts requests never answered, or cut off mid-answer, as timeouts at their deadline, in the percentiles too', async () => {
    // 200 requests/s for 1 s: request 1 of every 50 is never answered, request 25 of every 50 stops mid-body.
    for (let n = 1; n <= 200; n++) {
      if (n % 50 === 1) s.never.add(`req ${n}`);
      if (n % 50 === 25) s.half.add(`req ${n}`);
    }
    const r = await load({ timeoutMs: 300, body: (n) => `req ${n}` });
    assert.equal(r.sent, 200);
    assert.equal(r.timeouts, 8, 'four never answered, four cut off');
    assert.equal(r.answered, 192);
    // 8 of 200 took the whole 300 ms: p99 is one of them.
    assert.ok(r.p99 >= 290, `p99 ${r.p99} ms leaves out the requests that timed out`); // timers fire to the millisecond
  });

  it('sends the ramp and the warm-up on the same schedule and leaves them out of the figures', async () => {
    // 100 requests/s: a ramp from 0 to 100/s over 0.4 s (20 requests), 0.5 s at 100/s, then 1 s
    // measured. The server stalls 300 ms from 0.3 s, before the measured second only: had the ramp or
    // the warm-up counted, the slowest requests would have waited about 300 ms.
    s.bodies.length = 0;
    setTimeout(() => s.hold(300), 300);
    let measureStartedAt = 0;
    const soon: number[] = [];
    const t0 = performance.now();
    const r = await load({
      rate: 100,
      rampSeconds: 0.4,
      warmupSeconds: 0.5,
      body: (n) => `w ${n}`,
      onMeasureStart: () => {
        measureStartedAt = performance.now() - t0;
      },
      onMeasureSoon: () => {
        soon.push(performance.now() - t0);
      },
    });
    assert.equal(s.bodies.length, 170, 'ramp, warm-up and measured requests all sent');
    assert.equal(r.sent, 100);
    assert.equal(r.answered, 100);
    assert.ok(
      measureStartedAt >= 890,
      `measuring started at ${measureStartedAt} ms, before the warm-up's end`,
    );
    assert.ok(r.max < 250, `max ${r.max} ms: the warm-up's stall is in the measured figures`);
    // A second before the measured one would be within the ramp: called when the ramp ends instead, once.
    assert.equal(soon.length, 1, `onMeasureSoon called ${soon.length} times`);
    assert.ok(
      soon[0]! >= 390 && soon[0]! < measureStartedAt - 400,
      `onMeasureSoon at ${soon[0]} ms: expected at the ramp's end (400 ms), well before measuring (${measureStartedAt} ms)`,
    );
    assert.deepEqual(
      r.perSecond.map((p) => p.second),
      [0],
      'seconds count from the first measured request',
    );
  });

  it('calls onMeasureSoon once, a second before the first measured request is due', async () => {
    // 100 requests/s: no ramp, 1.5 s of warm-up, then 1 s measured: due at 0.5 s, measuring at 1.5 s.
    const soon: number[] = [];
    let measureStartedAt = 0;
    const t0 = performance.now();
    await load({
      rate: 100,
      warmupSeconds: 1.5,
      onMeasureSoon: () => soon.push(performance.now() - t0),
      onMeasureStart: () => {
        measureStartedAt = performance.now() - t0;
      },
    });
    assert.equal(soon.length, 1, `onMeasureSoon called ${soon.length} times`);
    assert.ok(measureStartedAt >= 1490, `measuring started at ${measureStartedAt} ms`);
    const lead = measureStartedAt - soon[0]!;
    assert.ok(lead > 900 && lead < 1100, `onMeasureSoon ${lead} ms before measuring: expected about 1,000`);
  });
});
