import type { SqlClient } from './sql-client.ts';

/** One run-time setting, with who changed it last. */
export interface Setting {
  key: string;
  value: unknown;
  updatedAt: string;
  updatedBy: string;
}

/**
 * Settings an administrator changes while Sieve runs (e.g. whether traders
 * see their risk level). Values are JSON; their meaning is the caller's.
 */
export class SettingsRepository {
  constructor(private readonly sql: SqlClient) {}

  async all(): Promise<Setting[]> {
    const rows = await this.sql.query<{
      key: string;
      value: unknown;
      updated_at: Date | string;
      updated_by: string;
    }>('SELECT key, value, updated_at, updated_by FROM settings ORDER BY key');
    return rows.map((r) => ({
      key: r.key,
      value: r.value,
      updatedAt: new Date(r.updated_at).toISOString(),
      updatedBy: r.updated_by,
    }));
  }

  async set(key: string, value: unknown, by: string): Promise<void> {
    await this.sql.query(
      `INSERT INTO settings (key, value, updated_by) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now(), updated_by = EXCLUDED.updated_by`,
      [key, JSON.stringify(value), by],
    );
  }
}
