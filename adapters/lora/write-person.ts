import type { CaseRecord, Person, Residence, Responsibility } from '../../src/adapters/sdk.js';
import { PHASE, SEX, STATUS } from './codes.js';
import { encode, legacyDate, needed, serviceCode, type WriteEnv } from './write-values.js';

/** Quirk 5 backwards: `1979-03` → `{ jour: null, mois: 3, annee: 1979 }`; none when withheld. */
function naissance(date: string | undefined): { jour: number | null; mois: number | null; annee: number } | null {
  if (date === undefined) return null;
  const [y, m, d] = date.split('-').map(Number);
  return { jour: d ?? null, mois: m ?? null, annee: y! };
}

/** Quirk 6 backwards: the ZEMIS number with its dot before the last digit. */
const dottedZemis = (digits: string): string => (digits.length > 1 ? `${digits.slice(0, -1)}.${digits.slice(-1)}` : digits);

/**
 * INFO_PRIMAIRE; `noDossier` is left out of a delivery (Lora numbers the dossier). With
 * identity withheld but languages disclosed, the person holds only its languages: the
 * other fields are `null` (absent, quirk 1).
 */
export function infoPrimaire(record: CaseRecord, env: WriteEnv, withNoDossier: boolean): Record<string, unknown> {
  const p: Partial<Person> = needed<Person>(record.person, 'person', 'INFO_PRIMAIRE');
  return {
    ...(withNoDossier ? { noDossier: record.source.localCaseId } : {}),
    noAVS: p.vn === undefined ? null : Number(p.vn),
    noZEMIS: p.zemisId === undefined ? null : dottedZemis(p.zemisId),
    nom: p.officialName ?? null,
    prenom: p.firstName ?? null,
    nomUsage: null,
    // Sex `other` has no eCH-0044 code: written as 3 (undetermined), README.
    sexe: p.sex === undefined ? null : (SEX.encode(p.sex) ?? '3'),
    naissance: naissance(p.dateOfBirth),
    nationalite: p.nationality === undefined ? null : { code: p.nationality === 'XX' ? 'INCONNUE' : p.nationality, libelle: null },
    langues: (p.languages ?? []).map((l) => ({ code: l.code.toUpperCase(), maternelle: l.isFirstLanguage })),
    domicile: p.municipality ? { noOFS: String(p.municipality.bfsNumber), commune: p.municipality.name } : null,
    dateEntree: legacyDate(env, p.arrivalDate),
    menage: p.householdId === undefined ? null : { noMenage: p.householdId, role: null },
  };
}

/** SEJOUR, permits newest first (quirk 10). */
export function sejour(record: CaseRecord, env: WriteEnv): Record<string, unknown> {
  const residence = needed<Residence>(record.residence, 'residence', 'SEJOUR');
  const permis = residence.statusHistory.map((s, i) => ({
    type: encode(STATUS, s.status, `residence.statusHistory[${i}].status`, 'SEJOUR.permis.type', s.nativeCode, env.own),
    du: legacyDate(env, s.from),
    au: legacyDate(env, s.to),
  }));
  return { permis: permis.reverse(), decisionAsile: legacyDate(env, residence.asylumDecisionDate) };
}

/** ENCADREMENT, history newest first (quirk 10); the staff member by id only. */
export function encadrement(record: CaseRecord, env: WriteEnv): Record<string, unknown> {
  const r = needed<Responsibility>(record.responsibility, 'responsibility', 'ENCADREMENT');
  const historique = (r.history ?? []).map((h, i) => ({
    etape: encode(PHASE, h.phase, `responsibility.history[${i}].phase`, 'ENCADREMENT.historique.etape'),
    service: serviceCode(env, h.institutionId, `responsibility.history[${i}].institutionId`, 'ENCADREMENT.historique.service'),
    du: h.from,
    au: h.to,
  }));
  return {
    etape: encode(PHASE, r.phase, 'responsibility.phase', 'ENCADREMENT.etape'),
    service: serviceCode(env, r.institutionId, 'responsibility.institutionId', 'ENCADREMENT.service'),
    collaborateur: r.caseManagerId === undefined ? null : { id: r.caseManagerId, nom: null },
    depuis: r.since,
    historique: historique.reverse(),
  };
}
