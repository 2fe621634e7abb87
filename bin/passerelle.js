#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so the command never lags behind the code;
// the copy of this file in a build (dist/bin, `node scripts/build.js`) runs its JavaScript.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// A bulk import streams; with a small old space V8 collects early and the process stays
// small however large the export (docs/adapters.md, "Bulk onboarding").
const HEAP_FLAG = '--max-old-space-size';
if (process.argv[2] === 'import' && !process.execArgv.some((a) => a.startsWith(HEAP_FLAG)) && !(process.env.NODE_OPTIONS ?? '').includes(HEAP_FLAG)) {
  const run = spawnSync(process.execPath, [`${HEAP_FLAG}=128`, ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}

const built = new URL('../src/cli/main.js', import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
