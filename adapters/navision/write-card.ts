import { invalid, type CaseRecord, type OrganisationMap, type Person, type Residence, type Responsibility } from '../../src/adapters/sdk.js';
import { EMPLOYMENT, LANGUAGE, PHASE, SEX, STATUS } from './codes.js';
import { BLANK_DATE } from './native.js';
import { codeOut, dateOut, listOut, numberOut, optionOut, textOut, zemisOut, type WriteEnv } from './write-values.js';

// The card of `POST /Beneficiaires` (without `No`, which NAV numbers) and the rows of its
// two lists, which go as sub-records (NAV takes no deep insert).
//
// A delivered record lacks every category the policy withheld, even parts the contract
// requires of a source (`person`, `residence`, `responsibility`). NAV marks no field
// required and holds absent as its blanks (FORMAT.md quirk 1): each absent part is written
// as blanks, never filled in, and a `PATCH` leaves the blanks out (nothing held is cleared).

type Body = Record<string, unknown>;

export function cardOf(record: CaseRecord, orgs: OrganisationMap, env: WriteEnv): Body {
  const p: Partial<Person> = record.person ?? {};
  const r: Residence | undefined = record.residence;
  const resp: Responsibility | undefined = record.responsibility;
  const plan = record.integrationPlan;
  const employment = record.employment;
  return {
    // NAV's dossier is the household's: the household when the record names one.
    Dossier_No: p.householdId ?? record.source.localCaseId,
    Nom: textOut(p.officialName),
    Prenom: textOut(p.firstName),
    Sexe: optionOut(p.sex && codeOut(SEX, p.sex, undefined, env, 'person.sex', 'Sexe')),
    ...birthOut(p.dateOfBirth),
    No_AVS: textOut(p.vn),
    No_SYMIC: zemisOut(p.zemisId),
    Nationalite: p.nationality === 'XX' ? 'INCONNU' : textOut(p.nationality),
    ...languagesOut(record),
    Commune_No_OFS: numberOut(p.municipality?.bfsNumber),
    Commune: textOut(p.municipality?.name),
    Date_Entree_CH: dateOut(p.arrivalDate),
    Date_Decision_Asile: dateOut(r?.asylumDecisionDate),
    Phase: optionOut(resp && codeOut(PHASE, resp.phase, undefined, env, 'responsibility.phase', 'Phase')),
    Institution_Code: resp ? orgs.requireNative(resp.institutionId, 'responsibility.institutionId', 'Institution_Code') : '',
    Assistant_Social: textOut(resp?.caseManagerId),
    Responsable_Depuis: dateOut(resp?.since),
    Situation_Emploi: optionOut(employment && codeOut(EMPLOYMENT, employment.situation, undefined, env, 'employment.situation', 'Situation_Emploi')),
    Taux_Activite: numberOut(employment?.workloadPercent),
    Emploi_Depuis: dateOut(employment?.since),
    // A Boolean has no blank: unknown social assistance is left to NAV's default.
    ...(record.socialAssistance ? { Aide_Sociale: record.socialAssistance.receives } : {}),
    Aide_Sociale_Depuis: dateOut(record.socialAssistance?.since),
    Plan_No: textOut(plan?.id),
    Plan_Version: numberOut(plan?.version),
    Plan_Etabli_Le: dateOut(plan?.establishedOn),
    Plan_Valide_Par: plan?.validatedBy === undefined ? '' : orgs.requireNative(plan.validatedBy, 'integrationPlan.validatedBy', 'Plan_Valide_Par'),
  };
}

/** Quirk 4 backwards: a full date in `Date_Naissance`, a partial one in `Annee_`/`Mois_Naissance`; none (identity withheld): all three blank. */
function birthOut(date: string | undefined): Body {
  if (date === undefined) return { Date_Naissance: BLANK_DATE, Annee_Naissance: 0, Mois_Naissance: 0 };
  const [y, m, d] = date.split('-');
  if (d !== undefined) return { Date_Naissance: date, Annee_Naissance: 0, Mois_Naissance: 0 };
  return { Date_Naissance: BLANK_DATE, Annee_Naissance: Number(y), Mois_Naissance: m === undefined ? 0 : Number(m) };
}

/** The first first language is `Langue_Maternelle`; every other goes to `Autres_Langues`. */
function languagesOut(record: CaseRecord): Body {
  const languages = record.person?.languages ?? [];
  const mother = languages.findIndex((l) => l.isFirstLanguage);
  const say = (i: number, native: string): string => {
    const code = LANGUAGE.encode(languages[i]!.code);
    if (code === undefined) throw invalid('mapping.unwritable-code', { field: `person.languages[${i}].code`, nativeField: native }, 'has no code in the Navision table');
    return code;
  };
  const others = languages.flatMap((_, i) => (i === mother ? [] : [say(i, 'Autres_Langues')]));
  return { Langue_Maternelle: mother < 0 ? '' : say(mother, 'Langue_Maternelle'), Autres_Langues: listOut(others) };
}

/** `BeneficiaireStatuts` rows, in contract order (NAV gives them their `Entry_No`). */
export function statusRowsOf(record: CaseRecord, env: WriteEnv): Body[] {
  return (record.residence?.statusHistory ?? []).map((s, i) => ({
    Code_Statut: codeOut(STATUS, s.status, s.nativeCode, env, `residence.statusHistory[${i}].status`, 'BeneficiaireStatuts.Code_Statut'),
    Date_Debut: s.from,
    Date_Fin: dateOut(s.to),
  }));
}

/** `BeneficiaireResponsabilites` rows: the earlier responsibilities. */
export function responsibilityRowsOf(record: CaseRecord, orgs: OrganisationMap, env: WriteEnv): Body[] {
  return (record.responsibility?.history ?? []).map((h, i) => ({
    Phase: optionOut(codeOut(PHASE, h.phase, undefined, env, `responsibility.history[${i}].phase`, 'BeneficiaireResponsabilites.Phase')),
    Institution_Code: orgs.requireNative(h.institutionId, `responsibility.history[${i}].institutionId`, 'BeneficiaireResponsabilites.Institution_Code'),
    Date_Debut: h.from,
    Date_Fin: h.to,
  }));
}
