/**
 * `npm run bench:api`: real-time assessment of single declarations over
 * HTTP under a steady load over loopback (POST /api/assessments: intake,
 * the three layers (rules, watchlist screening of every party, the model),
 * storage of declaration, assessment and audit entry).
 *
 * The server runs in a child process (as `sieve serve` would: its node
 * flags, default configuration, logging at warn) so that the load generator
 * does not share its event loop; see {@link serve} for what is active. It
 * runs twice by default: on a PostgreSQL server (a fresh database), the
 * store a deployment at this rate runs on, then on embedded PGlite (in a
 * temporary directory, on its own worker thread), the single-machine
 * default. The load is open
 * loop (open-loop.ts): generated declarations, each under a new id, leave at
 * a fixed rate (one every millisecond at 1,000/s) whether or not earlier ones
 * are answered, to 127.0.0.1 only, for a bounded time; each latency counts
 * from when its request was due. The last line is JSON:
 * { endpoint, layers, target_rps, store, rps, p50_ms, p99_ms, ..., pglite: { rps, p50_ms, p99_ms, ... } }:
 * the PostgreSQL server's figures, PGlite's under `pglite` (each with the
 * CPU per answered request of the server's process, server_cpu_ms_per_request,
 * and of its PostgreSQL backends, db_cpu_ms_per_request: on a machine shared
 * with other work they move less than the latencies; and host_steal_pct, the
 * share of the machine's CPU time its host gave to other guests while it was
 * measured, which the latencies include; and, on the PostgreSQL server,
 * disk_sync_p99_ms / _max_ms, how long the disk of the benchmark's directory
 * took to flush an 8 KB write just before the load, as every commit does;
 * and wal_kb_per_request / wal_segments_made, the database's WAL over the
 * measured seconds, whose segments are readied before the load: pg-wal.ts);
 * on a machine
 * without a PostgreSQL server, PGlite's, with `postgres: null` (and why, above it).
 * A store whose run fails is named in `failed`, the other's figures are still
 * printed, and the command exits with 1.
 *
 * Options: --rate 1000 (requests/s), --seconds 10, --connections 64 (at most),
 * --load open-loop|autocannon (autocannon's per-second quota, as measured
 * before: see open-loop.ts),
 * --ramp 5 (seconds in which the rate rises from zero to --rate) and
 * --warmup 5 (seconds at the full rate): in the same schedule as the
 * measured seconds, not counted; --history 20000 (declarations generated;
 * 85% become history), --layers all|rules, --store both|postgres|pglite (one only:
 * its figures at the top level; postgres: a fresh database on
 * the server at SIEVE_TEST_DATABASE_URL, else the local server, reached as
 * --pg-connect says: `socket`, its Unix socket in /var/run/postgresql, or
 * `tcp`, 127.0.0.1:5432; by default the socket when the server lets user
 * postgres in through it, else TCP), --wal ready|as-is (ready, the default:
 * the WAL segments the load may fill made before it, as on a server that has
 * been running; as-is: as a new server has them, see pg-wal.ts), --profile FILE (the server
 * thread's V8 CPU profile over the measured seconds, as .cpuprofile JSON;
 * with both stores, FILE.postgres.cpuprofile and FILE.pglite.cpuprofile).
 */
import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Declaration } from '@sieve/core';
import { DATASET_FILES, writeDataset } from '@sieve/synth/write-dataset';
import { SIEVE_NODE_FLAGS } from '../packages/cli/src/node-flags.ts';
import { probeDiskSync } from './disk-sync.ts';
import { type OpenLoopResult, openLoop } from './open-loop.ts';
import { readyWal, type WalPosition, walPosition, walUsed } from './pg-wal.ts';
import {
  backendPids,
  cpuByProcess,
  type MachineCpu,
  machineCpu,
  processCpuSeconds,
  stealPercent,
} from './proc-cpu.ts';

const SEED = 7;
/** The local PostgreSQL server through its Unix socket (Debian's and most packages' place). */
const PG_SOCKET_URL = 'postgres://postgres@localhost/postgres?host=/var/run/postgresql';
const OFAC = fileURLToPath(new URL('../../shared/data/watchlists/', import.meta.url));
/** WAL a request may write, for readying it (pg-wal.ts): over three times the 4.97 KB measured on PostgreSQL (wal_kb_per_request). */
const WAL_BYTES_PER_REQUEST = 16 * 1024;
/** Stands for the declaration id in a prepared request body. */
const ID = '__BENCH_ID__';

interface Ready {
  port: number;
  token: string;
  /** How the PostgreSQL server was reached (--store postgres). */
  pgConnect?: string;
}

if (process.env.SIEVE_BENCH_ROLE === 'server') await serve();
else await load();

