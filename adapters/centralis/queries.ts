import { InputError } from '../../src/adapters/sdk.js';
import { isGuid } from './values.js';

// The queries of FORMAT.md "Transport", as each sample's requests.md spells them. Ids go
// into filters unquoted (Dataverse GUID literals), so only GUIDs ever get there.

export type Query = Readonly<Record<string, string>>;

/** The option set of languages (metadata; read once, again when a value is unknown). */
export const OPTION_SET_PATH = "GlobalOptionSetDefinitions(Name='cosm_langue')";

const DOSSIER_SELECT =
  'smig_name,_smig_personne_value,smig_phase,_smig_institution_value,_ownerid_value,smig_responsabledepuis,smig_datedecisionasile,cosm_situationemploi,cosm_tauxactivite,cosm_emploidepuis,smig_aidesociale,smig_aidesocialedepuis,statecode,modifiedon';
const DOSSIER_EXPAND = 'smig_institution($select=accountnumber)';

/** `GET /smig_dossiers({id})`. */
export const dossierPath = (id: string): string => `smig_dossiers(${guid(id)})`;
export const DOSSIER_QUERY: Query = { $select: DOSSIER_SELECT, $expand: DOSSIER_EXPAND };

/** The first request of change tracking on active dossiers; later polls follow the stored `@odata.deltaLink`. */
export const TRACKING_PATH = 'smig_dossiers';
export const TRACKING_QUERY: Query = { $select: DOSSIER_SELECT, $filter: 'statecode eq 0', $expand: DOSSIER_EXPAND };

/** A person's active dossier, for a read that knows the person but not the dossier (one active dossier per person). */
export const personDossierQuery = (personId: string): Query => ({ ...TRACKING_QUERY, $filter: `_smig_personne_value eq ${guid(personId)} and statecode eq 0` });

/** Preference of every data request: formatted values and lookup annotations. */
export const ANNOTATIONS = 'odata.include-annotations="*"';
export const trackingPrefer = (pageSize: number): string => `${ANNOTATIONS}, odata.track-changes, odata.maxpagesize=${pageSize}`;

/** The tables read for a page of dossiers, in FORMAT.md's order. */
export type Related = 'contacts' | 'cosm_evaluationpotentiels' | 'cosm_planintegrations' | 'activitypointers' | 'cosm_consentements' | 'annotations';

export interface RelatedQuery {
  table: Related;
  query: Query;
}

/** `field eq a or field eq b`, GUIDs unquoted (the SDK's `odataAnyOf` quotes strings, which Dataverse refuses for ids). */
export function guidAnyOf(field: string, ids: readonly string[]): string {
  return ids.map((id) => `${field} eq ${guid(id)}`).join(' or ');
}

/** `(a or b) and rest`: `and` binds tighter than `or`, so a joined list is bracketed when it has more than one term. */
const andAll = (terms: string, count: number, rest: string): string => `${count > 1 ? `(${terms})` : terms} and ${rest}`;

export const contactsQuery = (personIds: readonly string[]): RelatedQuery => ({
  table: 'contacts',
  query: {
    $select:
      'lastname,firstname,gendercode,birthdate,smig_precisiondatenaissance,smig_noavs,smig_nosymic,_smig_nationalite_value,cosm_premierelangue,cosm_autreslangues,address1_city,smig_noofscommune,smig_dateentreesuisse,modifiedon',
    $filter: guidAnyOf('contactid', personIds),
    $expand:
      'smig_nationalite($select=smig_codeiso2,smig_name),smig_contact_smig_statutsejour_personne($select=smig_statut,smig_datedebut,smig_datefin,createdon;$orderby=createdon)',
  },
});

export const evaluationsQuery = (personIds: readonly string[]): RelatedQuery => ({
  table: 'cosm_evaluationpotentiels',
  query: {
    $filter: guidAnyOf('_cosm_personne_value', personIds),
    $expand:
      'cosm_institution($select=accountnumber),cosm_evaluationpotentiel_competence($orderby=createdon),cosm_evaluationpotentiel_formation($orderby=createdon;$expand=cosm_pays($select=smig_codeiso2)),cosm_evaluationpotentiel_experience($orderby=createdon;$expand=cosm_pays($select=smig_codeiso2))',
    $orderby: 'cosm_dateevaluation',
  },
});

/** Active plans only. */
export const plansQuery = (personIds: readonly string[]): RelatedQuery => ({
  table: 'cosm_planintegrations',
  query: {
    $filter: andAll(guidAnyOf('_cosm_personne_value', personIds), personIds.length, 'statecode eq 0'),
    $expand: 'cosm_validepar($select=accountnumber),cosm_planintegration_objectif($orderby=createdon),cosm_planintegration_mesure($orderby=createdon;$expand=cosm_prestataire($select=accountnumber,name))',
  },
});

/** Activities regarding the dossiers; e-mails are not journal entries. */
export const activitiesQuery = (dossierIds: readonly string[]): RelatedQuery => ({
  table: 'activitypointers',
  query: {
    $select: 'activitytypecode,subject,description,actualstart,createdon,_owningbusinessunit_value,_regardingobjectid_value',
    $filter: `(${guidAnyOf('_regardingobjectid_value', dossierIds)}) and activitytypecode ne 'email'`,
    $orderby: 'createdon',
  },
});

export const consentsQuery = (personIds: readonly string[]): RelatedQuery => ({
  table: 'cosm_consentements',
  query: { $filter: guidAnyOf('_cosm_personne_value', personIds), $expand: 'cosm_consentement_account($select=accountnumber)' },
});

/** Notes with a file owned by the persons, their measures and their consents. */
export const annotationsQuery = (ownerIds: readonly string[]): RelatedQuery => ({
  table: 'annotations',
  query: {
    $select: 'subject,filename,mimetype,filesize,isdocument,documentbody,createdon,_objectid_value',
    $filter: `isdocument eq true and (${guidAnyOf('_objectid_value', ownerIds)})`,
    $orderby: 'createdon',
  },
});

/** Ids per joined filter: a page's query stays far below Dataverse's URL limit. */
export const MAX_IDS_PER_QUERY = 100;

/** `ids` in runs of at most `size`, in order. */
export function chunks<T>(ids: readonly T[], size = MAX_IDS_PER_QUERY): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size));
  return out;
}

/** The GUIDs of a list, each once, in order: anything else never reaches a filter. */
export function guids(values: readonly unknown[]): string[] {
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && isGuid(v)).map((v) => v.toLowerCase()))];
}

function guid(id: string): string {
  // Callers pass checked ids; this guards the URL against anything that slipped through.
  if (!isGuid(id)) throw new InputError('centralis.id-invalid', 'an id that is not a Dataverse GUID was refused before it reached a query', { field: 'id' });
  return id;
}
