import { ahv13, at, down, item, missing, ordered, recordIdFor, required, zemis, type At, type OrganisationMap, type XmlElement } from '../../src/adapters/sdk.js';
import { EMPLOYMENT, PHASE, SEX, STATUS } from './codes.js';
import { assessmentsOf } from './klient-assessments.js';
import { integrationPlanOf } from './klient-plan.js';
import { consentsOf, documentsOf, journalOf } from './klient-records.js';
import { attr, birthDateOf, countryOf, dateOf, endDateOf, integerOf, jn, languageOf, requiredAttr, requiredDate, textOf } from './native.js';

/** What the mapping of one `Klient` needs besides the element. */
export interface KlientEnv {
  orgs: OrganisationMap;
  institutionId: string;
  canton: string;
  extractedAt: string;
}

const ROOT = at('', '');

/** The Klient's native id for its rejections: `@PersonNr`, or its position when it has none. */
export function personNrOf(klient: XmlElement, position: number): string {
  return klient.attr('PersonNr')?.trim() || `Klient[${position}]`;
}

/**
 * One `Klient` → the draft of its CaseRecord (compacted and checked by `mapRecords`).
 * Not mapped (quirks 9 and 11): `Sachbearbeitung`'s text (a staff name), `Familie`,
 * `@Eroeffnet`, the texts of `Nationalitaet` and `Sprache`, `Mutationen` (events.ts).
 */
export function mapKlient(klient: XmlElement, env: KlientEnv): unknown {
  const personNr = requiredAttr(klient, 'PersonNr', at('source.localPersonId', '@PersonNr'));
  const dossier = klient.child('Dossier');
  const localCaseId = required(dossier?.attr('DossierNr')?.trim(), at('source.localCaseId', 'Dossier/@DossierNr'));
  return {
    contractVersion: '1.0',
    recordId: recordIdFor('tutoris', personNr),
    source: { system: 'tutoris', institutionId: env.institutionId, canton: env.canton, localCaseId, localPersonId: personNr, extractedAt: env.extractedAt },
    person: personOf(klient.child('Personalien')),
    residence: residenceOf(klient.child('Aufenthalt')),
    responsibility: responsibilityOf(dossier, env.orgs),
    potentialAssessments: assessmentsOf(klient.child('Abklaerungen'), env.orgs),
    integrationPlan: integrationPlanOf(klient.child('Integrationsplan'), env.orgs),
    employment: employmentOf(dossier?.child('Erwerb')),
    socialAssistance: socialAssistanceOf(dossier?.child('Sozialhilfe')),
    journal: journalOf(klient.child('Journal'), env.orgs),
    documents: documentsOf(klient.child('Dokumente')),
    consents: consentsOf(klient.child('Vollmachten'), env.orgs),
  };
}

function personOf(p: XmlElement | undefined): unknown {
  const base = down(ROOT, 'person', 'Personalien');
  const child = (name: string): XmlElement | undefined => p?.child(name);
  return {
    vn: ahv13(child('AHVN13')?.text, down(base, 'vn', 'AHVN13')),
    zemisId: zemis(child('ZEMISNr')?.text, down(base, 'zemisId', 'ZEMISNr')),
    officialName: required(textOf(child('Name')), down(base, 'officialName', 'Name')),
    firstName: required(textOf(child('Vorname')), down(base, 'firstName', 'Vorname')),
    sex: SEX.value(child('Geschlecht')?.text, down(base, 'sex', 'Geschlecht')),
    dateOfBirth: required(birthDateOf(child('Geburtsdatum')?.text, down(base, 'dateOfBirth', 'Geburtsdatum')), down(base, 'dateOfBirth', 'Geburtsdatum')),
    nationality: countryOf(child('Nationalitaet')?.attr('Code'), attr(down(base, 'nationality', 'Nationalitaet'), '', 'Code')),
    languages: (p?.all('Sprache') ?? []).map((s, i) => {
      const where = item(down(base, 'languages', 'Sprache'), i);
      return {
        code: languageOf(s.attr('Code'), attr(where, 'code', 'Code')),
        isFirstLanguage: required(jn(s.attr('Erstsprache'), attr(where, 'isFirstLanguage', 'Erstsprache')), attr(where, 'isFirstLanguage', 'Erstsprache')),
      };
    }),
    municipality: municipalityOf(child('Wohngemeinde'), down(base, 'municipality', 'Wohngemeinde')),
    arrivalDate: dateOf(child('Einreise')?.text, down(base, 'arrivalDate', 'Einreise')),
  };
}

