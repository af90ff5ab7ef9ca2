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
  /**
   * Segment files after the one being written, ready for use (made before,
   * or recycled); null when they could not be listed (pg_ls_waldir takes a
   * superuser or the pg_monitor role).
   */
  ahead: number | null;
}

/**
 * The WAL's position now: where it is written to, which anyone may ask (on a
 * server, of every database together: another's writes count too), and the
 * segments ready after it, where the role may list them.
 */
export async function walPosition(sql: SqlClient): Promise<WalPosition> {
  const [row] = await sql.query<{ bytes: number; segment_bytes: number }>(
    `SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::float8 AS bytes,
            (SELECT setting::float8 FROM pg_settings WHERE name = 'wal_segment_size') AS segment_bytes`,
  );
  if (!row) throw new Error('the WAL position query returned no row');
  const ahead = await sql
    .query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_ls_waldir()
        WHERE name ~ '^[0-9A-F]{24}$' AND name > pg_walfile_name(pg_current_wal_insert_lsn())`,
    )
    .then(([r]) => Number(r?.n ?? 0))
    .catch(() => null);
  return { bytes: Number(row.bytes), segmentBytes: Number(row.segment_bytes), ahead };
}

/**
 * What the WAL did between two positions: kilobytes written, segments
 * crossed into, and how many of those were not ready and had to be made
 * while commits waited (null when the segments ready were not known; a
 * checkpoint in between, which can ready more, would make this an
 * overcount: none runs in a benchmark's seconds unless max_wal_size is
 * reached).
 */
export function walUsed(
  before: WalPosition,
  after: WalPosition,
): { kb: number; segmentsCrossed: number; segmentsMade: number | null } {
  const segment = (p: WalPosition) => Math.floor(p.bytes / p.segmentBytes);
  const crossed = segment(after) - segment(before);
  return {
    kb: (after.bytes - before.bytes) / 1024,
    segmentsCrossed: crossed,
    segmentsMade: before.ahead === null ? null : Math.max(0, crossed - before.ahead),
  };
}

/**
 * Makes sure at least enough segments for `bytes` more WAL are ready, as on
 * a server that has run through a checkpoint: while fewer are, writes a
 * WAL record and switches to the next segment (pg_switch_wal; made if it is
 * not there), then checkpoints, which renames the segments left behind as
 * future ones. Takes a superuser (pg_ls_waldir, pg_switch_wal, CHECKPOINT),
 * and fails at once, saying so, without one. Returns the position after and
 * the segments wanted: fewer may be ready where the server keeps fewer
 * (max_wal_size smaller than the WAL asked for; wal_recycle off; segments
 * held for replication or archiving), which the caller should say.
 */
export async function readyWal(
  sql: SqlClient,
  bytes: number,
): Promise<{ position: WalPosition; wanted: number }> {
  const [role] = await sql.query<{ superuser: string }>(
    "SELECT current_setting('is_superuser') AS superuser",
  );
  if (role?.superuser !== 'on') throw new Error('readying the WAL takes a superuser');
  let position = await walPosition(sql);
  const wanted = Math.ceil(bytes / position.segmentBytes) + 1;
  if (position.ahead === null) throw new Error('the WAL segments could not be listed');
  if (position.ahead >= wanted) return { position, wanted };
  // Each switch leaves one segment behind; the checkpoint recycles up to about twice the WAL since
  // the last one (XLOGfileslop in xlog.c), so what is switched through here is what comes back.
  for (let i = 0; i < wanted; i++) {
    await sql.query("SELECT pg_logical_emit_message(false, 'sieve-bench', 'ready the WAL')");
    await sql.query('SELECT pg_switch_wal()');
  }
  await sql.exec('CHECKPOINT');
  position = await walPosition(sql);
  return { position, wanted };
}
