import { sampleContext } from '../../src/adapters/testing.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { MapContext, NativeInput } from '../../src/adapters/sdk.js';

/** The sample configuration of Navision's FORMAT.md: the source as the samples expect it. */
export const SAMPLE_CONTEXT = sampleContext(new URL('./sample-institutions.yaml', import.meta.url));

export const SAMPLE_SETTINGS = SAMPLE_CONTEXT.settings;

// Fixture bodies for the tests, editable in memory.

export const FIXTURES = path.resolve(import.meta.dirname, 'fixtures');
export const TEST_CONTEXT: MapContext = { ...SAMPLE_CONTEXT, now: () => new Date('2025-03-03T08:15:23Z') };

export type Row = Record<string, unknown>;
export interface Body {
  name: string;
  json: Row;
}

/** A sample's bodies in the order its `requests.md` lists them. */
export function sampleBodies(sample: string): Body[] {
  const requests = readFileSync(path.join(FIXTURES, `${sample}.requests.md`), 'utf8');
  return [...requests.matchAll(/answered by `([^`]+)`/g)].map((m) => ({ name: m[1]!, json: JSON.parse(readFileSync(path.join(FIXTURES, m[1]!), 'utf8')) as Row }));
}

export const inputsOf = (bodies: readonly Body[]): NativeInput[] => bodies.map((b) => ({ name: b.name, content: new TextEncoder().encode(JSON.stringify(b.json)) }));

const rowsOfBody = (b: Body): Row[] => (Array.isArray(b.json.value) ? (b.json.value as Row[]) : [b.json]);
const setOf = (b: Body): string => String(b.json['@odata.context'] ?? '').replace(/\/\$entity$/, '').split('/').at(-1) ?? '';

/** The card of beneficiary `no` among the bodies (to edit in place). */
export function cardIn(bodies: readonly Body[], no: string): Row {
  const card = bodies.filter((b) => setOf(b) === 'Beneficiaires').flatMap(rowsOfBody).find((r) => r.No === no);
  if (!card) throw new Error(`no card ${no}`);
  return card;
}

/** The rows of sub-table `set` naming beneficiary `no`, in body order (to edit in place). */
export function rowsIn(bodies: readonly Body[], set: string, no: string): Row[] {
  return bodies.filter((b) => setOf(b) === set).flatMap(rowsOfBody).filter((r) => r.Beneficiaire_No === no);
}

/** The expanded list `name` of a card. */
export const listOf = (card: Row, name: string): Row[] => card[name] as Row[];
