import { isUniqueViolation } from './bulk-insert.ts';
import {
  type AcceptedRecord,
  type PartyMemo,
  type PreparedBatch,
  type PreparedRows,
  partyDocsJson,
  prepareBatch,
  type QuarantinedRecord,
  TABLES,
  upsertPartiesFrom,
} from './intake-batch.ts';
import type { SqlClient } from './sql-client.ts';

export type { AcceptedRecord, PreparedBatch, QuarantinedRecord } from './intake-batch.ts';

export interface IntakeRun {
  id: number;
  source: string;
  format: string;
  map: string | null;
  actor: string;
  status: 'running' | 'completed' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  read: number;
  accepted: number;
  inserted: number;
  duplicates: number;
  quarantined: number;
  error: string | null;
}

export interface BatchCounts {
  read: number;
  accepted: number;
  inserted: number;
  duplicates: number;
  quarantined: number;
}

/** Intake runs, their records and their quarantine. */
export class IntakeRepository {
  constructor(private readonly sql: SqlClient) {}

  async startRun(run: { source: string; format: string; map?: string; actor: string }): Promise<number> {
    const [row] = await this.sql.query<{ id: number }>(
      'INSERT INTO intake_runs (source, format, map, actor) VALUES ($1, $2, $3, $4) RETURNING id',
      [run.source, run.format, run.map ?? null, run.actor],
    );
    const id = Number(row!.id);
    await this.sql.query(
      `INSERT INTO audit_log (actor, action, entity, entity_id, details) VALUES ($1, 'intake.start', 'intake_run', $2, $3)`,
      [run.actor, String(id), { source: run.source, format: run.format, map: run.map ?? null }],
    );
    return id;
  }

  /**
   * Stores one batch atomically: the new records, the quarantined ones and the
   * run's counters move together, so a run's counts always match its rows,
   * even when the process dies between batches.
   */
  async writeBatch(
    runId: number,
    accepted: readonly AcceptedRecord[],
    quarantined: readonly QuarantinedRecord[],
    memo?: PartyMemo,
  ): Promise<BatchCounts> {
    return this.writePrepared(runId, prepareBatch(runId, accepted, quarantined, memo));
  }

  /** The same, for a batch already turned into COPY text (by {@link prepareBatch}, perhaps in a worker). */
  async writePrepared(runId: number, batch: PreparedBatch): Promise<BatchCounts> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.sql.transaction((tx) => this.writeOnce(tx, runId, batch));
      } catch (err) {
        // Another writer stored one of these keys between our look-up and our COPY, or two writers
        // deadlocked on keys they share; the retry sees what the other committed.
        if (!(isUniqueViolation(err) || isDeadlock(err)) || attempt >= 5) throw err;
      }
    }
  }

  private async writeOnce(tx: SqlClient, runId: number, b: PreparedBatch): Promise<BatchCounts> {
    const insertedInputs = new Set<number>();
    for (const name of ['declarations', 'cargo', 'inspections'] as const) {
      for (const input of await insertFresh(tx, TABLES[name], b[name])) insertedInputs.add(input);
    }
    for (const input of await insertPartyIds(tx, b.partyRecords)) insertedInputs.add(input);
    if (b.parties.ids.length) await upsertParties(tx, partyDocsJson(b.parties));
    await tx.copyFrom('quarantine', ['run_id', 'record_no', 'kind', 'reasons', 'raw'], b.quarantine);
    const counts: BatchCounts = {
      read: b.inputs + b.quarantined,
      accepted: b.inputs,
      inserted: insertedInputs.size,
      duplicates: b.inputs - insertedInputs.size,
      quarantined: b.quarantined,
    };
    await tx.query(
      `UPDATE intake_runs SET read = read + $2, accepted = accepted + $3, inserted = inserted + $4,
         duplicates = duplicates + $5, quarantined = quarantined + $6 WHERE id = $1`,
      [runId, counts.read, counts.accepted, counts.inserted, counts.duplicates, counts.quarantined],
    );
    return counts;
  }

  async finishRun(runId: number, status: 'completed' | 'failed', error?: string): Promise<IntakeRun> {
    await this.sql.query(
      'UPDATE intake_runs SET status = $2, finished_at = now(), error = $3 WHERE id = $1',
      [runId, status, error ?? null],
    );
    const run = await this.getRun(runId);
    await this.sql.query(
      `INSERT INTO audit_log (actor, action, entity, entity_id, details) VALUES ($1, $2, 'intake_run', $3, $4)`,
      [
        run!.actor,
        `intake.${status}`,
        String(runId),
        {
          read: run!.read,
          accepted: run!.accepted,
          inserted: run!.inserted,
          duplicates: run!.duplicates,
          quarantined: run!.quarantined,
          error: error ?? null,
        },
      ],
    );
    return run!;
  }

  async getRun(runId: number): Promise<IntakeRun | undefined> {
    const [row] = await this.sql.query<RunRow>(`${RUN_SELECT} WHERE id = $1`, [runId]);
    return row && toRun(row);
  }

  async listRuns(limit = 50): Promise<IntakeRun[]> {
    const rows = await this.sql.query<RunRow>(`${RUN_SELECT} ORDER BY id DESC LIMIT $1`, [limit]);
    return rows.map(toRun);
  }
}

