import { parentPort } from 'node:worker_threads';
import type { RecordKind } from '@sieve/core';
import { parseJsonRecord } from '@sieve/ingest';
import { type AcceptedRecord, prepareBatch, type QuarantinedRecord } from '@sieve/store';

/** A chunk of NDJSON lines to parse, validate and turn into COPY text. */
export interface IntakeChunk {
  seq: number;
  runId: number;
  firstRecordNo: number;
  lines: string[];
  kind: RecordKind;
}

parentPort!.on('message', (chunk: IntakeChunk) => {
  const accepted: AcceptedRecord[] = [];
  const quarantined: QuarantinedRecord[] = [];
  chunk.lines.forEach((line, i) => {
    const r = parseJsonRecord(chunk.firstRecordNo + i, line, chunk.kind);
    if (r.ok) for (const rec of r.records) accepted.push({ ...rec, recordNo: r.recordNo });
    else quarantined.push({ recordNo: r.recordNo, kind: r.kind, errors: r.errors, raw: r.raw });
  });
  parentPort!.postMessage({
    seq: chunk.seq,
    records: chunk.lines.length,
    batch: prepareBatch(chunk.runId, accepted, quarantined),
  });
});
