import { ahv13, at, countryAlpha2, invalid, missing, partialFromParts, required, sub, zemis, type At, type OrganisationMap } from '../../src/adapters/sdk.js';
import { LANGUAGE, NO_STATE, PHASE, SEX, STATUS } from './codes.js';
import { navDate, navList, navNumber, navOption, navRows, navText, type NavRow } from './native.js';
import { chronological, dateKey, periodOf } from './rows.js';

// The card's own fields and its two expanded lists: person, residence, responsibility.

/** ISO alpha-2 as is; `APATRIDE` and `INCONNU` are `XX`. */
export const countryOf = (value: unknown, where: At): string | undefined => countryAlpha2(navText(value, where), where, NO_STATE);

export function personOf(card: NavRow): Record<string, unknown> {
  const name = at('person.officialName', 'Nom');
  const first = at('person.firstName', 'Prenom');
  const sex = at('person.sex', 'Sexe');
  return {
    vn: ahv13(navText(card.No_AVS, at('person.vn', 'No_AVS')), at('person.vn', 'No_AVS')),
    zemisId: zemis(navText(card.No_SYMIC, at('person.zemisId', 'No_SYMIC')), at('person.zemisId', 'No_SYMIC')),
    // Quirk 3: `Nom` is in capitals as in ZEMIS, and stays so.
    officialName: required(navText(card.Nom, name), name),
    firstName: required(navText(card.Prenom, first), first),
    sex: SEX.value(navOption(card.Sexe, sex), sex),
    dateOfBirth: dateOfBirth(card),
    nationality: countryOf(card.Nationalite, at('person.nationality', 'Nationalite')),
    languages: languagesOf(card),
    municipality: municipalityOf(card),
    arrivalDate: navDate(card.Date_Entree_CH, at('person.arrivalDate', 'Date_Entree_CH')),
    householdId: navText(card.Dossier_No, at('person.householdId', 'Dossier_No')),
  };
}

/** Quirk 4: `Date_Naissance`, else `Annee_Naissance` with `Mois_Naissance` when it is not 0. */
function dateOfBirth(card: NavRow): string {
  const date = at('person.dateOfBirth', 'Date_Naissance');
  const year = at('person.dateOfBirth', 'Annee_Naissance');
  const month = at('person.dateOfBirth', 'Mois_Naissance');
  const m = navNumber(card.Mois_Naissance, month);
  if (m !== undefined && (!Number.isInteger(m) || m < 1 || m > 12)) throw invalid('mapping.invalid-date', month, 'is not a month (0 to 12)');
  const full = navDate(card.Date_Naissance, date);
  if (full !== undefined) return full;
  const y = navNumber(card.Annee_Naissance, year);
  if (y === undefined) throw missing(m === undefined ? date : year);
  return partialFromParts(y, m, undefined, year);
}

/** Mother tongue first, then `Autres_Langues` (quirk 6). */
function languagesOf(card: NavRow): { code: string; isFirstLanguage: boolean }[] {
  const out: { code: string; isFirstLanguage: boolean }[] = [];
  const mother = navText(card.Langue_Maternelle, at('person.languages[0].code', 'Langue_Maternelle'));
  if (mother !== undefined) out.push({ code: LANGUAGE.value(mother, at('person.languages[0].code', 'Langue_Maternelle')), isFirstLanguage: true });
  for (const other of navList(card.Autres_Langues, at('person.languages', 'Autres_Langues'))) {
    out.push({ code: LANGUAGE.value(other, at(`person.languages[${out.length}].code`, 'Autres_Langues')), isFirstLanguage: false });
  }
  return out;
}

function municipalityOf(card: NavRow): { bfsNumber: number; name: string } | undefined {
  const bfs = at('person.municipality.bfsNumber', 'Commune_No_OFS');
  const name = at('person.municipality.name', 'Commune');
  const number = navNumber(card.Commune_No_OFS, bfs);
  const commune = navText(card.Commune, name);
  if (number === undefined && commune === undefined) return undefined;
  if (number !== undefined && (!Number.isInteger(number) || number < 1)) throw invalid('mapping.invalid-number', bfs, 'is not a BFS municipality number');
  return { bfsNumber: required(number, bfs), name: required(commune, name) };
}

export function residenceOf(card: NavRow): Record<string, unknown> {
  const list = at('residence.statusHistory', 'BeneficiaireStatuts');
  const rows = navRows(card.BeneficiaireStatuts, list);
  if (rows.length === 0) throw missing(list);
  // Quirk 9: statuses come in `Entry_No` order; a correction entered later is not the latest.
  const statusHistory = chronological(rows, dateKey('Date_Debut')).map(({ row, j }, i) => {
    const base = { field: `residence.statusHistory[${i}]`, nativeField: `BeneficiaireStatuts[${j}]` };
    const where = sub(base, 'status', 'Code_Statut');
    const status = STATUS.decode(navText(row.Code_Statut, where), where);
    const { from, to } = periodOf(row, base, 'from', 'to');
    return { status: status.value, nativeCode: status.nativeCode, from: required(from, sub(base, 'from', 'Date_Debut')), to };
  });
  return { statusHistory, asylumDecisionDate: navDate(card.Date_Decision_Asile, at('residence.asylumDecisionDate', 'Date_Decision_Asile')) };
}

export function responsibilityOf(card: NavRow, orgs: OrganisationMap): Record<string, unknown> {
  const phase = at('responsibility.phase', 'Phase');
  const institution = at('responsibility.institutionId', 'Institution_Code');
  const since = at('responsibility.since', 'Responsable_Depuis');
  const rows = navRows(card.BeneficiaireResponsabilites, at('responsibility.history', 'BeneficiaireResponsabilites'));
  const history = chronological(rows, dateKey('Date_Debut')).map(({ row, j }, i) => {
    const base = { field: `responsibility.history[${i}]`, nativeField: `BeneficiaireResponsabilites[${j}]` };
    const p = sub(base, 'phase', 'Phase');
    const inst = sub(base, 'institutionId', 'Institution_Code');
    const { from, to } = periodOf(row, base, 'from', 'to');
    return {
      phase: PHASE.value(navOption(row.Phase, p), p),
      institutionId: required(orgs.institution(navText(row.Institution_Code, inst), inst), inst),
      from: required(from, sub(base, 'from', 'Date_Debut')),
      to: required(to, sub(base, 'to', 'Date_Fin')),
    };
  });
  return {
    phase: PHASE.value(navOption(card.Phase, phase), phase),
    institutionId: required(orgs.institution(navText(card.Institution_Code, institution), institution), institution),
    caseManagerId: navText(card.Assistant_Social, at('responsibility.caseManagerId', 'Assistant_Social')),
    since: required(navDate(card.Responsable_Depuis, since), since),
    history,
  };
}
