import { ahv13, at, invalid, mapRecords, missing, odataBoolean, odataLocalDate, odataText, odataWhole, OrganisationMap, partialFromParts, percent, recordIdFor, required, sortBy, zemis, zurichTimestamp, type MapContext, type MapResult, type NativeInput, type RecordStamp } from '../../src/adapters/sdk.js';
import { CASI, STATUTI } from './columns.js';
import * as codes from './codes.js';
import { readBodies } from './inputs.js';
import { childrenOf, numberOrText, type Site } from './site.js';

export { childrenOf, numberOrText, type Site } from './site.js';
import { assessmentsOf, consentsOf, documentsOf, journalOf, planOf } from './to-contract-parts.js';
import { enteKey, label, multi, type Json } from './values.js';

export const SYSTEM = 'sharepoint-ti';

/** Verbose answers (`Casi` items, then their child lists, page by page) or delivery documents → one record per `Casi` item. */
export function toContract(inputs: readonly NativeInput[], ctx: MapContext): MapResult {
  const bodies = readBodies(inputs);
  const site: Site = { bodies, enti: OrganisationMap.fromSettings(ctx.settings), ctx };
  return mapRecords(bodies.casi, (item) => mapCase(item, site), {
    nativeIdOf: (item) => odataText(item.Id) ?? '(no Id)',
    nativeFieldOf,
    // A delivery document has no etag or Modified yet: no version to stamp.
    ...(bodies.delivered ? {} : { stampOf: (item: Json) => stampOf(item, ctx) }),
  });
}

/** A case's version: its `Id` and `__metadata.etag` (the event recipe names both), at `Modified`. */
export function stampOf(item: Json, ctx: Pick<MapContext, 'now'>): RecordStamp {
  const modified = odataText(item.Modified);
  const when = modified && !Number.isNaN(Date.parse(modified)) ? new Date(modified) : ctx.now();
  return { version: `${odataText(item.Id) ?? ''}:${odataText((item.__metadata as Json | undefined)?.etag) ?? ''}`, occurredAt: zurichTimestamp(when) };
}


function mapCase(c: Json, site: Site): unknown {
  const id = c.Id;
  if (typeof id !== 'number') throw missing(at('source.localPersonId', 'Id'));
  const fase = codes.FASE.value(label(c[CASI.fase]), at('responsibility.phase', CASI.fase));
  const situation = codes.SITUAZIONE.valueOptional(label(c[CASI.situazione]), at('employment.situation', CASI.situazione));
  const assistance = odataBoolean(c[CASI.assistenza], at('socialAssistance.receives', CASI.assistenza));
  const operator = odataWhole(c[CASI.operatore], at('responsibility.caseManagerId', CASI.operatore), { min: 1 });
  return {
    contractVersion: '1.0',
    recordId: recordIdFor(SYSTEM, String(id)),
    source: {
      system: SYSTEM,
      institutionId: site.ctx.institutionId,
      canton: site.ctx.canton,
      localCaseId: required(odataText(c[CASI.caseNumber]), at('source.localCaseId', CASI.caseNumber)),
      localPersonId: String(id),
      extractedAt: zurichTimestamp(site.ctx.now()),
    },
    person: personOf(c),
    residence: {
      statusHistory: statusesOf(id, site),
      asylumDecisionDate: odataLocalDate(c[CASI.decisioneAsilo], at('residence.asylumDecisionDate', CASI.decisioneAsilo)),
    },
    responsibility: {
      phase: fase,
      institutionId: site.enti.institution(required(enteKey(c[CASI.ente]), at('responsibility.institutionId', CASI.ente)), at('responsibility.institutionId', CASI.ente)),
      // A site user id, never the name (FORMAT.md quirk 10).
      caseManagerId: operator === undefined ? undefined : `sp-user-${operator}`,
      since: required(odataLocalDate(c[CASI.competenteDal], at('responsibility.since', CASI.competenteDal)), at('responsibility.since', CASI.competenteDal)),
    },
    potentialAssessments: assessmentsOf(id, site),
    integrationPlan: planOf(c, id, site),
    employment: situation && {
      situation,
      since: odataLocalDate(c[CASI.occupatoDal], at('employment.since', CASI.occupatoDal)),
      workloadPercent: percent(numberOrText(c[CASI.grado]), at('employment.workloadPercent', CASI.grado), { fraction: true, min: 1, max: 100 }),
    },
    socialAssistance: assistance === undefined ? undefined : { receives: assistance, since: odataLocalDate(c[CASI.assistenzaDal], at('socialAssistance.since', CASI.assistenzaDal)) },
    journal: journalOf(id, site),
    documents: documentsOf(id, site),
    consents: consentsOf(id, site),
  };
}


