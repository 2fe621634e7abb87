import { ahv13, booleanOf, invalid, list, missing, sortBy, zemis, type At, type CaseRecord, type OrganisationMap, type ResponsibilityPeriod, type StatusEntry } from '../../src/adapters/sdk.js';
import type { Cells } from './cells.js';
import { EMPLOYMENT, NO, PHASE, SEX, YES } from './codes.js';
import { countryOfLabel, languageOfLabel, municipalityOfLabel, statusOf } from './labels.js';

// The Personen row of one person → the record's person, residence, responsibility,
// employment, social assistance and plan header (FORMAT.md "Mapping").

export function institution(cells: Cells, orgs: OrganisationMap, header: string, field: string): string | undefined {
  return orgs.institution(cells.text(header), cells.at(header, field));
}

export function requiredInstitution(cells: Cells, orgs: OrganisationMap, header: string, field: string): string {
  const id = institution(cells, orgs, header, field);
  if (id === undefined) throw missing(cells.at(header, field));
  return id;
}

export function personOf(p: Cells): CaseRecord['person'] {
  return {
    vn: ahv13(p.id('AHV-Nr', 'person.vn'), p.at('AHV-Nr', 'person.vn')),
    zemisId: zemis(p.id('ZEMIS-Nr', 'person.zemisId'), p.at('ZEMIS-Nr', 'person.zemisId')),
    officialName: p.required('Name', 'person.officialName'),
    firstName: p.required('Vorname', 'person.firstName'),
    sex: SEX.value(p.text('Geschlecht'), p.at('Geschlecht', 'person.sex')),
    dateOfBirth: p.birthDate('Geburtsdatum', 'person.dateOfBirth'),
    nationality: countryOfLabel(p.text('Nationalität'), p.at('Nationalität', 'person.nationality')),
    languages: languagesOf(p),
    municipality: municipalityOfLabel(p.text('Gemeinde'), p.at('Gemeinde', 'person.municipality')),
    arrivalDate: p.date('Einreise', 'person.arrivalDate'),
    householdId: p.id('Familie', 'person.householdId'),
  };
}

/** Erstsprache first (`isFirstLanguage`), then the typed codes of `Weitere Sprachen`. */
function languagesOf(p: Cells): CaseRecord['person']['languages'] {
  const out: { code: string; isFirstLanguage: boolean }[] = [];
  const first = languageOfLabel(p.text('Erstsprache'), p.at('Erstsprache', 'person.languages[0].code'));
  if (first) out.push({ code: first, isFirstLanguage: true });
  for (const code of list(p.text('Weitere Sprachen'))) {
    const where = p.at('Weitere Sprachen', `person.languages[${out.length}].code`);
    out.push({ code: languageOfLabel(code, where)!, isFirstLanguage: false });
  }
  return out;
}

/**
 * `Status k` / `Status k ab` pairs in any order, sorted by `ab`; the tool has no end
 * dates, so each `to` is the day before the next `from` and the last is open.
 */
export function residenceOf(p: Cells): CaseRecord['residence'] {
  const base: At = p.at('Status 1', 'residence.statusHistory');
  const pairs: { status: ReturnType<typeof statusOf>; from: string; k: number }[] = [];
  for (const k of [1, 2, 3]) {
    const [label, ab] = [`Status ${k}`, `Status ${k} ab`];
    if (!p.has(label, ab)) continue;
    const field = `residence.statusHistory[${pairs.length}]`;
    const text = p.required(label, `${field}.status`);
    pairs.push({ status: statusOf(text, p.at(label, `${field}.status`)), from: p.requiredDate(ab, `${field}.from`), k });
  }
  if (pairs.length === 0) throw missing(base);
  const sorted = sortBy(pairs, (s) => s.from);
  const history: StatusEntry[] = sorted.map((s, i) => {
    const next = sorted[i + 1];
    if (next?.from === s.from) throw invalid('mapping.duplicate-date', p.at(`Status ${next.k} ab`, `residence.statusHistory[${i + 1}].from`), 'gives the same date as another status');
    return { status: s.status.value, nativeCode: s.status.nativeCode, from: s.from, to: next && dayBefore(next.from) };
  });
  return { statusHistory: history, asylumDecisionDate: p.date('Asylentscheid', 'residence.asylumDecisionDate') };
}

