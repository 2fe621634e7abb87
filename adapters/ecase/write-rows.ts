import type { CaseRecord, CodeList, InstitutionType, OrganisationMap, Person, PotentialAssessment } from '../../src/adapters/sdk.js';
import { formatDmy, formatLocalDmy, formatPartialDmy, requiredToWrite } from '../../src/adapters/sdk.js';
import * as codes from './codes.js';
import type { Tabelle } from './layout.js';

type Cell = string | number | undefined;
export type Rows = Record<Tabelle, Cell[][]>;

/** A cell Ecase's import requires (Personen: name, sex, date of birth; Verlauf: a status; Faelle: Stelle, Phase); a delivery without it, withheld or unknown, is refused. */
const needed = <T>(value: T | undefined, field: string, nativeField: string): T => requiredToWrite(value, { field, nativeField }, 'Ecase');

const date = (d: string | undefined): string | undefined => (d === undefined ? undefined : formatDmy(d));
const yesNo = (b: boolean | undefined): string | undefined => (b === undefined ? undefined : b ? 'J' : 'N');
// Ecase writes fractions with a decimal comma (quirk 10).
const number = (n: number | undefined): string | undefined => (n === undefined ? undefined : String(n).replace('.', ','));

/** A contract code as the list writes it; a value it cannot say fails the record's write naming the path. */
function code<C extends string>(list: CodeList<C>, value: C | undefined, field: string, nativeField: string, nativeCode?: string, own = true): string | undefined {
  return value === undefined ? undefined : list.encodeAt(value, { field, nativeField }, { nativeCode, own, code: 'mapping.unwritable', says: 'cannot say this value' });
}

/**
 * One record as rows of the import tables. `own` (a record this Ecase exported) keeps its
 * FallNr, PersonNr and native codes; for another system's record FallNr stays empty (Ecase
 * assigns one) and the other tables refer to the new Fall and person by its ExterneID.
 */
