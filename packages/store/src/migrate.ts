import { readdirSync, readFileSync } from 'node:fs';
import { storeBatchMigration } from './assessed-declarations.ts';
import type { SqlClient } from './sql-client.ts';

const MIGRATIONS_DIR = new URL('../migrations/', import.meta.url);

export interface Migration {
  readonly id: string;
  readonly sql: string;
}

/**
 * The migrations shipped with the store, in order: the files (`NNN_name.sql`),
 * then those the code writes (a function made from the store's own column
 * lists, see {@link storeBatchMigration}).
 */
export function shippedMigrations(): Migration[] {
  return [
    ...readdirSync(MIGRATIONS_DIR)
      .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
      .sort()
      .map((f) => ({ id: f.replace(/\.sql$/, ''), sql: readFileSync(new URL(f, MIGRATIONS_DIR), 'utf8') })),
    storeBatchMigration(),
  ];
}

/**
 * Applies every migration not yet applied, each in its own transaction, and
 * returns the ids applied. Safe to run concurrently from several processes on
 * a PostgreSQL server: an advisory lock serialises them.
 */
export async function migrate(sql: SqlClient, migrations = shippedMigrations()): Promise<string[]> {
  await sql.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  return sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7316001)');
    const done = new Set(
      (await tx.query<{ id: string }>('SELECT id FROM schema_migrations')).map((r) => r.id),
    );
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.id)) continue;
      try {
        await tx.exec(m.sql);
      } catch (err) {
        throw new Error(`migration ${m.id} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
      await tx.query('INSERT INTO schema_migrations (id) VALUES ($1)', [m.id]);
      applied.push(m.id);
    }
    return applied;
  });
}
