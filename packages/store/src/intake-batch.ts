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
 * Rows of one table in COPY text, as UTF-8, one line per record, with each
 * record's key and input. The lines are kept joined with their end offsets
 * rather than one by one: a worker posts the rows of a table as two buffers
 * by transfer, and the usual batch, with nothing stored yet, goes to COPY as
 * it is.
 */
export interface PreparedRows {
  keys: (string | number)[][];
  inputs: number[];
  rows: Uint8Array;
  /** Where each record's line ends in `rows` (in bytes). */
  rowEnds: number[];
  /** Rows of a child table that go in with the records (declaration items), and where each record's end. */
  children: Uint8Array;
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
  /** The parties met in the batch, merged by id, sorted by id; none when none is new (see {@link partyDocs}). */
  parties: PartyDocs;
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

/**
 * Text kept as UTF-8 as it is appended, in a buffer of its own (never
 * Node's shared pool: a worker transfers it). A batch's rows joined in one
 * string of megabytes were two bytes a character as soon as one row was (a
 * Korean or Cyrillic name), and encoded whole at the end took 15% of an
 * intake worker's time; appended row by row, the rows of one byte a
 * character (most) take the encoder's fast path.
 */
class Utf8Text {
  private buf = Buffer.allocUnsafeSlow(0);
  length = 0;

  append(s: string): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8 (a surrogate pair, 2 units, takes 4).
    const room = this.length + s.length * 3;
    if (room > this.buf.length) {
      // Doubling: a batch of thousands of rows is copied a few times, a single record's (an API
      // request's) takes no more than it needs.
      const next = Buffer.allocUnsafeSlow(Math.max(room, this.buf.length * 2));
      this.buf.copy(next, 0, 0, this.length);
      this.buf = next;
    }
    this.length += this.buf.write(s, this.length, 'utf8');
  }

