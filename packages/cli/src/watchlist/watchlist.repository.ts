import type { ListPolicy, Watchlist, WatchlistEntry } from '@sieve/core/watchlist';
import { copyText, type Store } from '@sieve/store';

/** One stored version of a list. */
export interface WatchlistVersionRow {
  listId: string;
  version: string;
  name: string;
  source: string | null;
  entryCount: number;
  importedAt: string;
  importedBy: string;
  active: boolean;
}

/**
 * Versioned watchlists in the store (tables from migration 400). Versions
 * are immutable: importing a version that exists is refused; a new
 * publication is a new version, activated in the same transaction.
 */
export class WatchlistRepository {
  constructor(private readonly store: Store) {}

  /** Stores `list` as a new version and makes it the active one; audited. */
  async importVersion(list: Watchlist, actor: string): Promise<'imported' | 'exists'> {
    const { sql } = this.store;
    const existing = await sql.query('SELECT 1 FROM watchlist_versions WHERE list_id = $1 AND version = $2', [
      list.id,
      list.version,
    ]);
    if (existing.length > 0) return 'exists';
    await sql.transaction(async (tx) => {
      await tx.query('UPDATE watchlist_versions SET active = false WHERE list_id = $1 AND active', [list.id]);
      await tx.query(
        `INSERT INTO watchlist_versions (list_id, version, name, source, entry_count, imported_by, active)
         VALUES ($1, $2, $3, $4, $5, $6, true)`,
        [list.id, list.version, list.name, list.source ?? null, list.entries.length, actor],
      );
      const rows = list.entries
        .map((e) => copyText([list.id, list.version, e.id, e.kind, e.names[0]!.name, JSON.stringify(e)]))
        .join('');
      if (rows) {
        await tx.copyFrom(
          'watchlist_entries',
          ['list_id', 'version', 'entry_id', 'kind', 'primary_name', 'entry'],
          rows,
        );
      }
    });
    await this.store.audit.append({
      actor,
      action: 'watchlist.import',
      entity: 'watchlist',
      entityId: `${list.id}@${list.version}`,
      reason: `imported ${list.entries.length} entries from ${list.source ?? 'a file'} and activated this version`,
    });
    return 'imported';
  }

  async versions(): Promise<WatchlistVersionRow[]> {
    const rows = await this.store.sql.query<{
      list_id: string;
      version: string;
      name: string;
      source: string | null;
      entry_count: number;
      imported_at: Date | string;
      imported_by: string;
      active: boolean;
    }>('SELECT * FROM watchlist_versions ORDER BY list_id, imported_at DESC');
    return rows.map((r) => ({
      listId: r.list_id,
      version: r.version,
      name: r.name,
      source: r.source,
      entryCount: Number(r.entry_count),
      importedAt: new Date(r.imported_at).toISOString(),
      importedBy: r.imported_by,
      active: r.active,
    }));
  }

  /** The active version of every list, entries included. */
  async activeLists(): Promise<Watchlist[]> {
    const out: Watchlist[] = [];
    for (const v of (await this.versions()).filter((x) => x.active)) {
      const rows = await this.store.sql.query<{ entry: WatchlistEntry | string }>(
        'SELECT entry FROM watchlist_entries WHERE list_id = $1 AND version = $2 ORDER BY entry_id',
        [v.listId, v.version],
      );
      out.push({
        id: v.listId,
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

  async policies(): Promise<ListPolicy[]> {
    const rows = await this.store.sql.query<{
      list_id: string;
      threshold: number | null;
      points: number | null;
      lane: 'red' | 'yellow' | null;
    }>('SELECT list_id, threshold, points, lane FROM watchlist_policies ORDER BY list_id');
    return rows.map((r) => ({
      list: r.list_id,
      ...(r.threshold !== null ? { threshold: Number(r.threshold) } : {}),
      ...(r.points !== null ? { points: Number(r.points) } : {}),
      ...(r.lane ? { lane: r.lane } : {}),
    }));
  }

  /** Sets a list's policy (threshold, points, lane); audited with the reason given. */
  async setPolicy(p: ListPolicy, actor: string, reason: string): Promise<void> {
    await this.store.sql.query(
      `INSERT INTO watchlist_policies (list_id, threshold, points, lane, updated_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (list_id) DO UPDATE SET threshold = $2, points = $3, lane = $4, updated_by = $5, updated_at = now()`,
      [p.list, p.threshold ?? null, p.points ?? null, p.lane ?? null, actor],
    );
    await this.store.audit.append({
      actor,
      action: 'watchlist.policy',
      entity: 'watchlist',
      entityId: p.list,
      reason,
      details: { ...p },
    });
  }
}
