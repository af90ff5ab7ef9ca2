import type { Assessment } from '@sieve/core/scoring';
import type { SqlClient } from './sql-client.ts';

type Lane = 'green' | 'blue' | 'yellow' | 'red';

/** A targeting officer's decision on a referred declaration. */
export interface ReferralDecision {
  id: string;
  declarationId: string;
  declarationVersion: number;
  snapshot: string | null;
  assessedLane: Lane | null;
  lane: Lane;
  reason: string;
  decidedBy: string;
  decidedAt: string;
  assignedTo: string | null;
  supersedes: string | null;
}

export interface NewReferralDecision {
  declarationId: string;
  declarationVersion: number;
  snapshot?: string | null;
  assessedLane?: Lane | null;
  lane: Lane;
  reason: string;
  decidedBy: string;
  assignedTo?: string | null;
}

/** One referral: the latest assessment of a declaration's latest version, with what the page lists. */
export interface Referral {
  assessment: Assessment;
  /** The ensemble's combined risk, or points / (points + 60) when scoring had no ensemble. */
  score: number;
  importerName: string | null;
  dispatchCountry: string | null;
  customsValue: number | null;
  currency: string;
  decision: ReferralDecision | null;
}

export interface QueueFilter {
  office?: string;
  /** Lanes of the assessment; default red and yellow (the referrals). */
  lanes?: readonly Lane[];
  /** A rule category that contributed points. */
  category?: string;
  /** Lodged at or after / before (ISO). */
  from?: string;
  to?: string;
  /** true: decided only; false: still waiting for an officer; absent: both. */
  decided?: boolean;
}

/** An inspection assigned to an inspector by a decision. */
export interface InspectionTaskRow {
  decision: ReferralDecision;
  office: string;
  lodgedAt: string;
  importerName: string | null;
  /** The inspector's result for the declaration, once recorded. */
  resultId: string | null;
}

interface DecisionRow {
  id: number | string;
  declaration_id: string;
  declaration_version: number;
  snapshot: string | null;
  assessed_lane: Lane | null;
  lane: Lane;
  reason: string;
  decided_by: string;
  decided_at: Date | string;
  assigned_to: string | null;
  supersedes: number | string | null;
}

const DECISION_COLUMNS = `id, declaration_id, declaration_version, snapshot, assessed_lane, lane, reason, decided_by,
  decided_at, assigned_to, supersedes`;

function toDecision(r: DecisionRow): ReferralDecision {
  return {
    id: String(r.id),
    declarationId: r.declaration_id,
    declarationVersion: r.declaration_version,
    snapshot: r.snapshot,
    assessedLane: r.assessed_lane,
    lane: r.lane,
    reason: r.reason,
    decidedBy: r.decided_by,
    decidedAt: new Date(r.decided_at).toISOString(),
    assignedTo: r.assigned_to,
    supersedes: r.supersedes === null ? null : String(r.supersedes),
  };
}

const parse = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

/**
 * The referral queue and the officers' decisions on it (migration 041), on
 * top of the risk engine's assessments. Decisions are only ever added: a new
 * decision on the same declaration supersedes the previous one, and both stay.
 */
export class ReferralRepository {
  constructor(private readonly sql: SqlClient) {}

  async decide(d: NewReferralDecision): Promise<ReferralDecision> {
    const [row] = await this.sql.query<DecisionRow>(
      `INSERT INTO referral_decisions (declaration_id, declaration_version, snapshot, assessed_lane, lane, reason,
         decided_by, assigned_to, supersedes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8,
         (SELECT max(id) FROM referral_decisions WHERE declaration_id = $1))
       RETURNING ${DECISION_COLUMNS}`,
      [
        d.declarationId,
        d.declarationVersion,
        d.snapshot ?? null,
        d.assessedLane ?? null,
        d.lane,
        d.reason,
        d.decidedBy,
        d.assignedTo ?? null,
      ],
    );
    return toDecision(row!);
  }

  /** Every decision on a declaration, newest first. */
  async decisions(declarationId: string): Promise<ReferralDecision[]> {
    const rows = await this.sql.query<DecisionRow>(
      `SELECT ${DECISION_COLUMNS} FROM referral_decisions WHERE declaration_id = $1 ORDER BY id DESC`,
      [declarationId],
    );
    return rows.map(toDecision);
  }

  async latestDecision(declarationId: string): Promise<ReferralDecision | undefined> {
    const [row] = await this.sql.query<DecisionRow>(
      `SELECT ${DECISION_COLUMNS} FROM referral_decisions WHERE declaration_id = $1 ORDER BY id DESC LIMIT 1`,
      [declarationId],
    );
    return row && toDecision(row);
  }

