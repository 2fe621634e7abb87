import { readFileSync } from 'node:fs';
import os from 'node:os';

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
