import { resolve } from 'node:path';
import { PATTERN_IDS } from '@sieve/synth';
import { type DatasetManifest, writeDataset } from '@sieve/synth/write-dataset';
import { type Command, InvalidArgumentError } from 'commander';
import { progress } from '../progress.ts';

/**
 * `sieve generate --seed 42 --count 10000 [--out DIR] [--start 2026-01-01] [--days 90]`:
 * writes a synthetic data set with planted fraud and its truth (docs/synthetic-data.md).
 */
export function register(program: Command): void {
  program
    .command('generate')
    .description(
      'write a seeded synthetic data set: declarations, cargo reports, inspections, parties, lookouts, truth',
    )
    .requiredOption(
      '--seed <n>',
      'seed; the same seed and options give byte-identical files',
      wholeNumber('--seed'),
    )
    .requiredOption('--count <n>', 'number of declarations', wholeNumber('--count'))
    .option('--out <dir>', 'output directory (default: .sieve/synth/<seed>-<count>)')
    .option('--start <date>', 'first day of the span, YYYY-MM-DD', '2026-01-01')
    .option('--days <n>', 'days the declarations are spread over', positive('--days'), 90)
    .option(
      '--parties <how>',
      'full: every party described on every declaration; reference: registered parties by id alone, described in parties.ndjson (take it in first: sieve ingest parties.ndjson --kind party)',
      partiesMode,
      'full',
    )
    .option('--quiet', 'no progress')
    .action(
      async (o: {
        seed: number;
        count: number;
        out?: string;
        start: string;
        days: number;
        parties: 'full' | 'reference';
        quiet?: boolean;
      }) => {
        const dir = resolve(o.out ?? `.sieve/synth/${o.seed}-${o.count}`);
        const p = progress('generate', o.count, { quiet: o.quiet });
        let last = 0;
        const started = performance.now();
        const manifest = await writeDataset(dir, {
          seed: o.seed,
          count: o.count,
          start: o.start,
          days: o.days,
          parties: o.parties,
          onProgress: (n) => {
            p.tick(n - last);
            last = n;
          },
        });
        p.done();
        printSummary(manifest, dir, (performance.now() - started) / 1000);
      },
    );
}

function printSummary(m: DatasetManifest, dir: string, secs: number): void {
  const n = (x: number) => x.toLocaleString('en');
  const pct = (x: number) =>
    m.records.declaration ? `${((100 * x) / m.records.declaration).toFixed(2)}%` : '-';
  console.log(
    `wrote ${dir} (seed ${m.seed}, ${m.options.start} + ${m.options.days} days) in ${secs.toFixed(1)} s`,
  );
  for (const [kind, file] of Object.entries(m.files)) {
    console.log(`  ${file.padEnd(22)} ${n(m.records[kind as keyof typeof m.records]).padStart(11)}`);
  }
  console.log('  manifest.json');
  console.log('planted patterns (declarations):');
  for (const id of PATTERN_IDS)
    console.log(`  ${id.padEnd(22)} ${n(m.patterns[id]).padStart(11)}  ${pct(m.patterns[id])}`);
  console.log(
    `  ${'with a finding to make'.padEnd(22)} ${n(m.fraudulentDeclarations).padStart(11)}  ${pct(m.fraudulentDeclarations)}` +
      `  (USD ${n(Math.round(m.revenueAtRisk))} evaded, ${n(m.concealedKg)} kg cocaine)`,
  );
  const i = m.inspections;
  console.log(
    `inspections: ${n(i.total)} (${n(i.random)} random, ${n(i.risk)} risk-based), ${n(i.withFindings)} with findings` +
      ` (${n(i.noise)} noise); caught ${n(i.fraudDetected)} of ${n(i.fraudInspected)} inspected frauds`,
  );
}

function wholeNumber(flag: string) {
  return (v: string): number => {
    const x = Number(v);
    if (!/^\d+$/.test(v) || !Number.isSafeInteger(x))
      throw new InvalidArgumentError(`${flag} expects a whole number`);
    return x;
  };
}

function positive(flag: string) {
  return (v: string): number => {
    const x = Number(v);
    if (!(x > 0)) throw new InvalidArgumentError(`${flag} expects a number above 0`);
    return x;
  };
}

function partiesMode(v: string): 'full' | 'reference' {
  if (v !== 'full' && v !== 'reference')
    throw new InvalidArgumentError('--parties expects full or reference');
  return v;
}