function personOf(c: Json): unknown {
  const languages = [
    codes.LINGUA.valueOptional(label(c[CASI.linguaMadre]), at('person.languages[0].code', CASI.linguaMadre)),
    ...multi(c[CASI.altreLingue]).map((l, i) => codes.LINGUA.value(l, at(`person.languages[${i + 1}].code`, `${CASI.altreLingue}[${i}]`))),
  ];
  const mother = languages[0] !== undefined;
  return {
    vn: ahv13(odataText(c[CASI.avs]), at('person.vn', CASI.avs)),
    zemisId: zemis(odataText(c[CASI.simic]), at('person.zemisId', CASI.simic)),
    officialName: required(odataText(c[CASI.cognome]), at('person.officialName', CASI.cognome)),
    firstName: required(odataText(c[CASI.nome]), at('person.firstName', CASI.nome)),
    sex: codes.SESSO.value(label(c[CASI.sesso]), at('person.sex', CASI.sesso)),
    dateOfBirth: birthOf(c),
    nationality: codes.PAESE.valueOptional(label(c[CASI.nazionalita]), at('person.nationality', CASI.nazionalita)),
    languages: languages.flatMap((code, i) => (code === undefined ? [] : [{ code, isFirstLanguage: mother && i === 0 }])),
    municipality: municipalityOf(odataText(c[CASI.comune])),
    arrivalDate: odataLocalDate(c[CASI.arrivo], at('person.arrivalDate', CASI.arrivo)),
    householdId: odataText(c[CASI.nucleo]),
  };
}

/** `Data di nascita`, else `Anno di nascita` with `Mese di nascita` (FORMAT.md quirk 9). */
function birthOf(c: Json): string {
  const full = odataLocalDate(c[CASI.dataNascita], at('person.dateOfBirth', CASI.dataNascita));
  if (full) return full;
  const year = odataWhole(c[CASI.annoNascita], at('person.dateOfBirth', CASI.annoNascita));
  const month = odataWhole(c[CASI.meseNascita], at('person.dateOfBirth', CASI.meseNascita));
  if (year === undefined) throw missing(at('person.dateOfBirth', CASI.dataNascita));
  if (month !== undefined && (month < 1 || month > 12)) throw invalid('mapping.invalid-date', at('person.dateOfBirth', CASI.meseNascita), 'is outside 1-12');
  return partialFromParts(year, month, undefined, at('person.dateOfBirth', CASI.annoNascita));
}

/** `Lugano (5192)` → `{ bfsNumber: 5192, name: 'Lugano' }` (FORMAT.md quirk 8). */
function municipalityOf(value: string | undefined): unknown {
  if (value === undefined) return undefined;
  const m = /^(.*\S)\s*\((\d{1,4})\)\s*$/.exec(value.trim());
  if (!m || Number(m[2]) < 1) throw invalid('mapping.invalid-municipality', at('person.municipality', CASI.comune), 'is not "Name (BFS number)"');
  return { bfsNumber: Number(m[2]), name: m[1] };
}

function statusesOf(id: number, site: Site): unknown[] {
  const items = childrenOf(site.bodies.statuti, id);
  if (items.length === 0) throw missing(at('residence.statusHistory', 'Statuti'));
  const entries = items.map((s, i) => {
    const w = (field: string, native: string) => at(`residence.statusHistory[${i}].${field}`, `Statuti[${i}].${native}`);
    const status = codes.STATUTO.decode(label(s[STATUTI.statuto]), w('status', STATUTI.statuto));
    return {
      status: status.value,
      nativeCode: status.nativeCode,
      from: required(odataLocalDate(s[STATUTI.dal], w('from', STATUTI.dal)), w('from', STATUTI.dal)),
      to: odataLocalDate(s[STATUTI.al], w('to', STATUTI.al)),
    };
  });
  return sortBy(entries, (e) => e.from);
}

const NATIVE_OF: readonly [string, string][] = [
  ['person.municipality', CASI.comune],
  ['person.languages', CASI.linguaMadre],
  ['person.', 'Casi'],
  ['residence.', 'Statuti'],
  ['responsibility.', 'Casi'],
  ['potentialAssessments', 'Valutazioni'],
  ['integrationPlan', 'Misure di integrazione'],
  ['employment', CASI.situazione],
  ['socialAssistance', CASI.assistenza],
  ['journal', 'Diario'],
  ['documents', 'Documenti'],
  ['consents', 'Consensi'],
];

function nativeFieldOf(field: string): string {
  return NATIVE_OF.find(([prefix]) => field.startsWith(prefix))?.[1] ?? field;
}
