import type { CargoReport, Declaration, FieldError, InspectionResult, Party, RecordKind } from '@sieve/core';
import { copyText } from './sql-client.ts';

/**
 * An accepted record, ready to store. `recordNo` ties records made from the
 * same input record (a KCS row makes a declaration and an inspection); the
 * run counts input records, not stored rows.
 */
export type AcceptedRecord = { recordNo?: number; json?: string } & (
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

/** Rows of one table in COPY text, one entry per record, with the record's key and input. */
export interface PreparedRows {
  keys: (string | number)[][];
  rows: string[];
  /** Rows of a child table that go in with the record (declaration items). */
  children: string[];
  inputs: number[];
}

/**
 * A batch turned into COPY text, ready for {@link IntakeRepository.writePrepared}.
 * Plain strings and arrays, so it can be made in a worker thread and posted
 * to the thread that owns the database connection at little cost.
 */
export interface PreparedBatch {
  inputs: number;
  declarations: PreparedRows;
  cargo: PreparedRows;
  inspections: PreparedRows;
  /** JSON array of the parties met in the batch, merged by id. */
  parties: string;
  quarantine: string;
  quarantined: number;
}

export const TABLES = {
  declarations: {
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
    child: {
      table: 'declaration_items',
      columns: [
        'declaration_id',
        'version',
        'sequence',
        'hs_code',
        'origin',
        'quantity',
        'net_mass_kg',
        'value',
      ],
    },
  },
  cargo: {
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
    child: undefined,
  },
  inspections: {
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
    child: undefined,
  },
} as const;

const emptyRows = (): PreparedRows => ({ keys: [], rows: [], children: [], inputs: [] });

const DECLARATION_PARTY_ROLES = [
  'declarant',
  'importer',
  'exporter',
  'seller',
  'consignee',
  'carrier',
] as const;

/**
 * Turns accepted and quarantined records into COPY text. Pure and
 * synchronous: intake runs it in worker threads.
 */
export function prepareBatch(
  runId: number,
  accepted: readonly AcceptedRecord[],
  quarantined: readonly QuarantinedRecord[],
): PreparedBatch {
  const b: PreparedBatch = {
    inputs: 0,
    declarations: emptyRows(),
    cargo: emptyRows(),
    inspections: emptyRows(),
    parties: '[]',
    quarantine: '',
    quarantined: quarantined.length,
  };
  const parties = new Map<string, Party>();
  // Within a batch the last description of a party wins; the database merges it with what it knew.
  const addParty = (p: Party | undefined) => {
    if (p) parties.set(p.id, p);
  };
  const inputs = new Set<number>();
  accepted.forEach((r, i) => {
    const input = r.recordNo ?? -(i + 1);
    inputs.add(input);
    if (r.kind === 'declaration') {
      const d = r.value;
      let items = '';
      for (const it of d.items) {
        items += copyText([
          d.id,
          d.version,
          it.sequence,
          it.hsCode,
          it.origin,
          it.quantity,
          it.netMassKg,
          it.value,
        ]);
      }
      push(b.declarations, [d.id, d.version], input, items, [
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
        d.customsValue ?? d.items.reduce((s, x) => s + x.value, 0),
        d.items.length,
        r.json ?? d,
        runId,
      ]);
      for (const role of DECLARATION_PARTY_ROLES) addParty(d[role]);
    } else if (r.kind === 'cargo-report') {
      const c = r.value;
      push(b.cargo, [c.id, c.version], input, '', [
        c.id,
        c.version,
        c.reportedAt,
        c.carrier.id,
        c.conveyance.id,
        c.voyage,
        c.bills.length,
        c,
        runId,
      ]);
      addParty(c.carrier);
      for (const bill of c.bills) {
        for (const x of [bill, ...(bill.houseConsignments ?? [])]) {
          addParty(x.shipper);
          addParty(x.consignee);
          addParty(x.notifyParty);
        }
      }
    } else {
      const s = r.value;
      push(b.inspections, [s.id], input, '', [
        s.id,
        s.declarationId,
        s.declarationVersion,
        s.inspector,
        s.kind,
        s.outcome,
        s.startedAt,
        s.endedAt,
        s,
        runId,
      ]);
    }
  });
  b.inputs = inputs.size;
  b.parties = JSON.stringify([...parties.values()].map((p) => ({ id: p.id, doc: p })));
  for (const q of quarantined) b.quarantine += copyText([runId, q.recordNo, q.kind, q.errors, q.raw]);
  return b;
}

function push(
  t: PreparedRows,
  key: (string | number)[],
  input: number,
  children: string,
  values: readonly unknown[],
): void {
  t.keys.push(key);
  t.inputs.push(input);
  t.children.push(children);
  t.rows.push(copyText(values));
}
