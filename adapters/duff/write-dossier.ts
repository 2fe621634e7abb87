import type { CaseRecord, InstitutionType, Measure, MeasureStatus, MeasureType, Orientation, Person, PotentialAssessment, Residence, Responsibility } from '../../src/adapters/sdk.js';
import { dottedAhv, formatPartialDmy, writeConsents } from '../../src/adapters/sdk.js';
import { NAMES } from './reading.js';
import { DATA_CATEGORY, CONSENT_KIND, DOCUMENT_KIND, EDUCATION, EMPLOYMENT, FINANCED_BY, JOURNAL, LEVEL, MEASURE_STATUS, MEASURE_TYPE, ORIENTATION, OUTCOME, PHASE, PURPOSE, RECIPIENT_TYPE, SEX, SKILL, STATUS } from './codes.js';
import { alpha3, encode, iso6393, needed, organisation, spacedZemis, wholeYears, type WriteEnv } from './write-values.js';

const TYPES: ReadonlySet<string> = new Set(RECIPIENT_TYPE.natives().map((c) => RECIPIENT_TYPE.value(c, { field: '', nativeField: '' })));
const isType = (value: string): value is InstitutionType => TYPES.has(value);
/** Delivered entries all get the permission FALLFUEHRUNG (FORMAT "What this format cannot carry"). */
const PERMISSION = 'FALLFUEHRUNG';

/**
 * A record → a DuFF Dossier, newest first where DuFF is (quirk 4); `compact` leaves out what
 * is unknown (quirk 1). What a delivered record lacks (a withheld category) is left out
 * where DuFF allows it; `person`, `aufenthalt`, `zustaendigkeit`, an assessment's
 * `ausrichtung` and a measure's `art`, `titel`, `status` DuFF requires: without them the
 * write fails (`needed`).
 */
export function dossierBody(record: CaseRecord, env: WriteEnv): Record<string, unknown> {
  return {
    dossierNr: record.source.localCaseId,
    personNr: record.source.localPersonId,
    person: person(record.person),
    aufenthalt: aufenthalt(needed<Residence>(record.residence, 'residence', 'aufenthalt')),
    zustaendigkeit: zustaendigkeit(needed<Responsibility>(record.responsibility, 'responsibility', 'zustaendigkeit'), env),
    potenzialabklaerungen: (record.potentialAssessments ?? []).map((a, i) => assessment(a, `potentialAssessments[${i}]`, env)),
    integrationsplan: record.integrationPlan && {
      id: record.integrationPlan.id,
      version: record.integrationPlan.version,
      erstelltAm: record.integrationPlan.establishedOn,
      validiertDurch: record.integrationPlan.validatedBy && organisation(env, record.integrationPlan.validatedBy, 'integrationPlan.validatedBy', 'integrationsplan.validiertDurch'),
      ziele: (record.integrationPlan.goals ?? []).map((g) => ({ id: g.id, text: g.text, zieldatum: g.targetDate })),
      massnahmen: (record.integrationPlan.measures ?? []).map((m, i) => measure(m, `integrationPlan.measures[${i}]`, env)),
    },
    erwerb: record.employment && {
      situation: encode(EMPLOYMENT, record.employment.situation, 'employment.situation', 'erwerb.situation'),
      seit: record.employment.since,
      pensum: record.employment.workloadPercent,
    },
    sozialhilfe: record.socialAssistance && { bezug: record.socialAssistance.receives, seit: record.socialAssistance.since },
    journal: (record.journal ?? [])
      .map((j, i) => ({
        id: j.id,
        zeitpunkt: j.at,
        organisation: organisation(env, j.institutionId, `journal[${i}].institutionId`, 'journal.organisation'),
        kategorie: encode(JOURNAL, j.category, `journal[${i}].category`, 'journal.kategorie'),
        text: j.text,
        berechtigung: PERMISSION,
        gesperrt: false,
      }))
      .reverse(),
    dokumente: (record.documents ?? []).map((d, i) => ({
      id: d.id,
      titel: d.title,
      art: encode(DOCUMENT_KIND, d.kind, `documents[${i}].kind`, 'dokumente.art', d.nativeCode),
      mimeTyp: d.mediaType,
      // Quirk 8 backwards: `sha256-` + base64 of the digest.
      pruefsumme: `sha256-${Buffer.from(d.sha256, 'hex').toString('base64')}`,
      groesse: d.size,
      datum: d.date,
      berechtigung: PERMISSION,
    })),
    // Recipients are prefixed with their kind (quirk 10): TYP:<type>, ORG:<organisation>.
    einwilligungen: writeConsents(record.consents, NAMES, {
      says: 'has no DuFF code',
      codes: { kind: CONSENT_KIND, purpose: PURPOSE, dataCategory: DATA_CATEGORY },
      recipient: (to, field, nativeField) => (isType(to) ? `TYP:${encode(RECIPIENT_TYPE, to, field, nativeField)}` : `ORG:${organisation(env, to, field, nativeField)}`),
      absent: undefined,
    }),
  };
}

