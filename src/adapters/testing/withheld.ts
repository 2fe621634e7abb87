import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { CaseRecord, Person } from '../../contract/types.js';
import { MappingError } from '../../errors.js';
import type { Adapter, DeliveryEvent, DeliveryNaming, DeliveryRequest, MapContext, NativeInput } from '../port.js';
import { readSampleInputs } from '../samples.js';
import { deliveryRequest, type DeliveryParties } from './deliveries.js';
import { mockedNetwork } from './network.js';
import { thrown } from './thrown.js';
import type { WriterSample } from './writer-sample.js';

// Records as a delivery gives them, for the tests of the writers (`fromContract`).
//
// Before delivery the gateway removes every data category the policy withholds
// (policies/categories.yaml): a delivered record may lack whole parts, parts the contract
// requires of a source included. Each withholding below removes one from a copy.

/** A part a policy may withhold, by contract path (`[]`: every item), and how it goes. */
export interface Withholding {
  path: string;
  remove: (record: CaseRecord) => void;
}

/** Deletes `path` (`potentialAssessments[].health`) wherever it leads; absent parents are passed over. */
function removePath(root: unknown, path: string): void {
  const [head, ...rest] = path.split('.');
  const node = root as Record<string, unknown> | undefined;
  if (node === undefined || node === null) return;
  if (head!.endsWith('[]')) {
    const items = node[head!.slice(0, -2)];
    if (Array.isArray(items)) for (const item of items) removePath(item, rest.join('.'));
    return;
  }
  if (rest.length === 0) delete node[head!];
  else removePath(node[head!], rest.join('.'));
}

const removing = (path: string): Withholding => ({ path, remove: (r) => removePath(r, path) });

export const WITHHOLDINGS: readonly Withholding[] = [
  // The top-level parts, one category each (person: identity and language both withheld).
  ...['person', 'residence', 'responsibility', 'potentialAssessments', 'integrationPlan', 'employment', 'socialAssistance', 'journal', 'documents', 'consents'].map(removing),
  // Parts of an item, in categories of their own (health, assessment notes, language, education and work).
  ...['health', 'resources', 'obstacles', 'goals', 'languageSkills', 'education', 'workExperience', 'orientation'].map((f) => removing(`potentialAssessments[].${f}`)),
  removing('integrationPlan.measures[].note'),
  removing('person.languages'),
  // Identity withheld, language disclosed: the person holds its languages only.
  {
    path: 'person (all but languages)',
    remove: (r) => {
      const languages = (r.person as Partial<Person> | undefined)?.languages;
      removePath(r, 'person');
      if (languages) (r as { person?: unknown }).person = { languages };
    },
  },
  // The plan withheld, its notes disclosed: the plan's identifying fields and each measure's id and note only.
  {
    path: 'integrationPlan (all but measures[].note)',
    remove: (r) => {
      const plan = r.integrationPlan;
      if (!plan) return;
      const measures = (plan.measures ?? []).filter((m) => m.note !== undefined).map((m) => ({ id: m.id, note: m.note }));
      (r as { integrationPlan?: unknown }).integrationPlan = { id: plan.id, version: plan.version, establishedOn: plan.establishedOn, ...(measures.length > 0 ? { measures } : {}) };
    },
  },
];

/** What the demo policy's `ai-benefit-assessment` rule discloses: identity, residence, education-work, health. */
export const AI_BENEFIT_ASSESSMENT: Withholding = {
  path: 'ai-benefit-assessment',
  remove: (r) =>
    ['responsibility', 'person.languages', 'potentialAssessments[].languageSkills', 'potentialAssessments[].resources', 'potentialAssessments[].obstacles', 'potentialAssessments[].goals', 'integrationPlan', 'socialAssistance', 'journal', 'documents', 'consents'].forEach((p) => removePath(r, p)),
};

