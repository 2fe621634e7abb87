import type { OrganisationMap } from '../../src/adapters/sdk.js';
import { ahv13, at, integer, invalid, list, missing, ordered, parseBirthDate, parseDate, required, SORTING, zemis } from '../../src/adapters/sdk.js';
import type { CsvRow as Cells } from '../../src/adapters/sdk.js';
import { PHASE, SEX, STATUS } from './codes.js';
import { country, language, Place } from './fields.js';
import type { Table } from './delivery.js';

/** Personen → `person` (FORMAT.md "Mapping"). */
export function personOf(p: Place): Record<string, unknown> {
  const dob = p.at('Geburtsdatum', 'dateOfBirth');
  const first = language(p.get('Erstsprache'), p.at('Erstsprache', 'languages[0].code'));
  const offset = first === undefined ? 0 : 1;
  const others = list(p.get('Weitere_Sprachen')).map((code, i) => language(code, p.at('Weitere_Sprachen', `languages[${i + offset}].code`)));
  const bfs = integer(p.get('Gemeinde_BFS'), p.at('Gemeinde_BFS', 'municipality.bfsNumber'), { min: 1 });
  const name = p.get('Gemeinde');
  if ((bfs === undefined) !== (name === undefined)) {
    throw bfs === undefined ? missing(p.at('Gemeinde_BFS', 'municipality.bfsNumber')) : missing(p.at('Gemeinde', 'municipality.name'));
  }
  return {
    vn: ahv13(p.get('AHVN13'), p.at('AHVN13', 'vn')),
    zemisId: zemis(p.get('ZEMIS_Nr'), p.at('ZEMIS_Nr', 'zemisId')),
    officialName: p.need('Name', 'officialName'),
    firstName: p.need('Vorname', 'firstName'),
    sex: SEX.value(p.get('Geschlecht'), p.at('Geschlecht', 'sex')),
    // Only here do zeros stand for an unknown day or month (quirk 4).
    dateOfBirth: required(parseBirthDate(p.get('Geburtsdatum'), dob), dob),
    nationality: country(p.get('Nationalitaet'), p.at('Nationalitaet', 'nationality')),
    languages: [...(first === undefined ? [] : [{ code: first, isFirstLanguage: true }]), ...others.map((code) => ({ code, isFirstLanguage: false }))],
    municipality: bfs === undefined ? undefined : { bfsNumber: bfs, name },
    arrivalDate: p.date('Einreise', 'arrivalDate'),
  };
}

/** Verlauf rows of one Fall, split by Art; each history keeps file order for its indices. */
export function splitVerlauf(table: Table, rows: readonly Cells[]): { aufenthalt: Cells[]; zustaendigkeit: Cells[] } {
  const aufenthalt: Cells[] = [];
  const zustaendigkeit: Cells[] = [];
  for (const row of rows) {
    const art = new Place('Verlauf', table.header, row, 'residence.statusHistory').get('Art');
    if (art === 'AUFENTHALT') aufenthalt.push(row);
    else if (art === 'ZUSTAENDIGKEIT') zustaendigkeit.push(row);
    else if (art === undefined) throw missing(at('residence.statusHistory', 'Verlauf.Art'));
    else throw invalid('mapping.unknown-code', at('residence.statusHistory', 'Verlauf.Art'), 'is neither AUFENTHALT nor ZUSTAENDIGKEIT');
  }
  return { aufenthalt, zustaendigkeit };
}

/** AUFENTHALT rows → `residence.statusHistory`, by `Von` (Verlauf is newest first). */
export function statusHistoryOf(table: Table, rows: readonly Cells[]): Record<string, unknown>[] {
  if (rows.length === 0) throw missing(at('residence.statusHistory', 'Verlauf.Art'));
  return ordered(rows, SORTING, { keyOf: (row) => parseDate(row.get('Von'), SORTING), unreadable: 'first' }).map(({ value: row }, i) => {
    const p = new Place('Verlauf', table.header, row, `residence.statusHistory[${i}]`);
    const status = STATUS.decode(p.get('Code'), p.at('Code', 'status'));
    return { status: status.value, nativeCode: status.nativeCode, from: p.needDate('Von', 'from'), to: p.date('Bis', 'to') };
  });
}

/** Faelle's current responsibility and the ZUSTAENDIGKEIT rows as its history. */
export function responsibilityOf(fall: Place, table: Table, rows: readonly Cells[], orgs: OrganisationMap): Record<string, unknown> {
  const history = ordered(rows, SORTING, { keyOf: (row) => parseDate(row.get('Von'), SORTING), unreadable: 'first' }).map(({ value: row }, i) => {
    const p = new Place('Verlauf', table.header, row, `responsibility.history[${i}]`);
    return {
      phase: PHASE.value(p.get('Code'), p.at('Code', 'phase')),
      institutionId: p.needInstitution(orgs, 'Stelle', 'institutionId'),
      from: p.needDate('Von', 'from'),
      to: p.needDate('Bis', 'to'),
    };
  });
  return {
    phase: PHASE.value(fall.get('Phase'), fall.at('Phase', 'responsibility.phase')),
    institutionId: fall.needInstitution(orgs, 'Stelle', 'responsibility.institutionId'),
    caseManagerId: fall.get('Fallfuehrung'),
    since: fall.needDate('Zustaendig_ab', 'responsibility.since'),
    history,
  };
}
