import { at, invalid, requiredToWrite, sortBy, type CaseRecord, type InstitutionType, type LanguageSkill, type OrganisationMap, type Person, type PotentialAssessment } from '../../src/adapters/sdk.js';
import { CATEGORY, CONSENT, DOCUMENT, EDUCATION, EMPLOYMENT, FUNDING, JOURNAL, LEVEL, MEASURE, MEASURE_STATUS, MEDIA_TYPE, ORIENTATION, OUTCOME, PHASE, PURPOSE, RECIPIENT_TYPE, SEX, STATUS } from './codes.js';
import { labelFor, type ChildSheet } from './layout.js';
import { ahvText, birthDateCell, dateCell, numberCell, percentCell, put, stelle, textCell, timestampCell, type Row } from './write-cells.js';

// One record → the rows of the tool's sheets. What the tool has no column for is left out
// (README "What the format cannot carry"); a value it cannot say fails the write.

export interface Writer {
  orgs: OrganisationMap;
  /** The record came from this system: its own `nativeCode`s go back as they came. */
  own: boolean;
  persNr: string;
  /** Ids of the record's documents: references to others are not written. */
  documentIds: ReadonlySet<string>;
}

/**
 * A cell the tool needs to read its own workbook back (FORMAT.md: Name, Vorname, Geschlecht,
 * Geburtsdatum, a status, Phase, Zuständige Stelle, Zuständig seit); a delivery without it,
 * withheld or unknown, is refused.
 */
const needed = <T>(value: T | undefined, field: string, nativeField: string): T => requiredToWrite(value, { field, nativeField }, 'the Excel tool');

const yesNo = (value: boolean | undefined): string | undefined => (value === undefined ? undefined : value ? 'ja' : 'nein');
const known = (w: Writer, id: string | undefined): string | undefined => (id !== undefined && w.documentIds.has(id) ? id : undefined);

export function personenRow(r: CaseRecord, w: Writer): Row {
  const row: Row = new Map();
  const p: Partial<Person> = r.person ?? {};
  put(row, 'Dossier-Nr', textCell(w.own ? r.source.localCaseId : undefined));
  put(row, 'Pers-Nr', textCell(w.persNr));
  put(row, 'Familie', textCell(p.householdId));
  put(row, 'AHV-Nr', textCell(ahvText(p.vn)));
  put(row, 'ZEMIS-Nr', textCell(p.zemisId));
  put(row, 'Name', textCell(needed(p.officialName, 'person.officialName', 'Personen!Name')));
  put(row, 'Vorname', textCell(needed(p.firstName, 'person.firstName', 'Personen!Vorname')));
  put(row, 'Geschlecht', textCell(SEX.encode(needed(p.sex, 'person.sex', 'Personen!Geschlecht'))));
  put(row, 'Geburtsdatum', birthDateCell(needed(p.dateOfBirth, 'person.dateOfBirth', 'Personen!Geburtsdatum')));
  put(row, 'Nationalität', textCell(p.nationality && labelFor('Nationalitaet', p.nationality)));
  const languages = p.languages ?? [];
  const first = languages.find((l) => l.isFirstLanguage);
  put(row, 'Erstsprache', textCell(first && labelFor('Sprache', first.code)));
  put(row, 'Weitere Sprachen', textCell(languages.filter((l) => l !== first).map((l) => l.code).join(', ')));
  put(row, 'Gemeinde', textCell(p.municipality && `${p.municipality.bfsNumber} ${p.municipality.name}`));
  put(row, 'Einreise', dateCell(p.arrivalDate));
  const residence = needed(r.residence, 'residence', 'Personen!Status 1');
  put(row, 'Asylentscheid', dateCell(residence.asylumDecisionDate));
  // The tool keeps the latest three statuses and no end dates.
  sortBy(residence.statusHistory, (s) => s.from)
    .slice(-3)
    .forEach((s, i) => {
      const code = STATUS.encode(s.status, s.nativeCode, w.own)!;
      put(row, `Status ${i + 1}`, textCell(s.status === 'other' && code !== 'andere' ? code : labelFor('Status', code)));
      put(row, `Status ${i + 1} ab`, dateCell(s.from));
    });
  const resp = needed(r.responsibility, 'responsibility', 'Personen!Phase');
  put(row, 'Phase', textCell(PHASE.encode(resp.phase)));
  put(row, 'Zuständige Stelle', textCell(stelle(w.orgs, resp.institutionId)));
  put(row, 'Fallführung', textCell(resp.caseManagerId));
  put(row, 'Zuständig seit', dateCell(resp.since));
  const before = sortBy(resp.history ?? [], (h) => h.from).at(-1);
  if (before) {
    put(row, 'Vorher Stelle', textCell(stelle(w.orgs, before.institutionId)));
    put(row, 'Vorher Phase', textCell(PHASE.encode(before.phase)));
    put(row, 'Vorher von', dateCell(before.from));
    put(row, 'Vorher bis', dateCell(before.to));
  }
  if (r.employment) {
    put(row, 'Erwerbssituation', textCell(EMPLOYMENT.encode(r.employment.situation)));
    put(row, 'Erwerb seit', dateCell(r.employment.since));
    put(row, 'Pensum', percentCell(r.employment.workloadPercent));
  }
  if (r.socialAssistance) {
    put(row, 'Sozialhilfe', textCell(yesNo(r.socialAssistance.receives)));
    put(row, 'Sozialhilfe seit', dateCell(r.socialAssistance.since));
  }
  const plan = r.integrationPlan;
  if (plan) {
    put(row, 'IP-Nr', textCell(plan.id));
    put(row, 'IP-Version', numberCell(plan.version));
    put(row, 'IP erstellt', dateCell(plan.establishedOn));
    put(row, 'IP validiert durch', textCell(stelle(w.orgs, plan.validatedBy)));
    (plan.goals ?? []).slice(0, 3).forEach((g, i) => {
      put(row, `Ziel ${i + 1}`, textCell(g.text));
      put(row, `Ziel ${i + 1} bis`, dateCell(g.targetDate));
    });
  }
  return row;
}