/** Every withholding at once: what is left is the envelope. */
export const ALL_WITHHELD: Withholding = { path: 'all at once', remove: (r) => WITHHOLDINGS.forEach((w) => w.remove(r)) };

/** Every case the kit tries: each withholding of the category map, the AI office's rule, all at once. */
const ALL_CASES: readonly Withholding[] = [...WITHHOLDINGS, AI_BENEFIT_ASSESSMENT, ALL_WITHHELD];

/** A copy of the record without what `w` withholds. */
export function withheld(record: CaseRecord, w: Withholding): CaseRecord {
  const copy = structuredClone(record);
  w.remove(copy);
  return copy;
}

/** The values at a native path (`evaluations[].sante`): one per item of every `[]`. */
export function valuesAt(root: unknown, path: string): unknown[] {
  const [head, ...rest] = path.split('.');
  const node = root as Record<string, unknown> | null | undefined;
  if (node === undefined || node === null || typeof node !== 'object') return [undefined];
  if (head!.endsWith('[]')) {
    const items = node[head!.slice(0, -2)];
    return Array.isArray(items) ? items.flatMap((item) => valuesAt(item, rest.join('.'))) : [undefined];
  }
  return rest.length === 0 ? [node[head!]] : valuesAt(node[head!], rest.join('.'));
}

/** Every string of a value, keys aside. */
export function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}

/**
 * The strings only the withheld part held: the rest of the record holds none of them, not
 * even within a longer one, nor does the configuration (an institution's native code, such
 * as a provider id passed through, is written for other parts too).
 */
export function withheldStrings(record: CaseRecord, without: CaseRecord, configuration: unknown): string[] {
  const kept = [...stringsOf(without), JSON.stringify(configuration)];
  return [...new Set(stringsOf(record))].filter((s) => s.length >= 4 && !kept.some((k) => k.includes(s)));
}

/** Those of `strings` that show in a value written (within any of its strings). */
export function shownIn(written: unknown, strings: readonly string[]): string[] {
  const values = stringsOf(written);
  return strings.filter((s) => values.some((v) => v.includes(s)));
}

/**
 * Each write refuses the record alike, typed and for good (`mapping.required`, not
 * retryable), naming the contract path and the native field, never a value of the record
 * (the contract's codes aside: they are field names too).
 */
export function expectRefusedForGood(rich: CaseRecord, writes: readonly (() => unknown)[], refused: { field: string; nativeField: string }, nativeId: string): void {
  for (const write of writes) expectRefusal(rich, thrown(MappingError, write), { ...refused, nativeId });
}

function expectRefusal(rich: CaseRecord, error: unknown, details: Record<string, string>): void {
  expect(error).toBeInstanceOf(MappingError);
  expect(error).toMatchObject({ code: 'mapping.required', retryable: false, status: 422, details });
  const values = stringsOf(rich).filter((s) => s.length >= 4 && s !== rich.source.localCaseId && !/^[a-z][a-z0-9-]*$/.test(s));
  expect(values.filter((s) => (error as MappingError).message.includes(s))).toEqual([]);
}

/** What one withholding gives a writer: native paths left out (and some still written), or a refusal. */
export type WithheldOutcome = { absent: readonly string[]; kept?: readonly string[] } | { refused: { field: string; nativeField: string } };

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** An adapter's table of outcomes (`withheld.yaml` beside its test), checked for shape. */
function readWithheldTable(file: string): Record<string, WithheldOutcome> {
  const table: unknown = parse(readFileSync(file, 'utf8'));
  if (!isObject(table)) throw new Error(`${file}: must map each withholding to its outcome`);
  for (const [key, outcome] of Object.entries(table)) {
    const valid =
      isObject(outcome) &&
      (isObject(outcome.refused)
        ? Object.keys(outcome).length === 1 && typeof outcome.refused.field === 'string' && typeof outcome.refused.nativeField === 'string'
        : strings(outcome.absent) && (outcome.kept === undefined || strings(outcome.kept)) && Object.keys(outcome).every((k) => k === 'absent' || k === 'kept'));
    if (!valid) throw new Error(`${file}: "${key}" must be { absent: [paths], kept?: [paths] } or { refused: { field, nativeField } }`);
  }
  return table as Record<string, WithheldOutcome>;
}

