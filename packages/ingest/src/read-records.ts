import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import {
  type CargoReport,
  type Declaration,
  type FieldError,
  type InspectionResult,
  type Party,
  RECORD_KINDS,
  type RecordKind,
  validateRecord,
} from '@sieve/core';
import { parse } from 'csv-parse';
import { type ColumnMap, compileColumnMap, loadColumnMap } from './column-map.ts';
import { ndjsonChunks, ndjsonLines } from './ndjson-chunks.ts';

/** A record that passed validation. */
export type IngestRecord = {
  /**
   * The record's JSON text, when the input was exactly that JSON and
   * validation returned it unchanged: storing it spares serialising again.
   */
  json?: string;
} & (
  | { kind: 'declaration'; value: Declaration }
  | { kind: 'cargo-report'; value: CargoReport }
  | { kind: 'inspection'; value: InspectionResult }
  | { kind: 'party'; value: RegisteredParty }
);

/**
 * A party register entry. It has no version: the type says so, so that code
 * keying records by (id, version) reads `undefined` for it.
 */
export type RegisteredParty = Party & { readonly version?: never };

/**
 * One input record (a CSV row, a JSON object, an NDJSON line) after mapping
 * and validation: either the records it yields, or every error found in it.
 * `recordNo` counts input records from 1; `raw` is the input as received.
 */
export type ReadResult = { recordNo: number; raw: string } & (
  | { ok: true; records: IngestRecord[] }
  | { ok: false; errors: FieldError[]; kind?: RecordKind }
);

export type InputFormat = 'csv' | 'json' | 'ndjson';

export interface ReadOptions {
  /** A shipped map name or a map file; CSV needs one. */
  map?: string | ColumnMap;
  /** Kind of JSON records that do not say `"record": "<kind>"`; default declaration. */
  kind?: RecordKind;
  /** Forces the format; otherwise taken from the extension, then the content. */
  format?: InputFormat;
}

/**
 * Streams the records of a file, validated. Memory stays flat whatever the
 * file's size: CSV and NDJSON are read line by line, JSON arrays element by
 * element.
 *
 * @example for await (const r of readRecords('train.csv', { map: 'kcs' })) if (r.ok) use(r.records);
 */
export async function* readRecords(path: string, opts: ReadOptions = {}): AsyncGenerator<ReadResult> {
  const format = opts.format ?? (await detectFormat(path, opts));
  if (format === 'csv') {
    if (!opts.map)
      throw new Error(
        'SIEVE_ERR_MAP_REQUIRED: a CSV file needs a column map (--map kcs or --map <file.json>)',
      );
    yield* readCsv(path, typeof opts.map === 'string' ? loadColumnMap(opts.map) : opts.map);
  } else if (format === 'ndjson') {
    yield* ndjsonRecords(createReadStream(path), opts.kind ?? 'declaration');
  } else {
    yield* readJson(path, opts.kind ?? 'declaration');
  }
}

/** The format from the extension, or for .json, from the first character (array or object stream). */
export async function detectFormat(path: string, opts: ReadOptions = {}): Promise<InputFormat> {
  const lower = path.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.tsv')) return 'csv';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'ndjson';
  const fh = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(64 * 1024), 0, 64 * 1024, 0);
    const head = buffer
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimStart();
    if (head.startsWith('[')) return 'json';
    if (head.startsWith('{')) return looksLikeNdjson(head) ? 'ndjson' : 'json';
    if (opts.map) return 'csv';
    throw new Error(
      `SIEVE_ERR_FORMAT: cannot tell the format of ${path}: expected a .csv (with --map), a JSON array or object, or NDJSON`,
    );
  } finally {
    await fh.close();
  }
}

// One object on the first line followed by another line starting with "{": NDJSON.
function looksLikeNdjson(head: string): boolean {
  const nl = head.indexOf('\n');
  if (nl < 0) return false;
  try {
    JSON.parse(head.slice(0, nl));
    return true;
  } catch {
    return false;
  }
}

async function* readCsv(path: string, map: ColumnMap): AsyncGenerator<ReadResult> {
  const parser = createReadStream(path).pipe(
    parse({
      delimiter: map.delimiter,
      bom: true,
      raw: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    }),
  );
  let header: string[] | undefined;
  let mapRow: ReturnType<typeof compileColumnMap> | undefined;
  let recordNo = 0;
  for await (const { record, raw } of parser as AsyncIterable<{ record: string[]; raw: string }>) {
    if (!header) {
      header = record.map((h) => h.trim());
      checkHeader(map, header, path);
      mapRow = compileColumnMap(map, header);
      continue;
    }
    recordNo++;
    const line = raw.replace(/\r?\n$/, '');
    if (record.length !== header.length) {
      yield {
        recordNo,
        raw: line,
        ok: false,
        errors: [
          {
            field: '(row)',
            value: `${record.length} columns`,
            expected: `${header.length} columns, as in the header`,
          },
        ],
      };
      continue;
    }
    const mapped = mapRow!(record);
    yield validateAll(recordNo, line, mapped.records, mapped.errors);
  }
}

