/**
 * How long this machine's disk takes to make a small write durable, for
 * benchmarks whose every answer waits for a commit: a PostgreSQL commit
 * returns only once its WAL is flushed (fdatasync, by default), so a disk
 * whose flushes sometimes take tens of milliseconds puts those milliseconds
 * into the latencies, whatever the code does.
 */
import { closeSync, fdatasyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface DiskSync {
  /** The directory whose disk was probed. */
  dir: string;
  syncs: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
}

/**
 * Writes 8 KB (one WAL page) after the last and flushes it with fdatasync,
 * again and again for `seconds`, as a commit does, in a file of its own in
 * `dir` (removed after). Meant for a quiet moment, before a load: it is a
 * loop of blocking calls.
 */
export function probeDiskSync(dir: string, seconds: number): DiskSync {
  const file = join(dir, `sync-probe-${process.pid}`);
  const page = Buffer.alloc(8192, 0x5a);
  const times: number[] = [];
  const fd = openSync(file, 'w');
  try {
    const end = performance.now() + seconds * 1000;
    let offset = 0;
    while (performance.now() < end) {
      const t0 = performance.now();
      writeSync(fd, page, 0, page.length, offset);
      fdatasyncSync(fd);
      times.push(performance.now() - t0);
      offset = (offset + page.length) % (16 * 1024 * 1024); // a WAL segment's size, then over again
    }
  } finally {
    closeSync(fd);
    rmSync(file, { force: true });
  }
  times.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]! * 100) / 100;
  return { dir, syncs: times.length, p50_ms: at(0.5), p99_ms: at(0.99), max_ms: at(1) };
}
