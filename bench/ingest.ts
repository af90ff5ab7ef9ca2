/**
 * Intake benchmark: 1,000,000 generated declarations from an NDJSON file
 * into the embedded PGlite and into a PostgreSQL server, each engine in its
 * own process so that its memory is measured alone.
 *
 *   npm run bench:ingest                      # 1,000,000 declarations
 *   npm run bench:ingest -- --count 100000    # quicker
 *   npm run bench:ingest -- --input d.ndjson  # an existing file instead of generating one
 *   --parties full                            # every party in full on every declaration
 *   --workers N, --writers N                  # override runIntake's defaults
 *
 * By default the generator gives registered parties by reference (their id;
 * name, address and identifiers in the party register), as Korean and EU
 * declarations name registered traders: 1.8 KB a declaration instead of 2.75.
 * The register (parties.ndjson) is then taken in after the declarations,
 * outside the timed part, and the run fails unless every party the
 * declarations name ends up with a name: the rate stays that of declarations.
 *
 * PostgreSQL: DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres;
 * a fresh database is created and dropped. Prints progress on stderr and a
 * final JSON line: { count, pglite_per_s, postgres_per_s, peak_rss_mb, ... }.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runIntake } from '@sieve/pipeline';
import { type IntakeRun, openStore, type Store } from '@sieve/store';
import { generate } from '@sieve/synth';
import pg from 'pg';
import { SIEVE_NODE_FLAGS } from '../packages/cli/src/node-flags.ts';
import { backendPids, machineCpu, stealPercent, totalCpuSeconds } from './proc-cpu.ts';

const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '7' },
    engine: { type: 'string' },
    file: { type: 'string' },
    'parties-file': { type: 'string' },
    url: { type: 'string' },
    engines: { type: 'string', default: 'pglite,postgres' },
    input: { type: 'string' },
    parties: { type: 'string', default: 'reference' },
    workers: { type: 'string' },
    writers: { type: 'string' },
  },
});

if (args.engine) {
  await runOne(args.engine, args.file!, args.url, args['parties-file']);
} else {
  await main();
}

async function main(): Promise<void> {
  const count = Number(args.count);
  const parties = args.parties === 'full' ? 'full' : 'reference';
  const dir = mkdtempSync(join(tmpdir(), 'sieve-bench-ingest-'));
  try {
    const file = args.input ?? join(dir, 'declarations.ndjson');
    const register = args.input || parties === 'full' ? undefined : join(dir, 'parties.ndjson');
    if (!args.input) await writeDeclarations(file, register, count, Number(args.seed), parties);
    const results: Record<string, EngineResult> = {};
    for (const engine of args.engines!.split(',')) {
      const url = engine === 'postgres' ? await createDatabase() : undefined;
      try {
        const out = spawnSync(
          process.execPath,
          [
            // As `sieve ingest` runs (its bin's shebang).
            ...SIEVE_NODE_FLAGS,
            '--import',
            'tsx',
            new URL(import.meta.url).pathname,
            '--engine',
            engine,
            '--file',
            file,
            ...(url ? ['--url', url.url] : []),
            ...(register ? ['--parties-file', register] : []),
            ...(args.workers ? ['--workers', args.workers] : []),
            ...(args.writers ? ['--writers', args.writers] : []),
          ],
          {
            stdio: ['ignore', 'pipe', 'inherit'],
            encoding: 'utf8',
            env: { ...process.env, SIEVE_BENCH_DIR: dir },
          },
        );
        const last = out.stdout.trim().split('\n').at(-1) ?? '';
        if (out.status !== 0) throw new Error(`${engine} run failed (exit ${out.status}): ${last}`);
        results[engine] = JSON.parse(last) as EngineResult;
      } finally {
        await url?.drop();
      }
    }
    const peak = Math.max(...Object.values(results).map((r) => r.peak_rss_mb));
    const summary = {
      count: results.pglite?.read ?? results.postgres?.read ?? count,
      parties: args.input ? null : parties,
      input_mb: Math.round(statSync(file).size / 1e6),
      pglite_per_s: results.pglite?.per_s ?? null,
      postgres_per_s: results.postgres?.per_s ?? null,
      peak_rss_mb: peak,
      pglite: results.pglite ?? null,
      postgres: results.postgres ?? null,
      node: process.version,
    };
    console.log(JSON.stringify(summary));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface EngineResult {
  engine: string;
  per_s: number;
  seconds: number;
  read: number;
  accepted: number;
  quarantined: number;
  peak_rss_mb: number;
  /** After the store was opened (for PGlite: created), before intake. */
  rss_mb_at_start: number;
  rss_mb_at_10pct: number;
  rss_mb_at_end: number;
  /** CPU time of this process (all threads; with PGlite, the database too) per declaration. */
  node_cpu_us_per_decl: number;
  /** CPU time of the PostgreSQL server processes that served this run, per declaration. */
  server_cpu_us_per_decl: number | null;
  /** Of the machine's CPU time during the run, the share its host gave to others (steal, %). */
  host_steal_pct: number | null;
  /** The party register taken in after the timed declarations, when they name parties by reference. */
  register: { read: number; inserted: number; duplicates: number; seconds: number } | null;
}

