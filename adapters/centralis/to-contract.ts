import { ahv13, at, countryAlpha2, invalid, mapRecords, missing, odataBoolean, odataLocalDate, odataText, odataWhole, OrganisationMap, recordIdFor, required, sortBy, withPrecision, zemis, zurichTimestamp, type MapContext, type MapResult, type NativeInput, type RecordStamp } from '../../src/adapters/sdk.js';
import * as codes from './codes.js';
import { readBodies, type Json } from './inputs.js';
import { LanguageOptions, multiSelect, optionSetFromSetting } from './optionset.js';
import type { Page } from './page.js';
import { assessmentsOf, consentsOf, documentsOf, journalOf, planOf } from './to-contract-parts.js';
import { choice, dateOnly, expanded, lookupTable, rows } from './values.js';

export const SYSTEM = 'centralis';
export const STATUSES = 'smig_contact_smig_statutsejour_personne';

/** What the mapping of one dossier needs beyond the dossier: the page's other rows and the settings' tables. */

/**
 * Dataverse answers (the option set, then per page the dossiers and their related rows)
 * or a change set `fromContract` wrote → one record per active dossier. The option set of
 * the inputs wins over the `languageOptions` setting.
 */
export function toContract(inputs: readonly NativeInput[], ctx: MapContext): MapResult {
  const bodies = readBodies(inputs);
  const page: Page = {
    bodies,
    accounts: OrganisationMap.fromSettings(ctx.settings),
    businessUnits: OrganisationMap.fromSettings(ctx.settings, 'businessUnits'),
    languages: new LanguageOptions(bodies.optionSet ?? optionSetFromSetting(ctx.settings.languageOptions)),
    ctx,
  };
  return mapRecords(bodies.dossiers, (dossier) => mapDossier(dossier, page), {
    nativeIdOf: (d) => odataText(d.smig_name) ?? odataText(d.smig_dossierid) ?? '(no smig_name)',
    nativeFieldOf,
    // A delivered change set has no etag or modifiedon: no version to stamp.
    ...(bodies.delivered ? {} : { stampOf: (d: Json) => stampOf(d, ctx) }),
  });
}

/** A dossier's version: its id and `@odata.etag` (the event recipe names both), at `modifiedon`. */
export function stampOf(dossier: Json, ctx: Pick<MapContext, 'now'>): RecordStamp {
  const modified = odataText(dossier.modifiedon);
  const when = modified && !Number.isNaN(Date.parse(modified)) ? new Date(modified) : ctx.now();
  return { version: `${odataText(dossier.smig_dossierid) ?? ''}:${odataText(dossier['@odata.etag']) ?? ''}`, occurredAt: zurichTimestamp(when) };
}

function mapDossier(d: Json, page: Page): unknown {
  const personId = required(odataText(d._smig_personne_value), at('source.localPersonId', '_smig_personne_value'));
  const contact = page.bodies.contacts.find((c) => c.contactid === personId);
  if (!contact) throw missing(at('person', 'contact'));
  const contactId = required(odataText(contact.contactid), at('source.localPersonId', 'contactid'));
  const institution = expanded(d, 'smig_institution');
  const plan = planOf(contactId, page);
  const consents = consentsOf(contactId, page);
  const owners = [contactId, ...plan.measureIds, ...consents.ids];
  const employment = codes.EMPLOYMENT.valueOptional(choice(d.cosm_situationemploi), at('employment.situation', 'cosm_situationemploi'));
  const assistance = odataBoolean(d.smig_aidesociale, at('socialAssistance.receives', 'smig_aidesociale'));
  return {
    contractVersion: '1.0',
    recordId: recordIdFor(SYSTEM, contactId),
    source: {
      system: SYSTEM,
      institutionId: page.ctx.institutionId,
      canton: page.ctx.canton,
      localCaseId: required(odataText(d.smig_name), at('source.localCaseId', 'smig_name')),
      localPersonId: contactId,
      extractedAt: zurichTimestamp(page.ctx.now()),
    },
    person: personOf(contact, page),
    residence: {
      statusHistory: statusesOf(contact),
      asylumDecisionDate: odataLocalDate(d.smig_datedecisionasile, at('residence.asylumDecisionDate', 'smig_datedecisionasile')),
    },
    responsibility: {
      phase: codes.PHASE.value(choice(d.smig_phase), at('responsibility.phase', 'smig_phase')),
      institutionId: page.accounts.institution(
        required(odataText(institution?.accountnumber), at('responsibility.institutionId', 'smig_institution')),
        at('responsibility.institutionId', 'smig_institution.accountnumber'),
      ),
      // The owner's name is a staff name and never read; a team owns no case personally.
      caseManagerId: lookupTable(d, '_ownerid_value') === 'systemuser' ? odataText(d._ownerid_value) : undefined,
      since: required(dateOnly(d.smig_responsabledepuis, at('responsibility.since', 'smig_responsabledepuis')), at('responsibility.since', 'smig_responsabledepuis')),
    },
    potentialAssessments: assessmentsOf(contactId, page),
    integrationPlan: plan.plan,
    employment: employment && {
      situation: employment,
      since: dateOnly(d.cosm_emploidepuis, at('employment.since', 'cosm_emploidepuis')),
      workloadPercent: odataWhole(d.cosm_tauxactivite, at('employment.workloadPercent', 'cosm_tauxactivite'), { min: 1, max: 100 }),
    },
    socialAssistance: assistance === undefined ? undefined : { receives: assistance, since: dateOnly(d.smig_aidesocialedepuis, at('socialAssistance.since', 'smig_aidesocialedepuis')) },
    journal: journalOf(d, page),
    documents: documentsOf(owners, page),
    consents: consents.consents,
  };
}

