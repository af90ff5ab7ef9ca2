import { createHash } from 'node:crypto';
import type { ReferenceList, Rule } from '@sieve/core/rules';
import { ReferenceListRepository } from './reference-list.repository.ts';
import type { SqlClient } from './sql-client.ts';

export type RulesetStatus = 'draft' | 'active' | 'retired';

/** A stored ruleset version, without its rules. */
export interface RulesetVersion {
  name: string;
  version: number;
  status: RulesetStatus;
  ruleCount: number;
  sha256: string;
  origin: 'import' | 'feedback';
  parentVersion: number | null;
  /** The reference list versions the rules were checked against. */
  listVersions: Record<string, number>;
  createdAt: string;
  createdBy: string;
  reason: string | null;
  activatedAt: string | null;
  activatedBy: string | null;
}

/** A ruleset version with its rules and the exact list versions it uses. */
export interface StoredRuleset {
  version: RulesetVersion;
  rules: Rule[];
  lists: ReferenceList[];
}

interface Row {
  name: string;
  version: number;
  status: RulesetStatus;
  rule_count: number;
  sha256: string;
  origin: 'import' | 'feedback';
  parent_version: number | null;
  list_versions: Record<string, number> | string;
  created_at: Date | string;
  created_by: string;
  reason: string | null;
  activated_at: Date | string | null;
  activated_by: string | null;
}

const META = `name, version, status, rule_count, sha256, origin, parent_version, list_versions, created_at, created_by,
  reason, activated_at, activated_by`;

export interface NewDraft {
  name: string;
  rules: readonly Rule[];
  /** The reference lists the rules use; stored as new versions where their content changed. */
  lists: readonly ReferenceList[];
  actor: string;
  reason?: string;
  origin?: 'import' | 'feedback';
  parentVersion?: number;
}

/**
 * Versioned rulesets: every import is a draft version; activating one makes
 * it the version scoring uses and retires the previous one; rolling back is
 * activating an older version. A version that has been active never changes
 * (the database refuses), and every draft and activation is in the audit log
 * with who, when and why.
 *
 * @example
 * const draft = await store.rulesets.createDraft({ name: 'kcs', rules, lists, actor: 'analyst.lee', reason: 'Q2 review' });
 * await store.rulesets.activate('kcs', draft.version.version, 'chief.park', 'approved at the risk committee');
 */
export class RulesetRepository {
  constructor(private readonly sql: SqlClient) {}

