import type { CargoReport, Declaration, FieldError, InspectionResult, Party, RecordKind } from '@sieve/core';
import { insertNew, isUniqueViolation, type TableSpec } from './bulk-insert.ts';
import { copyText, type SqlClient } from './sql-client.ts';

/**
 * An accepted record, ready to store. `recordNo` ties records made from the
 * same input record (a KCS row makes a declaration and an inspection); the
 * run counts input records, not stored rows.
 */
export type AcceptedRecord = { recordNo?: number } & (
  | { kind: 'declaration'; value: Declaration }
  | { kind: 'cargo-report'; value: CargoReport }
  | { kind: 'inspection'; value: InspectionResult }
);

/** A record that failed validation, kept with its reasons and its raw text. */
export interface QuarantinedRecord {
  readonly recordNo: number;
  readonly kind?: RecordKind;
  readonly errors: readonly FieldError[];
  readonly raw: string;
}

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

const declarationSpec: TableSpec<Declaration & { runId: number }> = {
  table: 'declarations',
  key: [
    ['id', 'text'],
    ['version', 'int'],
  ],
  columns: [
    'id',
    'version',
    'type',
    'procedure',
    'office',
    'lodged_at',
    'declarant_id',
    'importer_id',
    'exporter_id',
    'seller_id',
    'consignee_id',
    'carrier_id',
    'transport_mode',
    'dispatch_country',
    'currency',
    'customs_value',
    'item_count',
    'doc',
    'run_id',
  ],
  keyOf: (d) => [d.id, d.version],
  rowOf: ({ runId, ...d }) => [
    d.id,
    d.version,
    d.type,
    d.procedure,
    d.office,
    d.lodgedAt,
    d.declarant.id,
    d.importer?.id,
    d.exporter?.id,
    d.seller?.id,
    d.consignee?.id,
    d.carrier?.id,
    d.transportMode,
    d.dispatchCountry,
    d.currency,
    d.customsValue ?? d.items.reduce((s, i) => s + i.value, 0),
    d.items.length,
    d,
    runId,
  ],
};

const cargoSpec: TableSpec<CargoReport & { runId: number }> = {
  table: 'cargo_reports',
  key: [
    ['id', 'text'],
    ['version', 'int'],
  ],
  columns: [
    'id',
    'version',
    'reported_at',
    'carrier_id',
    'conveyance_id',
    'voyage',
    'bill_count',
    'doc',
    'run_id',
  ],
  keyOf: (c) => [c.id, c.version],
  rowOf: ({ runId, ...c }) => [
    c.id,
    c.version,
    c.reportedAt,
    c.carrier.id,
    c.conveyance.id,
    c.voyage,
    c.bills.length,
    c,
    runId,
  ],
};

