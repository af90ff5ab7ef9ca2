import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** ../shared/data beside the project, where the public evaluation data lives. */
export const SHARED_DATA = fileURLToPath(new URL('../../../shared/data/', import.meta.url));

/**
 * The path of a file under ../shared/data, or the reason it is missing. Tests
 * skip with that reason on a developer machine and fail in CI, where
 * ../shared is always beside the clone.
 */
export function sharedFile(rel: string): { path: string; missing: string | false } {
  const path = `${SHARED_DATA}${rel}`;
  if (existsSync(path)) return { path, missing: false };
  const why = `${path} not found (../shared/data must sit beside the project)`;
  if (process.env.CI) throw new Error(`CI needs the shared data: ${why}`);
  return { path, missing: why };
}
