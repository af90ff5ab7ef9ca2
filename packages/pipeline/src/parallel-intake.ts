import { createReadStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RecordKind } from '@sieve/core';
import { ndjsonChunks } from '@sieve/ingest';
import { PartyMemo, type PreparedBatch, type Store } from '@sieve/store';
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
  private failure?: Error;

  constructor(count: number, chunkSize: number) {
    this.workers = Array.from({ length: count }, () => {
      const w = new Worker(new URL('./intake-worker.mjs', import.meta.url), {
        // A worker holds one chunk at a time; a bounded heap makes V8 collect rather than grow
        // (1.5 GB of RSS before, for the same work), with room for chunks of big records.
        // The young generation's limit holds only in a process started without --max-semi-space-size:
        // V8's flag is process-wide and wins, so under `sieve` (SIEVE_NODE_FLAGS) each worker has
        // 64 MB semi-spaces (a worker's new space read 128 MB with the flag, 16 without; Node 20).
        // The old generation's bound also caps where V8 first collects it, at half the bound: 128 MB
        // for chunks of 2,000 under sieve's --initial-old-space-size=256, a few MB without it
        // (node-flags.ts).
        resourceLimits: {
          maxOldGenerationSizeMb: 128 + Math.ceil(chunkSize / 1000) * 64,
          maxYoungGenerationSizeMb: 16,
        },
      });
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
      if (this.failure) return reject(this.failure);
      this.waiting.set(chunk.seq, { resolve, reject });
      this.workers[this.next++ % this.workers.length]!.postMessage(chunk);
    });
  }

  private failAll(err: Error): void {
    this.failure ??= err;
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
 * How many batches are written at once by default. PGlite runs one statement
 * at a time in this thread; a PostgreSQL server takes a COPY per connection
 * in parallel, each in its own backend process.
 */
export function defaultWriters(store: Store): number {
  return store.sql.kind === 'pglite' ? 1 : 2;
}

/**
 * Batch writes in flight, at most `max` at once; the first failure is
 * thrown by the next call.
 */
class Writes {
  private readonly inFlight = new Set<Promise<void>>();
  private failed = false;
  private failure: unknown;

  constructor(private readonly max: number) {}

  async add(write: () => Promise<void>): Promise<void> {
    while (this.inFlight.size >= this.max) {
      await Promise.race(this.inFlight);
      this.check();
    }
    this.check();
    const p: Promise<void> = write()
      .catch((err: unknown) => {
        if (!this.failed) this.failure = err;
        this.failed = true;
      })
      .finally(() => this.inFlight.delete(p));
    this.inFlight.add(p);
  }

  async drain(): Promise<void> {
    await Promise.all(this.inFlight);
    this.check();
  }

  private check(): void {
    if (this.failed) throw this.failure;
  }
}

/**
 * Reads NDJSON into the store with `workers` threads and up to `writers`
 * batches written at once, one transaction each. The file is read in chunks
 * of `chunkSize` records, never more than `workers + writers` of them
 * between the file and the database, so memory stays flat however big the
 * file. With one writer the result is the serial path's, record for record;
 * with several, when the same key comes twice in batches written at once,
 * the batch that commits first stores it and the other counts it a duplicate.
 */
export async function parallelNdjsonIntake(
  store: Store,
  runId: number,
  path: string,
  opts: {
    workers: number;
    writers: number;
    chunkSize: number;
    kind: RecordKind;
    onBatch?: (n: number) => void;
  },
): Promise<void> {
  const pool = new IntakeWorkers(opts.workers, opts.chunkSize);
  const writes = new Writes(store.sql.kind === 'pglite' ? 1 : Math.max(1, opts.writers));
  const queue: Promise<ChunkResult>[] = [];
  const maxQueued = opts.workers + Math.max(1, opts.writers);
  const memo = new PartyMemo();
  const writeNext = async () => {
    const r = await queue.shift()!;
    // In file order, as the serial path applies it: parties unchanged since last sent are not sent again.
    r.batch.parties = memo.fresh(r.batch.parties);
    await writes.add(async () => {
      await store.intake.writePrepared(runId, r.batch);
      opts.onBatch?.(r.records);
    });
  };
  try {
    let seq = 0;
    let recordNo = 1;
    const input = createReadStream(path, { highWaterMark: 1 << 20 });
    for await (const chunk of ndjsonChunks(input, opts.chunkSize)) {
      const { data, lines } = chunk;
      queue.push(pool.submit({ seq: seq++, runId, firstRecordNo: recordNo, lines, data, kind: opts.kind }));
      recordNo += lines;
      if (queue.length >= maxQueued) await writeNext();
    }
    while (queue.length) await writeNext();
    await writes.drain();
  } finally {
    // A failed write leaves results in flight; let them settle before the pool goes.
    await Promise.allSettled(queue);
    await writes.drain().catch(() => {});
    await pool.close();
  }
}
