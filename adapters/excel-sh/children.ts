import { booleanOf, documentRefOf, invalid, list, missing, sha256Hex, sortBy, type At, type Consent, type DocumentRef, type JournalEntry, type LanguageSkillKind, type Measure, type OrganisationMap, type PotentialAssessment } from '../../src/adapters/sdk.js';
import type { Cells } from './cells.js';
import { CATEGORY, CONSENT, DOCUMENT, EDUCATION, FUNDING, JOURNAL, LEVEL, MEASURE, MEASURE_STATUS, MEDIA_TYPE, NO, ORIENTATION, OUTCOME, PURPOSE, RECIPIENT_TYPE, YES } from './codes.js';
import { countryOfLabel } from './labels.js';
import { requiredInstitution } from './person.js';

// The child sheets' rows of one person (joined by Pers-Nr) → the record's lists.

export interface Person {
  orgs: OrganisationMap;
  /** The person's Dokumente IDs: what Zertifikat, Dokumente and Formular may name. */
  documentIds: ReadonlySet<string>;
}

const documentRef = (id: string | undefined, who: Person, where: At): string | undefined => documentRefOf(id, who.documentIds, where, "names none of the person's Dokumente");

const yesNo = (c: Cells, header: string, field: string): boolean | undefined => booleanOf(c.text(header), c.at(header, field), YES, NO);

const GERMAN: readonly [string, LanguageSkillKind][] = [
  ['Deutsch Hören', 'listening'],
  ['Deutsch Lesen', 'reading'],
  ['Deutsch Sprechen', 'speaking'],
  ['Deutsch Schreiben', 'writing'],
];

/** Sorted by Datum (the index of a rejection is the sorted one, but for a bad Datum itself). */
export function assessmentsOf(rows: readonly Cells[], who: Person): PotentialAssessment[] {
  const dated = rows.map((c, i) => ({ c, date: c.requiredDate('Datum', `potentialAssessments[${i}].date`) }));
  return sortBy(dated, (d) => d.date).map(({ c, date }, i) => {
    const f = `potentialAssessments[${i}]`;
    const certificate = documentRef(c.text('Zertifikat'), who, c.at('Zertifikat', `${f}.languageSkills[0].certificateDocumentId`));
    const skills = GERMAN.filter(([header]) => c.has(header)).map(([header, skill], k) => ({
      language: 'de',
      level: LEVEL.value(c.text(header), c.at(header, `${f}.languageSkills[${k}].level`)),
      skill,
      certified: certificate !== undefined,
      certificateDocumentId: certificate,
    }));
    return {
      id: c.required('ID', `${f}.id`),
      date,
      institutionId: requiredInstitution(c, who.orgs, 'Stelle', `${f}.institutionId`),
      languageSkills: skills,
      education: educationOf(c, `${f}.education[0]`),
      workExperience: workOf(c, `${f}.workExperience[0]`),
      health: { workCapacityPercent: c.percent('Arbeitsfähigkeit', `${f}.health.workCapacityPercent`), restrictions: c.text('Einschränkungen') },
      orientation: ORIENTATION.value(c.text('Orientierung'), c.at('Orientierung', `${f}.orientation`)),
      resources: c.text('Ressourcen'),
      obstacles: c.text('Hindernisse'),
      goals: c.text('Ziele'),
    };
  });
}

function educationOf(c: Cells, f: string): PotentialAssessment['education'] {
  if (!c.has('Höchste Ausbildung', 'Ausbildungsland', 'Ausbildungsjahre', 'abgeschlossen', 'anerkannt')) return [];
  const completed = yesNo(c, 'abgeschlossen', `${f}.completed`);
  if (completed === undefined) throw missing(c.at('abgeschlossen', `${f}.completed`));
  return [
    {
      level: EDUCATION.value(c.text('Höchste Ausbildung'), c.at('Höchste Ausbildung', `${f}.level`)),
      country: countryOfLabel(c.text('Ausbildungsland'), c.at('Ausbildungsland', `${f}.country`)),
      years: c.integer('Ausbildungsjahre', `${f}.years`, { min: 0 }),
      completed,
      recognisedInSwitzerland: yesNo(c, 'anerkannt', `${f}.recognisedInSwitzerland`),
    },
  ];
}

function workOf(c: Cells, f: string): PotentialAssessment['workExperience'] {
  if (!c.has('Beruf', 'ISCO', 'Berufsjahre', 'Berufsland')) return [];
  const isco = c.id('ISCO', `${f}.iscoCode`);
  if (isco !== undefined && !/^\d{4}$/.test(isco)) throw invalid('mapping.invalid-isco', c.at('ISCO', `${f}.iscoCode`), 'is not an ISCO-08 code of 4 digits');
  const years = c.decimal('Berufsjahre', `${f}.years`, { min: 0 });
  if (years === undefined) throw missing(c.at('Berufsjahre', `${f}.years`));
  return [{ occupation: c.required('Beruf', `${f}.occupation`), iscoCode: isco, years, country: countryOfLabel(c.text('Berufsland'), c.at('Berufsland', `${f}.country`)) }];
}

