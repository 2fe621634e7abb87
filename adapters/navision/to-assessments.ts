import { integer, invalid, missing, required, sub, type At, type OrganisationMap } from '../../src/adapters/sdk.js';
import { EDUCATION, LANGUAGE, LEVEL, ORIENTATION } from './codes.js';
import { navBoolean, navDate, navNumber, navOption, navText, type NavRow } from './native.js';
import { chronological, dateKey } from './rows.js';
import { countryOf } from './to-person.js';

// `Bilans_Potentiel` → `potentialAssessments[]`, by `Date_Bilan`. A bilan holds one
// evaluated language (oral and written level), one education and one work experience.

export function assessmentsOf(rows: readonly NavRow[], orgs: OrganisationMap): Record<string, unknown>[] {
  return chronological(rows, dateKey('Date_Bilan')).map(({ row, j }, i) => {
    const base = { field: `potentialAssessments[${i}]`, nativeField: `Bilans_Potentiel[${j}]` };
    const w = (field: string, native: string): At => sub(base, field, native);
    const orientation = w('orientation', 'Orientation');
    return {
      id: required(navText(row.No, w('id', 'No')), w('id', 'No')),
      date: required(navDate(row.Date_Bilan, w('date', 'Date_Bilan')), w('date', 'Date_Bilan')),
      institutionId: required(orgs.institution(navText(row.Institution_Code, w('institutionId', 'Institution_Code')), w('institutionId', 'Institution_Code')), w('institutionId', 'Institution_Code')),
      languageSkills: skillsOf(row, base),
      education: educationOf(row, base),
      workExperience: experienceOf(row, base),
      health: {
        workCapacityPercent: integer(navText(row.Capacite_Travail_Pct, w('health.workCapacityPercent', 'Capacite_Travail_Pct')), w('health.workCapacityPercent', 'Capacite_Travail_Pct'), { min: 0, max: 100 }),
        restrictions: navText(row.Restrictions_Sante, w('health.restrictions', 'Restrictions_Sante')),
      },
      orientation: ORIENTATION.value(navOption(row.Orientation, orientation), orientation),
      resources: navText(row.Ressources, w('resources', 'Ressources')),
      obstacles: navText(row.Obstacles, w('obstacles', 'Obstacles')),
      goals: navText(row.Objectifs, w('goals', 'Objectifs')),
    };
  });
}

/** `Langue_Evaluee` with `Niveau_Oral` (skill `oral`), then `Niveau_Ecrit` (`written`); a level without a language rejects. */
function skillsOf(row: NavRow, base: At): Record<string, unknown>[] {
  const levels: [string, string][] = [
    ['oral', 'Niveau_Oral'],
    ['written', 'Niveau_Ecrit'],
  ];
  const found: { skill: string; level: string }[] = [];
  for (const [skill, native] of levels) {
    const where = sub(base, `languageSkills[${found.length}].level`, native);
    const level = LEVEL.valueOptional(navOption(row[native], where), where);
    if (level !== undefined) found.push({ skill, level });
  }
  if (found.length === 0) return [];
  const language = sub(base, 'languageSkills[0].language', 'Langue_Evaluee');
  const certified = sub(base, 'languageSkills[0].certified', 'Certificat_Langue');
  const code = navText(row.Langue_Evaluee, language);
  if (code === undefined) throw missing(language);
  const common = {
    language: LANGUAGE.value(code, language),
    certified: required(navBoolean(row.Certificat_Langue, certified), certified),
    certificateDocumentId: navText(row.Certificat_Doc_No, sub(base, 'languageSkills[0].certificateDocumentId', 'Certificat_Doc_No')),
  };
  return found.map(({ skill, level }) => ({ language: common.language, level, skill, certified: common.certified, certificateDocumentId: common.certificateDocumentId }));
}

/** One entry when `Niveau_Formation` is set; `Annees_Formation` 0 is no `years`. */
function educationOf(row: NavRow, base: At): Record<string, unknown>[] {
  const w = (field: string, native: string): At => sub(base, `education[0].${field}`, native);
  const level = EDUCATION.valueOptional(navOption(row.Niveau_Formation, w('level', 'Niveau_Formation')), w('level', 'Niveau_Formation'));
  if (level === undefined) return [];
  return [
    {
      level,
      country: countryOf(row.Pays_Formation, w('country', 'Pays_Formation')),
      years: years(row.Annees_Formation, w('years', 'Annees_Formation')),
      completed: required(navBoolean(row.Formation_Achevee, w('completed', 'Formation_Achevee')), w('completed', 'Formation_Achevee')),
      recognisedInSwitzerland: navBoolean(row.Formation_Reconnue, w('recognisedInSwitzerland', 'Formation_Reconnue')),
    },
  ];
}

/** One entry when `Profession` is set. `years` is required and NAV's 0 is blank: 0 years rejects. */
function experienceOf(row: NavRow, base: At): Record<string, unknown>[] {
  const w = (field: string, native: string): At => sub(base, `workExperience[0].${field}`, native);
  const occupation = navText(row.Profession, w('occupation', 'Profession'));
  if (occupation === undefined) return [];
  const isco = navText(row.Code_ISCO, w('iscoCode', 'Code_ISCO'));
  if (isco !== undefined && !/^\d{1,4}$/.test(isco)) throw invalid('mapping.invalid-isco', w('iscoCode', 'Code_ISCO'), 'is not an ISCO-08 code (1 to 4 digits)');
  return [
    {
      occupation,
      iscoCode: isco,
      years: required(years(row.Annees_Experience, w('years', 'Annees_Experience')), w('years', 'Annees_Experience')),
      country: countryOf(row.Pays_Experience, w('country', 'Pays_Experience')),
    },
  ];
}

function years(value: unknown, where: At): number | undefined {
  const n = navNumber(value, where);
  if (n !== undefined && n < 0) throw invalid('mapping.out-of-range', where, 'is below 0');
  return n;
}
