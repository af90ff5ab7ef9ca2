import { openStore, type Store, storeOptionsFromEnv } from '@sieve/store';
import type { Command } from 'commander';

/**
 * Opens the store the user asked for: --database-url, else DATABASE_URL,
 * else the embedded PGlite in --data-dir / SIEVE_DATA_DIR / .sieve/data.
 * Says where, on stderr, so the data can be found again. A server passes
 * `pgliteThread: 'worker'` so that database work never holds up requests.
 */
export async function openStoreFor(
  cmd: Command,
  opts: { quiet?: boolean; pgliteThread?: 'main' | 'worker' } = {},
): Promise<Store> {
  const global = cmd.optsWithGlobals<{ dataDir?: string; databaseUrl?: string }>();
  const env = storeOptionsFromEnv();
  const store = await openStore({
    databaseUrl: global.databaseUrl ?? env.databaseUrl,
    dataDir: global.dataDir ?? env.dataDir,
    ...(opts.pgliteThread ? { pgliteThread: opts.pgliteThread } : {}),
  });
  if (!opts.quiet) console.error(`store: ${store.location}`);
  return store;
}

/** Runs `fn` with an open store and closes it whatever happens. */
export async function withStore<T>(
  cmd: Command,
  fn: (store: Store) => Promise<T>,
  opts: { quiet?: boolean } = {},
): Promise<T> {
  const store = await openStoreFor(cmd, opts);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
