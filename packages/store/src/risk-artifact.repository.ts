import { createHash } from 'node:crypto';
import type { SqlClient } from './sql-client.ts';

/** Versioned documents scoring uses besides rulesets: value bands, commodity lookouts, the scoring policy. */
export type RiskArtifactKind = 'bands' | 'lookouts' | 'policy';

export interface RiskArtifactVersion {
  kind: RiskArtifactKind;
  version: number;
  sha256: string;
  summary: string | null;
  active: boolean;
  createdAt: string;
  createdBy: string;
  reason: string | null;
  activatedAt: string | null;
  activatedBy: string | null;
}

interface Row {
  kind: RiskArtifactKind;
  version: number;
  sha256: string;
  summary: string | null;
  active: boolean;
  created_at: Date | string;
  created_by: string;
  reason: string | null;
  activated_at: Date | string | null;
  activated_by: string | null;
}

const META =
  'kind, version, sha256, summary, active, created_at, created_by, reason, activated_at, activated_by';

/**
 * Value-band sets, commodity lookout sets and scoring policies, each a
 * versioned JSON document with one active version per kind. A version never
 * changes; importing a new one and activating it is audited (who, when, why).
 * A policy holds the random-selection seed: read it with `active('policy')`,
 * never print it.
 *
 * @example
 * const v = await store.riskArtifacts.put('bands', bandSet, { actor: 'analyst.lee', activate: true, reason: 'Q1 history' });
 */
export class RiskArtifactRepository {
  constructor(private readonly sql: SqlClient) {}

  /**
   * Stores a document as the next version of its kind (or finds the version
   * with the same content), and activates it when asked.
   */
  async put(
    kind: RiskArtifactKind,
    doc: unknown,
    o: { actor: string; reason?: string; summary?: string; activate?: boolean },
  ): Promise<{ version: RiskArtifactVersion; created: boolean }> {
    const text = JSON.stringify(doc);
    const sha256 = createHash('sha256').update(text).digest('hex');
    const { version, created } = await this.sql.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(7316021)');
      const [same] = await tx.query<{ version: number }>(
        'SELECT version FROM risk_artifacts WHERE kind = $1 AND sha256 = $2',
        [kind, sha256],
      );
      if (same) return { version: same.version, created: false };
      const [last] = await tx.query<{ v: number | null }>(
        'SELECT max(version) AS v FROM risk_artifacts WHERE kind = $1',
        [kind],
      );
      const v = (last?.v ?? 0) + 1;
      await tx.query(
        `INSERT INTO risk_artifacts (kind, version, doc, sha256, summary, created_by, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [kind, v, text, sha256, o.summary ?? null, o.actor, o.reason ?? null],
      );
      await tx.query(
        `INSERT INTO audit_log (actor, action, entity, entity_id, reason, details) VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          o.actor,
          `${kind}.import`,
          kind,
          String(v),
          o.reason ?? null,
          { sha256, summary: o.summary ?? null },
        ],
      );
      return { version: v, created: true };
    });
    if (o.activate)
      return {
        version: await this.activate(kind, version, o.actor, o.reason ?? `imported ${kind}`),
        created,
      };
    return { version: (await this.list(kind)).find((x) => x.version === version)!, created };
  }

  /** Makes a version the active one of its kind, audited. */
  async activate(
    kind: RiskArtifactKind,
    version: number,
    actor: string,
    reason: string,
  ): Promise<RiskArtifactVersion> {
    if (!reason.trim())
      throw new Error(`SIEVE_ERR_REASON_REQUIRED: say why the ${kind} version is activated`);
    await this.sql.transaction(async (tx) => {
      const [target] = await tx.query<{ version: number }>(
        'SELECT version FROM risk_artifacts WHERE kind = $1 AND version = $2',
        [kind, version],
      );
      if (!target)
        throw new Error(`SIEVE_ERR_${kind.toUpperCase()}_NOT_FOUND: no ${kind} version ${version}`);
      const [previous] = await tx.query<{ version: number }>(
        'SELECT version FROM risk_artifacts WHERE kind = $1 AND active',
        [kind],
      );
      if (previous?.version === version) return;
      await tx.query('UPDATE risk_artifacts SET active = false WHERE kind = $1 AND active', [kind]);
      await tx.query(
        'UPDATE risk_artifacts SET active = true, activated_at = now(), activated_by = $3 WHERE kind = $1 AND version = $2',
        [kind, version, actor],
      );
      await tx.query(
        `INSERT INTO audit_log (actor, action, entity, entity_id, reason, details) VALUES ($1, $2, $3, $4, $5, $6)`,
        [actor, `${kind}.activate`, kind, String(version), reason, { previous: previous?.version ?? null }],
      );
    });
    return (await this.list(kind)).find((x) => x.version === version)!;
  }

  /** The active version of a kind and its document, or undefined when none is active. */
  async active(kind: RiskArtifactKind): Promise<{ version: RiskArtifactVersion; doc: unknown } | undefined> {
    const [row] = await this.sql.query<Row & { doc: unknown }>(
      `SELECT ${META}, doc FROM risk_artifacts WHERE kind = $1 AND active`,
      [kind],
    );
    return (
      row && { version: toVersion(row), doc: typeof row.doc === 'string' ? JSON.parse(row.doc) : row.doc }
    );
  }

  /** One version and its document. */
  async get(
    kind: RiskArtifactKind,
    version: number,
  ): Promise<{ version: RiskArtifactVersion; doc: unknown } | undefined> {
    const [row] = await this.sql.query<Row & { doc: unknown }>(
      `SELECT ${META}, doc FROM risk_artifacts WHERE kind = $1 AND version = $2`,
      [kind, version],
    );
    return (
      row && { version: toVersion(row), doc: typeof row.doc === 'string' ? JSON.parse(row.doc) : row.doc }
    );
  }

  /** Versions, newest first. */
  async list(kind?: RiskArtifactKind): Promise<RiskArtifactVersion[]> {
    const rows = await this.sql.query<Row>(
      `SELECT ${META} FROM risk_artifacts WHERE ($1::text IS NULL OR kind = $1) ORDER BY kind, version DESC`,
      [kind ?? null],
    );
    return rows.map(toVersion);
  }
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function toVersion(r: Row): RiskArtifactVersion {
  return {
    kind: r.kind,
    version: r.version,
    sha256: r.sha256,
    summary: r.summary,
    active: r.active,
    createdAt: iso(r.created_at)!,
    createdBy: r.created_by,
    reason: r.reason,
    activatedAt: iso(r.activated_at),
    activatedBy: r.activated_by,
  };
}