async function runOne(engine: string, file: string, url?: string, partiesFile?: string): Promise<void> {
  const dataDir = engine === 'pglite' ? join(process.env.SIEVE_BENCH_DIR ?? tmpdir(), 'pglite') : undefined;
  const store = await openStore(engine === 'postgres' ? { databaseUrl: url } : { dataDir });
  const total = Number(execFileSync('wc', ['-l', file], { encoding: 'utf8' }).trim().split(/\s+/)[0]);
  let peak = 0;
  let at10 = 0;
  let done = 0;
  const sample = () => {
    const rss = process.memoryUsage.rss() / 1e6;
    peak = Math.max(peak, rss);
    if (!at10 && done >= total / 10) at10 = rss;
  };
  // With PGlite, creating the database (initdb in WebAssembly) takes most of the memory the process
  // will ever hold, before the first record is read.
  const atStart = process.memoryUsage.rss() / 1e6;
  const timer = setInterval(sample, 100);
  const cpu0 = process.cpuUsage();
  const machine0 = machineCpu();
  const t0 = performance.now();
  let lastLog = t0;
  const run = await runIntake(store, file, {
    actor: 'bench',
    workers: args.workers ? Number(args.workers) : undefined,
    writers: args.writers ? Number(args.writers) : undefined,
    onBatch: (n) => {
      done += n;
      const now = performance.now();
      if (now - lastLog > 5000) {
        lastLog = now;
        console.error(
          `${engine}: ${done.toLocaleString('en')}/${total.toLocaleString('en')} · ${Math.round(done / ((now - t0) / 1000)).toLocaleString('en')}/s · rss ${Math.round(process.memoryUsage.rss() / 1e6)} MB`,
        );
      }
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(timer);
  sample();
  const cpu = process.cpuUsage(cpu0);
  const steal = stealPercent(machine0, machineCpu());
  const serverCpu = await serverCpuSeconds(store);
  await checkStored(store, run, total);
  const register = partiesFile ? await ingestRegister(store, partiesFile) : null;
  await store.close();
  const result: EngineResult = {
    engine,
    per_s: Math.round(run.accepted / seconds),
    seconds: Math.round(seconds * 10) / 10,
    read: run.read,
    accepted: run.accepted,
    quarantined: run.quarantined,
    peak_rss_mb: Math.round(peak),
    rss_mb_at_start: Math.round(atStart),
    rss_mb_at_10pct: Math.round(at10),
    rss_mb_at_end: Math.round(process.memoryUsage.rss() / 1e6),
    node_cpu_us_per_decl: Math.round((cpu.user + cpu.system) / run.accepted),
    server_cpu_us_per_decl: serverCpu === undefined ? null : Math.round((serverCpu * 1e6) / run.accepted),
    host_steal_pct: steal,
    register,
  };
  console.error(
    `${engine}: ${result.accepted.toLocaleString('en')} declarations in ${result.seconds} s = ${result.per_s.toLocaleString('en')}/s, peak RSS ${result.peak_rss_mb} MB${steal === null ? '' : `, host steal ${steal}%`}`,
  );
  console.log(JSON.stringify(result));
}

/**
 * CPU seconds used so far by the server processes of this run's connections
 * (a fresh database, so no one else's); undefined on PGlite or when the
 * server is on another machine.
 */
async function serverCpuSeconds(store: Store): Promise<number | undefined> {
  const pids = await backendPids(store.sql);
  return pids && totalCpuSeconds(pids);
}

/** Fails the run unless every line was counted and every accepted declaration is in the tables with its items. */
async function checkStored(store: Store, run: IntakeRun, lines: number): Promise<void> {
  const [row] = await store.sql.query<{ declarations: number; items: number; expected_items: number }>(
    `SELECT (SELECT count(*)::int FROM declarations) AS declarations,
            (SELECT count(*)::int FROM declaration_items) AS items,
            (SELECT coalesce(sum(item_count), 0)::int FROM declarations) AS expected_items`,
  );
  const problems = [
    run.read !== lines && `read ${run.read} of ${lines} lines`,
    run.accepted + run.quarantined !== run.read &&
      `accepted ${run.accepted} + quarantined ${run.quarantined} != read ${run.read}`,
    row!.declarations !== run.inserted &&
      `${row!.declarations} declarations stored, ${run.inserted} inserted`,
    row!.items !== row!.expected_items && `${row!.items} items stored, ${row!.expected_items} declared`,
  ].filter(Boolean);
  if (problems.length) throw new Error(`bench:ingest counts do not add up: ${problems.join('; ')}`);
}

/** Takes in the party register; fails unless every party the declarations name then has a name. */
async function ingestRegister(store: Store, file: string): Promise<EngineResult['register']> {
  const t0 = performance.now();
  const run = await runIntake(store, file, { kind: 'party', actor: 'bench' });
  const [row] = await store.sql.query<{ unnamed: number }>(
    `SELECT count(*)::int AS unnamed FROM parties p
      WHERE p.name IS NULL AND EXISTS (SELECT 1 FROM declarations d
        WHERE p.id IN (d.declarant_id, d.importer_id, d.exporter_id, d.seller_id, d.consignee_id, d.carrier_id))`,
  );
  if (run.quarantined || row!.unnamed)
    throw new Error(
      `bench:ingest party register: ${run.quarantined} quarantined, ${row!.unnamed} declared parties without a name`,
    );
  const seconds = Math.round((performance.now() - t0) / 100) / 10;
  return { read: run.read, inserted: run.inserted, duplicates: run.duplicates, seconds };
}

async function writeDeclarations(
  file: string,
  registerFile: string | undefined,
  count: number,
  seed: number,
  parties: 'full' | 'reference',
): Promise<void> {
  const out = createWriteStream(file);
  const register = registerFile ? createWriteStream(registerFile) : undefined;
  let n = 0;
  const t0 = performance.now();
  for (const r of generate({ seed, count, start: '2025-01-01', days: 365, parties })) {
    if (r.kind === 'party' && register) {
      if (!register.write(`${JSON.stringify(r.value)}\n`)) await once(register, 'drain');
      continue;
    }
    if (r.kind !== 'declaration') continue;
    if (!out.write(`${JSON.stringify(r.value)}\n`)) await once(out, 'drain');
    if (++n % 100000 === 0)
      console.error(
        `generated ${n.toLocaleString('en')}/${count.toLocaleString('en')} · ${Math.round(n / ((performance.now() - t0) / 1000)).toLocaleString('en')}/s`,
      );
  }
  out.end();
  register?.end();
  await Promise.all([once(out, 'finish'), register && once(register, 'finish')]);
  console.error(
    `wrote ${n.toLocaleString('en')} declarations (${Math.round(statSync(file).size / 1e6)} MB) to ${file}`,
  );
}

async function createDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `sieve_bench_${process.pid}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect().catch((err: Error) => {
    throw new Error(`bench:ingest needs a PostgreSQL server (DATABASE_URL or ${admin}): ${err.message}`);
  });
  await c.query(`DROP DATABASE IF EXISTS ${name}`);
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const a = new pg.Client({ connectionString: admin });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
