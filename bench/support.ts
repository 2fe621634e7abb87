import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const REPO = path.resolve(import.meta.dirname, '..');

/** The gateway's build, as `npm start` and the image run it (scripts/build.js). */
export const BUILT_BIN = path.join(REPO, 'dist/bin/passerelle.js');

/** Makes the build the gateway's processes run; a build that fails stops the bench. */
export function buildGateway(): void {
  execFileSync(process.execPath, [path.join(REPO, 'scripts/build.js')], { stdio: 'inherit' });
}

/** One figure as a JSON line: the measurement, its baseline of the same run and their ratio. */
export interface Figure {
  figure: string;
  value: number;
  unit: string;
  baseline?: { what: string; value: number };
  ratio?: number;
  [more: string]: unknown;
}

export function report(figure: Figure): Figure {
  const line = figure.baseline && figure.ratio === undefined ? { ...figure, ratio: round(figure.value / figure.baseline.value, 3) } : figure;
  console.log(JSON.stringify(line));
  return line;
}

export const round = (n: number, digits = 0): number => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/** Resident and peak resident memory of a process, in MiB, from /proc (Linux). */
export function memoryOf(pid: number): { rssMiB: number; peakMiB: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rssMiB: round(kib('VmRSS') / 1024), peakMiB: round(kib('VmHWM') / 1024) };
  } catch {
    return undefined;
  }
}

/** The machine's state beside the figures: a ratio means little on a machine busy with something else. */
export function machine(): Record<string, unknown> {
  return { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? '', node: process.version, loadAverage: os.loadavg().map((l) => round(l, 2)) };
}

/** Runs `fn` repeatedly for about `ms` (and at least `min` times); returns runs per second. */
export function rate(fn: () => unknown, ms: number, min = 3): { perSecond: number; runs: number } {
  let runs = 0;
  const started = performance.now();
  while (runs < min || performance.now() - started < ms) {
    fn();
    runs += 1;
  }
  return { perSecond: (runs / (performance.now() - started)) * 1000, runs };
}

/** CPU seconds a process has used so far (user + system), from /proc (Linux). */
export function cpuSecondsOf(pid: number): number | undefined {
  const fields = statFields(pid);
  return fields ? (Number(fields[11]) + Number(fields[12])) / 100 : undefined;
}

function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds of a server and its workers (PostgreSQL's postmaster and its backends): the
 * process's own, what its ended children used (it reaps them) and its living children's.
 */
export function treeCpuSecondsOf(pid: number): number {
  const own = statFields(pid);
  if (!own) return 0;
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(Number(entry));
    if (fields && Number(fields[1]) === pid) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / 100;
}

/** The first process whose command line holds every one of `parts`. */
export function pidOf(...parts: string[]): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (parts.every((p) => cmdline.includes(p))) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}