export function rowsOf(record: CaseRecord, orgs: OrganisationMap, own: { fall: boolean; codes: boolean }): Rows {
  const fallKey = own.fall ? record.source.localCaseId : record.recordId;
  const personKey = own.fall ? record.source.localPersonId : record.recordId;
  const stelle = (id: string | undefined, field: string, nativeField: string): string | undefined => (id === undefined ? undefined : orgs.requireNative(id, field, nativeField));
  const p: Partial<Person> = record.person ?? {};
  const name = needed(p.officialName, 'person.officialName', 'Personen.Name');
  const firstName = needed(p.firstName, 'person.firstName', 'Personen.Vorname');
  const sex = needed(p.sex, 'person.sex', 'Personen.Geschlecht');
  const born = needed(p.dateOfBirth, 'person.dateOfBirth', 'Personen.Geburtsdatum');
  const first = p.languages?.find((l) => l.isFirstLanguage);
  const others = (p.languages ?? []).filter((l) => l !== first).map((l) => l.code);
  const residence = needed(record.residence, 'residence', 'Verlauf.Code');
  const r = needed(record.responsibility, 'responsibility', 'Faelle.Phase');
  const plan = record.integrationPlan;
  const statuses = residence.statusHistory.map((s, i) => ['', 'AUFENTHALT', code(codes.STATUS, s.status, `residence.statusHistory[${i}].status`, 'Verlauf.Code', s.nativeCode, own.codes), undefined, date(s.from), date(s.to)]);
  const history = (r.history ?? []).map((h, i) => ['', 'ZUSTAENDIGKEIT', code(codes.PHASE, h.phase, `responsibility.history[${i}].phase`, 'Verlauf.Code'), stelle(h.institutionId, `responsibility.history[${i}].institutionId`, 'Verlauf.Stelle'), date(h.from), date(h.to)]);
  const assessments = (record.potentialAssessments ?? []).map((a, i) => ({ a, i }));
  return {
    Personen: [
      [
        personKey,
        p.vn,
        p.zemisId,
        name,
        firstName,
        code(codes.SEX, sex, 'person.sex', 'Personen.Geschlecht'),
        formatPartialDmy(born),
        p.nationality,
        first?.code,
        others.join(','),
        p.municipality?.bfsNumber,
        p.municipality?.name,
        date(p.arrivalDate),
      ],
    ],
    Faelle: [
      [
        own.fall ? record.source.localCaseId : undefined,
        personKey,
        undefined,
        undefined,
        stelle(r.institutionId, 'responsibility.institutionId', 'Faelle.Stelle'),
        code(codes.PHASE, r.phase, 'responsibility.phase', 'Faelle.Phase'),
        r.caseManagerId,
        date(r.since),
        date(residence.asylumDecisionDate),
        code(codes.EMPLOYMENT, record.employment?.situation, 'employment.situation', 'Faelle.Erwerb'),
        date(record.employment?.since),
        record.employment?.workloadPercent,
        yesNo(record.socialAssistance?.receives),
        date(record.socialAssistance?.since),
        plan?.id,
        plan?.version,
        date(plan?.establishedOn),
        stelle(plan?.validatedBy, 'integrationPlan.validatedBy', 'Faelle.Plan_validiert'),
        undefined,
        record.recordId,
      ],
    ],
    // The export's order: each history newest first.
    Verlauf: [...statuses.reverse(), ...history.reverse()].map(([, ...rest]) => [fallKey, ...rest]),
    Abklaerungen: [...assessments].reverse().map(({ a, i }) => {
      const base = `potentialAssessments[${i}]`;
      return [
        a.id,
        fallKey,
        date(a.date),
        stelle(a.institutionId, `${base}.institutionId`, 'Abklaerungen.Stelle'),
        code(codes.ORIENTATION, a.orientation, `${base}.orientation`, 'Abklaerungen.Orientierung'),
        a.health?.workCapacityPercent,
        a.health?.restrictions,
        a.resources,
        a.obstacles,
        a.goals,
      ];
    }),
    Kompetenzen: [...assessments].reverse().flatMap(({ a, i }) => kompetenzen(a, `potentialAssessments[${i}]`)),
    Ziele: (plan?.goals ?? []).map((g) => [g.id, fallKey, g.text, date(g.targetDate)]),
    Massnahmen: (plan?.measures ?? []).map((m, i) => {
      const base = `integrationPlan.measures[${i}]`;
      // The one nativeCode is the type's when the type fell back, else the payer's.
      const typeCode = m.type === 'other' ? m.nativeCode : undefined;
      const payerCode = m.type !== 'other' && m.financedBy === 'other' ? m.nativeCode : undefined;
      return [
        m.id,
        fallKey,
        code(codes.MEASURE_TYPE, m.type, `${base}.type`, 'Massnahmen.Typ', typeCode, own.codes),
        m.title,
        m.providerId,
        m.providerName,
        date(m.start),
        date(m.end),
        code(codes.MEASURE_STATUS, m.status, `${base}.status`, 'Massnahmen.Status'),
        code(codes.OUTCOME, m.outcome, `${base}.outcome`, 'Massnahmen.Ergebnis'),
        m.note,
        code(codes.FINANCED_BY, m.financedBy, `${base}.financedBy`, 'Massnahmen.Kostentraeger', payerCode, own.codes),
        (m.documentIds ?? []).join(','),
      ];
    }),
    Journal: (record.journal ?? []).map((j, i) => [
      j.id,
      fallKey,
      // The import takes minutes only: seconds are lost (FORMAT.md).
      formatLocalDmy(j.at),
      stelle(j.institutionId, `journal[${i}].institutionId`, 'Journal.Stelle'),
      code(codes.JOURNAL, j.category, `journal[${i}].category`, 'Journal.Kategorie'),
      j.text,
      'PASSERELLE',
    ]),
    Dokumente: (record.documents ?? []).map((d, i) => [
      d.id,
      fallKey,
      d.title,
      code(codes.DOCUMENT_KIND, d.kind, `documents[${i}].kind`, 'Dokumente.Art', d.nativeCode, own.codes),
      d.mediaType,
      d.sha256,
      d.size,
      date(d.date),
    ]),
    Einwilligungen: (record.consents ?? []).map((c, i) => [
      c.id,
      fallKey,
      code(codes.CONSENT_KIND, c.kind, `consents[${i}].kind`, 'Einwilligungen.Art'),
      date(c.grantedOn),
      date(c.validUntil),
      date(c.revokedOn),
      c.recipients.map((to, k) => recipientCode(to, `consents[${i}].recipients[${k}]`, orgs)).join(','),
      c.purposes.map((x, k) => code(codes.PURPOSE, x, `consents[${i}].purposes[${k}]`, 'Einwilligungen.Zwecke')).join(','),
      c.dataCategories.map((x, k) => code(codes.CATEGORY, x, `consents[${i}].dataCategories[${k}]`, 'Einwilligungen.Kategorien')).join(','),
      c.documentId,
    ]),
  };
}

/** An institution type as its type code, else an institution id as its Stelle code. */
function recipientCode(recipient: string, field: string, orgs: OrganisationMap): string {
  return codes.RECIPIENT_TYPE.encode(recipient as InstitutionType) ?? orgs.requireNative(recipient, field, 'Einwilligungen.Empfaenger');
}

function kompetenzen(a: PotentialAssessment, base: string): Cell[][] {
  const rows: Cell[][] = [];
  (a.languageSkills ?? []).forEach((s, k) => {
    const at = `${base}.languageSkills[${k}]`;
    rows.push([a.id, 'SPRACHE', s.language, undefined, code(codes.LEVEL, s.level, `${at}.level`, 'Kompetenzen.Niveau'), code(codes.SKILL, s.skill, `${at}.skill`, 'Kompetenzen.Teilbereich'), yesNo(s.certified), s.certificateDocumentId, undefined, undefined, undefined, undefined]);
  });
  (a.education ?? []).forEach((e, k) => {
    rows.push([a.id, 'AUSBILDUNG', code(codes.EDUCATION, e.level, `${base}.education[${k}].level`, 'Kompetenzen.Code'), undefined, undefined, undefined, undefined, undefined, number(e.years), e.country, yesNo(e.completed), yesNo(e.recognisedInSwitzerland)]);
  });
  for (const w of a.workExperience ?? []) {
    rows.push([a.id, 'BERUF', w.iscoCode, w.occupation, undefined, undefined, undefined, undefined, number(w.years), w.country, undefined, undefined]);
  }
  return rows;
}