export function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

export function responsibilityOf(p: Cells, orgs: OrganisationMap): CaseRecord['responsibility'] {
  return {
    phase: PHASE.value(p.text('Phase'), p.at('Phase', 'responsibility.phase')),
    institutionId: requiredInstitution(p, orgs, 'Zuständige Stelle', 'responsibility.institutionId'),
    caseManagerId: p.text('Fallführung'),
    since: p.requiredDate('Zuständig seit', 'responsibility.since'),
    history: previousOf(p, orgs),
  };
}

/** `Vorher …`: the one earlier responsibility the tool keeps; all four or none. */
function previousOf(p: Cells, orgs: OrganisationMap): ResponsibilityPeriod[] {
  if (!p.has('Vorher Stelle', 'Vorher Phase', 'Vorher von', 'Vorher bis')) return [];
  const f = 'responsibility.history[0]';
  return [
    {
      phase: PHASE.value(p.text('Vorher Phase'), p.at('Vorher Phase', `${f}.phase`)),
      institutionId: requiredInstitution(p, orgs, 'Vorher Stelle', `${f}.institutionId`),
      from: p.requiredDate('Vorher von', `${f}.from`),
      to: p.requiredDate('Vorher bis', `${f}.to`),
    },
  ];
}

/** Only when Erwerbssituation is set (FORMAT.md): the other columns describe it. */
export function employmentOf(p: Cells): CaseRecord['employment'] {
  const situation = EMPLOYMENT.valueOptional(p.text('Erwerbssituation'), p.at('Erwerbssituation', 'employment.situation'));
  if (!situation) return undefined;
  return { situation, since: p.date('Erwerb seit', 'employment.since'), workloadPercent: p.percent('Pensum', 'employment.workloadPercent', 1) };
}

export function socialAssistanceOf(p: Cells): CaseRecord['socialAssistance'] {
  const receives = booleanOf(p.text('Sozialhilfe'), p.at('Sozialhilfe', 'socialAssistance.receives'), YES, NO);
  if (receives === undefined) return undefined;
  return { receives, since: p.date('Sozialhilfe seit', 'socialAssistance.since') };
}

/** The plan's header and goals, when IP-Nr is set; goal ids are `<IP-Nr>-Z<k>`. */
export function planOf(p: Cells, orgs: OrganisationMap): Omit<NonNullable<CaseRecord['integrationPlan']>, 'measures'> | undefined {
  const id = p.text('IP-Nr');
  if (id === undefined) return undefined;
  const version = p.integer('IP-Version', 'integrationPlan.version', { min: 1 });
  if (version === undefined) throw missing(p.at('IP-Version', 'integrationPlan.version'));
  const goals: NonNullable<NonNullable<CaseRecord['integrationPlan']>['goals']> = [];
  for (const k of [1, 2, 3]) {
    if (!p.has(`Ziel ${k}`, `Ziel ${k} bis`)) continue;
    const field = `integrationPlan.goals[${goals.length}]`;
    goals.push({ id: `${id}-Z${k}`, text: p.required(`Ziel ${k}`, `${field}.text`), targetDate: p.date(`Ziel ${k} bis`, `${field}.targetDate`) });
  }
  return {
    id,
    version,
    establishedOn: p.requiredDate('IP erstellt', 'integrationPlan.establishedOn'),
    validatedBy: institution(p, orgs, 'IP validiert durch', 'integrationPlan.validatedBy'),
    goals,
  };
}