const GERMAN: readonly [string, LanguageSkill['skill']][] = [
  ['Deutsch Hören', 'listening'],
  ['Deutsch Lesen', 'reading'],
  ['Deutsch Sprechen', 'speaking'],
  ['Deutsch Schreiben', 'writing'],
];

function assessmentRow(a: PotentialAssessment, i: number, w: Writer): Row {
  const row: Row = new Map();
  const f = `potentialAssessments[${i}]`;
  put(row, 'ID', textCell(a.id));
  put(row, 'Pers-Nr', textCell(w.persNr));
  put(row, 'Datum', dateCell(a.date));
  put(row, 'Stelle', textCell(stelle(w.orgs, a.institutionId)));
  put(row, 'Orientierung', textCell(ORIENTATION.encode(a.orientation)));
  const german = (a.languageSkills ?? []).filter((s) => s.language === 'de');
  for (const [header, skill] of GERMAN) {
    const level = german.find((s) => s.skill === skill)?.level;
    put(row, header, textCell(level && LEVEL.encode(level)));
  }
  put(row, 'Zertifikat', textCell(known(w, german.find((s) => s.certificateDocumentId)?.certificateDocumentId)));
  const edu = a.education?.[0];
  if (edu) {
    if (edu.years !== undefined && !Number.isInteger(edu.years)) throw invalid('excel-sh.cannot-say', at(`${f}.education[0].years`, 'Abklärungen!Ausbildungsjahre'), 'takes whole years only');
    put(row, 'Höchste Ausbildung', textCell(EDUCATION.encode(edu.level)));
    put(row, 'Ausbildungsland', textCell(edu.country));
    put(row, 'Ausbildungsjahre', numberCell(edu.years));
    put(row, 'abgeschlossen', textCell(yesNo(edu.completed)));
    put(row, 'anerkannt', textCell(yesNo(edu.recognisedInSwitzerland)));
  }
  const work = a.workExperience?.[0];
  if (work) {
    if (work.iscoCode !== undefined && !/^\d{4}$/.test(work.iscoCode)) throw invalid('excel-sh.cannot-say', at(`${f}.workExperience[0].iscoCode`, 'Abklärungen!ISCO'), 'takes 4-digit ISCO-08 codes only');
    put(row, 'Beruf', textCell(work.occupation));
    put(row, 'ISCO', textCell(work.iscoCode));
    put(row, 'Berufsjahre', numberCell(work.years));
    put(row, 'Berufsland', textCell(work.country));
  }
  put(row, 'Arbeitsfähigkeit', percentCell(a.health?.workCapacityPercent));
  put(row, 'Einschränkungen', textCell(a.health?.restrictions));
  put(row, 'Ressourcen', textCell(a.resources));
  put(row, 'Hindernisse', textCell(a.obstacles));
  put(row, 'Ziele', textCell(a.goals));
  return row;
}

