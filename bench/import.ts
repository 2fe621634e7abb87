/**
 * Bulk onboarding of a canton: `passerelle import` of generated exports (Tutoris Voll
 * exports, CM-T nightly CSVs, KLIBnet exports of households; realistic persons with statuses, plans, journals, documents)
 * into snapshots in PostgreSQL.
 *
 *   BENCH_IMPORTS=tutoris:5000,tutoris:50000,cm-t:5000,cm-t:50000,klibnet:20000 node --import tsx bench/import.ts
 *
 * For each: records per second and peak RSS of the real `passerelle import` process (the
 * build, as the image runs it: scripts/build.js first), and,
 * measured in the same run as the baseline, the rate at which the same file is only parsed
 * and mapped (no store). Prints one JSON line each; not part of `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { parse, stringify } from 'yaml';
import pg from 'pg';
import { generateExport as generateCmt } from '../adapters/cm-t/generate.js';
import { adapter as cmt } from '../adapters/cm-t/index.js';
import { adapter as tutoris, generateExport as generateTutoris } from '../adapters/tutoris/index.js';
import { adapter as klibnet } from '../adapters/klibnet/index.js';
import { generateExport as generateKlibnet } from '../adapters/klibnet/generate.js';
import type { Adapter } from '../src/adapters/sdk.js';
import { BUILT_BIN, buildGateway } from './support.js';

const REPO = path.resolve(import.meta.dirname, '..');
buildGateway();
const RUNS = (process.env.BENCH_IMPORTS ?? 'tutoris:5000,tutoris:50000,cm-t:5000,cm-t:50000').split(',').map((r) => {
  const [system, n] = r.split(':');
  return { system: system!, persons: Number(n) };
});

interface Kind {
  adapter: Adapter;
  institution: string;
  file: (n: number) => string;
  generate: (n: number) => AsyncIterable<Uint8Array>;
}
const KINDS: Record<string, Kind> = {
  tutoris: { adapter: tutoris, institution: 'sh-sozialamt', file: (n) => `TUT_AIS_SH-KSA_${n}.xml`, generate: (n) => generateTutoris({ persons: n, mandant: 'SH-KSA', seed: 7 }) },
  // A KLIBnet export counts households (UEs): each is one or more persons.
  klibnet: { adapter: klibnet, institution: 'so-sozialregion-olten', file: () => 'KLIB_FLUE_SROL_20260315.xml', generate: (n) => generateKlibnet({ households: n, seed: 7 }) },
  'cm-t': { adapter: cmt, institution: 'gl-integrationsstelle', file: () => 'CMT_Export_20260315.csv', generate: (n) => generateCmt({ rows: n, seed: 7 }) },
};
const DATABASE_URL = process.env.PASSERELLE_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const dir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-import-bench-'));

async function writeExport(kind: Kind, persons: number): Promise<string> {
  const file = path.join(dir, `${persons}`, kind.file(persons));
  mkdirSync(path.dirname(file), { recursive: true });
  const out = createWriteStream(file);
  for await (const chunk of kind.generate(persons)) if (!out.write(chunk)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  return file;
}

/** The baseline: the same file parsed and mapped, nothing stored. */
async function parseOnly(kind: Kind, file: string, institution: { canton: string; settings: Record<string, unknown> }): Promise<number> {
  const started = performance.now();
  let records = 0;
  const chunks = async function* () {
    yield* (await import('node:fs')).createReadStream(file, { highWaterMark: 256 * 1024 }) as AsyncIterable<Uint8Array>;
  };
  for await (const item of kind.adapter.files!.stream!(chunks(), path.basename(file), { institutionId: kind.institution, canton: institution.canton, settings: institution.settings, now: () => new Date() })) {
    if (item.kind === 'record') records += 1;
  }
  return records / ((performance.now() - started) / 1000);
}

const policies = path.join(dir, 'policies');
mkdirSync(policies);
const institutions = ['tutoris', 'cm-t', 'klibnet'].flatMap((system) => parse(readFileSync(path.join(REPO, `adapters/${system}/sample-institutions.yaml`), 'utf8')) as { id: string; canton: string; settings: Record<string, unknown> }[]);
writeFileSync(path.join(policies, 'institutions.yaml'), stringify(institutions));
for (const f of ['routes.yaml', 'disclosure.yaml']) writeFileSync(path.join(policies, f), readFileSync(path.join(REPO, 'tests/fixtures/policies', f)));

const admin = new pg.Client({ connectionString: DATABASE_URL });
await admin.connect();
try {
  for (const { system, persons } of RUNS) {
    const kind = KINDS[system];
    if (!kind) throw new Error(`no generator for ${system}`);
    const institution = institutions.find((i) => i.id === kind.institution)!;
    const file = await writeExport(kind, persons);
    const schema = `bench_import_${persons}_${Date.now().toString(36)}`;
    const baseline = await parseOnly(kind, file, institution);
    const run = spawnSync(process.execPath, [BUILT_BIN, 'import', '--adapter', system, '--institution', kind.institution, '--yes', file], {
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
        bench: 'import',
        adapter: system,
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
