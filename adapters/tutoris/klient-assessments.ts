import { at, down, invalid, item, ordered, required, type At, type OrganisationMap, type XmlElement } from '../../src/adapters/sdk.js';
import { EDUCATION, ORIENTATION, SKILL, niveau } from './codes.js';
import { attr, countryOf, dateOf, integerOf, jn, languageOf, optionalAttr, requiredAttr, requiredDate, textOf } from './native.js';

const BASE = at('potentialAssessments', 'Abklaerungen/Potenzialabklaerung');

/** `Abklaerungen/Potenzialabklaerung*` (newest first) → `potentialAssessments[]` by date. */
export function assessmentsOf(abklaerungen: XmlElement | undefined, orgs: OrganisationMap): unknown[] {
  const all = abklaerungen?.all('Potenzialabklaerung') ?? [];
  return ordered(all, BASE, { newestFirst: true, keyOf: (a, w) => requiredDate(a.attr('Datum'), attr(w, 'date', 'Datum')) }).map(({ value: a, where }) => {
    const stelle = attr(where, 'institutionId', 'Stelle');
    const health = a.child('Gesundheit');
    return {
      id: requiredAttr(a, 'Id', attr(where, 'id', 'Id')),
      date: required(dateOf(a.attr('Datum'), attr(where, 'date', 'Datum')), attr(where, 'date', 'Datum')),
      institutionId: required(orgs.institution(a.attr('Stelle'), stelle), stelle),
      languageSkills: a.all('Sprachkompetenz').map((s, i) => skillOf(s, item(down(where, 'languageSkills', 'Sprachkompetenz'), i))),
      education: a.all('Bildung').map((b, i) => educationOf(b, item(down(where, 'education', 'Bildung'), i))),
      workExperience: a.all('Berufserfahrung').map((b, i) => experienceOf(b, item(down(where, 'workExperience', 'Berufserfahrung'), i))),
      health: health && {
        workCapacityPercent: integerOf(health.attr('Arbeitsfaehigkeit'), attr(down(where, 'health', 'Gesundheit'), 'workCapacityPercent', 'Arbeitsfaehigkeit'), { min: 0, max: 100 }),
        restrictions: textOf(health),
      },
      orientation: ORIENTATION.value(a.attr('Ausrichtung'), attr(where, 'orientation', 'Ausrichtung')),
      resources: textOf(a.child('Ressourcen')),
      obstacles: textOf(a.child('Hindernisse')),
      goals: textOf(a.child('Ziele')),
    };
  });
}

function skillOf(s: XmlElement, where: At): unknown {
  const level = attr(where, 'level', 'Niveau');
  const certified = attr(where, 'certified', 'Zertifiziert');
  return {
    language: languageOf(s.attr('Sprache'), attr(where, 'language', 'Sprache')),
    level: required(niveau(s.attr('Niveau'), level), level),
    skill: SKILL.value(s.attr('Fertigkeit'), attr(where, 'skill', 'Fertigkeit')),
    certified: required(jn(s.attr('Zertifiziert'), certified), certified),
    certificateDocumentId: optionalAttr(s, 'ZertifikatDok'),
  };
}

function educationOf(b: XmlElement, where: At): unknown {
  const completed = attr(where, 'completed', 'Abgeschlossen');
  return {
    level: EDUCATION.value(b.attr('Stufe'), attr(where, 'level', 'Stufe')),
    country: countryOf(b.attr('Land'), attr(where, 'country', 'Land')),
    years: integerOf(b.attr('Jahre'), attr(where, 'years', 'Jahre'), { min: 0 }),
    completed: required(jn(b.attr('Abgeschlossen'), completed), completed),
    recognisedInSwitzerland: jn(b.attr('AnerkanntCH'), attr(where, 'recognisedInSwitzerland', 'AnerkanntCH')),
  };
}

function experienceOf(b: XmlElement, where: At): unknown {
  const years = attr(where, 'years', 'Jahre');
  const isco = optionalAttr(b, 'ISCO');
  // ISCO-08 codes have 1 to 4 digits (the contract's pattern).
  if (isco !== undefined && !/^\d{1,4}$/.test(isco)) throw invalid('mapping.unknown-code', attr(where, 'iscoCode', 'ISCO'), 'is not an ISCO-08 code');
  return {
    occupation: required(textOf(b), at(`${where.field}.occupation`, where.nativeField)),
    iscoCode: isco,
    years: required(integerOf(b.attr('Jahre'), years, { min: 0 }), years),
    country: countryOf(b.attr('Land'), attr(where, 'country', 'Land')),
  };
}