function checkHeader(map: ColumnMap, header: readonly string[], path: string): void {
  if (!map.columns) return;
  const missing = map.columns.filter((c) => !header.includes(c));
  if (missing.length) {
    throw new Error(
      `SIEVE_ERR_MAP_HEADER: ${path} does not have the columns map "${map.name}" expects: missing ${missing.map((m) => `"${m}"`).join(', ')}`,
    );
  }
}

// The usual case of JSON input, one record and no mapping, without validateAll's lists.
// The raw text is the record's JSON: stored as it is when validation returns the input unchanged.
function validateOne(recordNo: number, raw: string, kind: RecordKind, input: unknown): ReadResult {
  const v = validateRecord(kind, input);
  if (!v.ok) return { recordNo, raw, ok: false, errors: v.errors, kind };
  return {
    recordNo,
    raw,
    ok: true,
    records: [{ kind, value: v.value, json: v.value === input ? raw : undefined } as IngestRecord],
  };
}

function validateAll(
  recordNo: number,
  raw: string,
  inputs: readonly { kind: RecordKind; input: unknown }[],
  mapErrors: readonly FieldError[],
): ReadResult {
  const errors: FieldError[] = [...mapErrors];
  const records: IngestRecord[] = [];
  const mapped = new Set(mapErrors.map((e) => e.field.replace(/ \(column .*$/, '')));
  for (const { kind, input } of inputs) {
    const v = validateRecord(kind, input);
    if (v.ok) records.push({ kind, value: v.value } as IngestRecord);
    // A cell that failed to parse was left out; the schema's "missing" error for it would only repeat it.
    else
      errors.push(
        ...v.errors
          .filter((e) => !mapped.has(e.field))
          .map((e) => (inputs.length > 1 ? { ...e, field: `${kind}.${e.field}` } : e)),
      );
  }
  if (errors.length) return { recordNo, raw, ok: false, errors, kind: inputs[0]?.kind };
  return { recordNo, raw, ok: true, records };
}

/**
 * The records of NDJSON read from `input` (a file, an HTTP body), parsed and
 * validated one by one. Cut into lines as the worker threads of parallel
 * intake cut them (ndjson-chunks.ts: a byte order mark dropped, CR LF, blank
 * lines), so every path numbers records alike.
 *
 * @example for await (const r of ndjsonRecords(request.raw, 'declaration')) ...
 */
export async function* ndjsonRecords(
  input: AsyncIterable<Buffer>,
  defaultKind: RecordKind,
): AsyncGenerator<ReadResult> {
  let recordNo = 0;
  for await (const chunk of ndjsonChunks(input, 1000)) {
    for (const line of ndjsonLines(chunk.data)) {
      yield parseJsonRecord(++recordNo, line, defaultKind);
    }
  }
}

async function* readJson(path: string, defaultKind: RecordKind): AsyncGenerator<ReadResult> {
  // stream-json reads arrays element by element, so a 1 GB array never sits in memory.
  const { streamArray } = await import('stream-json/streamers/stream-array.js');
  const { streamValues } = await import('stream-json/streamers/stream-values.js');
  const fh = await open(path, 'r');
  const { buffer, bytesRead } = await fh.read(Buffer.alloc(4096), 0, 4096, 0);
  await fh.close();
  const isArray = buffer
    .subarray(0, bytesRead)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()
    .startsWith('[');
  const pipeline = createReadStream(path).pipe(
    isArray ? streamArray.withParserAsStream() : streamValues.withParserAsStream(),
  );
  let recordNo = 0;
  for await (const { value } of pipeline as AsyncIterable<{ value: unknown }>) {
    recordNo++;
    yield validateJson(recordNo, JSON.stringify(value), value, defaultKind);
  }
}

/**
 * One line of NDJSON (or one JSON text) parsed and validated: the unit of
 * work that parallel intake hands to worker threads.
 */
export function parseJsonRecord(recordNo: number, line: string, defaultKind: RecordKind): ReadResult {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return {
      recordNo,
      raw: line,
      ok: false,
      errors: [
        { field: '(record)', value: shortText(line), expected: `valid JSON (${(err as Error).message})` },
      ],
    };
  }
  return validateJson(recordNo, line, value, defaultKind);
}

function validateJson(recordNo: number, raw: string, value: unknown, defaultKind: RecordKind): ReadResult {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      recordNo,
      raw,
      ok: false,
      errors: [{ field: '(record)', value: shortText(raw), expected: 'a JSON object' }],
    };
  }
  // "record" says what a JSON object is when a file mixes kinds; "kind" would clash with an inspection's own kind.
  if (!Object.hasOwn(value, 'record')) return validateOne(recordNo, raw, defaultKind, value);
  const { record: kind = defaultKind, ...rest } = value as { record?: unknown };
  if (!RECORD_KINDS.includes(kind as RecordKind)) {
    return {
      recordNo,
      raw,
      ok: false,
      errors: [{ field: 'record', value: kind, expected: `one of ${RECORD_KINDS.join(', ')}` }],
    };
  }
  // With the "record" envelope taken off, the raw text is no longer the record's JSON.
  return validateAll(recordNo, raw, [{ kind: kind as RecordKind, input: rest }], []);
}

function shortText(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
