import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { newDeclaration } from '@sieve/core';
import { openPgliteClient } from './pglite-client.ts';
import { openPgliteWorkerClient } from './pglite-worker-client.ts';
import type { SqlClient } from './sql-client.ts';
import { openStore, type Store } from './store.ts';

describe('PGlite in a worker thread', () => {
  let sql: SqlClient;
  before(async () => {
    sql = await openPgliteWorkerClient();
    await sql.exec('CREATE TABLE t (id int PRIMARY KEY, doc jsonb, at timestamptz, big bigint)');
  });
  after(() => sql.close());

  it('creates WAL segments without zero-filling them in the worker (requests wait on commits), not for bulk intake', async () => {
    const here = await openPgliteClient();
    try {
      const setting = async (client: SqlClient) =>
        (await client.query<{ wal_init_zero: string }>('SHOW wal_init_zero'))[0]?.wal_init_zero;
      assert.equal(await setting(sql), 'off');
      assert.equal(await setting(here), 'on');
    } finally {
      await here.close();
    }
  });

  it('starts without full page images in the WAL, in the worker as in the thread (fsync is off in both)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sieve-pglite-start-'));
    const here = await openPgliteClient(join(dir, 'db'));
    try {
      for (const client of [sql, here]) {
        const [row] = await client.query<{ fsync: string; full_page_writes: string }>(
          "SELECT current_setting('fsync') AS fsync, current_setting('full_page_writes') AS full_page_writes",
        );
        assert.deepEqual(row, { fsync: 'off', full_page_writes: 'off' });
      }
    } finally {
      await here.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes a json parameter given as UTF-8 bytes, in the worker as in the thread', async () => {
    const here = await openPgliteClient();
    try {
      for (const client of [sql, here]) {
        const [row] = await client.query<{ name: string }>(`SELECT $1::json->>'name' AS name`, [
          new TextEncoder().encode('{"name":"세진"}'),
        ]);
        assert.equal(row?.name, '세진');
      }
    } finally {
      await here.close();
    }
  });

  it('runs parameterised statements and returns typed rows', async () => {
    await sql.query('INSERT INTO t VALUES ($1, $2, $3, $4)', [
      1,
      { a: [1, 'x'] },
      '2026-01-02T03:04:05Z',
      '9',
    ]);
    const [row] = await sql.query<{ id: number; doc: unknown; at: Date }>(
      'SELECT * FROM t WHERE id = $1',
      [1],
    );
    assert.equal(row?.id, 1);
    assert.deepEqual(row?.doc, { a: [1, 'x'] });
    assert.ok(row?.at instanceof Date);
    assert.equal(row?.at.toISOString(), '2026-01-02T03:04:05.000Z');
  });

  it('keeps a statement run under a name parsed in the worker, in and out of a transaction, with the same rows', async () => {
    const text = 'SELECT $1::int * 2 AS twice, $2::text[] AS names, $3::json AS doc';
    const params = [21, ['a', 'b'], new TextEncoder().encode('{"k":1}')];
    const unprepared = await sql.query(text, params);
    assert.deepEqual(await sql.query(text, params, { prepared: 'sieve_worker_prepared' }), unprepared);
    const names = await sql.transaction(async (tx) => {
      assert.deepEqual(await tx.query(text, params, { prepared: 'sieve_worker_prepared_tx' }), unprepared);
      return tx.query<{ name: string }>(
        "SELECT name FROM pg_prepared_statements WHERE name LIKE 'sieve_worker_prepared%' ORDER BY name",
      );
    });
    assert.deepEqual(
      names.map((r) => r.name),
      ['sieve_worker_prepared', 'sieve_worker_prepared_tx'],
    );
  });

  it('reports PostgreSQL errors with their code and constraint', async () => {
    await assert.rejects(
      sql.query('INSERT INTO t (id) VALUES (1)'),
      (err: Error & Record<string, unknown>) => {
        assert.equal(err.code, '23505');
        assert.equal(err.constraint, 't_pkey');
        assert.match(err.message, /duplicate key/);
        return true;
      },
    );
  });

  it('commits a transaction and its COPY together', async () => {
    const n = await sql.transaction(async (tx) => {
      await tx.copyFrom('t', ['id', 'doc'], '10\t{"b":1}\n11\t\\N\n');
      // A nested call runs in the same transaction.
      return tx.transaction((inner) => inner.query<{ n: number }>('SELECT count(*)::int AS n FROM t'));
    });
    assert.equal(n[0]?.n, 3);
    const [c] = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM t WHERE id >= 10');
    assert.equal(c?.n, 2);
  });

  it('rolls back when the work throws, and rethrows the work error', async () => {
    await assert.rejects(
      sql.transaction(async (tx) => {
        await tx.query('INSERT INTO t (id) VALUES (20)');
        throw new Error('the caller gave up');
      }),
      /the caller gave up/,
    );
    assert.deepEqual(await sql.query('SELECT id FROM t WHERE id = 20'), []);
  });

  it('rolls back when a statement fails inside the transaction', async () => {
    await assert.rejects(
      sql.transaction(async (tx) => {
        await tx.query('INSERT INTO t (id) VALUES (21)');
        await tx.query('INSERT INTO t (id) VALUES (21)');
      }),
      (err: Error & { code?: string }) => err.code === '23505',
    );
    assert.deepEqual(await sql.query('SELECT id FROM t WHERE id = 21'), []);
  });

  it('refuses a parameter that cannot cross to the database thread, and goes on working', async () => {
    await assert.rejects(sql.query('SELECT $1::text', [() => 1]), /could not be cloned/);
    assert.deepEqual(await sql.query('SELECT 1 AS one'), [{ one: 1 }]);
  });

  it('keeps statements outside a transaction out of it until it ends', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const tx = sql.transaction(async (t) => {
      await t.query('INSERT INTO t (id) VALUES (30)');
      await gate;
      await t.query('INSERT INTO t (id) VALUES (31)');
    });
    // Issued while the transaction is open: it must see both rows or neither, never one.
    const outside = sql.query<{ n: number }>('SELECT count(*)::int AS n FROM t WHERE id IN (30, 31)');
    await new Promise((r) => setTimeout(r, 20));
    release();
    await tx;
    assert.equal((await outside)[0]?.n, 2);
  });
});

describe('a store on PGlite in a worker thread', () => {
  let dir: string;
  let store: Store;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sieve-worker-store-'));
    store = await openStore({ dataDir: join(dir, 'db'), pgliteThread: 'worker' });
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('migrates, takes in a batch and reads it back', async () => {
    const runId = await store.intake.startRun({ source: 'test', format: 'json', actor: 'test' });
    const counts = await store.intake.writeBatch(
      runId,
      [
        { kind: 'declaration', value: newDeclaration({ id: 'W1' }) },
        { kind: 'declaration', value: newDeclaration({ id: 'W1' }) },
      ],
      [],
    );
    assert.deepEqual(counts, { read: 2, accepted: 2, inserted: 1, duplicates: 1, quarantined: 0 });
    const run = await store.intake.finishRun(runId, 'completed');
    assert.equal(run.accepted, 2);
    assert.equal((await store.declarations.get('W1'))?.id, 'W1');
  });
});
