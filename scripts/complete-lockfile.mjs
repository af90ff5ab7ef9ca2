#!/usr/bin/env node
// Completes package-lock.json with the platform-specific optional packages
// (Biome, zen-engine, argon2, resvg... ship one binary package per OS and CPU)
// that npm could not resolve when it wrote the lock.
//
// Why: the registry mirror this project is developed against lacks other
// platforms' binary packages at the current versions, so npm writes a lock
// without them, and `npm ci` then refuses that lock as out of sync, here and
// on any machine. An entry with the version, `optional` and the platform read
// from the package name is all `npm ci` needs: on a matching platform it
// fetches the package by version, elsewhere it skips it.
//
//   node scripts/complete-lockfile.mjs          # fix the lock in place
//   node scripts/complete-lockfile.mjs --check  # exit 1 if entries are missing
//   node scripts/complete-lockfile.mjs <lockfile> # another lock file
import { readFileSync, writeFileSync } from 'node:fs';

const path =
  process.argv.slice(2).find((a) => !a.startsWith('--')) ?? new URL('../package-lock.json', import.meta.url);
const check = process.argv.includes('--check');
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages ?? {};

const OS = [
  'android',
  'darwin',
  'linux',
  'win32',
  'freebsd',
  'openbsd',
  'netbsd',
  'sunos',
  'aix',
  'openharmony',
];
const CPU = {
  arm64: 'arm64',
  x64: 'x64',
  ia32: 'ia32',
  arm: 'arm',
  armv7: 'arm',
  riscv64: 'riscv64',
  ppc64: 'ppc64',
  s390x: 's390x',
  loong64: 'loong64',
  wasm32: 'wasm32',
};

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.map((p) => CPU[p]).find(Boolean);
  const libc = parts.includes('musl')
    ? 'musl'
    : parts.includes('gnu') || parts.includes('gnueabihf')
      ? 'glibc'
      : undefined;
  return { os, cpu, libc };
}

const added = [];
for (const [key, pkg] of Object.entries(packages)) {
  for (const [dep, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const where = `${key ? `${key}/` : ''}node_modules/${dep}`;
    const hoisted = `node_modules/${dep}`;
    if (packages[where] || packages[hoisted]) continue;
    const { os, cpu, libc } = platformOf(dep);
    if (!os && !cpu) continue; // not a platform binary: leave it to npm
    const entry = { version, optional: true };
    if (pkg.dev) entry.dev = true;
    if (os) entry.os = [os];
    if (cpu) entry.cpu = [cpu];
    if (libc) entry.libc = [libc];
    packages[hoisted] = entry;
    added.push(`${dep}@${version}`);
  }
}

if (added.length === 0) process.exit(0);
if (check) {
  console.error(
    `package-lock.json lacks ${added.length} platform packages (${added.slice(0, 4).join(', ')}...): run node scripts/complete-lockfile.mjs`,
  );
  process.exit(1);
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)),
);
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.error(
  `package-lock.json: added ${added.length} platform packages npm could not resolve (${added.slice(0, 3).join(', ')}...)`,
);
