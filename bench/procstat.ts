import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** A process whose CPU and memory the benchmark reports (the load generator is never one). */
export interface Watched {
  name: string;
  pid: number;
}

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (100 on Linux, almost always). */
const TICKS_PER_SEC = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU a process (all its threads) has used so far, in microseconds. */
export function cpuMicros(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the whole line, so 11 and 12 after the name.
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1e6) / TICKS_PER_SEC;
}

/** Resident set size in bytes (VmRSS), undefined once the process is gone. */
export function rssBytes(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where a process's resident memory is: `rss` (what `ps` shows), `pss` (shared pages split among
 * the processes sharing them: nine daprd map one binary, ten Node services one node) and `anon`
 * (heap and stacks, the process's own). Undefined once the process is gone.
 */
export function memoryOf(pid: number): { rss: number; pss: number; anon: number } | undefined {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = (field: string) =>
      Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0) * 1024;
    return { rss: kb('Rss'), pss: kb('Pss'), anon: kb('Anonymous') };
  } catch {
    return undefined;
  }
}

/** CPU used by each watched process between two snapshots. */
export type CpuUse = Record<string, number>;

export function cpuSnapshot(processes: Watched[]): Map<number, number> {
  const snapshot = new Map<number, number>();
  for (const p of processes) {
    const micros = cpuMicros(p.pid);
    if (micros !== undefined) snapshot.set(p.pid, micros);
  }
  return snapshot;
}

export function cpuSince(before: Map<number, number>, processes: Watched[]): CpuUse {
  const used: CpuUse = {};
  for (const p of processes) {
    const start = before.get(p.pid);
    const now = cpuMicros(p.pid);
    if (start !== undefined && now !== undefined) used[p.name] = now - start;
  }
  return used;
}