  bytes(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

/** A table's rows while a batch is built: see {@link PreparedRows}. */
class RowsBuilder {
  readonly keys: (string | number)[][] = [];
  readonly inputs: number[] = [];
  private readonly rows = new Utf8Text();
  private readonly rowEnds: number[] = [];
  private readonly children = new Utf8Text();
  private readonly childEnds: number[] = [];

  push(key: (string | number)[], input: number, children: string, values: readonly unknown[]): void {
    this.keys.push(key);
    this.inputs.push(input);
    this.rows.append(copyText(values));
    this.rowEnds.push(this.rows.length);
    if (children) this.children.append(children);
    this.childEnds.push(this.children.length);
  }

  finish(): PreparedRows {
    return {
      keys: this.keys,
      inputs: this.inputs,
      rows: this.rows.bytes(),
      rowEnds: this.rowEnds,
      children: this.children.bytes(),
      childEnds: this.childEnds,
    };
  }
}

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

/** Parties as the store takes them: sorted by id, each described as JSON. */
export interface PartyDocs {
  ids: string[];
  docs: string[];
}

/**
 * The parties to send to the store as {@link PreparedBatch} `parties` has
 * them: merged by id (the last description wins), sorted by id so that
 * concurrent writers lock the ones they share in the same order, and, with
 * a memo, only those not sent as they are now.
 */
export function partyDocs(parties: ReadonlyMap<string, Party>, memo?: PartyMemo): PartyDocs {
  const sorted = [...parties.values()].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const all = { ids: sorted.map((p) => p.id), docs: sorted.map((p) => JSON.stringify(p)) };
  return memo ? memo.fresh(all) : all;
}

/** {@link partyDocs} as the JSON array that {@link upsertPartiesFrom} takes. */
export function partiesJson(parties: ReadonlyMap<string, Party>, memo?: PartyMemo): string {
  return partyDocsJson(partyDocs(parties, memo));
}

/** Parties as the JSON array [{ id, doc }, ...] that {@link upsertPartiesFrom} takes; '[]' when none. */
export function partyDocsJson({ ids, docs }: PartyDocs): string {
  let out = '';
  for (let i = 0; i < ids.length; i++)
    out += `${i ? ',' : ''}{"id":${JSON.stringify(ids[i])},"doc":${docs[i]}}`;
  return `[${out}]`;
}

/**
 * The parties a run has already sent to the store. The same registered
 * traders come back on declaration after declaration; a party whose
 * description is unchanged since it was last sent needs no upsert (the store
 * would find it contained in what it holds and change nothing), which spared
 * PGlite a third of its time per declaration. Descriptions are compared as
 * JSON text: the same party written with its fields in another order is sent
 * again, which the upsert makes harmless, and a batch made in a worker
 * thread reaches the writer's memo without being parsed again (parsing them
 * and comparing the values had been a quarter of the writing thread's time).
 * Bounded: past `limit` parties it forgets them all and starts again.
 */
export class PartyMemo {
  private sent = new Map<string, string>();
  constructor(private readonly limit = 20_000) {}

  /**
   * The parties among `parties` not sent as they are now, remembered as
   * sent. Applied where batches are written, in write order, for batches
   * prepared elsewhere (worker threads, each seeing only its own chunks):
   * the memo then keeps what the serial path would send.
   */
  fresh(parties: PartyDocs): PartyDocs {
    const out: PartyDocs = { ids: [], docs: [] };
    for (let i = 0; i < parties.ids.length; i++) {
      const id = parties.ids[i]!;
      const doc = parties.docs[i]!;
      if (this.sent.get(id) === doc) continue;
      if (this.sent.size >= this.limit) this.sent = new Map();
      this.sent.set(id, doc);
      out.ids.push(id);
      out.docs.push(doc);
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
  private readonly declarations = new RowsBuilder();
  private readonly cargo = new RowsBuilder();
  private readonly inspections = new RowsBuilder();
  private readonly partyRecords: PreparedBatch['partyRecords'] = { ids: [], inputs: [] };
  private quarantineText = '';
  private quarantined = 0;
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
        this.partyRecords.ids.push(r.value.id);
        this.partyRecords.inputs.push(input);
      }
      this.addParty(r.value);
    } else {
      const s = r.value;
      this.inspections.push([s.id], input, '', [
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
    this.quarantined++;
    this.quarantineText += copyText([this.runId, q.recordNo, q.kind, q.errors, q.raw]);
  }

  finish(): PreparedBatch {
    return {
      inputs: this.inputs.size,
      declarations: this.declarations.finish(),
      cargo: this.cargo.finish(),
      inspections: this.inspections.finish(),
      parties: partyDocs(this.parties, this.memo),
      partyRecords: this.partyRecords,
      quarantine: this.quarantineText,
      quarantined: this.quarantined,
    };
  }

  // A bare id after a full description must not erase the name before the database sees it (the upsert
  // would keep it, but only one description per id goes). Copied only when a field would be lost.
  private addParty(p: Party | undefined): void {
    if (p) addParty(this.parties, p);
  }

  private declaration(d: Declaration, input: number, json: string | undefined): void {
    let items = '';
    for (const row of itemValues(d)) items += copyText(row);
    this.declarations.push([d.id, d.version], input, items, declarationValues(d, json, this.runId));
    for (const p of partiesOf(d)) this.addParty(p);
  }

  private cargoReport(c: CargoReport, input: number): void {
    this.cargo.push([c.id, c.version], input, '', [
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
 * The batch and the buffers of its COPY text, each its own: a worker posts
 * them by transfer, so the thread that owns the database does not copy them.
 */
export function transferable(batch: PreparedBatch): { batch: PreparedBatch; transfer: ArrayBuffer[] } {
  const transfer: ArrayBuffer[] = [];
  for (const t of [batch.declarations, batch.cargo, batch.inspections]) {
    for (const bytes of [t.rows, t.children]) if (bytes.length) transfer.push(bytes.buffer as ArrayBuffer);
  }
  return { batch, transfer };
}
