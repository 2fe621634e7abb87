import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from '../support/paths.js';

export type Json = Record<string, any>;

/** The systems' reference samples beside the checkout; without them (CI), the adapters' copies. */
export const SYSTEMS = path.resolve(REPO, '../shared/systems');
export const EXTRACTED_AT = '2025-03-03T09:15:22+01:00';

function sampleDirs(): { system: string; dir: string }[] {
  if (existsSync(SYSTEMS)) {
    return readdirSync(SYSTEMS)
      .map((system) => ({ system, dir: path.join(SYSTEMS, system, 'samples') }))
      .filter(({ dir }) => existsSync(dir));
  }
  const adapters = path.join(REPO, 'adapters');
  return readdirSync(adapters)
    .map((system) => ({ system, dir: path.join(adapters, system, 'fixtures') }))
    .filter(({ dir }) => existsSync(dir));
}

function files(suffix: string): { name: string; file: string }[] {
  return sampleDirs().flatMap(({ system, dir }) =>
    readdirSync(dir)
      .filter((f) => f.endsWith(suffix))
      .sort()
      .map((f) => ({ name: `${system}/${f}`, file: path.join(dir, f) })),
  );
}

const read = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8')) as unknown;

/** Every expected record, named `system/file#index`, with the `extractedAt` the files leave out. */
export function expectedRecords(): [string, Json][] {
  return files('.expected.json').flatMap(({ name, file }) =>
    (read(file) as Json[]).map((record, i): [string, Json] => [`${name}#${i}`, { ...record, source: { ...record.source, extractedAt: EXTRACTED_AT } }]),
  );
}

export function expectedEvents(): [string, Json][] {
  return files('.expected-event.json').map(({ name, file }) => [name, read(file) as Json]);
}

/** A fresh copy of one sample record, to break on purpose. */
export function sampleRecord(name: string): Json {
  const found = expectedRecords().find(([n]) => n.startsWith(name));
  if (!found) throw new Error(`no sample ${name}`);
  return structuredClone(found[1]);
}

export function sampleEvent(name: string): Json {
  const found = expectedEvents().find(([n]) => n.startsWith(name));
  if (!found) throw new Error(`no sample event ${name}`);
  return structuredClone(found[1]);
}