const inspectionSpec: TableSpec<InspectionResult & { runId: number }> = {
  table: 'inspection_results',
  key: [['id', 'text']],
  columns: [
    'id',
    'declaration_id',
    'declaration_version',
    'inspector',
    'kind',
    'outcome',
    'started_at',
    'ended_at',
    'doc',
    'run_id',
  ],
  keyOf: (r) => [r.id],
  rowOf: ({ runId, ...r }) => [
    r.id,
    r.declarationId,
    r.declarationVersion,
    r.inspector,
    r.kind,
    r.outcome,
    r.startedAt,
    r.endedAt,
    r,
    runId,
  ],
};

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
  ): Promise<BatchCounts> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.sql.transaction((tx) => this.writeBatchOnce(tx, runId, accepted, quarantined));
      } catch (err) {
        // Another process stored one of these keys between our look-up and our COPY; the retry sees it.
        if (!isUniqueViolation(err) || attempt >= 5) throw err;
      }
    }
  }

  private async writeBatchOnce(
    tx: SqlClient,
    runId: number,
    accepted: readonly AcceptedRecord[],
    quarantined: readonly QuarantinedRecord[],
  ): Promise<BatchCounts> {
    const decls: (Declaration & { runId: number })[] = [];
    const cargo: (CargoReport & { runId: number })[] = [];
    const inspections: (InspectionResult & { runId: number })[] = [];
    for (const r of accepted) {
      if (r.kind === 'declaration') decls.push({ ...r.value, runId });
      else if (r.kind === 'cargo-report') cargo.push({ ...r.value, runId });
      else inspections.push({ ...r.value, runId });
    }
    const newDecls = await insertNew(tx, declarationSpec, decls);
    await this.insertItems(tx, newDecls);
    const newCargo = await insertNew(tx, cargoSpec, cargo);
    await this.upsertParties(tx, partiesOf(newDecls, newCargo));
    const newInspections = await insertNew(tx, inspectionSpec, inspections);
    const fresh = new Set<string>([
      ...newDecls.map((d) => `declaration:${d.id}:${d.version}`),
      ...newCargo.map((c) => `cargo-report:${c.id}:${c.version}`),
      ...newInspections.map((r) => `inspection:${r.id}`),
    ]);
    const { inputs, inserted } = countInputs(accepted, fresh);
    let qtext = '';
    for (const q of quarantined) qtext += copyText([runId, q.recordNo, q.kind, q.errors, q.raw]);
    await tx.copyFrom('quarantine', ['run_id', 'record_no', 'kind', 'reasons', 'raw'], qtext);
    const counts: BatchCounts = {
      read: inputs + quarantined.length,
      accepted: inputs,
      inserted,
      duplicates: inputs - inserted,
      quarantined: quarantined.length,
    };
    await tx.query(
      `UPDATE intake_runs SET read = read + $2, accepted = accepted + $3, inserted = inserted + $4,
         duplicates = duplicates + $5, quarantined = quarantined + $6 WHERE id = $1`,
      [runId, counts.read, counts.accepted, counts.inserted, counts.duplicates, counts.quarantined],
    );
    return counts;
  }

  private async insertItems(tx: SqlClient, decls: readonly Declaration[]): Promise<void> {
    let text = '';
    for (const d of decls)
      for (const i of d.items)
        text += copyText([d.id, d.version, i.sequence, i.hsCode, i.origin, i.quantity, i.netMassKg, i.value]);
    await tx.copyFrom(
      'declaration_items',
      ['declaration_id', 'version', 'sequence', 'hs_code', 'origin', 'quantity', 'net_mass_kg', 'value'],
      text,
    );
  }

  // The newest description of a party wins field by field; a bare id never erases a name.
  private async upsertParties(tx: SqlClient, parties: readonly Party[]): Promise<void> {
    if (parties.length === 0) return;
    await tx.query(
      `INSERT INTO parties (id, name, country, doc)
       SELECT x.id, x.doc->>'name', x.doc->>'country', x.doc
         FROM jsonb_to_recordset($1::jsonb) AS x(id text, doc jsonb)
       ON CONFLICT (id) DO UPDATE
         SET doc = parties.doc || excluded.doc,
             name = coalesce(excluded.name, parties.name),
             country = coalesce(excluded.country, parties.country),
             last_seen_at = now()
         WHERE NOT parties.doc @> excluded.doc`,
      [JSON.stringify(parties.map((p) => ({ id: p.id, doc: p })))],
    );
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

/**
 * Input records accepted, and how many of them stored something new. A key
 * is claimed once: the second of two identical records in a batch is a
 * duplicate even though its key is fresh.
 */
function countInputs(
  accepted: readonly AcceptedRecord[],
  fresh: Set<string>,
): { inputs: number; inserted: number } {
  const inputs = new Set<number>();
  const insertedInputs = new Set<number>();
  accepted.forEach((r, i) => {
    const input = r.recordNo ?? -(i + 1);
    inputs.add(input);
    const key =
      r.kind === 'inspection' ? `inspection:${r.value.id}` : `${r.kind}:${r.value.id}:${r.value.version}`;
    if (fresh.delete(key)) insertedInputs.add(input);
  });
  return { inputs: inputs.size, inserted: insertedInputs.size };
}

const DECLARATION_PARTY_ROLES = [
  'declarant',
  'importer',
  'exporter',
  'seller',
  'consignee',
  'carrier',
] as const;

function partiesOf(decls: readonly Declaration[], cargo: readonly CargoReport[]): Party[] {
  const byId = new Map<string, Party>();
  const add = (p: Party | undefined) => {
    if (p) byId.set(p.id, { ...byId.get(p.id), ...p });
  };
  for (const d of decls) {
    for (const role of DECLARATION_PARTY_ROLES) add(d[role]);
  }
  for (const c of cargo) {
    add(c.carrier);
    for (const b of c.bills) {
      add(b.shipper);
      add(b.consignee);
      add(b.notifyParty);
      for (const h of b.houseConsignments ?? []) {
        add(h.shipper);
        add(h.consignee);
        add(h.notifyParty);
      }
    }
  }
  return [...byId.values()];
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
