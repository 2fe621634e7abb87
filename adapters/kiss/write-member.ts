import { dottedAhv, el, formatDmy, invalid, requiredToWrite, type CaseRecord, type Consent, type IntegrationPlan, type OrganisationMap, type Person, type PotentialAssessment, type XmlOut } from '../../src/adapters/sdk.js';
import { CONSENT_KIND, DATA_CATEGORY, EDUCATION, EMPLOYMENT, FINANCED_BY, LANGUAGE, LEVEL, MEASURE_STATUS, MEASURE_TYPE, NO_STATE_WRITTEN, ORIENTATION, OUTCOME, PURPOSE, RECIPIENT_TYPE, SEX, SKILL, STATUS, STATUS_OTHER } from './codes.js';

// One contract record → one `membre` of an import UA (the export's layout).

export const ouiNon = (value: boolean): string => (value ? 'oui' : 'non');
const dmy = (value: string | undefined): string | undefined => (value === undefined ? undefined : formatDmy(value));
const country = (alpha2: string | undefined): string | undefined => (alpha2 === 'XX' ? NO_STATE_WRITTEN : alpha2);

/** An element with text, or nothing when the text is absent. */
export function opt(name: string, value: string | number | undefined, attributes: Record<string, string | number | undefined> = {}): XmlOut | undefined {
  return value === undefined || value === '' ? undefined : el(name, attributes, String(value));
}

/** A service code for an institution; KiSS cannot name one without a code, so it is left out (FORMAT, "cannot carry"). */
export const serviceOf = (orgs: OrganisationMap) => (institutionId: string | undefined): string | undefined => (institutionId === undefined ? undefined : orgs.nativeOf(institutionId));

function language(code: string, field: string, nativeField: string): string {
  const native = LANGUAGE.encode(code);
  if (native === undefined) throw invalid('mapping.cannot-write', { field, nativeField }, 'cannot be written: the language is not in the shared Diartis list');
  return native;
}

/** `756.6400.2118.71`, as KiSS writes the AVS number. */

/** A value an import file cannot do without; a delivery without it (withheld or unknown) is refused. */
export const needed = <T>(value: T | undefined, field: string, nativeField: string): T => requiredToWrite(value, { field, nativeField }, 'KiSS');

export function memberElement(record: CaseRecord, role: 'REQ' | 'AUTRE', orgs: OrganisationMap, own: boolean): XmlOut {
  const p: Partial<Person> = record.person ?? {};
  const residence = needed(record.residence, 'residence', 'statuts');
  const [year, month, day] = needed(p.dateOfBirth, 'person.dateOfBirth', 'membre/dateNaissance').split('-');
  const service = serviceOf(orgs);
  return el(
    'membre',
    // KiSS numbers the person on import; `idExterne` brings the gateway's id back in the accusé.
    { noPersonne: '', idExterne: record.recordId, role },
    el('nomOfficiel', {}, needed(p.officialName, 'person.officialName', 'membre/nomOfficiel')),
    el('prenom', {}, needed(p.firstName, 'person.firstName', 'membre/prenom')),
    el('sexe', {}, SEX.encode(needed(p.sex, 'person.sex', 'membre/sexe'))),
    el('dateNaissance', { precision: day ? 'J' : month ? 'M' : 'A' }, `${day ?? '01'}.${month ?? '01'}.${year}`),
    opt('noAVS', p.vn && dottedAhv(p.vn)),
    opt('noSymic', p.zemisId),
    p.nationality === undefined ? undefined : el('nationalite', { code: country(p.nationality) }),
    p.languages?.length
      ? el('langues', {}, p.languages.map((l, i) => el('langue', { code: language(l.code, `person.languages[${i}].code`, 'langues/langue/@code'), premiere: ouiNon(l.isFirstLanguage) })))
      : undefined,
    opt('dateEntreeSuisse', dmy(p.arrivalDate)),
    opt('dateDecisionAsile', dmy(residence.asylumDecisionDate)),
    el(
      'statuts',
      {},
      residence.statusHistory.map((s) =>
        el('statut', { code: s.status === 'other' ? (own && s.nativeCode ? s.nativeCode : STATUS_OTHER) : STATUS.encode(s.status), des: formatDmy(s.from), jusque: dmy(s.to) }),
      ),
    ),
    record.employment
      ? el('activite', { situation: EMPLOYMENT.encode(record.employment.situation), depuis: dmy(record.employment.since), taux: record.employment.workloadPercent })
      : undefined,
    record.potentialAssessments?.length ? el('bilans', {}, record.potentialAssessments.map((a) => bilan(a, service))) : undefined,
    record.integrationPlan ? plan(record.integrationPlan, service, own) : undefined,
    record.consents?.length ? el('procurations', {}, record.consents.map((c) => procuration(c, service))) : undefined,
  );
}

