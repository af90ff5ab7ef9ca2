import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SIEVE_NODE_FLAGS } from './node-flags.ts';

const bin = fileURLToPath(new URL('../bin/sieve.mjs', import.meta.url));
const rootPackage = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
  scripts: Record<string, string>;
};

/** V8's heap limit, which counts the young generation, of a node started with `flags`. */
function heapLimit(flags: readonly string[]): number {
  const r = spawnSync(
    process.execPath,
    [...flags, '-p', "require('node:v8').getHeapStatistics().heap_size_limit"],
    {
      encoding: 'utf8',
    },
  );
  assert.equal(r.status, 0, `node ${flags.join(' ')}: ${r.stderr}`);
  return Number(r.stdout);
}

describe('the node flags of the serving processes', () => {
  it('are flags this node takes, and they enlarge the young generation', () => {
    assert.ok(heapLimit(SIEVE_NODE_FLAGS) > heapLimit([]));
  });

  it('are on the sieve command: its shebang passes them, and it runs as an executable', () => {
    const shebang = readFileSync(bin, 'utf8').split('\n')[0];
    assert.equal(shebang, `#!/usr/bin/env -S node ${SIEVE_NODE_FLAGS.join(' ')}`);
    const r = spawnSync(bin, ['--help'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /serve/);
  });

  it('are on npm run demo and npm run sieve', () => {
    for (const script of ['demo', 'sieve']) {
      assert.match(
        rootPackage.scripts[script] ?? '',
        new RegExp(`^tsx ${SIEVE_NODE_FLAGS.join(' ')} `),
        script,
      );
    }
  });
});
