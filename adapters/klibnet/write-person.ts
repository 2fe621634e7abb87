import { el, formatDmy, type CaseRecord, type Consent, type IntegrationPlan, type OrganisationMap, type Person, type PotentialAssessment, type XmlOut } from '../../src/adapters/sdk.js';
import { CONSENT_KIND, DATA_CATEGORY, EDUCATION, EMPLOYMENT, FINANCED_BY, LANGUAGE, LEVEL, MEASURE_STATUS, MEASURE_TYPE, ORIENTATION, OUTCOME, PURPOSE, RECIPIENT_TYPE, SEX, SKILL, STATUS, STATUS_OTHER } from './codes.js';
import type { Database } from './native.js';
import { bool01, code, country, needed, opt, wholeNumber } from './write-kit.js';

// One contract record → one `Person` of an import UE (the layout of the export).

export function personElement(record: CaseRecord, role: 'AS' | 'WP', db: Database, orgs: OrganisationMap, own: boolean): XmlOut {
  const p: Partial<Person> = record.person ?? {};
  const residence = needed(record.residence, 'residence', 'StatusHistorie');
  const asyl = db !== 'WSH';
  const [year, month, day] = needed(p.dateOfBirth, 'person.dateOfBirth', 'Person/GebDat').split('-');
  return el(
    'Person',
    {},
    // KLIBnet numbers the person on import; the gateway's id comes back with it in the Rückmeldung.
    el('PersNr'),
    el('FremdId', {}, record.recordId),
    el('RolleCd', {}, role),
    el('Name', {}, needed(p.officialName, 'person.officialName', 'Person/Name')),
    el('Vorname', {}, needed(p.firstName, 'person.firstName', 'Person/Vorname')),
    // KLIBnet has no code for `other`: it is written as unknown (FORMAT, "cannot carry").
    el('GeschlechtCd', {}, SEX.encode(needed(p.sex, 'person.sex', 'Person/GeschlechtCd')) ?? '0'),
    el('GebDat', {}, `${day ?? '01'}.${month ?? '01'}.${year}`),
    el('GebDatGenauigkeit', {}, day ? 'T' : month ? 'M' : 'J'),
    opt('AHVN13', p.vn),
    opt('ZEMISNr', p.zemisId?.replace(/(\d{4})(?=\d)/g, '$1 ')),
    opt('StaatCd', p.nationality === undefined ? undefined : country(p.nationality)),
    p.languages?.length
      ? el(
          'Sprachen',
          {},
          p.languages.map((l, i) =>
            el('Sprache', {}, el('SpracheCd', {}, code(LANGUAGE.encode(l.code), `person.languages[${i}].code`, 'Sprachen/Sprache/SpracheCd')), el('Erstsprache', {}, bool01(l.isFirstLanguage))),
          ),
        )
      : undefined,
    opt('EinreiseCH', p.arrivalDate && formatDmy(p.arrivalDate)),
    asyl ? opt('AsylEntscheidAm', residence.asylumDecisionDate && formatDmy(residence.asylumDecisionDate)) : undefined,
    asyl ? statusHistory(record, own) : permit(record, own),
    record.employment
      ? el(
          'Erwerb',
          {},
          el('ErwerbCd', {}, EMPLOYMENT.encode(record.employment.situation)),
          opt('Ab', record.employment.since && formatDmy(record.employment.since)),
          opt('PensumProz', record.employment.workloadPercent),
        )
      : undefined,
    // WSH has no Asyl module: assessments, plan and consents stay out (FORMAT, "cannot carry").
    asyl && record.potentialAssessments?.length ? el('Standortbestimmungen', {}, record.potentialAssessments.map((a, i) => assessment(a, i, orgs))) : undefined,
    asyl && record.integrationPlan ? plan(record.integrationPlan, orgs, own) : undefined,
    asyl && record.consents?.length ? el('Einwilligungen', {}, record.consents.map((c, i) => consent(c, i, orgs))) : undefined,
  );
}

function statusCode(status: CaseRecord['residence']['statusHistory'][number], own: boolean): string {
  if (status.status === 'other') return own && status.nativeCode ? status.nativeCode : STATUS_OTHER;
  return STATUS.encode(status.status)!;
}

function statusHistory(record: CaseRecord, own: boolean): XmlOut {
  return el(
    'StatusHistorie',
    {},
    record.residence.statusHistory.map((s) => el('Status', {}, el('StatusCd', {}, statusCode(s, own)), el('GueltigAb', {}, formatDmy(s.from)), opt('GueltigBis', s.to && formatDmy(s.to)))),
  );
}

/** WSH keeps the current permit only; a refugee's F or B is written as the plain permit. */
function permit(record: CaseRecord, own: boolean): XmlOut {
  const history = record.residence.statusHistory;
  const current = history.find((s) => s.to === undefined) ?? history.at(-1)!;
  const letter = current.status === 'F-refugee' ? 'F' : current.status === 'B-refugee' ? 'B' : current.status === 'other' ? statusCode(current, own) : current.status;
  return el('Bewilligung', {}, el('BewilligungCd', {}, letter), el('GueltigAb', {}, formatDmy(current.from)));
}