function bilan(a: PotentialAssessment, service: (id: string | undefined) => string | undefined): XmlOut {
  return el(
    'bilan',
    { no: a.id, date: formatDmy(a.date), service: service(a.institutionId), orientation: ORIENTATION.encode(a.orientation) },
    (a.languageSkills ?? []).map((s, j) =>
      el('competence', {
        langue: language(s.language, `potentialAssessments.languageSkills[${j}].language`, 'competence/@langue'),
        niveau: LEVEL.encode(s.level),
        aptitude: SKILL.encode(s.skill),
        certifie: ouiNon(s.certified),
        document: s.certificateDocumentId,
      }),
    ),
    (a.education ?? []).map((e) =>
      el('formation', { niveau: EDUCATION.encode(e.level), pays: country(e.country), annees: e.years, achevee: ouiNon(e.completed), reconnueCH: e.recognisedInSwitzerland === undefined ? undefined : ouiNon(e.recognisedInSwitzerland) }),
    ),
    (a.workExperience ?? []).map((w) => el('experience', { isco: w.iscoCode, annees: w.years, pays: country(w.country) }, w.occupation)),
    opt('capaciteTravail', a.health?.workCapacityPercent),
    opt('restrictions', a.health?.restrictions),
    opt('ressources', a.resources),
    opt('obstacles', a.obstacles),
    opt('objectifs', a.goals),
  );
}

function plan(ip: IntegrationPlan, service: (id: string | undefined) => string | undefined, own: boolean): XmlOut {
  return el(
    'planIntegration',
    { no: ip.id, version: ip.version, etabliLe: formatDmy(ip.establishedOn), validePar: service(ip.validatedBy) },
    (ip.goals ?? []).map((g) => el('objectif', { no: g.id, echeance: dmy(g.targetDate) }, g.text)),
    (ip.measures ?? []).map((m) => {
      // The object's one nativeCode is its type's when the type fell back, else its funding's.
      const type = m.type === 'other' ? (own && m.nativeCode ? m.nativeCode : MEASURE_TYPE.encode('other')) : MEASURE_TYPE.encode(m.type);
      const funding = m.financedBy === 'other' && m.type !== 'other' && own && m.nativeCode ? m.nativeCode : m.financedBy && FINANCED_BY.encode(m.financedBy);
      return el(
        'mesure',
        { no: m.id, type, statut: MEASURE_STATUS.encode(m.status), resultat: m.outcome && OUTCOME.encode(m.outcome), financement: funding, debut: dmy(m.start), fin: dmy(m.end) },
        el('intitule', {}, m.title),
        m.providerName !== undefined || m.providerId !== undefined ? el('prestataire', { service: service(m.providerId) }, m.providerName) : undefined,
        opt('remarque', m.note),
        (m.documentIds ?? []).map((d) => el('refDocument', {}, d)),
      );
    }),
  );
}

function procuration(c: Consent, service: (id: string | undefined) => string | undefined): XmlOut {
  return el(
    'procuration',
    { no: c.id, type: CONSENT_KIND.encode(c.kind), signeeLe: formatDmy(c.grantedOn), valableJusque: dmy(c.validUntil), revoqueeLe: dmy(c.revokedOn), document: c.documentId },
    // A recipient is a kind of institution or one service, in the record's order.
    c.recipients.map((r) => {
      const kind = RECIPIENT_TYPE.encode(r as never);
      if (kind) return el('destinataireType', {}, kind);
      const code = service(r);
      return code === undefined ? undefined : el('destinataireService', {}, code);
    }),
    c.purposes.map((p) => el('but', {}, PURPOSE.encode(p))),
    c.dataCategories.map((d) => el('donnees', {}, DATA_CATEGORY.encode(d))),
  );
}
