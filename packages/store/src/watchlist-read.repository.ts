import type { Watchlist, WatchlistEntry } from '@sieve/core/watchlist';
import type { SqlClient } from './sql-client.ts';

/**
 * Read access to the watchlists (tables of migration 400) for the server:
 * the active version of each list with its entries, the thresholds of the
 * list policies, and one entry. Imports and policies are written by
 * {@link WatchlistRepository}, which extends this one.
 */
export class WatchlistReadRepository {
  constructor(protected readonly sql: SqlClient) {}

  /** `list@version` of every active list, sorted: changes when a version is imported or activated. */
  async activeVersions(): Promise<string> {
    const rows = await this.sql.query<{ k: string }>(
      `SELECT list_id || '@' || version AS k FROM watchlist_versions WHERE active ORDER BY 1`,
    );
    return rows.map((r) => r.k).join(',');
  }

  async activeLists(): Promise<Watchlist[]> {
    const versions = await this.sql.query<{
      list_id: string;
      version: string;
      name: string;
      source: string | null;
    }>('SELECT list_id, version, name, source FROM watchlist_versions WHERE active ORDER BY list_id');
    const out: Watchlist[] = [];
    for (const v of versions) {
      const rows = await this.sql.query<{ entry: WatchlistEntry | string }>(
        'SELECT entry FROM watchlist_entries WHERE list_id = $1 AND version = $2 ORDER BY entry_id',
        [v.list_id, v.version],
      );
      out.push({
        id: v.list_id,
        name: v.name,
        version: v.version,
        ...(v.source ? { source: v.source } : {}),
        entries: rows.map((r) =>
          typeof r.entry === 'string' ? (JSON.parse(r.entry) as WatchlistEntry) : r.entry,
        ),
      });
    }
    return out;
  }

  /** Thresholds set by list policies, by list id. */
  async thresholds(): Promise<Record<string, number>> {
    const rows = await this.sql.query<{ list_id: string; threshold: number | null }>(
      'SELECT list_id, threshold FROM watchlist_policies WHERE threshold IS NOT NULL',
    );
    return Object.fromEntries(rows.map((r) => [r.list_id, Number(r.threshold)]));
  }

  /** One entry of the active version of a list. */
  async entry(
    listId: string,
    entryId: string,
  ): Promise<{ version: string; entry: WatchlistEntry } | undefined> {
    const [row] = await this.sql.query<{ version: string; entry: WatchlistEntry | string }>(
      `SELECT e.version, e.entry FROM watchlist_entries e
         JOIN watchlist_versions v ON v.list_id = e.list_id AND v.version = e.version AND v.active
        WHERE e.list_id = $1 AND e.entry_id = $2`,
      [listId, entryId],
    );
    return (
      row && {
        version: row.version,
        entry: typeof row.entry === 'string' ? (JSON.parse(row.entry) as WatchlistEntry) : row.entry,
      }
    );
  }
}
