import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { openStore, type Store } from '../store.ts';

/**
 * Admin connection used to create one throw-away database per test suite.
 * Override with SIEVE_TEST_DATABASE_URL; set SIEVE_TEST_POSTGRES=off to run
 * only the embedded half deliberately.
 */
export const TEST_ADMIN_URL =
  process.env.SIEVE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let serverCheck: Promise<string | null> | undefined;

/** null when a PostgreSQL server answers, else why not. Asked once per process. */
export function postgresUnavailable(): Promise<string | null> {
  serverCheck ??= (async () => {
    if (process.env.SIEVE_TEST_POSTGRES === 'off') return 'SIEVE_TEST_POSTGRES=off';
    const c = new pg.Client({ connectionString: TEST_ADMIN_URL, connectionTimeoutMillis: 3000 });
    try {
      await c.connect();
      await c.query('SELECT 1');
      return null;
    } catch (err) {
      return `no PostgreSQL server at ${TEST_ADMIN_URL} (${err instanceof Error ? err.message : String(err)})`;
    } finally {
      await c.end().catch(() => {});
    }
  })();
  return serverCheck;
}

/**
 * Creates an empty database on the test server (or the server `adminUrl`
 * reaches) and returns its URL, on the same server and by the same way, and
 * a dropper.
 */
export async function createTestDatabase(
  adminUrl = TEST_ADMIN_URL,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `sieve_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/**
 * Runs the same suite on the embedded PGlite and on a PostgreSQL server, as
 * Kysely's tests loop over every dialect. Without a server the PostgreSQL
 * half is skipped with the reason, except in CI, where it fails: a green CI
 * must mean both engines were tested.
 *
 * @example await eachStore('intake', (store) => { it('...', async () => { await store().intake... }) })
 */
export async function eachStore(
  name: string,
  body: (store: () => Store) => void,
  /** `postgres` for behaviour only a server shows (several connections at once). */
  only?: 'postgres',
): Promise<void> {
  if (only !== 'postgres') {
    describe(`${name} [pglite]`, () => {
      let store: Store | undefined;
      before(async () => {
        store = await openStore({ dataDir: 'memory' });
      });
      after(async () => store?.close());
      body(() => store!);
    });
  }

  const unavailable = await postgresUnavailable();
  if (unavailable && process.env.CI) {
    describe(`${name} [postgres]`, () => {
      it('needs a PostgreSQL server in CI', () => {
        throw new Error(`CI requires PostgreSQL for the store tests: ${unavailable}`);
      });
    });
    return;
  }
  describe(`${name} [postgres]`, { skip: unavailable ? `SKIPPED: ${unavailable}` : false }, () => {
    let store: Store | undefined;
    let db: { url: string; drop(): Promise<void> } | undefined;
    before(async () => {
      if (unavailable) return;
      db = await createTestDatabase();
      store = await openStore({ databaseUrl: db.url });
    });
    after(async () => {
      await store?.close();
      await db?.drop();
    });
    body(() => store!);
  });
}
