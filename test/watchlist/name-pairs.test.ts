import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { main } from '../../packages/cli/src/main.ts';

const pairsFile = new URL('./name-pairs.csv', import.meta.url).pathname;

test('sieve name-pairs reaches F1 0.85 at the default threshold on our labelled multi-script pairs', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sieve-pairs-'));
  const out = join(dir, 'scores.csv');
  assert.equal(await main(['node', 'sieve', 'name-pairs', '--in', pairsFile, '--out', out]), 0);
  const rows: Record<string, string>[] = parse(readFileSync(out, 'utf8'), { columns: true });
  assert.deepEqual(Object.keys(rows[0]!), ['name1', 'name2', 'schema', 'expected', 'score', 'match']);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const r of rows) {
    const score = Number(r.score);
    assert.ok(score >= 0 && score <= 1);
    const predicted = r.match === 'true';
    const actual = r.expected === 'true';
    if (predicted && actual) tp++;
    else if (predicted) fp++;
    else if (actual) fn++;
  }
  const f1 = (2 * tp) / (2 * tp + fp + fn);
  assert.ok(f1 >= 0.85, `F1 ${f1.toFixed(3)} (tp ${tp}, fp ${fp}, fn ${fn})`);
});

test('sieve name-pairs names the missing columns', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sieve-pairs-'));
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, 'a,b\nx,y\n');
  const errors: string[] = [];
  const original = console.error;
  console.error = (m: unknown) => errors.push(String(m));
  try {
    assert.equal(await main(['node', 'sieve', 'name-pairs', '--in', bad, '--out', join(dir, 'o.csv')]), 1);
  } finally {
    console.error = original;
  }
  assert.match(errors.join('\n'), /expected columns name1 and name2/);
});