/** `person`; with identity withheld but languages disclosed, the record's person holds only its languages. */
function person(disclosed: Person | undefined): Record<string, unknown> {
  const p: Partial<Person> = needed(disclosed, 'person', 'person');
  return {
    ahvNr: p.vn && dottedAhv(p.vn),
    zemisNr: p.zemisId && spacedZemis(p.zemisId),
    name: needed(p.officialName, 'person.officialName', 'person.name'),
    vorname: needed(p.firstName, 'person.firstName', 'person.vorname'),
    // Sex `other` has no eCH-0044 code: written as 3 (undetermined), README.
    geschlecht: Number(SEX.encode(needed(p.sex, 'person.sex', 'person.geschlecht')) ?? '3'),
    geburtsdatum: formatPartialDmy(needed(p.dateOfBirth, 'person.dateOfBirth', 'person.geburtsdatum')),
    staatsangehoerigkeit: p.nationality && alpha3(p.nationality, 'person.nationality', 'person.staatsangehoerigkeit'),
    sprachen: (p.languages ?? []).map((l, i) => ({ code: iso6393(l.code, `person.languages[${i}].code`, 'person.sprachen.code'), erstsprache: l.isFirstLanguage })),
    wohngemeinde: p.municipality && { bfsNr: p.municipality.bfsNumber, name: p.municipality.name },
    einreise: p.arrivalDate,
  };
}

function aufenthalt(residence: Residence): Record<string, unknown> {
  return {
    statusverlauf: residence.statusHistory
      .map((s, i) => ({ status: encode(STATUS, s.status, `residence.statusHistory[${i}].status`, 'aufenthalt.statusverlauf.status', s.nativeCode), gueltigAb: s.from, gueltigBis: s.to }))
      .reverse(),
    asylentscheid: residence.asylumDecisionDate,
  };
}

function zustaendigkeit(r: Responsibility, env: WriteEnv): Record<string, unknown> {
  return {
    phase: encode(PHASE, r.phase, 'responsibility.phase', 'zustaendigkeit.phase'),
    organisation: organisation(env, r.institutionId, 'responsibility.institutionId', 'zustaendigkeit.organisation'),
    fallfuehrung: r.caseManagerId,
    seit: r.since,
    verlauf: (r.history ?? []).map((h, i) => ({
      phase: encode(PHASE, h.phase, `responsibility.history[${i}].phase`, 'zustaendigkeit.verlauf.phase'),
      organisation: organisation(env, h.institutionId, `responsibility.history[${i}].institutionId`, 'zustaendigkeit.verlauf.organisation'),
      von: h.from,
      bis: h.to,
    })),
  };
}

