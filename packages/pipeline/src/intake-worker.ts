import { parentPort } from 'node:worker_threads';
import type { RecordKind } from '@sieve/core';
import { ndjsonLines, parseJsonRecord } from '@sieve/ingest';
import { BatchBuilder, transferable } from '@sieve/store';

/** A chunk of NDJSON to parse, validate and turn into COPY text: `lines` records from `firstRecordNo`. */
export interface IntakeChunk {
  seq: number;
  runId: number;
  firstRecordNo: number;
  lines: number;
  data: Uint8Array;
  kind: RecordKind;
}

// No party memo here: a worker sees only its own chunks, so it cannot tell whether another sent a party
// differently since. The writer applies one memo to every batch, in write order (parallel-intake.ts).

parentPort!.on('message', (chunk: IntakeChunk) => {
  // Each record becomes COPY text as soon as it is validated, and its parsed form is let go.
  const builder = new BatchBuilder(chunk.runId);
  let recordNo = chunk.firstRecordNo;
  for (const line of ndjsonLines(chunk.data)) {
    const r = parseJsonRecord(recordNo++, line, chunk.kind);
    if (r.ok) for (const rec of r.records) builder.accept(rec, r.recordNo);
    else builder.quarantine({ recordNo: r.recordNo, kind: r.kind, errors: r.errors, raw: r.raw });
  }
  if (recordNo - chunk.firstRecordNo !== chunk.lines) {
    throw new Error(
      `intake worker: chunk ${chunk.seq} holds ${recordNo - chunk.firstRecordNo} records, expected ${chunk.lines}`,
    );
  }
  const { batch, transfer } = transferable(builder.finish());
  parentPort!.postMessage({ seq: chunk.seq, records: chunk.lines, batch }, transfer);
});
