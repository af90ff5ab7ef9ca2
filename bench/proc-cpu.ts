/**
 * CPU time of processes read from /proc, for benchmarks: on a machine
 * shared with other work, CPU per declaration or per request says more than
 * a rate or a latency, which depend on what else runs.
 */
import { readFileSync } from 'node:fs';
import type { SqlClient } from '@sieve/store';

/** Seconds of CPU (user and system, every thread) the process has used; undefined where /proc cannot tell (no such process, not Linux). */
export function processCpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime and stime, in clock ticks of 1/100 s
  } catch {
    return undefined;
  }
}

/**
 * The PostgreSQL server processes serving the connections to the current
 * database (a benchmark's fresh database, so only its own); undefined on
 * PGlite, which runs in the calling process.
 */
export async function backendPids(sql: SqlClient): Promise<number[] | undefined> {
  if (sql.kind !== 'postgres') return undefined;
  const rows = await sql.query<{ pid: number }>(
    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'",
  );
  return rows.map((r) => r.pid);
}

/** Seconds of CPU each process has used, for those /proc can tell of. */
export function cpuByProcess(pids: readonly number[]): Map<number, number> {
  const cpu = new Map<number, number>();
  for (const pid of pids) {
    const s = processCpuSeconds(pid);
    if (s !== undefined) cpu.set(pid, s);
  }
  return cpu;
}

/** Seconds of CPU the processes have used together; undefined if any cannot be read (a server on another machine). */
export function totalCpuSeconds(pids: readonly number[]): number | undefined {
  const cpu = cpuByProcess(pids);
  return cpu.size === new Set(pids).size ? [...cpu.values()].reduce((a, b) => a + b, 0) : undefined;
}