function assessment(a: PotentialAssessment, i: number, orgs: OrganisationMap): XmlOut {
  const base = `potentialAssessments[${i}]`;
  return el(
    'Standortbestimmung',
    {},
    el('SBNr', {}, a.id),
    el('Datum', {}, formatDmy(a.date)),
    el('StelleCd', {}, orgs.requireNative(a.institutionId, `${base}.institutionId`, 'Standortbestimmung/StelleCd')),
    el('PerspektiveCd', {}, ORIENTATION.encode(a.orientation)),
    (a.languageSkills ?? []).map((s) =>
      el(
        'Sprachstand',
        {},
        el('SpracheCd', {}, code(LANGUAGE.encode(s.language), `${base}.languageSkills.language`, 'Sprachstand/SpracheCd')),
        el('Niveau', {}, LEVEL.encode(s.level)),
        el('FertigkeitCd', {}, SKILL.encode(s.skill)),
        // The contract knows that a certificate exists, not which: KLIBnet needs a name.
        s.certified ? el('Zertifikat', {}, 'unbekannt') : undefined,
        opt('ZertDokNr', s.certificateDocumentId),
      ),
    ),
    (a.education ?? []).map((e, j) =>
      el(
        'Ausbildung',
        {},
        el('StufeCd', {}, EDUCATION.encode(e.level)),
        opt('LandCd', e.country && country(e.country)),
        opt('Jahre', wholeNumber(e.years, `${base}.education[${j}].years`, 'Ausbildung/Jahre')),
        el('Abschluss', {}, bool01(e.completed)),
        opt('AnerkanntCH', e.recognisedInSwitzerland === undefined ? undefined : bool01(e.recognisedInSwitzerland)),
      ),
    ),
    (a.workExperience ?? []).map((w, j) =>
      el(
        'Berufserfahrung',
        {},
        el('Beruf', {}, w.occupation),
        opt('ISCO', w.iscoCode),
        el('Jahre', {}, wholeNumber(w.years, `${base}.workExperience[${j}].years`, 'Berufserfahrung/Jahre')),
        opt('LandCd', w.country && country(w.country)),
      ),
    ),
    opt('ArbeitsfaehigkeitProz', a.health?.workCapacityPercent),
    opt('Einschraenkungen', a.health?.restrictions),
    opt('Ressourcen', a.resources),
    opt('Hindernisse', a.obstacles),
    opt('Ziele', a.goals),
  );
}

function plan(ip: IntegrationPlan, orgs: OrganisationMap, own: boolean): XmlOut {
  return el(
    'Integrationsplanung',
    {},
    el('PlanNr', {}, ip.id),
    el('Version', {}, ip.version),
    el('ErstelltAm', {}, formatDmy(ip.establishedOn)),
    opt('GenehmigtDurchCd', ip.validatedBy && orgs.requireNative(ip.validatedBy, 'integrationPlan.validatedBy', 'Integrationsplanung/GenehmigtDurchCd')),
    ip.goals?.length ? el('Ziele', {}, ip.goals.map((g) => el('Ziel', {}, el('ZielNr', {}, g.id), el('Text', {}, g.text), opt('Termin', g.targetDate && formatDmy(g.targetDate))))) : undefined,
    ip.measures?.length
      ? el(
          'Massnahmen',
          {},
          ip.measures.map((m, i) => {
            // The object's one nativeCode is its type's when the type fell back, else its funding's.
            const typeCode = m.type === 'other' ? (own && m.nativeCode ? m.nativeCode : MEASURE_TYPE.encode('other')) : MEASURE_TYPE.encode(m.type);
            const funding = m.financedBy === 'other' && m.type !== 'other' && own && m.nativeCode ? m.nativeCode : m.financedBy && FINANCED_BY.encode(m.financedBy);
            return el(
              'Massnahme',
              {},
              el('MassnNr', {}, m.id),
              el('MassnArtCd', {}, typeCode),
              el('Bezeichnung', {}, m.title),
              opt('AnbieterCd', m.providerId && orgs.requireNative(m.providerId, `integrationPlan.measures[${i}].providerId`, 'Massnahme/AnbieterCd')),
              opt('Anbieter', m.providerName),
              opt('Beginn', m.start && formatDmy(m.start)),
              opt('Ende', m.end && formatDmy(m.end)),
              el('StatusCd', {}, MEASURE_STATUS.encode(m.status)),
              opt('ErgebnisCd', m.outcome && OUTCOME.encode(m.outcome)),
              opt('KostentraegerCd', funding),
              opt('Bemerkung', m.note),
              (m.documentIds ?? []).map((d) => el('DokNr', {}, d)),
            );
          }),
        )
      : undefined,
  );
}

function consent(c: Consent, i: number, orgs: OrganisationMap): XmlOut {
  return el(
    'Einwilligung',
    {},
    el('EwNr', {}, c.id),
    el('ArtCd', {}, CONSENT_KIND.encode(c.kind)),
    el('UnterschriebenAm', {}, formatDmy(c.grantedOn)),
    opt('GueltigBis', c.validUntil && formatDmy(c.validUntil)),
    opt('WiderrufenAm', c.revokedOn && formatDmy(c.revokedOn)),
    opt('DokNr', c.documentId),
    // A recipient is a kind of institution (EmpfCd) or one institution (EmpfStelleCd), in the record's order.
    c.recipients.map((r, j) => {
      const kind = RECIPIENT_TYPE.encode(r as never);
      return kind ? el('EmpfCd', {}, kind) : el('EmpfStelleCd', {}, orgs.requireNative(r, `consents[${i}].recipients[${j}]`, 'Einwilligung/EmpfStelleCd'));
    }),
    c.purposes.map((p) => el('ZweckCd', {}, PURPOSE.encode(p))),
    c.dataCategories.map((d) => el('DatenCd', {}, DATA_CATEGORY.encode(d))),
  );
}
