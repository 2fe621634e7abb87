import { odataString, writing, type CaseRecord, type DeliveryNaming, type MapContext, type NativeInput } from '../../src/adapters/sdk.js';
import { SUB_SETS, type SubSet } from './native.js';
import { organisationsOf } from './settings.js';
import { SYSTEM } from './to-contract.js';
import { cardOf, responsibilityRowsOf, statusRowsOf } from './write-card.js';
import { bilanRowsOf, consentRowsOf, documentRowsOf, measureRowsOf, noteRowsOf } from './write-subs.js';

// What a delivery sends: the card for `POST /Beneficiaires` (NAV answers with its `No`),
// then each sub-record with that `No` as `Beneficiaire_No` (NAV takes no deep insert).

type Body = Record<string, unknown>;

/**
 * Stands for the `No` NAV gives the new card, in `Beneficiaire_No` values and in paths.
 * The transport replaces it with `withBeneficiaireNo` once the card's `201` is in.
 */
export const BENEFICIAIRE_NO = '{{Beneficiaire_No}}';

export type SubRecordSet = 'BeneficiaireStatuts' | 'BeneficiaireResponsabilites' | SubSet;

export interface SubRecord {
  entitySet: SubRecordSet;
  /**
   * Where to `POST` it, relative to the OData root: the entity set, or for the card's two
   * lists (no entity set of their own in FORMAT.md) the navigation property
   * `Beneficiaires('{{Beneficiaire_No}}')/BeneficiaireStatuts`.
   */
  path: string;
  body: Body;
}

export interface NavisionPayloads {
  card: Body;
  /** Statuses, responsibilities, then the five sub-tables in FORMAT.md's order. */
  subRecords: SubRecord[];
}

const KEY = `'${BENEFICIAIRE_NO}'`;

/** The card and sub-records of one record; a value NAV cannot say refuses it, naming the path. */
export function navisionPayloads(record: CaseRecord, ctx: Pick<MapContext, 'settings'>): NavisionPayloads {
  const orgs = organisationsOf(ctx);
  const env = { own: record.source.system === SYSTEM };
  return writing(record, () => {
    const owned = (entitySet: SubRecordSet, path: string, rows: Body[]): SubRecord[] =>
      rows.map((row) => ({ entitySet, path, body: { Beneficiaire_No: BENEFICIAIRE_NO, ...row } }));
    const rows: Record<SubSet, Body[]> = {
      Bilans_Potentiel: bilanRowsOf(record, orgs, env),
      Mesures_Integration: measureRowsOf(record, orgs, env),
      Notes_Beneficiaire: noteRowsOf(record, orgs, env),
      Documents_Beneficiaire: documentRowsOf(record, env),
      Autorisations: consentRowsOf(record, orgs, env),
    };
    return {
      card: cardOf(record, orgs, env),
      subRecords: [
        ...owned('BeneficiaireStatuts', `Beneficiaires(${KEY})/BeneficiaireStatuts`, statusRowsOf(record, env)),
        ...owned('BeneficiaireResponsabilites', `Beneficiaires(${KEY})/BeneficiaireResponsabilites`, responsibilityRowsOf(record, orgs, env)),
        ...SUB_SETS.flatMap((set) => owned(set, set, rows[set])),
      ],
    };
  });
}

/** The payloads with NAV's `No` for the new card in place of `BENEFICIAIRE_NO` (paths get it as an OData key literal). */
export function withBeneficiaireNo(payloads: NavisionPayloads, no: string): NavisionPayloads {
  return {
    card: payloads.card,
    subRecords: payloads.subRecords.map((s) => ({
      entitySet: s.entitySet,
      path: s.path.split(KEY).join(odataString(no)),
      body: s.body.Beneficiaire_No === BENEFICIAIRE_NO ? { ...s.body, Beneficiaire_No: no } : s.body,
    })),
  };
}

/**
 * The records as NAV would serve them after the delivery: a `Beneficiaires` page (each card
 * with `No` = `localPersonId`, its two lists expanded) and the five sub-query bodies, named
 * `[<transferId>.]<entity set>.json`. `toContract` reads them back (round trips).
 */
export function fromContract(records: readonly CaseRecord[], ctx: MapContext, delivery?: DeliveryNaming): NativeInput[] {
  const modified = (delivery?.at ?? ctx.now()).toISOString();
  const cards: Body[] = [];
  const subs: Record<SubSet, Body[]> = { Bilans_Potentiel: [], Mesures_Integration: [], Notes_Beneficiaire: [], Documents_Beneficiaire: [], Autorisations: [] };
  for (const record of records) {
    const no = record.source.localPersonId;
    const filled = withBeneficiaireNo(navisionPayloads(record, ctx), no);
    const list = (set: SubRecordSet): Body[] => filled.subRecords.filter((s) => s.entitySet === set).map((s, i) => ({ Entry_No: i + 1, ...s.body }));
    cards.push({
      No: no,
      ...filled.card,
      Derniere_Modif_Dossier: modified,
      BeneficiaireStatuts: list('BeneficiaireStatuts'),
      BeneficiaireResponsabilites: list('BeneficiaireResponsabilites'),
    });
    for (const set of SUB_SETS) {
      const rows = filled.subRecords.filter((s) => s.entitySet === set).map((s) => s.body);
      subs[set].push(...(set === 'Notes_Beneficiaire' ? numberNotes(rows, record) : rows));
    }
  }
  const metadata = metadataOf(ctx.settings.baseUrl);
  const prefix = delivery ? `${delivery.transferId}.` : '';
  const input = (set: string, body: Body): NativeInput => ({
    name: `${prefix}${set.toLowerCase()}.json`,
    content: new TextEncoder().encode(JSON.stringify({ '@odata.context': `${metadata}${set}`, ...body }, null, 2)),
  });
  return [input('Beneficiaires', { value: cards }), ...SUB_SETS.map((set) => input(set, { value: subs[set] }))];
}

/** NAV numbers notes itself: a journal id that is a whole number is kept, any other gets the next free number. */
function numberNotes(rows: Body[], record: CaseRecord): Body[] {
  const ids = (record.journal ?? []).map((j) => (/^[1-9]\d{0,14}$/.test(j.id) ? Number(j.id) : undefined));
  let next = Math.max(0, ...ids.filter((n): n is number => n !== undefined)) + 1;
  return rows.map((row, i) => ({ Entry_No: ids[i] ?? next++, ...row }));
}

/** `…/ODataV4/Company('X')` → `…/ODataV4/$metadata#Company('X')/`, as NAV writes `@odata.context`. */
function metadataOf(baseUrl: unknown): string {
  const match = typeof baseUrl === 'string' ? /^(.*\/ODataV4)\/(.+)$/.exec(baseUrl) : null;
  return match ? `${match[1]}/$metadata#${match[2]}/` : '$metadata#';
}
