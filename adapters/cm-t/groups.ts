import type { At, MapContext, OrganisationMap } from '../../src/adapters/sdk.js';
import { decimal, instantKey, integer, invalid, item, list, missing, ordered, percent, required, sha256Hex, SORTING } from '../../src/adapters/sdk.js';
import * as codes from './codes.js';
import { timeOf, type Row } from './fields.js';
import { ABKL, column, DOK, EINW, JOURNAL, MASSNAHME, PLAN, ZIEL } from './layout.js';

/** What the groups of one row share: its Fall-Nr (ids are derived from it) and its filled Dok slots. */
export interface RowEnv {
  row: Row;
  fallNr: string;
  docs: ReadonlySet<number>;
  orgs: OrganisationMap;
  ctx: MapContext;
}

const id = (env: RowEnv, letter: string, slot: number): string => `${env.fallNr}-${letter}${slot}`;

/** A Dok slot number (quirk 6) → that document's derived id; a non-number or an empty slot rejects. */
function docRef(env: RowEnv, value: string, where: At): string {
  if (!/^\d+$/.test(value)) throw invalid('mapping.invalid-reference', where, 'is not a Dok slot number');
  const slot = Number(value);
  if (!env.docs.has(slot)) throw invalid('mapping.invalid-reference', where, 'points to an empty Dok group');
  return id(env, 'D', slot);
}

export function assessmentsOf(env: RowEnv): Record<string, unknown>[] {
  const { row } = env;
  const slots = ordered(row.slots(ABKL), SORTING, { keyOf: (s) => row.date(column(ABKL, s, '_Datum'), ''), unreadable: 'first' }).map((p) => p.value);
  return slots.map((s, i) => {
    const c = (cell: string): string => column(ABKL, s, cell);
    const base = `potentialAssessments[${i}]`;
    const oral = row.label(codes.LEVEL, c('_Deutsch_mündlich'), `${base}.languageSkills[0].level`);
    const written = row.label(codes.LEVEL, c('_Deutsch_schriftlich'), `${base}.languageSkills[${oral ? 1 : 0}].level`);
    const cert = row.get(c('_Deutsch_Zertifikat'));
    const certificateDocumentId = cert === undefined ? undefined : docRef(env, cert, row.at(c('_Deutsch_Zertifikat'), `${base}.languageSkills[0].certificateDocumentId`));
    // One certificate cell for both skills: both are certified by it (FORMAT.md "Mapping").
    const skill = (level: string | undefined, kind: 'oral' | 'written') => level && { language: 'de', level, skill: kind, certified: certificateDocumentId !== undefined, certificateDocumentId };
    const years = (cell: string, field: string): number | undefined => decimal(row.get(c(cell)), row.at(c(cell), field), { min: 0 });
    const hasEducation = ['_Ausbildung', '_Ausbildung_Land', '_Ausbildung_Jahre', '_Ausbildung_abgeschlossen'].some((x) => row.get(c(x)) !== undefined);
    const hasWork = row.get(c('_Beruf')) !== undefined || row.get(c('_Beruf_Jahre')) !== undefined;
    const edu = `${base}.education[0]`;
    const work = `${base}.workExperience[0]`;
    return {
      id: id(env, 'A', s),
      date: row.needDate(c('_Datum'), `${base}.date`),
      institutionId: row.needInstitution(env.orgs, c('_Stelle'), `${base}.institutionId`),
      languageSkills: [skill(oral, 'oral'), skill(written, 'written')],
      education: hasEducation
        ? [
            {
              level: row.needLabel(codes.EDUCATION, c('_Ausbildung'), `${edu}.level`),
              country: row.label(codes.COUNTRY, c('_Ausbildung_Land'), `${edu}.country`),
              years: years('_Ausbildung_Jahre', `${edu}.years`),
              completed: required(row.yesNo(c('_Ausbildung_abgeschlossen'), `${edu}.completed`), row.at(c('_Ausbildung_abgeschlossen'), `${edu}.completed`)),
            },
          ]
        : [],
      workExperience: hasWork
        ? [{ occupation: row.need(c('_Beruf'), `${work}.occupation`), years: required(years('_Beruf_Jahre', `${work}.years`), row.at(c('_Beruf_Jahre'), `${work}.years`)) }]
        : [],
      health: {
        // `100%` (quirk 8).
        workCapacityPercent: percent(row.get(c('_Arbeitsfähigkeit')), row.at(c('_Arbeitsfähigkeit'), `${base}.health.workCapacityPercent`), { min: 0, max: 100 }),
        restrictions: row.get(c('_Einschränkungen')),
      },
      orientation: row.needLabel(codes.ORIENTATION, c('_Orientierung'), `${base}.orientation`),
      resources: row.get(c('_Ressourcen')),
      obstacles: row.get(c('_Hindernisse')),
      goals: row.get(c('_Ziele')),
    };
  });
}