  /**
   * Stores rules as the next draft version of `name`, with their lists. The
   * same rules and list versions as an existing version are not stored twice:
   * that version is returned with `created: false`.
   */
  async createDraft(d: NewDraft): Promise<{ version: RulesetVersion; created: boolean }> {
    return this.sql.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(7316020)');
      const lists = await new ReferenceListRepository(tx).store(d.lists, d.actor);
      const listVersions = Object.fromEntries(
        lists.map((l) => [l.name, l.version]).sort(([a], [b]) => (a! < b! ? -1 : 1)),
      );
      const sha256 = createHash('sha256')
        .update(JSON.stringify({ rules: d.rules, listVersions }))
        .digest('hex');
      const [same] = await tx.query<Row>(`SELECT ${META} FROM rulesets WHERE name = $1 AND sha256 = $2`, [
        d.name,
        sha256,
      ]);
      if (same) return { version: toVersion(same), created: false };
      const [last] = await tx.query<{ v: number | null }>(
        'SELECT max(version) AS v FROM rulesets WHERE name = $1',
        [d.name],
      );
      const version = (last?.v ?? 0) + 1;
      await tx.query(
        `INSERT INTO rulesets (name, version, rules, list_versions, rule_count, sha256, origin, parent_version, created_by, reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          d.name,
          version,
          JSON.stringify(d.rules),
          JSON.stringify(listVersions),
          d.rules.length,
          sha256,
          d.origin ?? 'import',
          d.parentVersion ?? null,
          d.actor,
          d.reason ?? null,
        ],
      );
      await tx.query(
        `INSERT INTO audit_log (actor, action, entity, entity_id, reason, details)
         VALUES ($1, 'ruleset.draft', 'ruleset', $2, $3, $4)`,
        [
          d.actor,
          `${d.name}@${version}`,
          d.reason ?? null,
          {
            rules: d.rules.length,
            lists: listVersions,
            origin: d.origin ?? 'import',
            parent: d.parentVersion ?? null,
          },
        ],
      );
      const [row] = await tx.query<Row>(`SELECT ${META} FROM rulesets WHERE name = $1 AND version = $2`, [
        d.name,
        version,
      ]);
      return { version: toVersion(row!), created: true };
    });
  }

  /**
   * Makes a version the active one (retiring the previous active version) in
   * one transaction with its audit entry. Activating an older version is a
   * rollback, and is recorded as such.
   */
  async activate(name: string, version: number, actor: string, reason: string): Promise<RulesetVersion> {
    if (!reason.trim())
      throw new Error('SIEVE_ERR_REASON_REQUIRED: say why the ruleset is activated (--reason)');
    await this.sql.transaction(async (tx) => {
      const [target] = await tx.query<Row>(
        `SELECT ${META} FROM rulesets WHERE name = $1 AND version = $2 FOR UPDATE`,
        [name, version],
      );
      if (!target) {
        throw new Error(
          `SIEVE_ERR_RULESET_NOT_FOUND: no ruleset ${name}@${version}; see \`sieve rules list\``,
        );
      }
      const [previous] = await tx.query<{ version: number }>(
        `SELECT version FROM rulesets WHERE name = $1 AND status = 'active'`,
        [name],
      );
      if (previous?.version === version) return;
      await tx.query(`UPDATE rulesets SET status = 'retired' WHERE name = $1 AND status = 'active'`, [name]);
      await tx.query(
        `UPDATE rulesets SET status = 'active', activated_at = now(), activated_by = $3 WHERE name = $1 AND version = $2`,
        [name, version, actor],
      );
      const rollback = previous !== undefined && version < previous.version;
      await tx.query(
        `INSERT INTO audit_log (actor, action, entity, entity_id, reason, details)
         VALUES ($1, $2, 'ruleset', $3, $4, $5)`,
        [
          actor,
          rollback ? 'ruleset.rollback' : 'ruleset.activate',
          `${name}@${version}`,
          reason,
          { previous: previous?.version ?? null, origin: target.origin },
        ],
      );
    });
    return (await this.list(name)).find((v) => v.version === version)!;
  }

  /** Versions of one ruleset (or of all), newest first. */
  async list(name?: string): Promise<RulesetVersion[]> {
    const rows = await this.sql.query<Row>(
      `SELECT ${META} FROM rulesets WHERE ($1::text IS NULL OR name = $1) ORDER BY name, version DESC`,
      [name ?? null],
    );
    return rows.map(toVersion);
  }

  /** A version with its rules and lists; the active version when `version` is omitted. */
  async get(name: string, version?: number): Promise<StoredRuleset | undefined> {
    const [row] = await this.sql.query<Row & { rules: Rule[] | string }>(
      `SELECT ${META}, rules FROM rulesets
        WHERE name = $1 AND (($2::int IS NULL AND status = 'active') OR version = $2)`,
      [name, version ?? null],
    );
    if (!row) return undefined;
    const meta = toVersion(row);
    const rules = typeof row.rules === 'string' ? (JSON.parse(row.rules) as Rule[]) : row.rules;
    const lists = await new ReferenceListRepository(this.sql).getVersions(meta.listVersions);
    return { version: meta, rules, lists };
  }
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function toVersion(r: Row): RulesetVersion {
  return {
    name: r.name,
    version: r.version,
    status: r.status,
    ruleCount: r.rule_count,
    sha256: r.sha256,
    origin: r.origin,
    parentVersion: r.parent_version,
    listVersions: typeof r.list_versions === 'string' ? JSON.parse(r.list_versions) : r.list_versions,
    createdAt: iso(r.created_at)!,
    createdBy: r.created_by,
    reason: r.reason,
    activatedAt: iso(r.activated_at),
    activatedBy: r.activated_by,
  };
}