/**
 * The child: a server on a fresh store with all three layers active, as an
 * administration runs it: the history (declarations lodged before the
 * measured ones, with their inspection results) taken in; the demo ruleset
 * (rules/examples/demo.*.yaml) with the lists it derives from that history;
 * the generator's lookout list (a hit adds 50 points and forces red) and,
 * when ../shared is there, the OFAC SDN list with its aliases; a model
 * trained on the inspected history. `--layers rules` leaves out the
 * watchlists and the model. Then an API token for the load, and the port
 * sent to the parent.
 */
async function serve(): Promise<void> {
  const { openStore } = await import('@sieve/store');
  const { createTestDatabase } = await import('@sieve/store/testing');
  const { WatchlistRepository } = await import('@sieve/store');
  const { buildServer, loadConfig, localContext } = await import('@sieve/server');
  const { runIntake } = await import('@sieve/pipeline');
  const { loadListsFromYaml, loadRulesFromYaml } = await import('@sieve/core/rules');
  const { deriveHistoryLists, loadHistorySpecs } = await import('@sieve/core/scoring');
  const { storedHistory } = await import('../packages/cli/src/risk/risk-files.ts');
  const { demoModel, demoWatchlist } = await import('../packages/cli/src/risk/demo-layers.ts');
  const { loadListFile } = await import('../packages/cli/src/watchlist/load-list-file.ts');
  const dir = process.env.SIEVE_BENCH_DIR!;
  const layers = process.env.SIEVE_BENCH_LAYERS !== 'rules';
  // As `sieve serve` opens it: PGlite on a thread of its own, or a PostgreSQL server (a fresh database).
  // A server on the same machine is reached through its Unix socket, as libpq does by default: over
  // TCP on loopback, every message crosses the network stack twice, at the cost of both processes.
  const asked = process.env.SIEVE_BENCH_PG_CONNECT;
  const testDatabase = async () => {
    if (!process.env.SIEVE_TEST_DATABASE_URL && asked !== 'tcp') {
      try {
        return { db: await createTestDatabase(PG_SOCKET_URL), via: 'socket' };
      } catch (err) {
        if (asked === 'socket') throw err;
        // Not there, or its access rules (pg_hba.conf, `local` lines) do not let postgres in without a password.
        console.error(
          `   no way in through ${PG_SOCKET_URL} (${(err as Error).message}): through TCP instead`,
        );
      }
    }
    // The tests' server: SIEVE_TEST_DATABASE_URL, else 127.0.0.1:5432.
    const via = process.env.SIEVE_TEST_DATABASE_URL ? 'SIEVE_TEST_DATABASE_URL' : 'tcp';
    return { db: await createTestDatabase(), via };
  };
  let pg: Awaited<ReturnType<typeof testDatabase>>['db'] | undefined;
  let via: string | undefined;
  if (process.env.SIEVE_BENCH_STORE === 'postgres') {
    try {
      ({ db: pg, via } = await testDatabase());
    } catch (err) {
      // --store both on a machine without a PostgreSQL server: PGlite is measured alone, and the parent
      // says why. A server asked for (SIEVE_TEST_DATABASE_URL, --pg-connect) that cannot be used fails.
      if (!process.env.SIEVE_BENCH_PG_OPTIONAL || process.env.SIEVE_TEST_DATABASE_URL || asked) throw err;
      const unavailable = `no PostgreSQL server to measure (${(err as Error).message})`;
      process.send!({ unavailable }, () => process.exit(0));
      return;
    }
  }
  // The history, the layers and the server; a set-up that fails leaves no test database behind.
  const start = async () => {
    const store = await openStore(
      pg ? { databaseUrl: pg.url } : { dataDir: join(dir, 'db'), pgliteThread: 'worker' },
    );
    for (const kind of ['declaration', 'inspection'] as const) {
      await runIntake(store, join(dir, `history-${kind}.ndjson`), { kind, actor: 'bench' });
    }
    const history = await storedHistory(store);
    const example = (name: string) =>
      readFileSync(new URL(`../rules/examples/demo.${name}.yaml`, import.meta.url), 'utf8');
    const rules = loadRulesFromYaml(example('rules'));
    const lists = loadListsFromYaml(example('lists'));
    if (!rules.ok || !lists.ok) throw new Error('the demo rules or lists do not load');
    await store.rulesets.createDraft({
      name: 'demo',
      rules: rules.rules,
      lists: [...lists.lists, ...deriveHistoryLists(history, loadHistorySpecs(example('history')))],
      actor: 'bench',
    });
    await store.rulesets.activate('demo', 1, 'bench', 'bench:api');
    if (layers) {
      await demoWatchlist(store, { dataDir: join(dir, 'dataset'), seed: SEED });
      if (existsSync(OFAC)) {
        const ofac = loadListFile('ofac', OFAC, {});
        await new WatchlistRepository(store.sql).importVersion(ofac, 'bench', 'bench:api');
        console.error(`   watchlist ${ofac.id}@${ofac.version} active: ${ofac.entries.length} entries`);
      } else console.error(`   no OFAC list at ${OFAC}: screening against the lookout list only`);
      const last = history.at(-1)?.declaration.lodgedAt ?? '2026-03-01T00:00:00.000Z';
      const validFrom = new Date(Date.parse(last) - 14 * 86_400_000).toISOString();
      await demoModel(store, history, { validFrom, cut: last, seed: SEED });
    }
    const config = loadConfig({ ...process.env, SIEVE_LOG_LEVEL: 'warn' });
    const app = buildServer({ store, config });
    await app.ready();
    const { token } = await app.services.tokens.create(localContext('bench'), {
      name: 'bench',
      scope: 'intake',
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    await app.services.assessments.warm(); // as sieve serve does, before the load starts
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return { store, app, port, token };
  };
  let started: Awaited<ReturnType<typeof start>>;
  try {
    started = await start();
  } catch (err) {
    await pg?.drop().catch(() => {});
    throw err;
  }
  const { store, app, port, token } = started;
  // The server's WAL as on a server that has been running (pg-wal.ts), unless --wal as-is. Not
  // PGlite's: the server's embedded database makes a new segment without zero-filling it
  // (tuneForRequests in pglite-client.ts), at no cost to its commits.
  const walBytes = Number(process.env.SIEVE_BENCH_WAL_BYTES ?? 0);
  if (walBytes > 0 && pg) {
    try {
      const t0 = performance.now();
      const { position: p, wanted } = await readyWal(store.sql, walBytes);
      const mb = p.segmentBytes / 2 ** 20;
      console.error(
        `   WAL: ${p.ahead} segments of ${mb} MB ready for the load's ${Math.ceil(walBytes / 2 ** 20)} MB at most, as on a server that has run through a checkpoint (${((performance.now() - t0) / 1000).toFixed(1)} s)${(p.ahead ?? 0) < wanted ? `; ${wanted} wanted: this server keeps fewer (max_wal_size, wal_recycle, wal_keep_size, replication slots or archiving), and the load may make some` : ''}`,
      );
    } catch (err) {
      console.error(
        `   WAL not readied (${(err as Error).message}): where a segment the load needs is not there, it is made during the load, as on a new server`,
      );
    }
  }
  process.send!({
    port,
    token,
    ...(via ? { pgConnect: via } : {}),
  } satisfies Ready);
  // --profile: the server thread's CPU profile over the measured seconds only (not the set-up).
  const inspector = await import('node:inspector/promises');
  const session = new inspector.Session();
  process.on('message', async (m) => {
    if (m === 'profile-start') {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
    if (typeof m === 'object' && m && 'profileTo' in m) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(String(m.profileTo), JSON.stringify(profile));
      process.send!('profiled');
    }
    if (m === 'state') {
      // Answered even when a query fails: the bench then reports no database CPU or WAL, and says why.
      const pids = await backendPids(store.sql).catch(() => undefined);
      const wal = await walPosition(store.sql).catch(() => null);
      process.send!({ backends: pids ?? null, wal } satisfies ServerState);
    }
    if (m === 'stop') {
      await app.close();
      await store.close();
      await pg?.drop();
      process.exit(0);
    }
  });
}

async function load(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rate: { type: 'string', default: '1000' },
      seconds: { type: 'string', default: '10' },
      connections: { type: 'string', default: '64' },
      ramp: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '5' },
      history: { type: 'string', default: '20000' },
      layers: { type: 'string', default: 'all' },
      store: { type: 'string', default: 'both' },
      profile: { type: 'string' },
      load: { type: 'string', default: 'open-loop' },
      'pg-connect': { type: 'string' },
      wal: { type: 'string', default: 'ready' },
    },
  });
  const pgConnect = values['pg-connect'];
  if (pgConnect !== undefined && pgConnect !== 'socket' && pgConnect !== 'tcp')
    throw new Error(`--pg-connect: expected socket or tcp, got "${pgConnect}"`);
  if (values.store !== 'pglite' && values.store !== 'postgres' && values.store !== 'both')
    throw new Error(`--store: expected both, pglite or postgres, got "${values.store}"`);
  if (values.load !== 'open-loop' && values.load !== 'autocannon')
    throw new Error(`--load: expected open-loop or autocannon, got "${values.load}"`);
  if (values.layers !== 'all' && values.layers !== 'rules')
    throw new Error(`--layers: expected all or rules, got "${values.layers}"`);
  if (values.wal !== 'ready' && values.wal !== 'as-is')
    throw new Error(`--wal: expected ready or as-is, got "${values.wal}"`);
  const rate = Number(values.rate);
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  for (const [name, v, least] of [
    ['rate', rate, 1],
    ['seconds', seconds, 1],
    ['connections', connections, 1],
    ['ramp', Number(values.ramp), 0],
    ['warmup', Number(values.warmup), 0],
  ] as const) {
    // The measured seconds start with a request: without one, there would be nothing to measure from.
    if (!Number.isFinite(v) || v < least)
      throw new Error(`--${name}: expected a number of at least ${least}, got "${values[name]}"`);
  }
  // The WAL the load may write, readied before it (pg-wal.ts): every request of the schedule at
  // WAL_BYTES_PER_REQUEST.
  const walBytes =
    values.wal === 'ready'
      ? Math.ceil(rate * (Number(values.ramp) / 2 + Number(values.warmup) + seconds)) * WAL_BYTES_PER_REQUEST
      : 0;
  const dir = mkdtempSync(join(tmpdir(), 'sieve-bench-api-'));
  const stores: Store[] = values.store === 'both' ? ['postgres', 'pglite'] : [values.store as Store];
  type Outcome = Measured | { unavailable: string } | { failed: string };
  const results = new Map<Store, Outcome>();
  try {
    const bodies = await prepareData(dir, Number(values.history));
    for (const store of stores) {
      console.error(`-- ${store === 'postgres' ? 'PostgreSQL server' : 'PGlite, embedded'} --`);
      const profile =
        values.profile && stores.length > 1
          ? `${values.profile.replace(/\.cpuprofile$/, '')}.${store}.cpuprofile`
          : values.profile;
      try {
        results.set(
          store,
          await measure(store, {
            dir,
            bodies,
            layers: values.layers,
            load: values.load,
            rate,
            seconds,
            connections,
            ramp: Number(values.ramp),
            warmup: Number(values.warmup),
            optional: stores.length > 1,
            walBytes,
            ...(pgConnect ? { pgConnect } : {}),
            ...(profile ? { profile } : {}),
          }),
        );
      } catch (err) {
        // The other store is still measured, and what was measured is still printed; the run fails at the end.
        console.error(`   ${store}: ${(err as Error).stack ?? err}`);
        results.set(store, { failed: (err as Error).message });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const measured = (o: Outcome | undefined) => (o && 'rps' in o ? o : undefined);
  const failures = [...results].filter(([, o]) => 'failed' in o).map(([store]) => store);
  const line: Record<string, unknown> = {
    endpoint: 'POST /api/assessments',
    layers: values.layers,
    load: values.load,
    history: Number(values.history),
    target_rps: rate,
  };
  const pg = results.get('postgres');
  const server = measured(pg);
  const pglite = measured(results.get('pglite'));
  if (server) {
    // The PostgreSQL server's figures first (the store a deployment at this rate runs on), PGlite's beside them.
    Object.assign(line, server);
    if (stores.includes('pglite')) line.pglite = pglite ? withoutStore(pglite) : null;
  } else if (pglite) {
    if (pg && 'unavailable' in pg) console.error(`   ${pg.unavailable}: the figures are PGlite's`);
    Object.assign(line, pglite);
    if (stores.includes('postgres')) line.postgres = null;
  }
  line.cores = (await import('node:os')).availableParallelism();
  line.load_avg_1m = Math.round((await import('node:os')).loadavg()[0]! * 100) / 100;
  if (failures.length) line.failed = failures;
  console.log(JSON.stringify(line));
  if (failures.length) process.exitCode = 1;
}

type Store = 'pglite' | 'postgres';

/** What one store's run measured. */
interface Measured {
  store: Store;
  pg_connect?: string;
  rps: number;
  p50_ms: number;
  p90_ms: number;
  p99_ms: number;
  max_ms: number;
  server_p99_le_ms: number | null;
  server_within_10ms: number | null;
  /** The server's batches of assessments over the same seconds: the bounds holding 99% and all of their commits' times, and requests a batch. */
  server_store_p99_le_ms: number | null;
  server_store_max_le_ms: number | null;
  server_store_batch_requests_mean: number | null;
  requests: number;
  non_2xx: number;
  errors: number;
  timeouts: number;
  send_lag_p99_ms: number;
  /** CPU of the server's process (every thread: PGlite's database too) per answered request, over the measured seconds. */
  server_cpu_ms_per_request: number | null;
  /** CPU of its PostgreSQL backends per answered request; null on PGlite, which is in the server's process. */
  db_cpu_ms_per_request: number | null;
  /** Of the machine's CPU time over the measured seconds, the share its host gave to others (steal, %). */
  host_steal_pct: number | null;
  /** 8 KB write + fdatasync in the benchmark's directory, for 2 s before the load (disk-sync.ts): p99 and slowest; null for PGlite. */
  disk_sync_p99_ms: number | null;
  disk_sync_max_ms: number | null;
  /** WAL written a request, and segments made during the measured seconds (and the one before); null when not read. */
  wal_kb_per_request: number | null;
  wal_segments_made: number | null;
}

function withoutStore({ store: _, ...rest }: Measured): Omit<Measured, 'store'> {
  return rest;
}

/**
 * One server on `store` in a child process, loaded as the options say. With
 * `optional`, a PostgreSQL server that cannot be reached is reported as
 * unavailable rather than failing the run.
 */
async function measure(
  store: Store,
  o: {
    dir: string;
    bodies: string[];
    layers: string;
    load: string;
    rate: number;
    seconds: number;
    connections: number;
    ramp: number;
    warmup: number;
    optional: boolean;
    walBytes: number;
    pgConnect?: string;
    profile?: string;
  },
): Promise<Measured | { unavailable: string }> {
  const { rate, seconds, connections, warmup, bodies } = o;
  const child = fork(new URL(import.meta.url).pathname, [], {
    env: {
      ...process.env,
      SIEVE_BENCH_ROLE: 'server',
      SIEVE_BENCH_DIR: o.dir,
      SIEVE_BENCH_LAYERS: o.layers,
      SIEVE_BENCH_STORE: store,
      SIEVE_BENCH_WAL_BYTES: String(o.walBytes),
      ...(o.optional ? { SIEVE_BENCH_PG_OPTIONAL: '1' } : {}),
      ...(o.pgConnect ? { SIEVE_BENCH_PG_CONNECT: o.pgConnect } : {}),
    },
    // With the node flags `sieve serve` runs with (its bin's shebang).
    execArgv: ['--import', 'tsx', ...SIEVE_NODE_FLAGS],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const ready = await new Promise<Ready | { unavailable: string }>((resolve, reject) => {
      child.once('message', (m) => resolve(m as Ready | { unavailable: string }));
      child.once('exit', (code) => reject(new Error(`the server exited (${code}) before it was ready`)));
    });
    if ('unavailable' in ready) return ready;
    settleDisk();
    // A PostgreSQL commit waits for its WAL's flush; PGlite runs with fsync off (pglite-client.ts).
    // The benchmark's directory stands for the server's disk: on one file system with its data
    // directory (as on our machines), or on a disk of the same kind.
    const disk = store === 'postgres' ? probeDiskSync(o.dir, 2) : undefined;
    if (disk) {
      console.error(
        `   disk before the load: ${disk.syncs} writes of 8 KB each flushed (fdatasync) in ${disk.dir}: p50 ${disk.p50_ms}, p99 ${disk.p99_ms}, slowest ${disk.max_ms} ms; a PostgreSQL commit waits for one`,
      );
    }
    let n = 0;
    const body = () => bodies[n % bodies.length]!.replace(ID, `BENCH-${++n}`);
    let before: ReturnType<typeof serverTimes> | undefined;
    // CPU over the measured seconds, read from /proc at their start and end: the server's process,
    // and the backends of its connections (asked for a second before, with the histogram, so that
    // nothing is asked of the server while it is measured, and again after: see backendCpuUsed).
    // The WAL's position is read with them.
    let stateSoon: Promise<ServerState> | undefined;
    let backends: number[] | null | undefined;
    const serverCpu = () => (child.pid === undefined ? undefined : processCpuSeconds(child.pid));
    let cpuAtStart:
      | { server: number | undefined; db: Map<number, number> | undefined; machine: MachineCpu | undefined }
      | undefined;
    // The profile starts with the measured seconds (the server's histogram a second before: measureSoon).
    const measureStarts = () => {
      console.error(
        `measuring: ${seconds}s at ${rate} requests/s (one every ${(1000 / rate).toFixed(2)} ms, open loop), up to ${connections} connections, to 127.0.0.1 only`,
      );
      cpuAtStart = {
        server: serverCpu(),
        db: backends ? cpuByProcess(backends) : undefined,
        machine: machineCpu(),
      };
      if (o.profile) child.send('profile-start');
    };
    // The server's histogram is read a second before the measured seconds, not at their start: the
    // reading (GET /metrics, 6-7 ms under this load) delayed the requests around it, and the first
    // measured second was the slowest of nearly every run.
    const measureSoon = () => {
      before = serverTimes(ready.port);
      stateSoon = askServer(child);
      void stateSoon.then((state) => {
        backends = state.backends;
      });
    };
    await serverTimes(ready.port); // once before the load: the first call's set-up is not measured
    let r: OpenLoopResult;
    if (o.load === 'autocannon') {
      // As measured before the open loop: a warm-up at half the rate, a pause, then the quota.
      console.error(`warm-up: ${warmup}s at ${Math.round(rate / 2)} requests/s`);
      await autocannonQuota(ready, {
        duration: warmup,
        overallRate: Math.round(rate / 2),
        connections,
        body,
      });
      measureSoon();
      await before; // read before the quota's seconds, not during them
      await stateSoon;
      measureStarts();
      r = await autocannonQuota(ready, { duration: seconds, overallRate: rate, connections, body });
    } else {
      // One schedule: a ramp from zero (a server started cold and hit at once with the full rate
      // fell a second behind and took 9 s to catch up), seconds at the full rate, then the measured
      // ones, with no pause (which would let the queues drain) and no step in the rate (whose
      // backlog the first measured seconds would carry). Every request is a declaration Sieve has
      // not seen: the full path, never the duplicate shortcut.
      console.error(
        `warm-up, not counted: ${o.ramp}s rising to ${rate} requests/s, then ${warmup}s at that rate`,
      );
      r = await openLoop({
        url: `http://127.0.0.1:${ready.port}/api/assessments`,
        method: 'POST',
        headers: { authorization: `Bearer ${ready.token}`, 'content-type': 'application/json' },
        rate,
        seconds,
        rampSeconds: o.ramp,
        warmupSeconds: warmup,
        onMeasureStart: measureStarts,
        onMeasureSoon: measureSoon,
        // The warm-up's connections carry the measured load, as a feeding system keeps its connections open.
        maxConnections: connections,
        body,
      });
    }
    const serverAtEnd = serverCpu();
    const steal = stealPercent(cpuAtStart?.machine, machineCpu());
    const perRequest = (cpuSeconds: number | undefined) =>
      cpuSeconds === undefined || !r.answered ? null : Math.round((cpuSeconds * 1e6) / r.answered) / 1000;
    // The profiler runs in the server's process during the measured seconds: its CPU would count.
    const serverCpuUsed =
      o.profile || cpuAtStart?.server === undefined || serverAtEnd === undefined
        ? undefined
        : serverAtEnd - cpuAtStart.server;
    const [stateBefore, stateAfter] = [await stateSoon!, await askServer(child)];
    const dbCpuUsed = backendCpuUsed(stateAfter.backends, cpuAtStart?.db);
    const [timesBefore, timesAfter] = [await before!, await serverTimes(ready.port)];
    const server = bucketDifference(timesBefore.http, timesAfter.http);
    // Over the same window as the server's histogram (a second before the measured seconds to now).
    const wal = stateBefore.wal && stateAfter.wal ? walUsed(stateBefore.wal, stateAfter.wal) : undefined;
    const storeBatches = bucketDifference(timesBefore.store, timesAfter.store);
    if (r.perSecond.length) {
      console.error(
        `latency by second (p50/p99 ms): ${r.perSecond.map((s) => `${s.second}s ${Math.round(s.p50)}/${Math.round(s.p99)}`).join(', ')}`,
      );
    }
    if (steal !== null) {
      // On an oversubscribed host a core stops for milliseconds at a time, whatever runs on it.
      console.error(
        `host steal over the measured seconds: ${steal}% of this machine's CPU time went to other guests${steal >= 5 ? ' (the latencies above include the waits)' : ''}`,
      );
    }
    if (storeBatches.maxLeMs !== null) {
      // One slow commit (a disk slow to flush) holds up every request that arrives while it lasts.
      console.error(
        `the server's commits over the measured seconds: 99% within ${storeBatches.p99LeMs} ms, every one within ${storeBatches.maxLeMs} ms${storeBatches.maxLeMs >= 50 ? ' (a slow one holds up every request arriving meanwhile: the latencies above include it)' : ''}`,
      );
    }
    const walKbPerRequest = wal && server.count ? Math.round((wal.kb / server.count) * 100) / 100 : null;
    if (wal) {
      // A segment made during the load (a new server's: pg-wal.ts) holds up the commits behind it.
      console.error(
        `the WAL over the measured seconds and the one before: ${Math.round(wal.kb / 1024)} MB, ${walKbPerRequest} KB a request; ${wal.segmentsCrossed} segment(s) entered, ${wal.segmentsMade === null ? 'whether ready before not known (listing them takes a superuser or the pg_monitor role)' : `${wal.segmentsMade} of them made then${!wal.segmentsMade ? ', the others ready' : store === 'postgres' ? ' (zero-filled while the commits behind waited: see bench/pg-wal.ts)' : ' (PGlite makes them without zero-filling them)'}`}`,
      );
    } else console.error('   the WAL was not read: the server did not say where it stood');
    if (o.profile) {
      const profileTo = resolvePath(o.profile);
      child.send({ profileTo });
      await reply(child, (m) => m === 'profiled', 60_000);
      console.error(
        `server thread CPU profile of the measured seconds: ${profileTo} (open in Chrome DevTools)`,
      );
    }
    return {
      store,
      ...(ready.pgConnect ? { pg_connect: ready.pgConnect } : {}),
      rps: r.rps,
      p50_ms: r.p50,
      p90_ms: r.p90,
      p99_ms: r.p99,
      max_ms: r.max,
      // The server's own timing (its request-duration histogram over the measured seconds and the
      // second before them, see measureSoon): the smallest bucket bound holding 99% of requests,
      // and the share answered within 10 ms.
      server_p99_le_ms: server.p99LeMs,
      server_within_10ms: server.within10ms,
      // The same for the batches those requests were written in (each request waits for its own).
      server_store_p99_le_ms: storeBatches.p99LeMs,
      server_store_max_le_ms: storeBatches.maxLeMs,
      server_store_batch_requests_mean: storeBatches.count
        ? Math.round(((timesAfter.storeRequests - timesBefore.storeRequests) / storeBatches.count) * 100) /
          100
        : null,
      requests: r.answered,
      non_2xx: r.non2xx,
      errors: r.errors,
      timeouts: r.timeouts,
      // How late the load generator itself sent (p99, ms): near 0, or the latencies above include it.
      send_lag_p99_ms: r.sendLagP99,
      server_cpu_ms_per_request: perRequest(serverCpuUsed),
      db_cpu_ms_per_request: perRequest(dbCpuUsed),
      host_steal_pct: steal,
      disk_sync_p99_ms: disk?.p99_ms ?? null,
      disk_sync_max_ms: disk?.max_ms ?? null,
      wal_kb_per_request: walKbPerRequest,
      wal_segments_made: wal?.segmentsMade ?? null,
    };
  } finally {
    await stop(child);
  }
}

/** The next message from the child that `match` accepts; fails after `timeoutMs`. */
function reply(child: ChildProcess, match: (m: unknown) => boolean, timeoutMs: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', listen);
      reject(new Error(`the server did not answer within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    const listen = (m: unknown) => {
      if (!match(m)) return;
      clearTimeout(timer);
      child.off('message', listen);
      resolve(m);
    };
    child.on('message', listen);
  });
}

/**
 * What the server's database says of itself: the PostgreSQL backends of its
 * connections (null on PGlite, or when it could not tell) and where its WAL
 * stands (null when it could not be read).
 */
interface ServerState {
  backends: number[] | null;
  wal: WalPosition | null;
}

async function askServer(child: ChildProcess): Promise<ServerState> {
  child.send('state');
  const m = await reply(child, (x) => typeof x === 'object' && x !== null && 'backends' in x, 10_000).catch(
    () => ({ backends: null, wal: null }),
  );
  return m as ServerState;
}

/**
 * CPU seconds the server's PostgreSQL backends `pids` used since `atStart`
 * (their CPU when the measured seconds began; undefined on PGlite or when
 * they were not known then). The pids are asked for again after the
 * measured seconds, when asking costs the measure nothing: a connection
 * opened meanwhile counts whole, one closed meanwhile (the pool ends
 * connections left idle) is lost, and the bench says so.
 */
function backendCpuUsed(pids: number[] | null, atStart: Map<number, number> | undefined): number | undefined {
  if (!pids) return undefined;
  if (!atStart || atStart.size === 0) {
    console.error(
      '   database CPU not measured: its backends were not known, or not readable in /proc, when measuring began',
    );
    return undefined;
  }
  const atEnd = cpuByProcess(pids);
  const ended = [...atStart.keys()].filter((pid) => !atEnd.has(pid));
  if (ended.length) {
    console.error(
      `   ${ended.length} backend(s) ended during the measured seconds: their CPU since the start is not counted`,
    );
  }
  let used = 0;
  for (const [pid, seconds] of atEnd) used += seconds - (atStart.get(pid) ?? 0);
  return used;
}

/**
 * The same measure with autocannon's `overallRate`, for comparison with the
 * figures taken with it before: a quota per second per connection, sent back
 * to back at the start of each second (see open-loop.ts).
 */
async function autocannonQuota(
  ready: Ready,
  o: { duration: number; overallRate: number; connections: number; body: () => string },
): Promise<OpenLoopResult> {
  const { default: autocannon } = await import('autocannon');
  const r = await autocannon({
    url: `http://127.0.0.1:${ready.port}/api/assessments`,
    method: 'POST',
    connections: Math.min(o.connections, 20),
    duration: o.duration,
    overallRate: o.overallRate,
    headers: { authorization: `Bearer ${ready.token}`, 'content-type': 'application/json' },
    requests: [{ setupRequest: (req) => ({ ...req, body: o.body() }) }],
  });
  return {
    rps: Math.round(r.requests.average),
    sent: r.requests.sent,
    answered: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    max: r.latency.max,
    sendLagP99: Number.NaN,
    perSecond: [],
  };
}

/** A histogram's buckets from Prometheus text: upper bound (s) to count. */
type Buckets = Map<number, number>;

/**
 * The server's own timings, from /metrics: how long POST /api/assessments
 * took (`http`), and how long each batch of real-time assessments took from
 * the start of its write to its commit (`store`, sieve_store_batch_seconds),
 * with the requests those batches held.
 */
async function serverTimes(port: number): Promise<{ http: Buckets; store: Buckets; storeRequests: number }> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const http: Buckets = new Map();
  const store: Buckets = new Map();
  let storeRequests = 0;
  const line =
    /^(sieve_http_request_duration_seconds_bucket|sieve_store_batch_seconds_bucket|sieve_store_batch_requests_sum)\{([^}]*)\} (\S+)/;
  for (const l of text.split('\n')) {
    const m = line.exec(l);
    if (!m) continue;
    const labels = m[2]!;
    if (m[1] === 'sieve_store_batch_requests_sum') {
      if (labels.includes('writer="assessment"')) storeRequests += Number(m[3]);
      continue;
    }
    const into =
      m[1] === 'sieve_store_batch_seconds_bucket'
        ? labels.includes('writer="assessment"') && store
        : labels.includes('route="/api/assessments"') && labels.includes('method="POST"') && http;
    if (!into) continue;
    const le = /le="([^"]+)"/.exec(labels)![1]!;
    const bound = le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le);
    into.set(bound, (into.get(bound) ?? 0) + Number(m[3])); // summed over the series kept (status codes)
  }
  return { http, store, storeRequests };
}