/** The plan is there when any IP, Ziel or Massnahme cell is filled. */
export function planOf(env: RowEnv): Record<string, unknown> | undefined {
  const { row } = env;
  const goals = row.slots(ZIEL);
  const measures = row.slots(MASSNAHME);
  if (!PLAN.some((c) => row.get(c) !== undefined) && goals.length === 0 && measures.length === 0) return undefined;
  const version = row.at('IP_Version', 'integrationPlan.version');
  return {
    id: `${env.fallNr}-IP`,
    version: required(integer(row.get('IP_Version'), version, { min: 1 }), version),
    establishedOn: row.needDate('IP_Datum', 'integrationPlan.establishedOn'),
    validatedBy: row.institution(env.orgs, 'IP_validiert', 'integrationPlan.validatedBy'),
    goals: goals.map((s, i) => ({
      id: id(env, 'Z', s),
      text: row.need(column(ZIEL, s, ''), `integrationPlan.goals[${i}].text`),
      targetDate: row.date(column(ZIEL, s, '_bis'), `integrationPlan.goals[${i}].targetDate`),
    })),
    measures: measures.map((s, i) => measureOf(env, s, `integrationPlan.measures[${i}]`)),
  };
}

function measureOf(env: RowEnv, s: number, base: string): Record<string, unknown> {
  const { row } = env;
  const c = (cell: string): string => column(MASSNAHME, s, cell);
  const type = codes.MEASURE_TYPE.decode(row.get(c('_Typ')), row.at(c('_Typ'), `${base}.type`));
  const financedBy = codes.FINANCED_BY.decodeOptional(row.get(c('_Finanzierung')), row.at(c('_Finanzierung'), `${base}.financedBy`));
  const docs = row.at(c('_Dok'), `${base}.documentIds`);
  return {
    id: id(env, 'M', s),
    type: type.value,
    // One nativeCode per object: the type's wins over the payer's.
    nativeCode: type.nativeCode ?? financedBy?.nativeCode,
    title: row.need(c('_Titel'), `${base}.title`),
    providerName: row.get(c('_Anbieter')),
    start: row.date(c('_Beginn'), `${base}.start`),
    end: row.date(c('_Ende'), `${base}.end`),
    status: row.needLabel(codes.MEASURE_STATUS, c('_Status'), `${base}.status`),
    outcome: row.label(codes.OUTCOME, c('_Ergebnis'), `${base}.outcome`),
    note: row.get(c('_Bemerkung')),
    financedBy: financedBy?.value,
    documentIds: list(row.get(c('_Dok'))).map((n, k) => docRef(env, n, item(docs, k, null))),
  };
}

