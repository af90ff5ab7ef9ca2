import type { SqlClient } from './sql-client.ts';

type Lane = 'green' | 'blue' | 'yellow' | 'red';

export interface DashboardFilter {
  office?: string;
  /** Lodged at or after / before (ISO). */
  from: string;
  to: string;
  bucket: 'day' | 'week';
}

export interface InspectedCount {
  inspected: number;
  findings: number;
}

export interface DashboardFigures {
  lanes: Record<Lane, number>;
  hitRate: { overall: InspectedCount; random: InspectedCount; risk: InspectedCount };
  series: { day: string; declarations: number; inspected: number; findings: number; revenue: number }[];
  currency: string;
  releaseHours: { lane: Lane; p50: number; p90: number; count: number }[];
}

/**
 * The supervisor's figures over a period of lodgement: lanes decided, hit
 * rates of inspections (all, random draws, risk selections), findings and
 * revenue over time, and hours from lodgement to release. Each declaration
 * counts once (its first version for volumes, its latest assessment for
 * lanes, its first inspection result for outcomes).
 */
export class DashboardRepository {
  constructor(private readonly sql: SqlClient) {}

  async figures(f: DashboardFilter): Promise<DashboardFigures> {
    const p = [f.from, f.to, f.office ?? null];
    const window = `d.lodged_at >= $1::timestamptz AND d.lodged_at < $2::timestamptz AND ($3::text IS NULL OR d.office = $3)`;
    const latest = `
      latest AS (
        SELECT DISTINCT ON (a.declaration_id) a.declaration_id, a.lane, a.selected_by, a.assessed_at
          FROM assessments a JOIN declarations d ON d.id = a.declaration_id AND d.version = a.declaration_version
         WHERE ${window}
         ORDER BY a.declaration_id, a.declaration_version DESC, a.assessed_at DESC),
      first_result AS (
        SELECT DISTINCT ON (i.declaration_id) i.declaration_id, i.outcome, i.started_at, i.ended_at, i.doc
          FROM inspection_results i JOIN declarations d ON d.id = i.declaration_id AND d.version = 1
         WHERE ${window}
         ORDER BY i.declaration_id, i.started_at)`;
    const [lanes, hits, series, currency, release] = await Promise.all([
      this.sql.query<{ lane: Lane; n: number }>(
        `WITH ${latest} SELECT lane, count(*)::int AS n FROM latest GROUP BY lane`,
        p,
      ),
      this.sql.query<{ selected_by: string | null; inspected: number; findings: number }>(
        `WITH ${latest}
         SELECT l.selected_by, count(*)::int AS inspected, count(*) FILTER (WHERE r.outcome = 'finding')::int AS findings
           FROM first_result r LEFT JOIN latest l ON l.declaration_id = r.declaration_id
          GROUP BY ROLLUP (l.selected_by)`,
        p,
      ),
      this.sql.query<{
        day: Date | string;
        declarations: number;
        inspected: number;
        findings: number;
        revenue: number;
      }>(
        `WITH ${latest}
         SELECT date_trunc($4, d.lodged_at) AS day, count(*)::int AS declarations,
                count(r.declaration_id)::int AS inspected,
                count(r.declaration_id) FILTER (WHERE r.outcome = 'finding')::int AS findings,
                COALESCE(sum((SELECT sum((x->>'amount')::float8) FROM json_array_elements(r.doc->'findings') x
                               WHERE x->>'type' IN ('revenue_adjustment', 'penalty'))), 0)::float8 AS revenue
           FROM declarations d LEFT JOIN first_result r ON r.declaration_id = d.id
          WHERE d.version = 1 AND ${window}
          GROUP BY 1 ORDER BY 1`,
        [...p, f.bucket],
      ),
      this.sql.query<{ currency: string }>(
        `SELECT d.currency FROM declarations d WHERE d.version = 1 AND ${window}
          GROUP BY d.currency ORDER BY count(*) DESC, d.currency LIMIT 1`,
        p,
      ),
      this.sql.query<{ lane: Lane; p50: number; p90: number; n: number }>(
        `WITH ${latest},
         decided AS (
           SELECT DISTINCT ON (r.declaration_id) r.declaration_id, r.lane, r.decided_at
             FROM referral_decisions r ORDER BY r.declaration_id, r.id DESC),
         released AS (
           SELECT COALESCE(x.lane, l.lane) AS lane, d.lodged_at,
                  CASE WHEN COALESCE(x.lane, l.lane) IN ('green', 'blue') THEN COALESCE(x.decided_at, l.assessed_at)
                       ELSE COALESCE(r.ended_at, r.started_at) END AS released_at
             FROM latest l
             JOIN declarations d ON d.id = l.declaration_id AND d.version = 1
             LEFT JOIN decided x ON x.declaration_id = l.declaration_id
             LEFT JOIN first_result r ON r.declaration_id = l.declaration_id)
         SELECT lane,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM released_at - lodged_at) / 3600) AS p50,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM released_at - lodged_at) / 3600) AS p90,
                count(*)::int AS n
           FROM released WHERE released_at >= lodged_at GROUP BY lane`,
        p,
      ),
    ]);
    const laneCounts: Record<Lane, number> = { red: 0, yellow: 0, blue: 0, green: 0 };
    for (const r of lanes) laneCounts[r.lane] = r.n;
    const count = (rows: typeof hits) => ({
      inspected: rows.reduce((s, r) => s + r.inspected, 0),
      findings: rows.reduce((s, r) => s + r.findings, 0),
    });
    // ROLLUP's total row has a null selected_by and so does "not assessed": tell them apart by position.
    const total = hits.at(-1);
    return {
      lanes: laneCounts,
      hitRate: {
        overall: total
          ? { inspected: total.inspected, findings: total.findings }
          : { inspected: 0, findings: 0 },
        random: count(hits.slice(0, -1).filter((r) => r.selected_by === 'random')),
        risk: count(hits.slice(0, -1).filter((r) => r.selected_by === 'risk')),
      },
      series: series.map((r) => ({
        day: new Date(r.day).toISOString().slice(0, 10),
        declarations: r.declarations,
        inspected: r.inspected,
        findings: r.findings,
        revenue: Math.round(Number(r.revenue) * 100) / 100,
      })),
      currency: currency[0]?.currency ?? 'USD',
      releaseHours: release
        .map((r) => ({ lane: r.lane, p50: round1(r.p50), p90: round1(r.p90), count: r.n }))
        .sort((a, b) => LANE_ORDER.indexOf(a.lane) - LANE_ORDER.indexOf(b.lane)),
    };
  }
}

const LANE_ORDER: readonly Lane[] = ['red', 'yellow', 'blue', 'green'];
const round1 = (x: number) => Math.round(Number(x) * 10) / 10;
