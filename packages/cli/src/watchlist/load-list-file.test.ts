import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DATASET_FILES, writeDataset } from '@sieve/synth/write-dataset';
import { loadListFile } from './load-list-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'sieve-lookouts-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test("the generator's own lookouts.csv imports whole, national identifiers included", async () => {
  // 20,000 declarations plant 30 lookout entries, a few with a KR-BRN, EORI or TIN identifier.
  const manifest = await writeDataset(dir, { seed: 42, count: 20_000, start: '2026-01-01', days: 90 });
  const list = loadListFile('lookouts', join(dir, DATASET_FILES.lookout), { version: 'test' });
  assert.equal(list.id, 'lookouts');
  assert.equal(list.entries.length, manifest.records.lookout);
  const identifiers = list.entries.flatMap((e) => e.identifiers);
  assert.ok(identifiers.length > 0, 'some entries carry an identifier');
  for (const id of identifiers) {
    assert.ok(id.country, `${id.label ?? id.scheme}:${id.value} keeps its issuing country`);
    assert.ok(id.label, `${id.scheme}:${id.value} keeps the scheme as written`);
  }
});
