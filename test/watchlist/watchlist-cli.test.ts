import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { main } from '../../packages/cli/src/main.ts';

/** Runs `sieve ...` in-process and returns what it printed. */
async function sieve(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = console.log;
  const error = console.error;
  console.log = (...m: unknown[]) => out.push(m.join(' '));
  console.error = (...m: unknown[]) => err.push(m.join(' '));
  try {
    const code = await main(['node', 'sieve', ...args]);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    console.log = log;
    console.error = error;
  }
}

test('lookouts are imported as an immutable version, listed, searched with explanations, and given a policy', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sieve-watchlist-'));
  const csv = join(dir, 'lookouts.csv');
  writeFileSync(
    csv,
    'id,kind,name,aliases,birth_date,nationality,identifiers,reason\n' +
      'L-1,person,Ivan Petrov,Иван Петров,1970-05-12,RU,passport:712345678,cigarette smuggling\n' +
      'L-2,vessel,Sea Star,,,,imo:9321483,concealment in ballast tanks\n',
  );
  const db = ['--data-dir', join(dir, 'data')];
  const imported = await sieve(
    ...db,
    'watchlist',
    'import',
    'lookouts',
    csv,
    '--list-id',
    'kr',
    '--list-version',
    'v1',
  );
  assert.equal(imported.code, 0, imported.err);
  assert.match(imported.out, /kr version v1: 2 entries, 3 names and aliases imported and activated/);
  const again = await sieve(
    ...db,
    'watchlist',
    'import',
    'lookouts',
    csv,
    '--list-id',
    'kr',
    '--list-version',
    'v1',
  );
  assert.match(again.out, /already stored/);

  const listed = await sieve(...db, 'watchlist', 'list');
  assert.match(listed.out, /\* kr@v1 {2}2 entries/);

  const found = await sieve(
    ...db,
    'watchlist',
    'search',
    'PETROV, Ivan',
    '--dob',
    '1970',
    '--country',
    'Russia',
  );
  assert.equal(found.code, 0, found.err);
  assert.match(found.out, /HIT {2}1\.000 {2}kr:L-1 {2}person {2}Ivan Petrov/);
  assert.match(found.out, /petrov +petrov +exact/);
  assert.match(found.out, /birth-date \+0\.03: same year 1970/);

  const json = await sieve(...db, 'watchlist', 'search', 'Sea Star', '--kind', 'vessel', '--json');
  assert.equal(JSON.parse(json.out)[0].entryId, 'kr:L-2');

  const policy = await sieve(
    ...db,
    'watchlist',
    'policy',
    'kr',
    '--points',
    '40',
    '--lane',
    'red',
    '--reason',
    'national lookouts',
  );
  assert.equal(policy.code, 0, policy.err);
  assert.match(
    (await sieve(...db, 'watchlist', 'list')).out,
    /policy kr: threshold default, points 40, forces red/,
  );
});