export function childRows(r: CaseRecord, w: Writer): Record<ChildSheet, Row[]> {
  const rows = (entries: [string, ReturnType<typeof textCell>][]): Row => {
    const row: Row = new Map();
    for (const [header, cell] of entries) put(row, header, cell);
    return row;
  };
  return {
    Abklärungen: (r.potentialAssessments ?? []).map((a, i) => assessmentRow(a, i, w)),
    Massnahmen: (r.integrationPlan?.measures ?? []).map((m) =>
      rows([
        ['ID', textCell(m.id)],
        ['Pers-Nr', textCell(w.persNr)],
        // One nativeCode per measure: Typ's when the type fell back, else Kostenträger's.
        ['Typ', textCell(MEASURE.encode(m.type, m.type === 'other' ? m.nativeCode : undefined, w.own))],
        ['Bezeichnung', textCell(m.title)],
        ['Anbieter', textCell(m.providerName)],
        ['Beginn', dateCell(m.start)],
        ['Ende', dateCell(m.end)],
        ['Status', textCell(MEASURE_STATUS.encode(m.status))],
        ['Ergebnis', textCell(m.outcome && OUTCOME.encode(m.outcome))],
        ['Kostenträger', textCell(m.financedBy && FUNDING.encode(m.financedBy, m.type === 'other' ? undefined : m.nativeCode, w.own))],
        ['Bemerkung', textCell(m.note)],
        ['Dokumente', textCell((m.documentIds ?? []).filter((id) => known(w, id)).join(', '))],
      ]),
    ),
    Verlauf: (r.journal ?? []).map((j) =>
      rows([
        ['ID', textCell(j.id)],
        ['Pers-Nr', textCell(w.persNr)],
        ['Zeitpunkt', timestampCell(j.at)],
        ['Stelle', textCell(stelle(w.orgs, j.institutionId))],
        ['Kategorie', textCell(JOURNAL.encode(j.category))],
        ['Eintrag', textCell(j.text)],
      ]),
    ),
    Dokumente: (r.documents ?? []).map((d, i) => {
      const type = MEDIA_TYPE.encode(d.mediaType);
      if (type === undefined) throw invalid('excel-sh.cannot-say', at(`documents[${i}].mediaType`, 'Dokumente!Dateityp'), 'has no entry for this media type');
      return rows([
        ['ID', textCell(d.id)],
        ['Pers-Nr', textCell(w.persNr)],
        ['Titel', textCell(d.title)],
        ['Art', textCell(DOCUMENT.encode(d.kind, d.nativeCode, w.own))],
        ['Dateityp', textCell(type)],
        ['SHA-256', textCell(d.sha256)],
        ['Grösse (Bytes)', numberCell(d.size)],
        ['Datum', dateCell(d.date)],
      ]);
    }),
    Einwilligungen: (r.consents ?? []).map((c) =>
      rows([
        ['ID', textCell(c.id)],
        ['Pers-Nr', textCell(w.persNr)],
        ['Art', textCell(CONSENT.encode(c.kind))],
        ['unterschrieben am', dateCell(c.grantedOn)],
        ['gültig bis', dateCell(c.validUntil)],
        ['widerrufen am', dateCell(c.revokedOn)],
        ['Empfänger', textCell(c.recipients.map((x) => RECIPIENT_TYPE.encode(x as InstitutionType) ?? stelle(w.orgs, x)).join(', '))],
        ['Zwecke', textCell(c.purposes.map((x) => PURPOSE.encode(x)).join(', '))],
        ['Datenkategorien', textCell(c.dataCategories.map((x) => CATEGORY.encode(x)).join(', '))],
        ['Formular', textCell(known(w, c.documentId))],
      ]),
    ),
  };
}