type TableDef = (typeof TABLES)[keyof typeof TABLES];

const isDeadlock = (err: unknown) => (err as { code?: string } | null)?.code === '40P01';

/**
 * COPYs the records of a batch whose key is not stored yet and returns the
 * inputs they came from. A key repeated inside the batch is stored once: the
 * first record wins and the others count as duplicates.
 */
async function insertFresh(tx: SqlClient, def: TableDef, t: PreparedRows): Promise<number[]> {
  if (t.keys.length === 0) return [];
  const seen = new Set<string>();
  const unique: number[] = [];
  t.keys.forEach((k, i) => {
    const key = k.join('\u0000');
    if (!seen.has(key)) {
      seen.add(key);
      unique.push(i);
    }
  });
  const cols = def.key.map(([c]) => c);
  const unnest = def.key.map(([, type], j) => `$${j + 1}::${type}[]`).join(', ');
  const existing = await tx.query<Record<string, string | number>>(
    `SELECT ${cols.join(', ')} FROM ${def.table} WHERE (${cols.join(', ')}) IN (SELECT * FROM unnest(${unnest}))`,
    def.key.map((_, j) => unique.map((i) => t.keys[i]![j])),
  );
  const have = new Set(existing.map((row) => cols.map((c) => String(row[c])).join('\u0000')));
  const fresh = unique.filter((i) => !have.has(t.keys[i]!.map(String).join('\u0000')));
  if (fresh.length === t.keys.length) {
    // The usual case: every record is new, and the text goes as it came.
    await tx.copyFromBytes(def.table, def.columns, t.rows);
    if (def.child) await tx.copyFromBytes(def.child.table, def.child.columns, t.children);
    return t.inputs;
  }
  await tx.copyFromBytes(def.table, def.columns, pick(t.rows, t.rowEnds, fresh));
  if (def.child)
    await tx.copyFromBytes(def.child.table, def.child.columns, pick(t.children, t.childEnds, fresh));
  return fresh.map((i) => t.inputs[i]!);
}

/** The lines of records `which` from rows whose record `i` ends at byte `ends[i]`. */
export function pick(rows: Uint8Array, ends: readonly number[], which: readonly number[]): Uint8Array {
  return Buffer.concat(which.map((i) => rows.subarray(i === 0 ? 0 : ends[i - 1], ends[i])));
}

/**
 * Stores the ids of party records not stored yet, as bare parties that the
 * upsert of the batch's parties then describes, and returns the inputs of
 * those records: they are new, the others already stored. Asking the insert
 * rather than looking first keeps the count exact when two writers bring the
 * same party at once, and counts a party the {@link PartyMemo} left out of
 * `parties` (sent as it is by an earlier batch) as stored.
 */
async function insertPartyIds(tx: SqlClient, records: PreparedBatch['partyRecords']): Promise<number[]> {
  if (records.ids.length === 0) return [];
  const inputOf = new Map(records.ids.map((id, i) => [id, records.inputs[i]!]));
  // Sorted, as the parties upsert is, so that writers lock the parties they share in the same order.
  const ids = [...inputOf.keys()].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const inserted = await tx.query<{ id: string }>(
    `INSERT INTO parties (id, doc)
     SELECT id, jsonb_build_object('id', id) FROM unnest($1::text[]) WITH ORDINALITY AS x (id, n) ORDER BY n
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [ids],
  );
  return inserted.map((r) => inputOf.get(r.id)!);
}

async function upsertParties(tx: SqlClient, partiesJson: string): Promise<void> {
  await tx.query(upsertPartiesFrom('$1'), [partiesJson]);
}

interface RunRow {
  id: number;
  source: string;
  format: string;
  map: string | null;
  actor: string;
  status: IntakeRun['status'];
  started_at: Date | string;
  finished_at: Date | string | null;
  read: number;
  accepted: number;
  inserted: number;
  duplicates: number;
  quarantined: number;
  error: string | null;
}

const RUN_SELECT =
  'SELECT id, source, format, map, actor, status, started_at, finished_at, read, accepted, inserted, duplicates, quarantined, error FROM intake_runs';

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

function toRun(r: RunRow): IntakeRun {
  return {
    id: Number(r.id),
    source: r.source,
    format: r.format,
    map: r.map,
    actor: r.actor,
    status: r.status,
    startedAt: iso(r.started_at)!,
    finishedAt: iso(r.finished_at),
    read: r.read,
    accepted: r.accepted,
    inserted: r.inserted,
    duplicates: r.duplicates,
    quarantined: r.quarantined,
    error: r.error,
  };
}
