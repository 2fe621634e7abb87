import { InputError, odataAnyOf, odataPage, type NativeInput } from '../../src/adapters/sdk.js';
import { SUB_SETS, type Beneficiary, type EntitySet, type NavRow, type SubSet } from './native.js';

// The response bodies of a read or a poll, recognised by what they hold and joined into
// beneficiaries. A read is the entity, then its five sub-query bodies; a poll is a page of
// `Beneficiaires`, its five sub-query bodies, the next page, its five… Position is not
// relied on: each body names its entity set in `@odata.context`, and sub-rows are joined
// to their beneficiary by `Beneficiaire_No`.

const ENTITY_SETS: readonly EntitySet[] = ['Beneficiaires', ...SUB_SETS];

/** Fields only one entity set has: how a body that lost its `@odata.context` is recognised. */
const SIGNATURE: Readonly<Record<EntitySet, string>> = {
  Beneficiaires: 'Dossier_No',
  Bilans_Potentiel: 'Date_Bilan',
  Mesures_Integration: 'Type_Mesure',
  Notes_Beneficiaire: 'Texte',
  Documents_Beneficiaire: 'Hash_SHA256',
  Autorisations: 'Date_Signature',
};

export interface NavBody {
  /** Undefined for an empty body without context: there is nothing to join. */
  entitySet: EntitySet | undefined;
  rows: NavRow[];
  nextLink?: string;
}

/** The JSON of one input; a body that is not JSON is an InputError naming the input. */
export function parseInput(input: NativeInput): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8').decode(input.content)) as unknown;
  } catch {
    throw new InputError('navision.invalid-body', `${input.name}: not an OData JSON body`, { file: input.name }, 422);
  }
}

/**
 * The entity set a body holds: the last set named in `@odata.context`
 * (`…/$metadata#Company('ORS%20Fribourg')/Bilans_Potentiel`, `…/Beneficiaires/$entity`),
 * else the fields of its first row.
 */
export function entitySetOf(body: unknown, name = 'body'): EntitySet | undefined {
  const context = (body as Record<string, unknown> | null)?.['@odata.context'];
  if (typeof context === 'string') {
    const fragment = context.slice(context.indexOf('#') + 1);
    const found = ENTITY_SETS.find((set) => new RegExp(`(^|/)${set}(?=$|[/(])`).test(fragment));
    if (!found) throw new InputError('navision.unknown-body', `${name}: @odata.context names no entity set the adapter reads`, { file: name }, 422);
    return found;
  }
  const first = odataPage(body).items[0];
  if (!first) return undefined;
  const found = ENTITY_SETS.find((set) => SIGNATURE[set] in first);
  if (!found) throw new InputError('navision.unknown-body', `${name}: the body holds no entity set the adapter reads`, { file: name }, 422);
  return found;
}

export function bodyOf(body: unknown, name = 'body'): NavBody {
  const page = odataPage(body);
  const rows = page.items.filter((row) => row !== null && typeof row === 'object' && !Array.isArray(row));
  return { entitySet: entitySetOf(body, name), rows, ...(page.nextLink ? { nextLink: page.nextLink } : {}) };
}

/** A page of `Beneficiaires` as the transport follows it: its rows and the `@odata.nextLink` to request as is. */
export function pageOf(body: unknown): { beneficiaires: NavRow[]; nextLink?: string } {
  const { rows, nextLink } = bodyOf(body);
  return { beneficiaires: rows, ...(nextLink ? { nextLink } : {}) };
}

/** The `$filter` of a page's five sub-queries: `Beneficiaire_No eq 'A' or Beneficiaire_No eq 'B'`. */
export function subQueryFilter(beneficiaireNos: readonly string[]): string {
  return odataAnyOf('Beneficiaire_No', beneficiaireNos);
}

const keyOf = (row: NavRow, name: string): string | undefined => {
  const v = row[name];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : undefined;
};

/**
 * Beneficiaries with their sub-rows. A beneficiary (or sub-row) served twice, as a retried
 * query would, is kept once: the later copy, at the place of the first. Sub-rows naming
 * no beneficiary of the input are not anyone's and are left out.
 */
export function joinBodies(bodies: readonly NavBody[]): Beneficiary[] {
  const cards = new Map<string, { no: string | undefined; card: NavRow }>();
  const subs = new Map<string, Map<string, NavRow>>();
  let serial = 0;
  for (const body of bodies) {
    for (const row of body.rows) {
      if (body.entitySet === 'Beneficiaires') {
        const no = keyOf(row, 'No');
        cards.set(no ?? `#${serial++}`, { no, card: row });
      } else if (body.entitySet !== undefined) {
        const owner = keyOf(row, 'Beneficiaire_No');
        if (owner === undefined) continue;
        const own = `${body.entitySet}:${keyOf(row, body.entitySet === 'Notes_Beneficiaire' ? 'Entry_No' : 'No') ?? `#${serial++}`}`;
        const rows = subs.get(owner) ?? new Map<string, NavRow>();
        rows.set(own, row);
        subs.set(owner, rows);
      }
    }
  }
  const joined = (no: string | undefined, card: NavRow): Beneficiary => {
    const mine = [...(no === undefined ? [] : (subs.get(no)?.entries() ?? []))];
    const of = (set: SubSet): NavRow[] => mine.filter(([k]) => k.startsWith(`${set}:`)).map(([, row]) => row);
    return { card, subs: Object.fromEntries(SUB_SETS.map((set) => [set, of(set)])) as Record<SubSet, NavRow[]> };
  };
  return [...cards.values()].map(({ no, card }) => joined(no, card));
}

/** A page (or the entity of a read) joined with its five sub-query bodies: what one poll step maps. */
export function joinPage(page: unknown, subBodies: readonly unknown[]): Beneficiary[] {
  return joinBodies([page, ...subBodies].map((body) => bodyOf(body)));
}

/** The inputs of a read or a poll, joined. */
export function beneficiariesOf(inputs: readonly NativeInput[]): Beneficiary[] {
  return joinBodies(inputs.map((input) => bodyOf(parseInput(input), input.name)));
}
