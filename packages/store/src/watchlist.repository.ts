import type { ListPolicy, Watchlist } from '@sieve/core/watchlist';
import { AuditRepository } from './audit.repository.ts';
import { copyText } from './sql-client.ts';
import { WatchlistReadRepository } from './watchlist-read.repository.ts';

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

/** A list's policy as stored, with who set it last and when. */
export interface StoredListPolicy {
  policy: ListPolicy;
  updatedAt: string;
  updatedBy: string;
}

/**
 * Versioned watchlists in the store (tables from migration 400), read and
 * written: what `sieve watchlist import|policy`, the demo and
 * `POST /api/watchlists/import` use. Versions are immutable: importing a
 * version that exists is refused; a new publication is a new version,
 * activated in the same transaction as its audit entry.
 *
 * @example
 * const repo = new WatchlistRepository(store.sql);
 * await repo.importVersion(parseLookoutCsv(text, { listId: 'kr-lookouts', version: '2026-03-01' }), 'analyst.lee');
 */
export class WatchlistRepository extends WatchlistReadRepository {
  /**
   * Stores `list` as a new version and makes it the active one; audited as
   * `watchlist.import` with the reason given (or what was imported).
   */
  async importVersion(list: Watchlist, actor: string, reason?: string): Promise<'imported' | 'exists'> {
    return this.sql.transaction(async (tx) => {
      // Inactive first: the one-active-version index holds while the previous version is switched off.
      const created = await tx.query(
        `INSERT INTO watchlist_versions (list_id, version, name, source, entry_count, imported_by, active)
         VALUES ($1, $2, $3, $4, $5, $6, false) ON CONFLICT (list_id, version) DO NOTHING RETURNING 1`,
        [list.id, list.version, list.name, list.source ?? null, list.entries.length, actor],
      );
      if (created.length === 0) return 'exists';
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
      await tx.query('UPDATE watchlist_versions SET active = false WHERE list_id = $1 AND active', [list.id]);
      await tx.query('UPDATE watchlist_versions SET active = true WHERE list_id = $1 AND version = $2', [
        list.id,
        list.version,
      ]);
      await new AuditRepository(tx).append({
        actor,
        action: 'watchlist.import',
        entity: 'watchlist',
        entityId: `${list.id}@${list.version}`,
        reason:
          reason ??
          `imported ${list.entries.length} entries from ${list.source ?? 'a file'} and activated this version`,
        details: {
          source: list.source ?? null,
          entries: list.entries.length,
          names: list.entries.reduce((n, e) => n + e.names.length, 0),
        },
      });
      return 'imported';
    });
  }

  /** Every stored version, newest first within each list. */
  async versions(): Promise<WatchlistVersionRow[]> {
    const rows = await this.sql.query<{
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

  /** Every list's policy, by list id. */
  async policies(): Promise<ListPolicy[]> {
    return (await this.policyRows()).map((r) => r.policy);
  }

  /** One list's policy with who set it last and when; undefined when none was ever set. */
  async policy(listId: string): Promise<StoredListPolicy | undefined> {
    const [row] = await this.policyRows(listId);
    return row;
  }

  /** Whether any version of a list is stored. */
  async hasList(listId: string): Promise<boolean> {
    const rows = await this.sql.query('SELECT 1 FROM watchlist_versions WHERE list_id = $1 LIMIT 1', [
      listId,
    ]);
    return rows.length > 0;
  }

  /**
   * Sets a list's policy (threshold, points, lane), replacing the previous
   * one whole: a field left out takes its default. Audited as
   * `watchlist.policy` with the reason and the policy before and after.
   */
  async setPolicy(
    p: ListPolicy,
    actor: string,
    reason: string,
  ): Promise<{ previous: ListPolicy | undefined; policy: ListPolicy }> {
    return this.sql.transaction(async (tx) => {
      // Two changes at once each record the policy they really replaced: the row is locked, and a
      // list with no policy yet (no row to lock) is held by a transaction lock on its id.
      await tx.query("SELECT pg_advisory_xact_lock(hashtext('watchlist_policies'), hashtext($1))", [p.list]);
      const [old] = await new WatchlistRepository(tx).policyRows(p.list, true);
      await tx.query(
        `INSERT INTO watchlist_policies (list_id, threshold, points, lane, updated_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (list_id) DO UPDATE SET threshold = $2, points = $3, lane = $4, updated_by = $5, updated_at = now()`,
        [p.list, p.threshold ?? null, p.points ?? null, p.lane ?? null, actor],
      );
      await new AuditRepository(tx).append({
        actor,
        action: 'watchlist.policy',
        entity: 'watchlist',
        entityId: p.list,
        reason,
        details: { ...p, previous: old?.policy ?? null },
      });
      return { previous: old?.policy, policy: p };
    });
  }

  private async policyRows(listId?: string, lock = false): Promise<StoredListPolicy[]> {
    const rows = await this.sql.query<{
      list_id: string;
      threshold: number | null;
      points: number | null;
      lane: 'red' | 'yellow' | null;
      updated_at: Date | string;
      updated_by: string;
    }>(
      `SELECT list_id, threshold, points, lane, updated_at, updated_by FROM watchlist_policies
        WHERE $1::text IS NULL OR list_id = $1 ORDER BY list_id${lock ? ' FOR UPDATE' : ''}`,
      [listId ?? null],
    );
    return rows.map((r) => ({
      policy: {
        list: r.list_id,
        ...(r.threshold !== null ? { threshold: Number(r.threshold) } : {}),
        ...(r.points !== null ? { points: Number(r.points) } : {}),
        ...(r.lane ? { lane: r.lane } : {}),
      },
      updatedAt: new Date(r.updated_at).toISOString(),
      updatedBy: r.updated_by,
    }));
  }
}
