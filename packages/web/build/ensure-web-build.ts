import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The workbench package's folder, and where its build goes (the server serves this folder). */
export const WEB_ROOT = join(import.meta.dirname, '..');
export const WEB_DIST = join(WEB_ROOT, 'dist');

/** What the build is made from: a change to any of these makes dist stale. */
const SOURCES = ['src', 'index.html', 'vite.config.ts', 'package.json'];

function newestMtime(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/**
 * Why dist must be (re)built, or null when it is up to date: missing, or
 * older than a source file. A fresh clone has no dist (it is git-ignored).
 */
export function webBuildStaleness(): string | null {
  const index = join(WEB_DIST, 'index.html');
  if (!existsSync(index)) return 'no build yet';
  const built = statSync(index).mtimeMs;
  for (const s of SOURCES) {
    const p = join(WEB_ROOT, s);
    if (existsSync(p) && newestMtime(p) > built) return `${s} changed since the last build`;
  }
  return null;
}

/**
 * Builds the workbench into dist/ when it is missing or stale, and says so;
 * does nothing otherwise. Used by `npm run demo` and the browser tests so a
 * fresh clone works after `npm ci` alone.
 *
 * @example await ensureWebBuild({ log: console.log });
 */
export async function ensureWebBuild(
  o: { log?: (line: string) => void; force?: boolean } = {},
): Promise<string> {
  const why = o.force ? 'asked to' : webBuildStaleness();
  if (why === null) return WEB_DIST;
  o.log?.(`building the web app (${why})…`);
  const started = performance.now();
  // Loaded only when needed: the demo and the tests start faster when dist is current.
  const { build } = await import('vite');
  await build({ root: WEB_ROOT, configFile: join(WEB_ROOT, 'vite.config.ts'), logLevel: 'warn' });
  o.log?.(`web app built in ${((performance.now() - started) / 1000).toFixed(1)} s: ${WEB_DIST}`);
  return WEB_DIST;
}