function municipalityOf(w: XmlElement | undefined, base: At): unknown {
  if (!w) return undefined;
  return {
    bfsNumber: required(integerOf(w.attr('BFS'), attr(base, 'bfsNumber', 'BFS'), { min: 1 }), attr(base, 'bfsNumber', 'BFS')),
    name: required(textOf(w), at(`${base.field}.name`, base.nativeField)),
  };
}

function residenceOf(a: XmlElement | undefined): unknown {
  const base = down(ROOT, 'residence', 'Aufenthalt');
  const statuses = a?.all('Status') ?? [];
  const list = down(base, 'statusHistory', 'Status');
  if (statuses.length === 0) throw missing(list);
  return {
    statusHistory: ordered(statuses, list, { newestFirst: true, keyOf: (s, w) => requiredDate(s.attr('Von'), attr(w, 'from', 'Von')) }).map(({ value: s, where }) => {
      const decoded = STATUS.decode(s.attr('Code'), attr(where, 'status', 'Code'));
      return {
        status: decoded.value,
        nativeCode: decoded.nativeCode,
        from: required(dateOf(s.attr('Von'), attr(where, 'from', 'Von')), attr(where, 'from', 'Von')),
        to: endDateOf(s.attr('Bis'), attr(where, 'to', 'Bis')),
      };
    }),
    asylumDecisionDate: dateOf(a?.attr('AsylentscheidDatum'), attr(base, 'asylumDecisionDate', 'AsylentscheidDatum')),
  };
}

function responsibilityOf(d: XmlElement | undefined, orgs: OrganisationMap): unknown {
  const base = down(ROOT, 'responsibility', 'Dossier/Fallfuehrung');
  const f = d?.child('Fallfuehrung');
  const stelle = attr(base, 'institutionId', 'Stelle');
  const since = attr(base, 'since', 'Seit');
  const list = down(down(ROOT, 'responsibility', 'Dossier'), 'history', 'FruehereFallfuehrung');
  return {
    phase: PHASE.value(f?.attr('Phase'), attr(base, 'phase', 'Phase')),
    institutionId: required(orgs.institution(f?.attr('Stelle'), stelle), stelle),
    // Quirk 9: Sachbearbeitung's text is the staff member's name; only the id is mapped.
    caseManagerId: f?.child('Sachbearbeitung')?.attr('BenutzerId')?.trim() || undefined,
    since: required(dateOf(f?.attr('Seit'), since), since),
    history: ordered(d?.all('FruehereFallfuehrung') ?? [], list, { newestFirst: true, keyOf: (h, w) => requiredDate(h.attr('Von'), attr(w, 'from', 'Von')) }).map(({ value: h, where }) => ({
      phase: PHASE.value(h.attr('Phase'), attr(where, 'phase', 'Phase')),
      institutionId: required(orgs.institution(h.attr('Stelle'), attr(where, 'institutionId', 'Stelle')), attr(where, 'institutionId', 'Stelle')),
      from: required(dateOf(h.attr('Von'), attr(where, 'from', 'Von')), attr(where, 'from', 'Von')),
      to: required(endDateOf(h.attr('Bis'), attr(where, 'to', 'Bis')), attr(where, 'to', 'Bis')),
    })),
  };
}

function employmentOf(e: XmlElement | undefined): unknown {
  if (!e) return undefined;
  const base = down(ROOT, 'employment', 'Dossier/Erwerb');
  // `0` or empty is no workload (FORMAT "Erwerb").
  const pensum = integerOf(e.attr('Pensum'), attr(base, 'workloadPercent', 'Pensum'), { min: 0, max: 100 });
  return {
    situation: EMPLOYMENT.value(e.attr('Situation'), attr(base, 'situation', 'Situation')),
    since: dateOf(e.attr('Seit'), attr(base, 'since', 'Seit')),
    workloadPercent: pensum === 0 ? undefined : pensum,
  };
}

function socialAssistanceOf(s: XmlElement | undefined): unknown {
  if (!s) return undefined;
  const base = down(ROOT, 'socialAssistance', 'Dossier/Sozialhilfe');
  return {
    receives: required(jn(s.attr('Bezug'), attr(base, 'receives', 'Bezug')), attr(base, 'receives', 'Bezug')),
    since: dateOf(s.attr('Seit'), attr(base, 'since', 'Seit')),
  };
}
