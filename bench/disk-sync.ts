/**
 * How long this machine's disk takes to make a small write durable, for
 * benchmarks whose every answer waits for a PostgreSQL commit: a commit
 * returns only once its WAL is flushed (fdatasync, by default), so a disk
 * whose flushes sometimes take tens of milliseconds puts those milliseconds
 * into the latencies, whatever the code does. (PGlite runs with fsync off:
 * its commits do not wait for the disk.)
 *
 * Written here rather than run as PostgreSQL's pg_test_fsync, which prints
 * only an average per method: the slow flushes are what a p99 meets.
 */
import { closeSync, fdatasyncSync, fsyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { nearestRank } from './nearest-rank.ts';

export interface DiskSync {
  /** The directory whose disk was probed. */
  dir: string;
  syncs: number;
  p50_ms: number | null;
  p99_ms: number | null;
  max_ms: number | null;
}

/** The file the probe writes into, made whole first, as PostgreSQL zero-fills a WAL segment before use. */
const FILE_BYTES = 1024 * 1024;
const PAGE_BYTES = 8192;

/**
 * Overwrites 8 KB (one WAL page) after the last in a file made whole and
 * flushed beforehand, and flushes it with fdatasync, as a commit does,
 * again and again for `seconds`, in a file of its own in `dir` (removed
 * after). Meant for a quiet moment, before a load: it is a loop of
 * blocking calls.
 */
export function probeDiskSync(dir: string, seconds: number): DiskSync {
  const file = join(dir, `sync-probe-${process.pid}`);
  const page = Buffer.alloc(PAGE_BYTES, 0x5a);
  const times: number[] = [];
  const fd = openSync(file, 'w');
  try {
    // Not timed: the file's blocks and size are on disk before the first timed flush, so that a
    // flush carries the page only, not the file system's record of a file that grew.
    writeSync(fd, Buffer.alloc(FILE_BYTES), 0, FILE_BYTES, 0);
    fsyncSync(fd);
    const end = performance.now() + seconds * 1000;
    let offset = 0;
    while (performance.now() < end) {
      const t0 = performance.now();
      writeSync(fd, page, 0, PAGE_BYTES, offset);
      fdatasyncSync(fd);
      times.push(performance.now() - t0);
      offset = (offset + PAGE_BYTES) % FILE_BYTES;
    }
  } finally {
    closeSync(fd);
    rmSync(file, { force: true });
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => {
    const t = nearestRank(times, q);
    return t === null ? null : Math.round(t * 100) / 100;
  };
  return { dir, syncs: times.length, p50_ms: at(0.5), p99_ms: at(0.99), max_ms: at(1) };
}
