import { createHash } from 'node:crypto';
import type { ListEntry, ListType, ReferenceList } from '@sieve/core/rules';
import type { SqlClient } from './sql-client.ts';

/** A stored reference list version, without its entries. */
export interface StoredListVersion {
  name: string;
  version: number;
  type: ListType;
  description: string | null;
  entryCount: number;
  sha256: string;
  createdAt: string;
  createdBy: string;
}

interface Row {
  name: string;
  version: number;
  type: ListType;
  description: string | null;
  entries: ListEntry[] | string;
  entry_count: number;
  sha256: string;
  created_at: Date | string;
  created_by: string;
}

const COLUMNS = 'name, version, type, description, entries, entry_count, sha256, created_at, created_by';

/**
 * Versioned reference lists, kept apart from the rules that use them (like
 * ASYCUDA's InList tables). A version never changes (a trigger refuses
 * UPDATE and DELETE); storing a list whose content differs from its latest
 * version makes the next version, storing the same content again reuses it.
 *
 * @example const [stored] = await store.referenceLists.store([list], 'analyst.lee'); stored.version
 */
export class ReferenceListRepository {
  constructor(private readonly sql: SqlClient) {}

  /**
   * Stores each list unless its latest version has the same content; returns
   * the lists with their stored versions (the version in the input is ignored).
   * Run it inside the caller's transaction to tie lists to a ruleset version.
   */
  async store(lists: readonly ReferenceList[], actor: string): Promise<ReferenceList[]> {
    const out: ReferenceList[] = [];
    for (const list of lists) {
      const sha256 = contentHash(list);
      const [latest] = await this.sql.query<{ version: number; sha256: string }>(
        'SELECT version, sha256 FROM reference_lists WHERE name = $1 ORDER BY version DESC LIMIT 1',
        [list.name],
      );
      if (latest?.sha256 === sha256) {
        out.push({ ...list, version: latest.version });
        continue;
      }
      const version = (latest?.version ?? 0) + 1;
      await this.sql.query(
        `INSERT INTO reference_lists (name, version, type, description, entries, entry_count, sha256, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          list.name,
          version,
          list.type,
          list.description ?? null,
          JSON.stringify(list.entries),
          list.entries.length,
          sha256,
          actor,
        ],
      );
      await this.sql.query(
        `INSERT INTO audit_log (actor, action, entity, entity_id, details) VALUES ($1, 'list.import', 'reference_list', $2, $3)`,
        [actor, `${list.name}@${version}`, { type: list.type, entries: list.entries.length, sha256 }],
      );
      out.push({ ...list, version });
    }
    return out;
  }

  /** One version of a list, with its entries. */
  async get(name: string, version: number): Promise<ReferenceList | undefined> {
    const [row] = await this.sql.query<Row>(
      `SELECT ${COLUMNS} FROM reference_lists WHERE name = $1 AND version = $2`,
      [name, version],
    );
    return row && toList(row);
  }

  /** The given versions of several lists, e.g. those a ruleset version was checked against. */
  async getVersions(versions: Readonly<Record<string, number>>): Promise<ReferenceList[]> {
    const names = Object.keys(versions);
    if (names.length === 0) return [];
    const rows = await this.sql.query<Row>(
      `SELECT ${COLUMNS} FROM reference_lists WHERE (name, version) IN (SELECT * FROM unnest($1::text[], $2::int[]))
        ORDER BY name`,
      [names, names.map((n) => versions[n])],
    );
    const missing = names.filter((n) => !rows.some((r) => r.name === n));
    if (missing.length > 0) {
      throw new Error(
        `SIEVE_ERR_LIST_NOT_FOUND: no stored version of ${missing.map((n) => `${n}@${versions[n]}`).join(', ')}`,
      );
    }
    return rows.map(toList);
  }

  /** Every stored version, newest first per name. */
  async list(name?: string): Promise<StoredListVersion[]> {
    const rows = await this.sql.query<Row>(
      `SELECT ${COLUMNS.replace('entries, ', "'[]'::json AS entries, ")} FROM reference_lists
        WHERE ($1::text IS NULL OR name = $1) ORDER BY name, version DESC`,
      [name ?? null],
    );
    return rows.map((r) => ({
      name: r.name,
      version: r.version,
      type: r.type,
      description: r.description,
      entryCount: r.entry_count,
      sha256: r.sha256,
      createdAt: new Date(r.created_at).toISOString(),
      createdBy: r.created_by,
    }));
  }
}

function toList(r: Row): ReferenceList {
  const entries = typeof r.entries === 'string' ? (JSON.parse(r.entries) as ListEntry[]) : r.entries;
  const list: ReferenceList = { name: r.name, type: r.type, version: r.version, entries };
  return r.description === null ? list : { ...list, description: r.description };
}

function contentHash(list: ReferenceList): string {
  return createHash('sha256')
    .update(JSON.stringify({ type: list.type, description: list.description ?? null, entries: list.entries }))
    .digest('hex');
}
