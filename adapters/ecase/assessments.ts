import type { OrganisationMap } from '../../src/adapters/sdk.js';
import { decimal, integer, invalid, missing, ordered, parseDate, required, SORTING } from '../../src/adapters/sdk.js';
import type { CsvRow as Cells } from '../../src/adapters/sdk.js';
import { EDUCATION, LEVEL, ORIENTATION, SKILL } from './codes.js';
import type { Table } from './delivery.js';
import { country, language, Place } from './fields.js';

/** Abklaerungen with their Kompetenzen → `potentialAssessments`, by date (the export is newest first). */
export function assessmentsOf(
  tables: { Abklaerungen: Table; Kompetenzen: Table },
  rows: readonly Cells[],
  skillsOf: (abklNr: string) => readonly Cells[],
  orgs: OrganisationMap,
): Record<string, unknown>[] {
  return ordered(rows, SORTING, { keyOf: (row) => parseDate(row.get('Datum'), SORTING), unreadable: 'first' }).map(({ value: row }, i) => {
    const p = new Place('Abklaerungen', tables.Abklaerungen.header, row, `potentialAssessments[${i}]`);
    const id = p.need('AbklNr', 'id');
    return {
      id,
      date: p.needDate('Datum', 'date'),
      institutionId: p.needInstitution(orgs, 'Stelle', 'institutionId'),
      ...kompetenzen(tables.Kompetenzen, skillsOf(id), `potentialAssessments[${i}]`),
      health: {
        workCapacityPercent: integer(p.get('Arbeitsfaehigkeit'), p.at('Arbeitsfaehigkeit', 'health.workCapacityPercent'), { min: 0, max: 100 }),
        restrictions: p.get('Einschraenkungen'),
      },
      orientation: ORIENTATION.value(p.get('Orientierung'), p.at('Orientierung', 'orientation')),
      resources: p.get('Ressourcen'),
      obstacles: p.get('Hindernisse'),
      goals: p.get('Ziele'),
    };
  });
}

/** Kompetenzen of one Abklaerung, in file order, by `Typ` (quirk 8: Code and Jahre mean what Typ says). */
function kompetenzen(table: Table, rows: readonly Cells[], base: string): Record<string, unknown[]> {
  const languageSkills: unknown[] = [];
  const education: unknown[] = [];
  const workExperience: unknown[] = [];
  for (const row of rows) {
    const typ = new Place('Kompetenzen', table.header, row, base).get('Typ');
    if (typ === 'SPRACHE') {
      const p = new Place('Kompetenzen', table.header, row, `${base}.languageSkills[${languageSkills.length}]`);
      const code = p.at('Code', 'language');
      languageSkills.push({
        language: required(language(p.get('Code'), code), code),
        level: LEVEL.value(p.get('Niveau'), p.at('Niveau', 'level')),
        skill: SKILL.value(p.get('Teilbereich'), p.at('Teilbereich', 'skill')),
        certified: required(p.yesNo('Nachweis', 'certified'), p.at('Nachweis', 'certified')),
        certificateDocumentId: p.get('Zertifikat'),
      });
    } else if (typ === 'AUSBILDUNG') {
      const p = new Place('Kompetenzen', table.header, row, `${base}.education[${education.length}]`);
      education.push({
        level: EDUCATION.value(p.get('Code'), p.at('Code', 'level')),
        country: country(p.get('Land'), p.at('Land', 'country')),
        years: decimal(p.get('Jahre'), p.at('Jahre', 'years'), { min: 0 }),
        completed: required(p.yesNo('Abgeschlossen', 'completed'), p.at('Abgeschlossen', 'completed')),
        recognisedInSwitzerland: p.yesNo('Anerkannt', 'recognisedInSwitzerland'),
      });
    } else if (typ === 'BERUF') {
      const p = new Place('Kompetenzen', table.header, row, `${base}.workExperience[${workExperience.length}]`);
      const isco = p.get('Code');
      if (isco !== undefined && !/^\d{1,4}$/.test(isco)) throw invalid('mapping.invalid-code', p.at('Code', 'iscoCode'), 'is not an ISCO-08 code (1-4 digits)');
      const years = p.at('Jahre', 'years');
      workExperience.push({
        occupation: p.need('Bezeichnung', 'occupation'),
        iscoCode: isco,
        // BERUF years may be fractional with a decimal comma (quirk 10).
        years: required(decimal(p.get('Jahre'), years, { min: 0 }), years),
        country: country(p.get('Land'), p.at('Land', 'country')),
      });
    } else {
      const where = new Place('Kompetenzen', table.header, row, base).at('Typ', '');
      throw typ === undefined ? missing(where) : invalid('mapping.unknown-code', where, 'is none of SPRACHE, AUSBILDUNG, BERUF');
    }
  }
  return { languageSkills, education, workExperience };
}
