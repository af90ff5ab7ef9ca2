import { readFileSync } from 'node:fs';
import { DEFAULT_THRESHOLD, scoreNamePair } from '@sieve/core/watchlist';
import { parse } from 'csv-parse/sync';

/**
 * Pairwise matching quality on a labelled pair file (columns name1, name2,
 * schema, match): precision, recall and F1 at the default threshold and at
 * the best single threshold, overall and per schema.
 * Usage: npm run bench:watchlist-pairs [-- <pairs.csv>] [-- --verbose]
 */
const args = process.argv.slice(2);
const file =
  args.find((a) => !a.startsWith('--')) ??
  new URL('../test/watchlist/name-pairs.csv', import.meta.url).pathname;
const verbose = args.includes('--verbose');
const rows: Record<string, string>[] = parse(readFileSync(file, 'utf8'), { columns: true });
const scored = rows.map((r) => ({
  r,
  label: /^(true|1|yes)$/i.test(r.match ?? r.label ?? ''),
  ...scoreNamePair(r.name1 ?? '', r.name2 ?? '', r.schema),
}));

function f1At(t: number, subset = scored) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const s of subset) {
    const m = s.score >= t;
    if (m && s.label) tp++;
    else if (m) fp++;
    else if (s.label) fn++;
  }
  const precision = tp + fp > 0 ? tp / (tp + fp) : 1;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 1;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision: +precision.toFixed(3), recall: +recall.toFixed(3), f1: +f1.toFixed(3) };
}

if (verbose) {
  for (const s of scored) {
    if (s.score >= DEFAULT_THRESHOLD !== s.label) {
      console.error(
        `${s.label ? 'MISSED' : 'FALSE '} ${s.score} ${s.r.name1} | ${s.r.name2} ${JSON.stringify(s.tokens.map((t) => `${t.query}~${t.listed}:${t.how}`))}`,
      );
    }
  }
}
let best = { t: 0, f1: 0 };
for (let t = 0.5; t <= 1; t += 0.01) {
  const f = f1At(t).f1;
  if (f > best.f1) best = { t: +t.toFixed(2), f1: f };
}
const bySchema: Record<string, unknown> = {};
for (const schema of new Set(scored.map((s) => s.r.schema ?? ''))) {
  bySchema[schema] = f1At(
    DEFAULT_THRESHOLD,
    scored.filter((s) => (s.r.schema ?? '') === schema),
  );
}
console.log(
  JSON.stringify({
    pairs: scored.length,
    threshold: DEFAULT_THRESHOLD,
    ...f1At(DEFAULT_THRESHOLD),
    best_threshold: best.t,
    best_f1: best.f1,
    by_schema: bySchema,
  }),
);
