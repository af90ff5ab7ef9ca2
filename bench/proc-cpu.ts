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

/** The whole machine's CPU time so far, in clock ticks: all of it, and what the host took (steal). */
export interface MachineCpu {
  total: number;
  steal: number;
}

/**
 * The machine's CPU time from /proc/stat's first line (every core together):
 * user, nice, system, idle, iowait, irq, softirq, steal, ...; guest time is
 * already inside user and nice, so it is not added again. Undefined where
 * there is no such line (not Linux).
 */
export function parseMachineCpu(procStat: string): MachineCpu | undefined {
  const line = procStat.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) return undefined;
  const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
  if (ticks.length < 8 || ticks.some((t) => !Number.isFinite(t))) return undefined;
  return { total: ticks.reduce((a, b) => a + b, 0), steal: ticks[7]! };
}

/** {@link parseMachineCpu} of this machine now. */
export function machineCpu(): MachineCpu | undefined {
  try {
    return parseMachineCpu(readFileSync('/proc/stat', 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * The share of the machine's CPU time between two readings that the host
 * gave to others (steal, in %, one decimal): on a virtual machine whose host
 * is oversubscribed, the cores stop for milliseconds at a time whatever runs
 * on them, and a latency measured then is not the code's alone. Null where
 * either reading is missing.
 */
export function stealPercent(a: MachineCpu | undefined, b: MachineCpu | undefined): number | null {
  if (!a || !b || b.total <= a.total) return null;
  return Math.round(((b.steal - a.steal) * 1000) / (b.total - a.total)) / 10;
}

/** Seconds of CPU the processes have used together; undefined if any cannot be read (a server on another machine). */
export function totalCpuSeconds(pids: readonly number[]): number | undefined {
  const cpu = cpuByProcess(pids);
  return cpu.size === new Set(pids).size ? [...cpu.values()].reduce((a, b) => a + b, 0) : undefined;
}
