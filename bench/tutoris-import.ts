/**
 * Bulk onboarding of a canton: `passerelle import` of generated Tutoris Voll exports
 * (realistic Klienten: statuses, plans, journals, documents) into snapshots in PostgreSQL.
 *
 *   BENCH_PERSONS=5000,50000 node --import tsx bench/tutoris-import.ts
 *
 * For each size: records per second and peak RSS of the real `passerelle import` process,
 * and, measured in the same run as the baseline, the rate at which the same file is only
 * parsed and mapped (no store). Prints one JSON line per size; not part of `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { parse, stringify } from 'yaml';
import pg from 'pg';
import { adapter as tutoris, generateExport } from '../adapters/tutoris/index.js';

const REPO = path.resolve(import.meta.dirname, '..');
const SIZES = (process.env.BENCH_PERSONS ?? '5000,50000').split(',').map(Number);
const DATABASE_URL = process.env.PASSERELLE_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const dir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-import-bench-'));

async function writeExport(persons: number): Promise<string> {
  const file = path.join(dir, `TUT_AIS_SH-KSA_${persons}.xml`);
  const out = createWriteStream(file);
  for await (const chunk of generateExport({ persons, mandant: 'SH-KSA', seed: 7 })) if (!out.write(chunk)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  return file;
}

/** The baseline: the same file parsed and mapped, nothing stored. */
async function parseOnly(file: string, settings: Record<string, unknown>): Promise<number> {
  const started = performance.now();
  let records = 0;
  const chunks = async function* () {
    yield* (await import('node:fs')).createReadStream(file, { highWaterMark: 256 * 1024 }) as AsyncIterable<Uint8Array>;
  };
  for await (const item of tutoris.files!.stream!(chunks(), path.basename(file), { institutionId: 'sh-sozialamt', canton: 'SH', settings, now: () => new Date() })) {
    if (item.kind === 'record') records += 1;
  }
  return records / ((performance.now() - started) / 1000);
}

const policies = path.join(dir, 'policies');
mkdirSync(policies);
const institutions = parse(readFileSync(path.join(REPO, 'adapters/tutoris/sample-institutions.yaml'), 'utf8')) as { id: string; settings: Record<string, unknown> }[];
writeFileSync(path.join(policies, 'institutions.yaml'), stringify(institutions));
for (const f of ['routes.yaml', 'disclosure.yaml']) writeFileSync(path.join(policies, f), readFileSync(path.join(REPO, 'tests/fixtures/policies', f)));
const settings = institutions.find((i) => i.id === 'sh-sozialamt')!.settings;

const admin = new pg.Client({ connectionString: DATABASE_URL });
await admin.connect();
try {
  for (const persons of SIZES) {
    const file = await writeExport(persons);
    const schema = `bench_import_${persons}_${Date.now().toString(36)}`;
    const baseline = await parseOnly(file, settings);
    const run = spawnSync(process.execPath, [path.join(REPO, 'bin/passerelle.js'), 'import', '--adapter', 'tutoris', '--institution', 'sh-sozialamt', '--yes', file], {
      cwd: REPO,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { PATH: process.env.PATH ?? '', ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}), PASSERELLE_POLICIES: policies, PASSERELLE_DATA_DIR: dir, PASSERELLE_DATABASE_URL: DATABASE_URL, PASSERELLE_DATABASE_SCHEMA: schema, PASSERELLE_REDIS_PREFIX: `pbench:${schema}` },
    });
    await admin.query(`drop schema if exists "${schema}" cascade`);
    if (run.status !== 0) {
      console.error(run.stderr.slice(-2000));
      throw new Error(`passerelle import exited ${run.status}`);
    }
    const summary = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { imported: number; rejected: number; recordsPerSecond: number; peakRssMb: number; seconds: number };
    console.log(
      JSON.stringify({
        bench: 'tutoris-import',
        persons,
        fileMb: Math.round(statSync(file).size / 1048576),
        imported: summary.imported,
        rejected: summary.rejected,
        seconds: summary.seconds,
        recordsPerSecond: summary.recordsPerSecond,
        peakRssMb: summary.peakRssMb,
        baselineParseRecordsPerSecond: Math.round(baseline),
        ratioToParse: Math.round((summary.recordsPerSecond / baseline) * 1000) / 1000,
      }),
    );
  }
} finally {
  await admin.end();
  rmSync(dir, { recursive: true, force: true });
}
