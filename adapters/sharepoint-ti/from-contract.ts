import { at, dottedAhv, localMidnightUtc, OrganisationMap, writing, type CaseRecord, type DeliveryNaming, type MapContext, type NativeInput, type Person, type Responsibility } from '../../src/adapters/sdk.js';
import { CASI } from './columns.js';
import * as codes from './codes.js';
import { childEntries } from './from-contract-parts.js';
import type { DeliveryDocument } from './inputs.js';
import type { Json } from './values.js';
import { choices, enteId, entry, label, midnight, type Writer } from './write-helpers.js';

/**
 * Records → one delivery document each: per list, the item bodies to POST (or to MERGE into
 * `items(Id)` when `Id` is given), with `__metadata.type`. Children carry `CasoId` when the
 * case exists, else the transport sets it to the new case's `Id`. Documents carry the file
 * to upload (`Files/add`, content by `sha256`); a reference to a document of the same
 * delivery that has no `Id` yet is `-n` (the n-th of `documenti`), replaced by the transport.
 *
 * A delivered record lacks every category the policy withheld, even parts the contract
 * requires of a source (`person`, `residence`, `responsibility`, an assessment's
 * `orientation`, a measure's type, title and status when only its note is disclosed).
 * Every column may be `null` (FORMAT.md "Native structure"): each absent part is left out
 * like any unknown value, never filled in, so a MERGE clears nothing withheld.
 */
export function fromContract(records: readonly CaseRecord[], ctx: MapContext, delivery?: DeliveryNaming): NativeInput[] {
  const enti = OrganisationMap.fromSettings(ctx.settings);
  return records.map((record, i) =>
    writing(record, () => {
      const own = record.source.system === 'sharepoint-ti';
      const casoId = own && /^\d+$/.test(record.source.localPersonId) ? Number(record.source.localPersonId) : undefined;
      const w: Writer = { record, enti, own, ...(casoId === undefined ? {} : { casoId }) };
      const doc: DeliveryDocument = { casi: entry('casi', casoId, caseItem(w)), ...childEntries(w) };
      const suffix = records.length > 1 ? `-${i + 1}` : '';
      return { name: `${delivery ? delivery.transferId : record.source.localCaseId}${suffix}.json`, content: new TextEncoder().encode(JSON.stringify(doc, null, 2)) };
    }),
  );
}

function caseItem(w: Writer): Json {
  const r = w.record;
  // With identity withheld but languages disclosed, the person holds only its languages.
  const p: Partial<Person> = r.person ?? {};
  const resp: Responsibility | undefined = r.responsibility;
  const birth = p.dateOfBirth;
  const [year, month, day] = birth?.split('-') ?? [];
  const mother = (p.languages ?? []).find((l) => l.isFirstLanguage);
  const others = (p.languages ?? []).filter((l) => l !== mother);
  const index = (l: unknown) => (p.languages ?? []).indexOf(l as never);
  const plan = r.integrationPlan;
  const operator = w.own ? /^sp-user-(\d+)$/.exec(resp?.caseManagerId ?? '')?.[1] : undefined;
  return {
    Title: r.source.localCaseId,
    [CASI.cognome]: p.officialName,
    [CASI.nome]: p.firstName,
    [CASI.sesso]: p.sex && label(codes.SESSO, p.sex, at('person.sex', CASI.sesso)),
    // A birth date known: the columns not used are cleared. Withheld: all three are left out.
    [CASI.dataNascita]: birth === undefined ? undefined : day ? localMidnightUtc(birth) : null,
    [CASI.annoNascita]: birth === undefined ? undefined : day ? null : Number(year),
    [CASI.meseNascita]: birth === undefined ? undefined : day || !month ? null : Number(month),
    [CASI.avs]: p.vn && dottedAhv(p.vn),
    [CASI.simic]: p.zemisId,
    [CASI.nazionalita]: p.nationality && label(codes.PAESE, p.nationality, at('person.nationality', CASI.nazionalita)),
    [CASI.linguaMadre]: mother && label(codes.LINGUA, mother.code, at(`person.languages[${index(mother)}].code`, CASI.linguaMadre)),
    [CASI.altreLingue]: choices(others.map((l) => label(codes.LINGUA, l.code, at(`person.languages[${index(l)}].code`, CASI.altreLingue)))),
    [CASI.comune]: p.municipality && `${p.municipality.name} (${p.municipality.bfsNumber})`,
    [CASI.arrivo]: midnight(p.arrivalDate),
    [CASI.decisioneAsilo]: midnight(r.residence?.asylumDecisionDate),
    [CASI.nucleo]: p.householdId,
    [CASI.fase]: resp && label(codes.FASE, resp.phase, at('responsibility.phase', CASI.fase)),
    [CASI.ente]: resp && enteId(w, resp.institutionId, at('responsibility.institutionId', CASI.ente)),
    // Only a user of this site is an operator; another system's staff id is not one.
    [CASI.operatore]: operator === undefined ? undefined : Number(operator),
    [CASI.competenteDal]: midnight(resp?.since),
    [CASI.situazione]: r.employment && label(codes.SITUAZIONE, r.employment.situation, at('employment.situation', CASI.situazione)),
    [CASI.grado]: r.employment?.workloadPercent === undefined ? undefined : r.employment.workloadPercent / 100,
    [CASI.occupatoDal]: midnight(r.employment?.since),
    [CASI.assistenza]: r.socialAssistance?.receives,
    [CASI.assistenzaDal]: midnight(r.socialAssistance?.since),
    [CASI.versionePiano]: plan?.version,
    [CASI.pianoStabilito]: midnight(plan?.establishedOn),
    [CASI.pianoValidato]: plan?.validatedBy && enteId(w, plan.validatedBy, at('integrationPlan.validatedBy', CASI.pianoValidato)),
  };
}

