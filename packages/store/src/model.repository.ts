import { createHash } from 'node:crypto';
import type { SqlClient } from './sql-client.ts';

/** A registered model version, without its (large) JSON. */
export interface ModelVersion {
  id: number;
  sha256: string;
  featureSet: string;
  metrics: Record<string, unknown>;
  trainedFrom: string;
  trainedTo: string;
  trainingRows: number;
  registeredBy: string;
  active: boolean;
  activatedAt: string | null;
  activatedBy: string | null;
}

/** The fields of a model file the registry indexes (see RiskModelJson in @sieve/core/model). */
export interface RegistrableModel {
  featureSet: string;
  features: string[];
  params: unknown;
  metrics: unknown;
  training: { from: string; to: string; rows: number };
}

interface Row {
  id: number | string;
  sha256: string;
  feature_set: string;
  metrics: Record<string, unknown>;
  trained_from: Date | string;
  trained_to: Date | string;
  training_rows: number;
  registered_by: string;
  active: boolean;
  activated_at: Date | string | null;
  activated_by: string | null;
}

const day = (d: Date | string) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

/**
 * The model registry: versions identified by the SHA-256 of their JSON, one
 * active at a time, every activation in the audit log.
 *
 * @example const repo = new ModelRepository(store.sql); const v = await repo.register(text, json, 'analyst.lee');
 */
export class ModelRepository {
  constructor(private readonly sql: SqlClient) {}

  /** Registers a model file (idempotent: the same content gives the same version). */
  async register(text: string, model: RegistrableModel, actor: string): Promise<ModelVersion> {
    const sha256 = createHash('sha256').update(text).digest('hex');
    await this.sql.query(
      `INSERT INTO model_versions (sha256, feature_set, features, params, metrics, trained_from, trained_to,
         training_rows, model_json, registered_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (sha256) DO NOTHING`,
      [
        sha256,
        model.featureSet,
        JSON.stringify(model.features),
        JSON.stringify(model.params),
        JSON.stringify(model.metrics),
        model.training.from,
        model.training.to,
        model.training.rows,
        text,
        actor,
      ],
    );
    const [v] = await this.list({ sha256 });
    return v!;
  }

  /** Makes a version the active one, in one transaction with its audit entry. */
  async activate(id: number, actor: string, reason: string): Promise<ModelVersion> {
    await this.sql.transaction(async (tx) => {
      const [previous] = await tx.query<{ id: number | string }>(
        'SELECT id FROM model_versions WHERE active',
      );
      const updated = await tx.query<{ id: number | string }>('SELECT id FROM model_versions WHERE id = $1', [
        id,
      ]);
      if (updated.length === 0)
        throw new Error(`SIEVE_ERR_MODEL_NOT_FOUND: no model version ${id}; see \`sieve model list\``);
      await tx.query('UPDATE model_versions SET active = false WHERE active');
      await tx.query(
        'UPDATE model_versions SET active = true, activated_at = now(), activated_by = $2 WHERE id = $1',
        [id, actor],
      );
      await tx.query(
        `INSERT INTO audit_log (actor, action, entity, entity_id, reason, source, details)
         VALUES ($1, 'model.activate', 'model', $2, $3, 'cli', $4)`,
        [actor, String(id), reason, JSON.stringify({ previous: previous ? Number(previous.id) : null })],
      );
    });
    const [v] = await this.list({ id });
    return v!;
  }

  async list(filter: { id?: number; sha256?: string } = {}): Promise<ModelVersion[]> {
    const rows = await this.sql.query<Row>(
      `SELECT id, sha256, feature_set, metrics, trained_from, trained_to, training_rows, registered_by, active,
              activated_at, activated_by
         FROM model_versions WHERE ($1::bigint IS NULL OR id = $1) AND ($2::text IS NULL OR sha256 = $2)
        ORDER BY id`,
      [filter.id ?? null, filter.sha256 ?? null],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      sha256: r.sha256,
      featureSet: r.feature_set,
      metrics: r.metrics,
      trainedFrom: day(r.trained_from),
      trainedTo: day(r.trained_to),
      trainingRows: r.training_rows,
      registeredBy: r.registered_by,
      active: r.active,
      activatedAt: r.activated_at === null ? null : new Date(r.activated_at).toISOString(),
      activatedBy: r.activated_by,
    }));
  }

  /** The active model's JSON text, or undefined when none is active. */
  async activeModelJson(): Promise<string | undefined> {
    const [row] = await this.sql.query<{ model_json: string }>(
      'SELECT model_json FROM model_versions WHERE active',
    );
    return row?.model_json;
  }
}