function bucketDifference(before: Buckets, after: Buckets) {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const total = (after.get(Number.POSITIVE_INFINITY) ?? 0) - (before.get(Number.POSITIVE_INFINITY) ?? 0);
  const within = (b: number) => (after.get(b) ?? 0) - (before.get(b) ?? 0);
  const bound = (q: number) => {
    const le = total ? bounds.find((b) => within(b) >= q * total) : undefined;
    return le === undefined || !Number.isFinite(le) ? null : le * 1000;
  };
  return {
    p99LeMs: bound(0.99),
    maxLeMs: bound(1),
    within10ms: total ? Math.round((within(0.01) / total) * 1000) / 1000 : null,
    count: total,
  };
}

/**
 * A generated data set (seed 7, `count` declarations over 60 days): the
 * first 85% in lodgement order, with their inspection results, become the
 * server's history; the rest are the request bodies, each sent under a new
 * id (with the placeholder {@link ID} for it).
 */
async function prepareData(dir: string, count: number): Promise<string[]> {
  const dataDir = join(dir, 'dataset');
  console.error(
    `generating ${count.toLocaleString('en')} declarations (seed ${SEED}) for history and requests`,
  );
  await writeDataset(dataDir, { seed: SEED, count, start: '2026-01-01', days: 60 });
  const cutAt = Math.floor(count * 0.85);
  const history = createWriteStream(join(dir, 'history-declaration.ndjson'));
  const inHistory = new Set<string>();
  const bodies: string[] = [];
  let n = 0;
  for await (const line of createInterface({
    input: createReadStream(join(dataDir, DATASET_FILES.declaration)),
  })) {
    if (!line) continue;
    if (n++ < cutAt) {
      history.write(`${line}\n`);
      inHistory.add((JSON.parse(line) as Declaration).id);
    } else bodies.push(JSON.stringify({ ...(JSON.parse(line) as Declaration), id: ID }));
  }
  await new Promise((r) => history.end(r));
  const inspections = createWriteStream(join(dir, 'history-inspection.ndjson'));
  for await (const line of createInterface({
    input: createReadStream(join(dataDir, DATASET_FILES.inspection)),
  })) {
    if (line && inHistory.has((JSON.parse(line) as { declarationId: string }).declarationId))
      inspections.write(`${line}\n`);
  }
  await new Promise((r) => inspections.end(r));
  return bodies;
}

/**
 * Writes out what the set-up left in the page cache (the generated files,
 * the history taken in: 150-350 MB) before the load starts. The kernel
 * writes dirty pages out 30 s after they were made, in bursts, which fell in
 * the measured seconds: the PostgreSQL server's commits (fdatasync of its
 * WAL, on the same file system) then waited behind them. A server in
 * service does not take in its history half a minute before its traffic.
 */
function settleDisk(): void {
  const t0 = performance.now();
  try {
    execFileSync('sync');
    console.error(
      `   the set-up's files written to disk before the load (sync, ${Math.round(performance.now() - t0)} ms)`,
    );
  } catch (err) {
    console.error(
      `   sync failed (${(err as Error).message}): the set-up's files may be written out during the load`,
    );
  }
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    // Ended already, by itself or by a signal (a crash): nothing to ask.
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    // It may be ending already (its channel closed, its exit not yet seen): then the send fails, and
    // the exit above still ends the wait.
    if (child.connected) child.send('stop', () => {});
  });
}