const isAbsentValue = (v: unknown): boolean => v === undefined || v === null || (Array.isArray(v) && v.length === 0);

interface WithheldCommon {
  /** The adapter's table (`withheld.yaml`): by withholding (`Withholding.path`), every one of WITHHOLDINGS, AI_BENEFIT_ASSESSMENT and ALL_WITHHELD. */
  expected: string;
  /** The native tree of a delivery of the record, as `valuesAt` reads it. */
  written: (record: CaseRecord) => unknown;
  /** The other writes of the record (the bodies a read serves): they refuse, or succeed, alike. */
  others?: readonly ((record: CaseRecord) => unknown)[];
  /** What counts as left out (default: undefined, null or []); `omitted`: undefined only, and no null or [] anywhere. */
  absence?: 'empty' | 'omitted' | ((value: unknown) => boolean);
  /** Where the table refuses `ai-benefit-assessment`: the adapter's delivery, which must fail before it sends anything. */
  delivery?: { deliver: (request: DeliveryRequest) => Promise<unknown>; parties: DeliveryParties };
}

/**
 * The rich record and the institution's settings (their codes may show for other parts
 * too), or the adapter's `WriterSample`, which gives both and adds its write without a
 * delivery (the body a read serves) to `others`.
 */
export type WithheldOptions = WithheldCommon & ({ rich: () => CaseRecord; configuration: unknown } | { sample: WriterSample });

/**
 * The kit's test of a writer against what a policy may withhold: for every withholding of
 * the category map, the record is written without its native fields and nothing only the
 * withheld part held shows, or it is refused for good naming the path and the native field.
 */
export function describeWithheld(title: string, options: WithheldOptions): void {
  const o =
    'sample' in options
      ? { ...options, rich: options.sample.rich, configuration: options.sample.ctx.settings, others: [...(options.others ?? []), (r: CaseRecord) => options.sample.mapper.fromContract([r], options.sample.ctx)] }
      : options;
  const absent = o.absence === 'omitted' ? (v: unknown) => v === undefined : typeof o.absence === 'function' ? o.absence : isAbsentValue;
  const held = typeof o.absence === 'function' ? (v: unknown) => !absent(v) : (v: unknown) => !isAbsentValue(v);
  const table = readWithheldTable(o.expected);
  describe(title, () => {
    const rich = o.rich();

    it('knows what each withholding leaves', () => {
      expect(Object.keys(table).sort()).toEqual(ALL_CASES.map((w) => w.path).sort());
    });

    it.each(ALL_CASES)('without $path', (w) => {
      const record = withheld(rich, w);
      const expected = table[w.path]!;
      const others = (o.others ?? []).map((write) => () => write(record));
      if ('refused' in expected) {
        expectRefusedForGood(rich, [() => o.written(record), ...others], expected.refused, rich.source.localCaseId);
        return;
      }
      const tree = o.written(record);
      for (const p of expected.absent) expect(valuesAt(tree, p).every(absent), `${p} left out`).toBe(true);
      for (const p of expected.kept ?? []) {
        const values = valuesAt(tree, p);
        expect(values.length > 0 && values.every(held), `${p} still written`).toBe(true);
      }
      expect(shownIn(tree, withheldStrings(rich, record, o.configuration))).toEqual([]);
      if (o.absence === 'omitted') expect(JSON.stringify(tree)).not.toMatch(/null|\[\]/);
      for (const write of others) expect(write).not.toThrow();
    });

    const refusal = table[AI_BENEFIT_ASSESSMENT.path];
    const delivery = o.delivery;
    if (delivery && !(refusal && 'refused' in refusal)) throw new Error(`${o.expected}: a delivery is checked only where the table refuses ${AI_BENEFIT_ASSESSMENT.path}`);
    if (delivery && refusal && 'refused' in refusal) {
      describe('the transport', () => {
        mockedNetwork();
        // No scope is set up: a request sent (a token's included) would fail as unreachable, not as a mapping error.
        it(`fails a delivery without what ${AI_BENEFIT_ASSESSMENT.path} withholds before sending, for good, naming ${refusal.refused.field} and ${refusal.refused.nativeField}`, async () => {
          const error = await delivery.deliver(deliveryRequest(withheld(rich, AI_BENEFIT_ASSESSMENT), delivery.parties)).then(
            () => undefined,
            (e: unknown) => e,
          );
          expectRefusal(rich, error, refusal.refused);
        });
      });
    }
  });
}