function personOf(c: Json, page: Page): unknown {
  const birth = required(dateOnly(c.birthdate, at('person.dateOfBirth', 'birthdate')), at('person.dateOfBirth', 'birthdate'));
  const precision = choice(c.smig_precisiondatenaissance);
  const languages = [
    page.languages.decode(choice(c.cosm_premierelangue), at('person.languages[0].code', 'cosm_premierelangue')),
    ...multiSelect(c.cosm_autreslangues, at('person.languages', 'cosm_autreslangues')).map((v, i) =>
      page.languages.decode(v, at(`person.languages[${i + 1}].code`, `cosm_autreslangues[${i}]`)),
    ),
  ];
  const first = languages[0] !== undefined;
  const bfs = odataWhole(c.smig_noofscommune, at('person.municipality.bfsNumber', 'smig_noofscommune'), { min: 1 });
  return {
    vn: ahv13(odataText(c.smig_noavs), at('person.vn', 'smig_noavs')),
    zemisId: zemis(odataText(c.smig_nosymic), at('person.zemisId', 'smig_nosymic')),
    officialName: required(odataText(c.lastname), at('person.officialName', 'lastname')),
    firstName: required(odataText(c.firstname), at('person.firstName', 'firstname')),
    sex: codes.GENDER.value(choice(c.gendercode), at('person.sex', 'gendercode')),
    dateOfBirth: withPrecision(birth, precisionOf(precision)),
    nationality: countryAlpha2(odataText(expanded(c, 'smig_nationalite')?.smig_codeiso2), at('person.nationality', 'smig_nationalite.smig_codeiso2')),
    languages: languages.flatMap((code, i) => (code === undefined ? [] : [{ code, isFirstLanguage: first && i === 0 }])),
    municipality: bfs === undefined ? undefined : { bfsNumber: bfs, name: required(odataText(c.address1_city), at('person.municipality.name', 'address1_city')) },
    arrivalDate: odataLocalDate(c.smig_dateentreesuisse, at('person.arrivalDate', 'smig_dateentreesuisse')),
  };
}

function precisionOf(value: number | string | undefined): 'day' | 'month' | 'year' {
  if (value === undefined || Number(value) === codes.PRECISION.full) return 'day';
  if (Number(value) === codes.PRECISION.month) return 'month';
  if (Number(value) === codes.PRECISION.year) return 'year';
  throw invalid('mapping.unknown-code', at('person.dateOfBirth', 'smig_precisiondatenaissance'), 'holds a code its list does not know');
}

/** Statuses come in `createdon` order (migrated ones were created late): the contract orders them by `from`. */
function statusesOf(c: Json): unknown[] {
  const list = rows(c, STATUSES);
  if (list.length === 0) throw missing(at('residence.statusHistory', STATUSES));
  const entries = list.map((s, i) => {
    const where = (field: string, native: string) => at(`residence.statusHistory[${i}].${field}`, `${STATUSES}[${i}].${native}`);
    const status = codes.STATUS.decode(choice(s.smig_statut), where('status', 'smig_statut'));
    return {
      status: status.value,
      nativeCode: status.nativeCode,
      from: required(odataLocalDate(s.smig_datedebut, where('from', 'smig_datedebut')), where('from', 'smig_datedebut')),
      to: odataLocalDate(s.smig_datefin, where('to', 'smig_datefin')),
    };
  });
  return sortBy(entries, (e) => e.from);
}

/** Native fields of contract paths the schema check finds at fault. */
const NATIVE_OF: readonly [string, string][] = [
  ['person.municipality', 'smig_noofscommune'],
  ['person.languages', 'cosm_premierelangue'],
  ['person.', 'contact'],
  ['residence.', STATUSES],
  ['responsibility.', 'smig_dossier'],
  ['potentialAssessments', 'cosm_evaluationpotentiel'],
  ['integrationPlan', 'cosm_planintegration'],
  ['employment', 'cosm_situationemploi'],
  ['socialAssistance', 'smig_aidesociale'],
  ['journal', 'activitypointer'],
  ['documents', 'annotation'],
  ['consents', 'cosm_consentement'],
];

function nativeFieldOf(field: string): string {
  return NATIVE_OF.find(([prefix]) => field.startsWith(prefix))?.[1] ?? field;
}
