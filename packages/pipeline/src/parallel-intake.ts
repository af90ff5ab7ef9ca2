import { createReadStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
import type { RecordKind } from '@sieve/core';
import type { PreparedBatch, Store } from '@sieve/store';
import type { IntakeChunk } from './intake-worker.ts';

interface ChunkResult {
  seq: number;
  records: number;
  batch: PreparedBatch;
}

/**
 * Worker threads that parse, validate and format NDJSON chunks while this
 * thread talks to the database: on two cores, parsing no longer waits for
 * PGlite (which runs in this thread) nor for the round trips to a server.
 */
class IntakeWorkers {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, { resolve(r: ChunkResult): void; reject(e: Error): void }>();
  private next = 0;

  constructor(count: number) {
    this.workers = Array.from({ length: count }, () => {
      const w = new Worker(new URL('./intake-worker.mjs', import.meta.url));
      w.on('message', (r: ChunkResult) => {
        this.waiting.get(r.seq)?.resolve(r);
        this.waiting.delete(r.seq);
      });
      w.on('error', (err) => this.failAll(err));
      return w;
    });
  }

  submit(chunk: IntakeChunk): Promise<ChunkResult> {
    return new Promise((resolve, reject) => {
      this.waiting.set(chunk.seq, { resolve, reject });
      this.workers[this.next++ % this.workers.length]!.postMessage(chunk);
    });
  }

  private failAll(err: Error): void {
    for (const w of this.waiting.values()) w.reject(err);
    this.waiting.clear();
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** How many workers by default: every core but the one the database thread needs. */
export function defaultWorkers(store: Store): number {
  return Math.max(1, availableParallelism() - (store.sql.kind === 'pglite' ? 1 : 0));
}

/**
 * Reads NDJSON into the store with `workers` threads. Chunks are written in
 * file order, one transaction each, so the result is the same as the serial
 * path's, record for record.
 */
export async function parallelNdjsonIntake(
  store: Store,
  runId: number,
  path: string,
  opts: { workers: number; chunkSize: number; kind: RecordKind; onBatch?: (n: number) => void },
): Promise<void> {
  const pool = new IntakeWorkers(opts.workers);
  const queue: Promise<ChunkResult>[] = [];
  const maxInFlight = opts.workers * 2 + 1;
  const writeNext = async () => {
    const r = await queue.shift()!;
    await store.intake.writePrepared(runId, r.batch);
    opts.onBatch?.(r.records);
  };
  try {
    let seq = 0;
    let recordNo = 1;
    let lines: string[] = [];
    const dispatch = async () => {
      queue.push(pool.submit({ seq: seq++, runId, firstRecordNo: recordNo, lines, kind: opts.kind }));
      recordNo += lines.length;
      lines = [];
      if (queue.length >= maxInFlight) await writeNext();
    };
    const input = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of input) {
      if (line.trim() === '') continue;
      lines.push(line);
      if (lines.length >= opts.chunkSize) await dispatch();
    }
    if (lines.length) await dispatch();
    while (queue.length) await writeNext();
  } finally {
    // A failed write leaves results in flight; let them settle before the pool goes.
    await Promise.allSettled(queue);
    await pool.close();
  }
}