/** Native order. When Typ and Kostenträger both fall back to `other`, Typ's text is the `nativeCode`. */
export function measuresOf(rows: readonly Cells[], who: Person): Measure[] {
  return rows.map((c, i) => {
    const f = `integrationPlan.measures[${i}]`;
    const type = MEASURE.decode(c.text('Typ'), c.at('Typ', `${f}.type`));
    const funding = FUNDING.decodeOptional(c.text('Kostenträger'), c.at('Kostenträger', `${f}.financedBy`));
    const documentIds = list(c.text('Dokumente')).map((id, k) => documentRef(id, who, c.at('Dokumente', `${f}.documentIds[${k}]`))!);
    return {
      id: c.required('ID', `${f}.id`),
      type: type.value,
      nativeCode: type.nativeCode ?? funding?.nativeCode,
      title: c.required('Bezeichnung', `${f}.title`),
      providerName: c.text('Anbieter'),
      start: c.date('Beginn', `${f}.start`),
      end: c.date('Ende', `${f}.end`),
      status: MEASURE_STATUS.value(c.text('Status'), c.at('Status', `${f}.status`)),
      outcome: OUTCOME.valueOptional(c.text('Ergebnis'), c.at('Ergebnis', `${f}.outcome`)),
      note: c.text('Bemerkung'),
      financedBy: funding?.value,
      documentIds,
    };
  });
}

/** Sorted by Zeitpunkt (a serial with day fraction, local time, to the minute). */
export function journalOf(rows: readonly Cells[], who: Person): JournalEntry[] {
  const timed = rows.map((c, i) => ({ c, at: c.timestamp('Zeitpunkt', `journal[${i}].at`) }));
  return sortBy(timed, (t) => Date.parse(t.at).toString().padStart(16, '0')).map(({ c, at }, i) => ({
    id: c.required('ID', `journal[${i}].id`),
    at,
    institutionId: requiredInstitution(c, who.orgs, 'Stelle', `journal[${i}].institutionId`),
    category: JOURNAL.value(c.text('Kategorie'), c.at('Kategorie', `journal[${i}].category`)),
    text: c.required('Eintrag', `journal[${i}].text`),
  }));
}

export function documentsOf(rows: readonly Cells[]): DocumentRef[] {
  return rows.map((c, i) => {
    const f = `documents[${i}]`;
    const kind = DOCUMENT.decode(c.text('Art'), c.at('Art', `${f}.kind`));
    const size = c.integer('Grösse (Bytes)', `${f}.size`, { min: 0 });
    if (size === undefined) throw missing(c.at('Grösse (Bytes)', `${f}.size`));
    const sha256 = sha256Hex(c.text('SHA-256'), c.at('SHA-256', `${f}.sha256`));
    if (sha256 === undefined) throw missing(c.at('SHA-256', `${f}.sha256`));
    return {
      id: c.required('ID', `${f}.id`),
      title: c.required('Titel', `${f}.title`),
      kind: kind.value,
      nativeCode: kind.nativeCode,
      mediaType: MEDIA_TYPE.value(c.text('Dateityp'), c.at('Dateityp', `${f}.mediaType`)),
      sha256,
      size,
      date: c.requiredDate('Datum', `${f}.date`),
    };
  });
}

export function consentsOf(rows: readonly Cells[], who: Person): Consent[] {
  return rows.map((c, i) => {
    const f = `consents[${i}]`;
    return {
      id: c.required('ID', `${f}.id`),
      kind: CONSENT.value(c.text('Art'), c.at('Art', `${f}.kind`)),
      grantedOn: c.requiredDate('unterschrieben am', `${f}.grantedOn`),
      validUntil: c.date('gültig bis', `${f}.validUntil`),
      revokedOn: c.date('widerrufen am', `${f}.revokedOn`),
      recipients: requiredList(c, 'Empfänger', `${f}.recipients`, (label, where) =>
        RECIPIENT_TYPE.natives().includes(label) ? RECIPIENT_TYPE.value(label, where) : who.orgs.institution(label, where)!,
      ),
      purposes: requiredList(c, 'Zwecke', `${f}.purposes`, (label, where) => PURPOSE.value(label, where)),
      dataCategories: requiredList(c, 'Datenkategorien', `${f}.dataCategories`, (label, where) => CATEGORY.value(label, where)),
      documentId: documentRef(c.text('Formular'), who, c.at('Formular', `${f}.documentId`)),
    };
  });
}

function requiredList<T>(c: Cells, header: string, field: string, decode: (label: string, where: At) => T): T[] {
  const labels = list(c.text(header));
  if (labels.length === 0) throw missing(c.at(header, field));
  return labels.map((label, k) => decode(label, c.at(header, `${field}[${k}]`)));
}
