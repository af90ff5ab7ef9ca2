#!/usr/bin/env node
// Runs every test file with Node's own test runner (through tsx for TypeScript).
// Node 20's --test takes no globs, so the files are found here.
// Usage: npm test [-- <path filter>...]
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);
const skipDirs = new Set(['node_modules', '.git', 'dist', '.sieve', 'e2e']);

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    if (skipDirs.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (/\.test\.ts$/.test(name)) yield relative(root, path);
  }
}

const files = [...walk(join(root, 'packages')), ...walk(join(root, 'test')), ...walk(join(root, 'bench'))]
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error(`no test files match ${filters.join(' ') || '(all)'}`);
  process.exit(1);
}
const args = ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', ...files];
// Output goes through, and the reasons for anything skipped are repeated at
// the end, so a run without PostgreSQL or ../shared says plainly what it did not test.
const child = spawn(process.execPath, args, {
  cwd: root,
  stdio: ['inherit', 'pipe', 'inherit'],
  env: process.env,
});
const skipped = new Set();
const lines = createInterface({ input: child.stdout });
lines.on('line', (line) => {
  console.log(line);
  const m = /# SKIP(?:PED)?:? ?(.*)$/.exec(line);
  if (m) skipped.add(`${line.replace(/^[\s﹣-]+/, '').replace(/ \(\d[\d.]*ms\).*$/, '')}: ${m[1]}`);
});
child.on('close', (code) => {
  if (skipped.size > 0) {
    console.log(`\nSkipped (${skipped.size}):`);
    for (const s of skipped) console.log(`  - ${s}`);
    if (process.env.CI) console.log('CI is set: skips of PostgreSQL or ../shared tests fail the run above.');
  }
  process.exit(code ?? 1);
});
