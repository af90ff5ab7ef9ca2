import type { CargoReport, Declaration, FieldError, InspectionResult, Party, RecordKind } from '@sieve/core';
import { columnNames, type TypedColumn } from './columns.ts';
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
  | { kind: 'party'; value: Party }
);

/** A record that failed validation, kept with its reasons and its raw text. */
export interface QuarantinedRecord {
  readonly recordNo: number;
  readonly kind?: RecordKind;
  readonly errors: readonly FieldError[];
  readonly raw: string;
}

/**
 * Rows of one table in COPY text, one line per record, with each record's key
 * and input. The lines are kept joined with their end offsets rather than as
 * one string each: a worker posts two strings instead of thousands, and the
 * usual batch, with nothing stored yet, goes to COPY as it is.
 */
export interface PreparedRows {
  keys: (string | number)[][];
  inputs: number[];
  /** The lines; as UTF-8 bytes once made {@link transferable}. */
  rows: string | Uint8Array;
  /** Where each record's line ends in `rows` (in characters of the text). */
  rowEnds: number[];
  /** Rows of a child table that go in with the records (declaration items), and where each record's end. */
  children: string | Uint8Array;
  childEnds: number[];
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
  /** JSON array of the parties met in the batch, merged by id, sorted by id; '[]' when none is new. */
  parties: string;
  /**
   * The party records (register entries) of the batch whose id it had not
   * met before, and their inputs: for counting them new or already stored.
   * Their descriptions go in `parties` with the others.
   */
  partyRecords: { ids: string[]; inputs: number[] };
  quarantine: string;
  quarantined: number;
}

/** The columns of `declarations` written at intake, in the order of {@link declarationValues}. */
export const DECLARATION_COLUMNS = [
  ['id', 'text'],
  ['version', 'int'],
  ['type', 'text'],
  ['procedure', 'text'],
  ['office', 'text'],
  ['lodged_at', 'timestamptz'],
  ['declarant_id', 'text'],
  ['importer_id', 'text'],
  ['exporter_id', 'text'],
  ['seller_id', 'text'],
  ['consignee_id', 'text'],
  ['carrier_id', 'text'],
  ['transport_mode', 'text'],
  ['dispatch_country', 'text'],
  ['currency', 'text'],
  ['customs_value', 'float8'],
  ['item_count', 'int'],
  ['doc', 'json'],
  ['run_id', 'bigint'],
] as const satisfies readonly TypedColumn[];

/** The columns of `declaration_items`, in the order of {@link itemValues}. */
export const ITEM_COLUMNS = [
  ['declaration_id', 'text'],
  ['version', 'int'],
  ['sequence', 'int'],
  ['hs_code', 'text'],
  ['origin', 'text'],
  ['quantity', 'float8'],
  ['net_mass_kg', 'float8'],
  ['value', 'float8'],
] as const satisfies readonly TypedColumn[];

/** A declaration's row of `declarations` ({@link DECLARATION_COLUMNS}); `json` is its text as received, when it is exactly the declaration. */
export function declarationValues(d: Declaration, json: string | undefined, runId: number): unknown[] {
  return [
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
    json ?? JSON.stringify(d),
    runId,
  ];
}

