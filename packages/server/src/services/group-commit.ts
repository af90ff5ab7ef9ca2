/** Told of each batch written (or failed): how many requests it held, and how long its write took, in seconds. */
export type BatchObserver = (size: number, seconds: number) => void;

/**
 * Group commit: requests that arrive together, or while a write is under
 * way, are written together, in one transaction. Alone, a request is written
 * on the next turn of the event loop (no timer); under load, writes grow to
 * hold everything queued, so the database does one transaction per batch
 * instead of one per request. Each caller's promise settles when its own
 * batch is committed (or fails), so an answer is never sent before the
 * record is stored.
 *
 * Written here because the job is small and specific (settling each caller
 * with its own result of a shared transaction); batching libraries such as
 * dataloader aim at reads and coalesce by key.
 *
 * Each batch is reported to `observe`, before its callers settle: its size,
 * and how long its write took from start to commit or failure, which
 * /metrics shows operators (a disk slow to flush shows there first).
 *
 * @example
 * const writer = new GroupCommit((items) => repo.writeMany(items), { maxBatch: 500 });
 * const result = await writer.submit(item);
 */
export class GroupCommit<T, R> {
  private queue: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private running: Promise<void> | undefined;

  private readonly maxBatch: number;
  private readonly observe: BatchObserver | undefined;

  constructor(
    private readonly write: (items: T[]) => Promise<R[]>,
    options: { maxBatch?: number; observe?: BatchObserver | undefined } = {},
  ) {
    this.maxBatch = options.maxBatch ?? 1000;
    this.observe = options.observe;
  }

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      // Start on the next turn of the event loop, not now: requests already read from their sockets
      // reach here first and join this write. (An embedded database such as PGlite answers without
      // yielding to I/O, so a write started at once would finish before any other request got in.)
      this.running ??= new Promise<void>((r) => setImmediate(r)).then(() => this.drain());
    });
  }

  /** Resolves once everything submitted so far is written. */
  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        const started = performance.now();
        let outcome: { results: R[] } | { error: unknown };
        try {
          outcome = { results: await this.write(batch.map((b) => b.item)) };
        } catch (error) {
          outcome = { error };
        }
        try {
          this.observe?.(batch.length, (performance.now() - started) / 1000);
        } catch {
          // A metric that cannot be recorded must not fail requests whose records are stored.
        }
        if ('error' in outcome) for (const b of batch) b.reject(outcome.error);
        else {
          const { results } = outcome;
          batch.forEach((b, i) => {
            b.resolve(results[i]!);
          });
        }
      }
    } finally {
      this.running = undefined;
    }
  }
}