  /** Whether the declaration's current decision assigns its control to this inspector. */
  async isAssigned(declarationId: string, inspector: string): Promise<boolean> {
    return (await this.latestDecision(declarationId))?.assignedTo === inspector;
  }

  /**
   * Referrals, most risky first: for each declaration, the latest assessment
   * of its latest assessed version, with the officer's latest decision.
   */
  async queue(f: QueueFilter, page: { limit: number; offset: number }): Promise<Referral[]> {
    const params: unknown[] = [f.lanes?.length ? f.lanes : ['red', 'yellow']];
    const where = ['l.lane = ANY($1::text[])'];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (f.office) add((p) => `l.office = ${p}`, f.office);
    if (f.from) add((p) => `l.lodged_at >= ${p}::timestamptz`, f.from);
    if (f.to) add((p) => `l.lodged_at < ${p}::timestamptz`, f.to);
    if (f.category)
      add(
        (p) =>
          `EXISTS (SELECT 1 FROM json_array_elements(l.doc->'categories') c
                    WHERE c->>'category' = ${p} AND (c->>'points')::float8 > 0)`,
        f.category,
      );
    if (f.decided === true) where.push('dec.id IS NOT NULL');
    if (f.decided === false) where.push('dec.id IS NULL');
    params.push(page.limit, page.offset);
    const rows = await this.sql.query<
      DecisionRow & {
        doc: Assessment | string;
        score: number;
        importer_name: string | null;
        dispatch_country: string | null;
        customs_value: number | null;
        currency: string;
        decision_id: number | string | null;
      }
    >(
      `WITH latest AS (
         SELECT DISTINCT ON (a.declaration_id) a.declaration_id, a.declaration_version, a.office, a.lodged_at,
                a.points, a.lane, a.doc
           FROM assessments a
          ORDER BY a.declaration_id, a.declaration_version DESC, a.assessed_at DESC
       )
       SELECT l.doc, COALESCE((l.doc->'ensemble'->>'score')::float8, l.points / (l.points + 60.0)) AS score,
              p.name AS importer_name, d.dispatch_country, d.customs_value, d.currency,
              dec.id AS decision_id, dec.id, dec.declaration_id, dec.declaration_version, dec.snapshot,
              dec.assessed_lane, dec.lane, dec.reason, dec.decided_by, dec.decided_at, dec.assigned_to, dec.supersedes
         FROM latest l
         JOIN declarations d ON d.id = l.declaration_id AND d.version = l.declaration_version
         LEFT JOIN parties p ON p.id = d.importer_id
         LEFT JOIN LATERAL (SELECT * FROM referral_decisions r WHERE r.declaration_id = l.declaration_id
                             ORDER BY r.id DESC LIMIT 1) dec ON true
        WHERE ${where.join(' AND ')}
        ORDER BY score DESC, l.points DESC, l.lodged_at, l.declaration_id
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return rows.map((r) => ({
      assessment: parse<Assessment>(r.doc),
      score: Number(r.score),
      importerName: r.importer_name,
      dispatchCountry: r.dispatch_country,
      customsValue: r.customs_value === null ? null : Number(r.customs_value),
      currency: r.currency,
      decision: r.decision_id === null ? null : toDecision(r),
    }));
  }

  /** Controls assigned to an inspector by the current decision of each declaration, newest first. */
  async tasks(inspector: string, limit = 200): Promise<InspectionTaskRow[]> {
    const rows = await this.sql.query<
      DecisionRow & {
        office: string;
        lodged_at: Date | string;
        importer_name: string | null;
        result_id: string | null;
      }
    >(
      `SELECT r.*, d.office, d.lodged_at, p.name AS importer_name,
              (SELECT i.id FROM inspection_results i WHERE i.declaration_id = r.declaration_id AND i.inspector = $1
                ORDER BY i.started_at DESC LIMIT 1) AS result_id
         FROM referral_decisions r
         JOIN declarations d ON d.id = r.declaration_id AND d.version = r.declaration_version
         LEFT JOIN parties p ON p.id = d.importer_id
        WHERE r.assigned_to = $1
          AND r.id = (SELECT max(id) FROM referral_decisions x WHERE x.declaration_id = r.declaration_id)
        ORDER BY r.id DESC LIMIT $2`,
      [inspector, limit],
    );
    return rows.map((r) => ({
      decision: toDecision(r),
      office: r.office,
      lodgedAt: new Date(r.lodged_at).toISOString(),
      importerName: r.importer_name,
      resultId: r.result_id,
    }));
  }
}
