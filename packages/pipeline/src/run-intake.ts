import { statSync } from 'node:fs';
import { detectFormat, type ReadOptions, type ReadResult, readRecords } from '@sieve/ingest';
import {
  type AcceptedRecord,
  type IntakeRun,
  PartyMemo,
  type QuarantinedRecord,
  type Store,
} from '@sieve/store';
import { defaultWorkers, defaultWriters, parallelNdjsonIntake } from './parallel-intake.ts';

/** NDJSON files from this size on are read by worker threads unless `workers` says otherwise. */
export const PARALLEL_MIN_BYTES = 32 * 1024 * 1024;

// Records per batch on the worker path: big enough that a transaction's fixed cost is spread thin,
// small enough that the batches between the file and the database hold little memory.
const WORKER_BATCH = 2000;

export interface IntakeOptions extends ReadOptions {
  /** Who runs the intake (audit). */
  actor?: string;
  /** Input records per database transaction. */
  batchSize?: number;
  /** Called after each stored batch with the number of input records it held. */
  onBatch?: (records: number) => void;
  /**
   * Worker threads for NDJSON (parse, validate, format in parallel); 0 reads
   * in this thread. Default: one per core but the database's for files of
   * PARALLEL_MIN_BYTES or more, none below. CSV and JSON
   * arrays are read in this thread.
   */
  workers?: number;
  /** Batches written at once on the worker path (PostgreSQL; PGlite takes one). Default 2 on PostgreSQL. */
  writers?: number;
}

/**
 * Reads a file into the store: every input record is accepted (stored, or
 * recognised as already stored) or quarantined with its reasons, batch by
 * batch. Reading the next batch overlaps with writing the previous one, so a
 * PostgreSQL server works while this process parses.
 *
 * @example const run = await runIntake(store, 'train.csv', { map: 'kcs' });
 */
export async function runIntake(store: Store, path: string, opts: IntakeOptions = {}): Promise<IntakeRun> {
  const format = opts.format ?? (await detectFormat(path, opts));
  // Starting a worker costs a second or so; only files big enough to repay it get them by default.
  const workers = opts.workers ?? (statSync(path).size >= PARALLEL_MIN_BYTES ? defaultWorkers(store) : 0);
  if (format !== 'ndjson' || workers <= 0) {
    return runIntakeFrom(store, readRecords(path, { ...opts, format }), { ...opts, source: path, format });
  }
  return withIntakeRun(store, { ...opts, source: path, format }, (runId) =>
    parallelNdjsonIntake(store, runId, path, {
      workers,
      writers: opts.writers ?? defaultWriters(store),
      chunkSize: opts.batchSize ?? WORKER_BATCH,
      kind: opts.kind ?? 'declaration',
      onBatch: opts.onBatch,
    }),
  );
}

/** Opens an intake run, runs `body`, and closes the run as completed, or failed with the reason. */
async function withIntakeRun(
  store: Store,
  opts: IntakeOptions & { source: string; format: string },
  body: (runId: number) => Promise<void>,
): Promise<IntakeRun> {
  const runId = await store.intake.startRun({
    source: opts.source,
    format: opts.format,
    map: typeof opts.map === 'string' ? opts.map : opts.map?.name,
    actor: opts.actor ?? 'system',
  });
  try {
    await body(runId);
  } catch (err) {
    await store.intake.finishRun(runId, 'failed', err instanceof Error ? err.message : String(err));
    throw err;
  }
  return store.intake.finishRun(runId, 'completed');
}

/** The same from any stream of read results (a generator, an HTTP body...). */
export async function runIntakeFrom(
  store: Store,
  results: AsyncIterable<ReadResult> | Iterable<ReadResult>,
  opts: IntakeOptions & { source: string; format: string },
): Promise<IntakeRun> {
  return withIntakeRun(store, opts, async (runId) => {
    const size = opts.batchSize ?? 5000;
    const memo = new PartyMemo();
    let accepted: AcceptedRecord[] = [];
    let quarantined: QuarantinedRecord[] = [];
    let inBatch = 0;
    let writing: Promise<void> = Promise.resolve();
    const flush = () => {
      const a = accepted;
      const q = quarantined;
      const n = inBatch;
      accepted = [];
      quarantined = [];
      inBatch = 0;
      const previous = writing;
      writing = previous.then(async () => {
        await store.intake.writeBatch(runId, a, q, memo);
        opts.onBatch?.(n);
      });
      return previous;
    };
    try {
      for await (const r of results) {
        inBatch++;
        if (r.ok)
          for (const rec of r.records) accepted.push({ ...rec, recordNo: r.recordNo } as AcceptedRecord);
        else quarantined.push({ recordNo: r.recordNo, kind: r.kind, errors: r.errors, raw: r.raw });
        if (inBatch >= size) await flush();
      }
      await flush();
      await writing;
    } catch (err) {
      await writing.catch(() => {}); // a batch in flight settles before the run is marked failed
      throw err;
    }
  });
}
