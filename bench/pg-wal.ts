/**
 * The write-ahead log of the database a benchmark loads, as the benchmark
 * needs to see it.
 *
 * A commit waits for its WAL. When the WAL fills its current segment (16 MB
 * by default), the backend that crosses into the next one opens that file.
 * A server that has been running has it ready: its checkpoints rename the
 * segments they no longer need as future ones (wal_recycle). A new server
 * (a fresh initdb, as on a new machine or in CI, or a fresh PGlite
 * directory) has none, and that backend writes 16 MB of zeros and flushes
 * them (wal_init_zero) while every commit behind it waits. Measured
 * 2026-11-23 with bench:api on a new machine whose disk flushed 8 KB in
 * 0.21 ms at p99: at 1,000 assessments/s the WAL grew 5 MB a second; in the
 * first run on that machine a segment was made every 3.3 s, commits waited
 * up to 50-100 ms, three seconds had p99 27-62 ms against 6-11 in the
 * others, and the run's p99 was 24.56 ms; the next run, on the segments the
 * first had left (recycled), 7.09 ms. Once the disk had been written, making
 * a segment cost less (three made during a run: every commit within 25 ms,
 * p99 8.59 ms). Once in the life of a server either way; in a benchmark of
 * its steady state, a new server's cost, not the product's.
 *
 * Hence {@link readyWal}: before the load, the benchmark makes sure the
 * segments its load will fill are there, as a server that has run through
 * a checkpoint has them, by switching segments (making them once) and
 * checkpointing (renaming them as future ones); and {@link walPosition}
 * read before and after the measured seconds, so that every run says how
 * much WAL a request wrote and whether a segment had to be made meanwhile
 * ({@link walUsed}).
 */
import type { SqlClient } from '@sieve/store';

/** Where the WAL stands: bytes written since the server's first, and the segment files made ahead of it. */
export interface WalPosition {
  bytes: number;
  segmentBytes: number;
  /** Segment files after the one being written, ready for use (made before, or recycled). */
  ahead: number;
}

const POSITION = `
  SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::float8 AS bytes,
         (SELECT setting::float8 FROM pg_settings WHERE name = 'wal_segment_size') AS segment_bytes,
         (SELECT count(*)::int FROM pg_ls_waldir()
           WHERE name ~ '^[0-9A-F]{24}$' AND name > pg_walfile_name(pg_current_wal_insert_lsn())) AS ahead`;

/**
 * The WAL's position now. Reading the segment files takes a superuser or
 * the pg_monitor role (pg_ls_waldir); without either this fails, naming it.
 */
export async function walPosition(sql: SqlClient): Promise<WalPosition> {
  const [row] = await sql.query<{ bytes: number; segment_bytes: number; ahead: number }>(POSITION);
  if (!row) throw new Error('the WAL position query returned no row');
  return { bytes: Number(row.bytes), segmentBytes: Number(row.segment_bytes), ahead: Number(row.ahead) };
}

/**
 * What the WAL did between two positions: kilobytes written, segments
 * crossed into, and how many of those were not ready and had to be made
 * while commits waited (a checkpoint in between, which can ready more,
 * would make this an overcount; none runs in a benchmark's seconds unless
 * max_wal_size is reached).
 */
export function walUsed(
  before: WalPosition,
  after: WalPosition,
): { kb: number; segmentsCrossed: number; segmentsMade: number } {
  const segment = (p: WalPosition) => Math.floor(p.bytes / p.segmentBytes);
  const crossed = segment(after) - segment(before);
  return {
    kb: (after.bytes - before.bytes) / 1024,
    segmentsCrossed: crossed,
    segmentsMade: Math.max(0, crossed - before.ahead),
  };
}

/**
 * Makes sure at least enough segments for `bytes` more WAL are ready, as on
 * a server that has run through a checkpoint: while fewer are, writes a
 * WAL record and switches to the next segment (pg_switch_wal; made if it is
 * not there), then checkpoints, which renames the segments left behind as
 * future ones. Takes a superuser (pg_switch_wal, CHECKPOINT); returns the
 * position after, whose `ahead` says how many are ready.
 */
export async function readyWal(sql: SqlClient, bytes: number): Promise<WalPosition> {
  let p = await walPosition(sql);
  const wanted = Math.ceil(bytes / p.segmentBytes) + 1;
  if (p.ahead >= wanted) return p;
  // Each switch leaves one segment behind; the checkpoint recycles up to about twice the WAL since
  // the last one (XLOGfileslop in xlog.c), so what is switched through here is what comes back.
  for (let i = 0; i < wanted; i++) {
    await sql.query("SELECT pg_logical_emit_message(false, 'sieve-bench', 'ready the WAL')");
    await sql.query('SELECT pg_switch_wal()');
  }
  await sql.exec('CHECKPOINT');
  p = await walPosition(sql);
  return p;
}