/** Journal slots by time; only the Integrationsstelle writes them (quirk 12). */
export function journalOf(env: RowEnv): Record<string, unknown>[] {
  const { row } = env;
  // Each time is read once: to sort, then kept for its entry (a bad one is read again, to be named).
  const times = new Map<number, string | undefined>();
  const keyOf = (s: number): string | undefined => {
    const time = timeOf(row.get(column(JOURNAL, s, '_Zeit')), SORTING);
    times.set(s, time);
    return instantKey(time);
  };
  const slots = ordered(row.slots(JOURNAL), SORTING, { keyOf, unreadable: 'first' }).map((p) => p.value);
  return slots.map((s, i) => {
    const c = (cell: string): string => column(JOURNAL, s, cell);
    const where = row.at(c('_Zeit'), `journal[${i}].at`);
    return {
      id: id(env, 'J', s),
      at: required(times.has(s) ? times.get(s) : timeOf(row.get(c('_Zeit')), where), where),
      institutionId: env.ctx.institutionId,
      category: row.needLabel(codes.JOURNAL, c('_Kategorie'), `journal[${i}].category`),
      text: row.need(c('_Text'), `journal[${i}].text`),
    };
  });
}

export function documentsOf(env: RowEnv): Record<string, unknown>[] {
  const { row } = env;
  return [...env.docs].map((s, i) => {
    const c = (cell: string): string => column(DOK, s, cell);
    const base = `documents[${i}]`;
    const kind = codes.DOCUMENT_KIND.decode(row.get(c('_Art')), row.at(c('_Art'), `${base}.kind`));
    const file = row.need(c('_Datei'), `${base}.mediaType`);
    const hash = row.at(c('_SHA256'), `${base}.sha256`);
    const size = row.at(c('_Bytes'), `${base}.size`);
    return {
      id: id(env, 'D', s),
      title: row.need(c('_Titel'), `${base}.title`),
      kind: kind.value,
      nativeCode: kind.nativeCode,
      // The type is the file's extension, in any case (quirk 11).
      mediaType: codes.MEDIA_TYPE.value(/\.([^.]+)$/.exec(file)?.[1] ?? '-', row.at(c('_Datei'), `${base}.mediaType`)),
      sha256: required(sha256Hex(row.get(c('_SHA256')), hash), hash),
      size: required(integer(row.get(c('_Bytes')), size, { min: 0 }), size),
      date: row.needDate(c('_Datum'), `${base}.date`),
    };
  });
}

export function consentsOf(env: RowEnv): Record<string, unknown>[] {
  const { row } = env;
  return row.slots(EINW).map((s, i) => {
    const c = (cell: string): string => column(EINW, s, cell);
    const base = `consents[${i}]`;
    const labels = <T>(cell: string, field: string, decode: (label: string, where: At) => T): T[] => {
      const where = row.at(c(cell), `${base}.${field}`);
      const values = list(row.get(c(cell))).map((label, k) => decode(label, item(where, k, null)));
      if (values.length === 0) throw missing(where);
      return values;
    };
    const dok = row.get(c('_Dok'));
    return {
      id: id(env, 'E', s),
      kind: row.needLabel(codes.CONSENT_KIND, c('_Art'), `${base}.kind`),
      grantedOn: row.needDate(c('_Datum'), `${base}.grantedOn`),
      validUntil: row.date(c('_bis'), `${base}.validUntil`),
      revokedOn: row.date(c('_widerrufen'), `${base}.revokedOn`),
      recipients: labels('_Empfänger', 'recipients', (label, where) => recipient(env.orgs, label, where)),
      purposes: labels('_Zwecke', 'purposes', (label, where) => codes.PURPOSE.value(label, where)),
      dataCategories: labels('_Daten', 'dataCategories', (label, where) => codes.CATEGORY.value(label, where)),
      documentId: dok === undefined ? undefined : docRef(env, dok, row.at(c('_Dok'), `${base}.documentId`)),
    };
  });
}

/** An Empfänger: a type label (`RAV`) or else a Stelle name (`RAV GL`), never a guess. */
function recipient(orgs: OrganisationMap, label: string, where: At): string {
  if (codes.RECIPIENT_TYPE.natives().includes(label)) return codes.RECIPIENT_TYPE.value(label, where);
  if (orgs.has(label)) return orgs.institution(label, where)!;
  throw invalid('mapping.unknown-organisation', where, 'is neither a recipient type nor a Stelle of the configuration');
}
