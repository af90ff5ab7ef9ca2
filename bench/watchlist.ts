import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { type ScreeningQuery, WatchlistIndex } from '@sieve/core/watchlist';
import { parse } from 'csv-parse/sync';
import { loadSharedLists, SHARED_DATA } from './watchlist-data.ts';

/**
 * Latency and throughput of one screening against the full OFAC SDN list
 * with its aliases. Queries: the first 20,000 names of
 * ../shared/data/names/negatives_global.csv (persons in many scripts, with
 * date of birth and nationality) and the 683 treated UN positives, each
 * screened as a party of unknown kind (the hard case: no kind filter).
 * Usage: npm run bench:watchlist [-- --queries 5000]
 */
const args = process.argv.slice(2);
const limit = Number(args[args.indexOf('--queries') + 1]) || 20_000;

type Row = Record<string, string>;
const readCsv = (f: string): Row[] =>
  parse(readFileSync(join(SHARED_DATA, 'names', f), 'utf8'), { columns: true });
const rows = [...readCsv('negatives_global.csv').slice(0, limit), ...readCsv('positives_un_treated.csv')];
const queries: ScreeningQuery[] = rows.map((r) => ({
  name: r.full_name ?? '',
  ...(r.date_of_birth ? { birthDate: r.date_of_birth } : {}),
}));

const { ofac } = loadSharedLists();
let t = performance.now();
const index = WatchlistIndex.build([ofac]);
const buildMs = performance.now() - t;
console.error(
  `indexed ${index.entryCount} entries, ${index.nameCount} names and aliases in ${buildMs.toFixed(0)} ms`,
);

// Warm up the JIT on a slice, then time every screening on its own.
for (const q of queries.slice(0, 2000)) index.screen(q);
const times = new Float64Array(queries.length);
let hits = 0;
const loadBefore = loadavg()[0]!;
const cpu0 = process.cpuUsage();
t = performance.now();
for (let i = 0; i < queries.length; i++) {
  const start = process.hrtime.bigint();
  hits += index.screen(queries[i]!).length > 0 ? 1 : 0;
  times[i] = Number(process.hrtime.bigint() - start) / 1000;
  if (i % 5000 === 0) console.error(`screened ${i}/${queries.length}`);
}
const totalS = (performance.now() - t) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuS = (cpu.user + cpu.system) / 1e6;
times.sort();
const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
console.log(
  JSON.stringify({
    names: index.nameCount,
    entries: index.entryCount,
    queries: queries.length,
    flagged: hits,
    median_us: +at(0.5).toFixed(1),
    p99_us: +at(0.99).toFixed(1),
    per_s: Math.round(queries.length / totalS),
    // The machine is shared: CPU time says what one core does when it is not taken by others.
    cpu_per_s: Math.round(queries.length / cpuS),
    cpu_mean_us: +((cpuS * 1e6) / queries.length).toFixed(1),
    load_average: [+loadBefore.toFixed(1), +loadavg()[0]!.toFixed(1)],
    build_ms: Math.round(buildMs),
  }),
);