/** The refusals of a file writer's table (`withheld.yaml`): entries of `readWithheldTable`'s shape, each `{ refused: { field, nativeField } }` for a case of the kit. */
function readRefusals(file: string): Record<string, { field: string; nativeField: string }> {
  const known = new Set(ALL_CASES.map((w) => w.path));
  return Object.fromEntries(
    Object.entries(readWithheldTable(file)).map(([key, outcome]) => {
      if (!known.has(key) || !('refused' in outcome)) throw new Error(`${file}: "${key}" must be a withholding of the kit with { refused: { field, nativeField } }`);
      return [key, outcome.refused];
    }),
  );
}

export interface RequiredPartsOptions {
  /** The adapter's folder (`import.meta.dirname`): its `withheld.yaml` (the refusals), and `fixtures/` for `sample`. */
  dir: string;
  /** The sample tried, by name in `fixtures/` (its first record), or the record itself. */
  sample: string | (() => CaseRecord);
  /** The institution's context: its settings' codes may show for other parts too. */
  context: MapContext;
  /** The values the files hold, without the format's own names (`xmlValues`, `csvValues`, `xlsxValues`). */
  values: (files: NativeInput[]) => readonly string[];
  /** The event a delivery carries, for writers that write it (sedex). */
  event?: DeliveryEvent;
}

/**
 * The kit's test of a file writer against what a policy may withhold: each withholding its
 * table lists is refused for good before a file is written, naming the contract path and
 * the native field; every other one writes, and no value of the files holds a string only
 * the withheld part held.
 */
export function describeRequiredParts(title: string, adapter: Pick<Adapter, 'mapper'>, o: RequiredPartsOptions): void {
  const refusals = readRefusals(path.join(o.dir, 'withheld.yaml'));
  const delivery: DeliveryNaming = { transferId: '0b9f4c7e-2d1a-4f60-8e3b-7a5c9d2e1f08', at: o.context.now(), ...(o.event ? { event: o.event } : {}) };
  const write = (record: CaseRecord): NativeInput[] => adapter.mapper.fromContract([record], o.context, delivery);
  const sample = o.sample;
  const richOf = typeof sample === 'function' ? sample : (): CaseRecord => adapter.mapper.toContract(readSampleInputs(path.join(o.dir, 'fixtures'), sample), o.context).records[0]!;
  describe(title, () => {
    const rich = richOf();
    it('reads back the values it writes (else the check below would prove nothing)', () => {
      const strings = [...new Set(stringsOf(rich))].filter((v) => v.length >= 4);
      // Codes and dates are written in the format's own notation: about a third of the record's strings show as they are (ids, names, texts).
      expect(shownIn(o.values(write(rich)), strings).length).toBeGreaterThan(strings.length / 5);
    });
    it.each(ALL_CASES)('without $path', (w) => {
      const record = withheld(rich, w);
      const refused = refusals[w.path];
      if (refused) {
        expectRefusedForGood(rich, [() => write(record)], refused, rich.source.localCaseId);
        return;
      }
      expect(shownIn(o.values(write(record)), withheldStrings(rich, record, o.context.settings))).toEqual([]);
    });
  });
}
