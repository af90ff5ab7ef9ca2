import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { DATASET_FILES, LOOKOUT_COLUMNS, lookoutRow, writeDataset } from './write-dataset.ts';

describe('writeDataset', () => {
  const root = mkdtempSync(join(tmpdir(), 'sieve-synth-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  const hashes = (dir: string) =>
    Object.fromEntries(
      readdirSync(dir)
        .sort()
        .map((f) => [
          f,
          createHash('sha256')
            .update(readFileSync(join(dir, f)))
            .digest('hex'),
        ]),
    );

  it('writes one file per kind and a manifest whose counts match the files', async () => {
    const dir = join(root, 'a');
    const seen: number[] = [];
    const manifest = await writeDataset(dir, {
      seed: 11,
      count: 1200,
      days: 10,
      onProgress: (n) => seen.push(n),
    });
    assert.deepEqual(readdirSync(dir).sort(), [...Object.values(DATASET_FILES), 'manifest.json'].sort());
    for (const [kind, file] of Object.entries(DATASET_FILES)) {
      const lines = readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean).length;
      const header = kind === 'lookout' ? 1 : 0;
      assert.equal(lines - header, manifest.records[kind as keyof typeof manifest.records], file);
    }
    assert.equal(manifest.records.declaration, 1200);
    assert.deepEqual(seen, [1000, 1200]);
    const onDisk = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    assert.equal(onDisk.seed, 11);
    assert.equal(onDisk.options.rates.concealment, manifest.options.rates.concealment);
  });

  it('writes byte-identical files for the same seed and options', async () => {
    await writeDataset(join(root, 'b'), { seed: 12, count: 400 });
    await writeDataset(join(root, 'c'), { seed: 12, count: 400 });
    assert.deepEqual(hashes(join(root, 'b')), hashes(join(root, 'c')));
  });

  it('quotes lookout cells that hold commas and joins lists with semicolons', () => {
    const row = lookoutRow({
      id: 'LK-0001',
      list: 'L',
      kind: 'entity',
      name: 'HANBIT TRADING CO., LTD.',
      aliases: ['한빛무역', 'HANVIT TRADING'],
      country: 'KR',
      identifiers: [{ scheme: 'KR-BRN', value: '124-81-00998' }],
      reason: 'customs fraud conviction',
    });
    assert.equal(
      row,
      'LK-0001,L,entity,"HANBIT TRADING CO., LTD.",한빛무역;HANVIT TRADING,KR,,KR-BRN:124-81-00998,customs fraud conviction\n',
    );
    assert.equal(LOOKOUT_COLUMNS.length, row.split(',').length - 1);
  });
});
