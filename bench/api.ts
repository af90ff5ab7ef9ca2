/**
 * `npm run bench:api`: real-time assessment of single declarations over
 * HTTP under a steady load over loopback (POST /api/assessments: intake,
 * scoring with the active ruleset, storage of declaration, assessment and
 * audit entry).
 *
 * The server runs in a child process (as `sieve serve` would: embedded
 * PGlite in a temporary directory, on its own worker thread, default
 * configuration, logging at warn)
 * so that the load generator does not share its event loop. autocannon sends
 * a fixed rate of single-declaration requests, each with a new declaration id,
 * to 127.0.0.1 only, for a bounded time, then stops. The last line is JSON:
 * { endpoint, target_rps, rps, p50_ms, p99_ms, ... }.
 *
 * Options: --rate 1000 (requests/s), --seconds 10, --connections 20, --warmup 3 (seconds).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { newDeclaration } from '@sieve/core';

/** Dispatch countries cycled through, so that some requests fire rules and some do not. */
const COUNTRIES = ['CO', 'KR', 'CN', 'PE', 'DE', 'VN', 'US', 'EC'];

interface Ready {
  port: number;
  token: string;
  endpoint: string;
}

if (process.env.SIEVE_BENCH_ROLE === 'server') await serve();
else await load();

/**
 * The child: a server on a fresh store with the demo ruleset active
 * (rules/examples/demo.*.yaml; the lists it derives from history are empty,
 * there being no history), an API token for the load, and its port sent to
 * the parent.
 */
async function serve(): Promise<void> {
  const { openStore } = await import('@sieve/store');
  const { buildServer, loadConfig, localContext } = await import('@sieve/server');
  const { loadListsFromYaml, loadRulesFromYaml } = await import('@sieve/core/rules');
  const { deriveHistoryLists, loadHistorySpecs } = await import('@sieve/core/scoring');
  // As `sieve serve` opens it: PGlite on a thread of its own.
  const store = await openStore({ dataDir: process.env.SIEVE_BENCH_DIR!, pgliteThread: 'worker' });
  const example = (name: string) =>
    readFileSync(new URL(`../rules/examples/demo.${name}.yaml`, import.meta.url), 'utf8');
  const rules = loadRulesFromYaml(example('rules'));
  const lists = loadListsFromYaml(example('lists'));
  if (!rules.ok || !lists.ok) throw new Error('the demo rules or lists do not load');
  await store.rulesets.createDraft({
    name: 'demo',
    rules: rules.rules,
    lists: [...lists.lists, ...deriveHistoryLists([], loadHistorySpecs(example('history')))],
    actor: 'bench',
  });
  await store.rulesets.activate('demo', 1, 'bench', 'bench:api');
  const config = loadConfig({ ...process.env, SIEVE_LOG_LEVEL: 'warn' });
  const app = buildServer({ store, config });
  await app.ready();
  const { token } = await app.services.tokens.create(localContext('bench'), {
    name: 'bench',
    scope: 'intake',
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.send!({ port, token, endpoint: 'POST /api/assessments' } satisfies Ready);
  process.on('message', async (m) => {
    if (m === 'stop') {
      await app.close();
      await store.close();
      process.exit(0);
    }
  });
}

async function load(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rate: { type: 'string', default: '1000' },
      seconds: { type: 'string', default: '10' },
      connections: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '3' },
    },
  });
  const rate = Number(values.rate);
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  const dir = mkdtempSync(join(tmpdir(), 'sieve-bench-api-'));
  const child = fork(new URL(import.meta.url).pathname, [], {
    env: { ...process.env, SIEVE_BENCH_ROLE: 'server', SIEVE_BENCH_DIR: dir },
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const ready = await new Promise<Ready>((resolve, reject) => {
      child.once('message', (m) => resolve(m as Ready));
      child.once('exit', (code) => reject(new Error(`the server exited (${code}) before it was ready`)));
    });
    const { default: autocannon } = await import('autocannon');
    let n = 0;
    const base = newDeclaration();
    const run = (duration: number, overallRate: number) =>
      autocannon({
        url: `http://127.0.0.1:${ready.port}/api/assessments`,
        method: 'POST',
        connections,
        duration,
        overallRate,
        headers: { authorization: `Bearer ${ready.token}`, 'content-type': 'application/json' },
        requests: [
          {
            // Every request is a declaration Sieve has not seen: the full path, never the duplicate shortcut.
            setupRequest: (req) => ({
              ...req,
              body: JSON.stringify({
                ...base,
                id: `BENCH-${++n}`,
                dispatchCountry: COUNTRIES[n % COUNTRIES.length],
              }),
            }),
          },
        ],
      });
    console.error(`warm-up: ${values.warmup}s at ${Math.round(rate / 2)} requests/s`);
    await run(Number(values.warmup), Math.round(rate / 2));
    console.error(
      `measuring: ${seconds}s at ${rate} requests/s, ${connections} connections, to 127.0.0.1 only`,
    );
    const r = await run(seconds, rate);
    const result = {
      endpoint: ready.endpoint,
      target_rps: rate,
      rps: Math.round(r.requests.average),
      p50_ms: r.latency.p50,
      p90_ms: r.latency.p90,
      p99_ms: r.latency.p99,
      max_ms: r.latency.max,
      requests: r.requests.total,
      non_2xx: r.non2xx,
      errors: r.errors,
      timeouts: r.timeouts,
      cores: (await import('node:os')).availableParallelism(),
      load_avg_1m: Math.round((await import('node:os')).loadavg()[0]! * 100) / 100,
    };
    console.log(JSON.stringify(result));
  } finally {
    await stop(child);
    rmSync(dir, { recursive: true, force: true });
  }
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.send('stop');
  });
}