function assessment(a: PotentialAssessment, f: string, env: WriteEnv): Record<string, unknown> {
  return {
    id: a.id,
    datum: a.date,
    organisation: organisation(env, a.institutionId, `${f}.institutionId`, 'potenzialabklaerungen.organisation'),
    sprachkenntnisse: (a.languageSkills ?? []).map((l, j) => ({
      sprache: iso6393(l.language, `${f}.languageSkills[${j}].language`, 'potenzialabklaerungen.sprachkenntnisse.sprache'),
      niveau: encode(LEVEL, l.level, `${f}.languageSkills[${j}].level`, 'potenzialabklaerungen.sprachkenntnisse.niveau'),
      fertigkeit: encode(SKILL, l.skill, `${f}.languageSkills[${j}].skill`, 'potenzialabklaerungen.sprachkenntnisse.fertigkeit'),
      zertifikat: l.certified,
      zertifikatDokument: l.certificateDocumentId,
    })),
    ausbildungen: (a.education ?? []).map((e, j) => ({
      stufe: encode(EDUCATION, e.level, `${f}.education[${j}].level`, 'potenzialabklaerungen.ausbildungen.stufe'),
      land: e.country && alpha3(e.country, `${f}.education[${j}].country`, 'potenzialabklaerungen.ausbildungen.land'),
      jahre: e.years === undefined ? undefined : wholeYears(e.years, `${f}.education[${j}].years`, 'potenzialabklaerungen.ausbildungen.jahre'),
      abgeschlossen: e.completed,
      anerkannt: e.recognisedInSwitzerland,
    })),
    berufserfahrungen: (a.workExperience ?? []).map((x, j) => ({
      taetigkeit: x.occupation,
      isco: x.iscoCode,
      jahre: wholeYears(x.years, `${f}.workExperience[${j}].years`, 'potenzialabklaerungen.berufserfahrungen.jahre'),
      land: x.country && alpha3(x.country, `${f}.workExperience[${j}].country`, 'potenzialabklaerungen.berufserfahrungen.land'),
    })),
    gesundheit: a.health && { arbeitsfaehigkeit: a.health.workCapacityPercent, einschraenkungen: a.health.restrictions },
    // Absent when education and work are withheld (the assessment then holds its language skills or notes).
    ausrichtung: encode(ORIENTATION, needed<Orientation>(a.orientation, `${f}.orientation`, 'potenzialabklaerungen.ausrichtung'), `${f}.orientation`, 'potenzialabklaerungen.ausrichtung'),
    ressourcen: a.resources,
    hindernisse: a.obstacles,
    ziele: a.goals,
  };
}

function measure(m: Measure, f: string, env: WriteEnv): Record<string, unknown> {
  // The object's one nativeCode is its art's when that fell back, else its payer's.
  const typeCode = m.type === 'other' ? m.nativeCode : undefined;
  const payerCode = m.type !== 'other' && m.financedBy === 'other' ? m.nativeCode : undefined;
  return {
    id: m.id,
    // With the plan withheld but its notes disclosed, a measure holds only its id and note.
    art: encode(MEASURE_TYPE, needed<MeasureType>(m.type, `${f}.type`, 'integrationsplan.massnahmen.art'), `${f}.type`, 'integrationsplan.massnahmen.art', typeCode),
    titel: needed<string>(m.title, `${f}.title`, 'integrationsplan.massnahmen.titel'),
    anbieter: {
      organisation: m.providerId && organisation(env, m.providerId, `${f}.providerId`, 'integrationsplan.massnahmen.anbieter.organisation'),
      name: m.providerName,
    },
    beginn: m.start,
    ende: m.end,
    status: encode(MEASURE_STATUS, needed<MeasureStatus>(m.status, `${f}.status`, 'integrationsplan.massnahmen.status'), `${f}.status`, 'integrationsplan.massnahmen.status'),
    ergebnis: m.outcome && encode(OUTCOME, m.outcome, `${f}.outcome`, 'integrationsplan.massnahmen.ergebnis'),
    bemerkung: m.note,
    kostentraeger: m.financedBy && encode(FINANCED_BY, m.financedBy, `${f}.financedBy`, 'integrationsplan.massnahmen.kostentraeger', payerCode),
    dokumente: m.documentIds,
  };
}