/** A declaration's rows of `declaration_items` ({@link ITEM_COLUMNS}). */
export function itemValues(d: Declaration): unknown[][] {
  return d.items.map((it) => [
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

export const TABLES = {
  declarations: {
    table: 'declarations',
    key: [
      ['id', 'text'],
      ['version', 'int'],
    ],
    columns: columnNames(DECLARATION_COLUMNS),
    child: {
      table: 'declaration_items',
      columns: columnNames(ITEM_COLUMNS),
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

const emptyRows = (): PreparedRows => ({
  keys: [],
  inputs: [],
  rows: '',
  rowEnds: [],
  children: '',
  childEnds: [],
});

const DECLARATION_PARTY_ROLES = [
  'declarant',
  'importer',
  'exporter',
  'seller',
  'consignee',
  'carrier',
] as const;

/** The parties a declaration names (declarant, importer, exporter, seller, consignee, carrier). */
export function* partiesOf(d: Declaration): Generator<Party> {
  for (const role of DECLARATION_PARTY_ROLES) {
    const p = d[role];
    if (p) yield p;
  }
}

/**
 * The statement that stores the parties of {@link partiesJson}, given as the
 * parameter `param` ('$1'). The newest description of a party wins field by
 * field; a bare id never erases a name; an unchanged party is not written.
 */
export function upsertPartiesFrom(param: string): string {
  return `INSERT INTO parties (id, name, country, doc)
  SELECT x.id, x.doc->>'name', x.doc->>'country', x.doc
    FROM jsonb_to_recordset(${param}::jsonb) AS x (id text, doc jsonb)
  ON CONFLICT (id) DO UPDATE
    SET doc = parties.doc || excluded.doc,
        name = coalesce(excluded.name, parties.name),
        country = coalesce(excluded.country, parties.country),
        last_seen_at = now()
    WHERE NOT parties.doc @> excluded.doc`;
}

/**
 * The parties to send to the store as {@link PreparedBatch} `parties` has
 * them: merged by id (the last description wins), sorted by id so that
 * concurrent writers lock the ones they share in the same order, and, with
 * a memo, only those not sent as they are now.
 */
export function partiesJson(parties: ReadonlyMap<string, Party>, memo?: PartyMemo): string {
  const sorted = [...parties.values()].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const send = memo ? memo.fresh(sorted) : sorted;
  return send.length ? JSON.stringify(send.map((p) => ({ id: p.id, doc: p }))) : '[]';
}

/**
 * The parties a run has already sent to the store. The same registered
 * traders come back on declaration after declaration; a party whose
 * description is unchanged since it was last sent needs no upsert (the store
 * would find it contained in what it holds and change nothing), which spared
 * PGlite a third of its time per declaration. Bounded: past `limit` parties
 * it forgets them all and starts again.
 */
export class PartyMemo {
  private sent = new Map<string, Party>();
  constructor(private readonly limit = 20_000) {}

  /**
   * A prepared batch's `parties` (see {@link PreparedBatch}) without those
   * sent as they are now. For batches prepared elsewhere (worker threads,
   * each seeing only its own chunks): applied where they are written, in
   * write order, the memo keeps what the serial path would send.
   */
  freshJson(parties: string): string {
    if (parties === '[]') return parties;
    const all = JSON.parse(parties) as { id: string; doc: Party }[];
    const send = new Set(this.fresh(all.map((p) => p.doc)));
    return send.size === all.length
      ? parties
      : send.size === 0
        ? '[]'
        : JSON.stringify(all.filter((p) => send.has(p.doc)));
  }

  /** The parties among `parties` not sent as they are now, remembered as sent. */
  fresh(parties: Iterable<Party>): Party[] {
    const out: Party[] = [];
    for (const p of parties) {
      if (sameJson(this.sent.get(p.id), p)) continue;
      if (this.sent.size >= this.limit) this.sent = new Map();
      this.sent.set(p.id, p);
      out.push(p);
    }
    return out;
  }
}

/**
 * Adds a party met in a batch to the batch's parties by id, as the store
 * merges them: the newest description wins field by field, so a bare id
 * (or any description lacking a field) after a fuller one keeps what that
 * one said.
 */
export function addParty(parties: Map<string, Party>, p: Party): void {
  const known = parties.get(p.id);
  parties.set(p.id, known && lacksFieldOf(p, known) ? { ...known, ...p } : p);
}

function lacksFieldOf(p: Party, known: Party): boolean {
  for (const k in known) if (!Object.hasOwn(p, k)) return true;
  return false;
}

// Equality of parsed JSON values, without serialising them (the memo asks it for every party of every batch).
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  const ka = Object.keys(a);
  if (Array.isArray(b) || ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/**
 * Turns accepted and quarantined records into COPY text. Pure and
 * synchronous but for `memo`, which drops parties sent by earlier batches of
 * the same run.
 */
export function prepareBatch(
  runId: number,
  accepted: readonly AcceptedRecord[],
  quarantined: readonly QuarantinedRecord[],
  memo?: PartyMemo,
): PreparedBatch {
  const b = new BatchBuilder(runId, memo);
  accepted.forEach((r, i) => {
    b.accept(r, r.recordNo ?? -(i + 1));
  });
  for (const q of quarantined) b.quarantine(q);
  return b.finish();
}

/**
 * Builds a {@link PreparedBatch} record by record, so that a worker thread
 * can let each parsed record go as soon as its rows are written: parsed
 * declarations then die young, and the garbage collector, which took a
 * third of a worker's time when a whole chunk of them was kept, has little
 * to move.
 */
export class BatchBuilder {
  private readonly b: PreparedBatch = {
    inputs: 0,
    declarations: emptyRows(),
    cargo: emptyRows(),
    inspections: emptyRows(),
    parties: '[]',
    partyRecords: { ids: [], inputs: [] },
    quarantine: '',
    quarantined: 0,
  };
  // Within a batch parties merge as the database merges them: the last description wins field by field.
  private readonly parties = new Map<string, Party>();
  private readonly inputs = new Set<number>();

  constructor(
    private readonly runId: number,
    private readonly memo?: PartyMemo,
  ) {}

  /** Adds an accepted record, from input record `input` (records of one input count once). */
  accept(r: AcceptedRecord, input: number): void {
    this.inputs.add(input);
    if (r.kind === 'declaration') this.declaration(r.value, input, r.json);
    else if (r.kind === 'cargo-report') this.cargoReport(r.value, input);
    else if (r.kind === 'party') {
      // A party met earlier in the batch (named by a declaration, or another record of it) was
      // stored by then, whatever the batch boundaries: counting does not depend on them.
      if (!this.parties.has(r.value.id)) {
        this.b.partyRecords.ids.push(r.value.id);
        this.b.partyRecords.inputs.push(input);
      }
      this.addParty(r.value);
    } else {
      const s = r.value;
      push(this.b.inspections, [s.id], input, '', [
        s.id,
        s.declarationId,
        s.declarationVersion,
        s.inspector,
        s.kind,
        s.outcome,
        s.startedAt,
        s.endedAt,
        s,
        this.runId,
      ]);
    }
  }

  quarantine(q: QuarantinedRecord): void {
    this.b.quarantined++;
    this.b.quarantine += copyText([this.runId, q.recordNo, q.kind, q.errors, q.raw]);
  }

  finish(): PreparedBatch {
    this.b.inputs = this.inputs.size;
    this.b.parties = partiesJson(this.parties, this.memo);
    return this.b;
  }

  // A bare id after a full description must not erase the name before the database sees it (the upsert
  // would keep it, but only one description per id goes). Copied only when a field would be lost.
  private addParty(p: Party | undefined): void {
    if (p) addParty(this.parties, p);
  }

  private declaration(d: Declaration, input: number, json: string | undefined): void {
    let items = '';
    for (const row of itemValues(d)) items += copyText(row);
    push(this.b.declarations, [d.id, d.version], input, items, declarationValues(d, json, this.runId));
    for (const p of partiesOf(d)) this.addParty(p);
  }

  private cargoReport(c: CargoReport, input: number): void {
    push(this.b.cargo, [c.id, c.version], input, '', [
      c.id,
      c.version,
      c.reportedAt,
      c.carrier.id,
      c.conveyance.id,
      c.voyage,
      c.bills.length,
      c,
      this.runId,
    ]);
    this.addParty(c.carrier);
    for (const bill of c.bills) {
      for (const x of [bill, ...(bill.houseConsignments ?? [])]) {
        this.addParty(x.shipper);
        this.addParty(x.consignee);
        this.addParty(x.notifyParty);
      }
    }
  }
}

/**
 * The batch with its COPY text encoded as UTF-8 in buffers of its own, and
 * those buffers: a worker posts them by transfer, so the thread that owns
 * the database neither copies nor encodes them.
 */
export function transferable(batch: PreparedBatch): { batch: PreparedBatch; transfer: ArrayBuffer[] } {
  const transfer: ArrayBuffer[] = [];
  const encoder = new TextEncoder();
  const encode = (text: string | Uint8Array) => {
    if (typeof text !== 'string' || text === '') return text;
    const bytes = encoder.encode(text);
    transfer.push(bytes.buffer as ArrayBuffer);
    return bytes;
  };
  for (const t of [batch.declarations, batch.cargo, batch.inspections]) {
    t.rows = encode(t.rows);
    t.children = encode(t.children);
  }
  return { batch, transfer };
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
  const rows = (t.rows as string) + copyText(values);
  const kids = (t.children as string) + children;
  t.rows = rows;
  t.rowEnds.push(rows.length);
  t.children = kids;
  t.childEnds.push(kids.length);
}
