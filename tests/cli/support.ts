import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO } from '../support/paths.js';

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const BIN = path.join(REPO, 'bin/passerelle.js');

/** `passerelle ARGS` as an operator runs it: no terminal, only the given settings. */
export function passerelle(args: readonly string[], env: Record<string, string> = {}, input?: string): Run {
  const run = spawnSync(process.execPath, [BIN, ...args], {
    cwd: REPO,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...env },
    timeout: 120_000,
    ...(input === undefined ? {} : { input }),
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The same, without blocking, so that many runs can go at once. */
export function passerelleAsync(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs `items` through `fn`, `width` at a time, keeping their order. */
export async function pool<T, R>(items: readonly T[], width: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]!);
      }
    }),
  );
  return results;
}

/** The JSON lines of a command's output. */
export const jsonLines = (text: string): Record<string, any>[] =>
  text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, any>);
