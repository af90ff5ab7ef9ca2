/**
 * `npm run demo`: Sieve's main job on the embedded database, from nothing.
 * Generates a seeded synthetic data set (with planted fraud patterns), takes
 * it in through the same intake as production feeds, and prints what is in
 * the store, imports the generator's lookout list as the active watchlist,
 * trains and activates a model on the inspections of the first 45 days
 * (measured on the next 15),
 * scores the last month with an example ruleset and both, then serves the
 * workbench with one account per role (--no-serve stops before that; --port).
 */
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runIntake } from '@sieve/pipeline';
import { openStore, type Store } from '@sieve/store';
import { DATASET_FILES, writeDataset } from '@sieve/synth/write-dataset';
import { ensureWebBuild } from '@sieve/web';
import { serveDemo } from './demo-server.ts';
import { progress } from './progress.ts';
import { demoRiskEngine } from './risk/demo-risk.ts';

const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '42' },
    dir: { type: 'string', default: '.sieve/demo' },
    port: { type: 'string', default: '8080' },
    'no-serve': { type: 'boolean', default: false },
  },
});

const dir = resolve(args.dir!);
const count = Number(args.count);
const seed = Number(args.seed);

console.log(
  `Sieve demo: ${count.toLocaleString('en')} synthetic declarations (seed ${seed}) on the embedded PostgreSQL (PGlite)`,
);
console.log(`working directory: ${dir} (emptied first)\n`);
rmSync(dir, { recursive: true, force: true });
// The workbench the server serves (packages/web/dist): built after a fresh clone, and again only when its sources change.
await ensureWebBuild({ log: (line) => console.log(line) });

const dataDir = join(dir, 'dataset');
console.log('1. generating the data set');
const gen = progress('   generate', count);
let last = 0;
const manifest = await writeDataset(dataDir, {
  seed,
  count,
  start: '2026-01-01',
  days: 90,
  onProgress: (n) => {
    gen.tick(n - last);
    last = n;
  },
});
gen.done();
const r = manifest.records;
console.log(
  `   ${r.declaration.toLocaleString('en')} declarations, ${r['cargo-report'].toLocaleString('en')} cargo reports, ${r.inspection.toLocaleString('en')} inspection results, ${r.party.toLocaleString('en')} parties, ${r.lookout} lookout entries`,
);
console.log(
  `   planted: ${Object.entries(manifest.patterns)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}`,
);
console.log(`   files in ${dataDir}\n`);

console.log('2. intake (validate, quarantine, store)');
const store = await openStore({ dataDir: join(dir, 'db') });
try {
  for (const kind of ['cargo-report', 'declaration', 'inspection'] as const) {
    const file = join(dataDir, DATASET_FILES[kind]);
    const p = progress(`   ${kind}`, r[kind]);
    const run = await runIntake(store, file, { kind, actor: 'demo', onBatch: (n) => p.tick(n) });
    p.done();
    console.log(
      `   run ${run.id}: read ${run.read.toLocaleString('en')}, accepted ${run.accepted.toLocaleString('en')}, quarantined ${run.quarantined}`,
    );
  }
  console.log();
  await summary(store);
  console.log();
  // Two months of history: the model needs inspections to learn from (about 5% of declarations are inspected).
  await demoRiskEngine(store, { dataDir, start: '2026-01-01', historyDays: 60, seed, step: 4 });
  console.log(`  npx sieve --data-dir ${join(args.dir!, 'db')} rules list`);
  console.log(`  npx sieve --data-dir ${join(args.dir!, 'db')} rules export --name demo`);
  if (!args['no-serve']) await serveDemo(store, { port: Number(args.port) });
} finally {
  await store.close();
}

async function summary(store: Store): Promise<void> {
  console.log(`3. in the store (${store.location})`);
  const [c] = await store.sql.query<Record<string, number>>(`
    SELECT (SELECT count(*)::int FROM declarations) AS declarations,
           (SELECT count(*)::int FROM declaration_items) AS items,
           (SELECT count(*)::int FROM cargo_reports) AS cargo_reports,
           (SELECT count(*)::int FROM inspection_results) AS inspections,
           (SELECT count(*)::int FROM inspection_results WHERE outcome = 'finding') AS findings,
           (SELECT count(*)::int FROM parties) AS parties,
           (SELECT count(*)::int FROM quarantine) AS quarantined`);
  console.table(c);
  const offices = await store.sql.query(`
    SELECT office, count(*)::int AS declarations, round(sum(customs_value)::numeric / 1e6, 1)::float AS value_musd,
           count(DISTINCT importer_id)::int AS importers
      FROM declarations GROUP BY office ORDER BY declarations DESC LIMIT 8`);
  console.log('busiest offices:');
  console.table(offices);
  console.log('try next:');
  console.log(`  npx sieve --data-dir ${join(args.dir!, 'db')} runs`);
  console.log(`  npx sieve --data-dir ${join(args.dir!, 'db')} quarantine list`);
  console.log(`  npx sieve ingest ../shared/data/kcs/train.csv --map kcs`);
}
