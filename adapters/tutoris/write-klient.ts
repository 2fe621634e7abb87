import { dottedAhv, el, formatPartialDmy, invalid, requiredToWrite, type CaseRecord, type Person, type XmlOut } from '../../src/adapters/sdk.js';
import { EMPLOYMENT, PHASE, SEX, STATUS } from './codes.js';
import { assessmentsOut, consentsOut, documentsOut, journalOut, planOut } from './write-parts.js';
import { alpha3, dmy, jnOf, languageOut, say, stelle, stelleOrOmit, zemisDots, type WriteEnv } from './write-values.js';

const AS_IS: ReadonlySet<string> = new Set(['B', 'C', 'S', 'L']);

/**
 * One record → one `Klient` as Tutoris exports it, without `Mutationen`. A new person
 * (a record from another system) has empty `@PersonNr` and `@DossierNr`: Tutoris gives
 * both and answers them in its quittung. `@FremdId` is the record id. Lists Tutoris keeps
 * newest first are written so.
 */
export function klientOut(record: CaseRecord, env: WriteEnv): XmlOut {
  return el(
    'Klient',
    { PersonNr: env.own ? say(record.source.localPersonId, 'source.localPersonId', '@PersonNr') : '', FremdId: record.recordId },
    personalienOut(record, env),
    aufenthaltOut(record, env),
    dossierOut(record, env),
    assessmentsOut(record.potentialAssessments, env),
    planOut(record.integrationPlan, env),
    journalOut(record.journal, env),
    documentsOut(record.documents, env),
    consentsOut(record.consents, env),
  );
}

/** A value Tutoris requires (FORMAT.md "Errors": missing required value); a delivery without it, withheld or unknown, is refused. */
const needed = <T>(value: T | undefined, field: string, nativeField: string): T => requiredToWrite(value, { field, nativeField }, 'Tutoris');

function personalienOut(record: CaseRecord, env: WriteEnv): XmlOut {
  // Identity withheld, the person holds its languages at most: Tutoris cannot import a Klient without Personalien.
  const p: Partial<Person> = record.person ?? {};
  const name = needed(p.officialName, 'person.officialName', 'Personalien/Name');
  const firstName = needed(p.firstName, 'person.firstName', 'Personalien/Vorname');
  const sex = SEX.encode(needed(p.sex, 'person.sex', 'Personalien/Geschlecht'));
  if (sex === undefined) throw invalid('mapping.unwritable-code', { field: 'person.sex', nativeField: 'Personalien/Geschlecht' }, 'has no Tutoris code');
  const born = needed(p.dateOfBirth, 'person.dateOfBirth', 'Personalien/Geburtsdatum');
  return el(
    'Personalien',
    {},
    el('Name', {}, say(name, 'person.officialName', 'Personalien/Name')),
    el('Vorname', {}, say(firstName, 'person.firstName', 'Personalien/Vorname')),
    el('Geschlecht', {}, sex),
    // Quirk 4 backwards: zeros for what is unknown of a partial date of birth.
    el('Geburtsdatum', {}, formatPartialDmy(born)),
    p.vn !== undefined && el('AHVN13', {}, dottedAhv(p.vn)),
    p.zemisId !== undefined && el('ZEMISNr', {}, zemisDots(p.zemisId)),
    p.nationality !== undefined && el('Nationalitaet', { Code: alpha3(p.nationality, 'person.nationality', 'Personalien/Nationalitaet/@Code') }),
    (p.languages ?? []).map((l, i) => {
      const code = languageOut(l.code, `person.languages[${i}]`, env);
      return code === undefined ? undefined : el('Sprache', { Code: code, Erstsprache: jnOf(l.isFirstLanguage) });
    }),
    p.municipality && el('Wohngemeinde', { BFS: p.municipality.bfsNumber }, say(p.municipality.name, 'person.municipality.name', 'Personalien/Wohngemeinde')),
    p.arrivalDate !== undefined && el('Einreise', {}, dmy(p.arrivalDate)),
  );
}

function aufenthaltOut(record: CaseRecord, env: WriteEnv): XmlOut {
  const r = needed(record.residence, 'residence', 'Aufenthalt');
  const statuses = r.statusHistory.map((s, i) => {
    const code = AS_IS.has(s.status) ? s.status : STATUS.encode(s.status, s.nativeCode, env.own);
    if (code === undefined) throw invalid('mapping.unwritable-code', { field: `residence.statusHistory[${i}].status`, nativeField: 'Aufenthalt/Status/@Code' }, 'has no Tutoris code');
    // Tutoris writes the current status with the open end 31.12.9999.
    return el('Status', { Code: say(code, `residence.statusHistory[${i}].nativeCode`, 'Aufenthalt/Status/@Code'), Von: dmy(s.from), Bis: dmy(s.to) ?? '31.12.9999' });
  });
  return el('Aufenthalt', { AsylentscheidDatum: dmy(r.asylumDecisionDate) }, statuses.reverse());
}

function dossierOut(record: CaseRecord, env: WriteEnv): XmlOut {
  const r = needed(record.responsibility, 'responsibility', 'Dossier/Fallfuehrung');
  const phase = (value: typeof r.phase): string => PHASE.encode(value)!;
  const history = (r.history ?? []).flatMap((h, i) => {
    const code = stelleOrOmit(h.institutionId, `responsibility.history[${i}]`, env);
    return code === undefined ? [] : [el('FruehereFallfuehrung', { Phase: phase(h.phase), Stelle: code, Von: dmy(h.from), Bis: dmy(h.to) })];
  });
  const e = record.employment;
  const s = record.socialAssistance;
  return el(
    'Dossier',
    { DossierNr: env.own ? say(record.source.localCaseId, 'source.localCaseId', 'Dossier/@DossierNr') : '' },
    el(
      'Fallfuehrung',
      { Phase: phase(r.phase), Stelle: stelle(r.institutionId, 'responsibility.institutionId', 'Dossier/Fallfuehrung/@Stelle', env), Seit: dmy(r.since) },
      // Another system's staff ids mean nothing in Tutoris (README).
      env.own && r.caseManagerId !== undefined && el('Sachbearbeitung', { BenutzerId: say(r.caseManagerId, 'responsibility.caseManagerId', 'Sachbearbeitung/@BenutzerId') }),
    ),
    history.reverse(),
    e && el('Erwerb', { Situation: EMPLOYMENT.encode(e.situation), Seit: dmy(e.since), Pensum: e.workloadPercent }),
    s && el('Sozialhilfe', { Bezug: jnOf(s.receives), Seit: dmy(s.since) }),
  );
}
