import { InputError, isBatchBody, odataPage, parseBind, readChangeSet, type BatchPart, type NativeInput } from '../../src/adapters/sdk.js';
import { ACTIVITY } from './codes.js';
import { optionSetOf, type OptionSet } from './optionset.js';

export type Json = Record<string, unknown>;

/** The bodies of one read (or one delivered change set), sorted by table, in the order they came. */
export interface CentralisBodies {
  optionSet?: OptionSet;
  dossiers: Json[];
  contacts: Json[];
  evaluations: Json[];
  plans: Json[];
  activities: Json[];
  consents: Json[];
  annotations: Json[];
  /** True when the bodies are a change set the gateway wrote (no etag, no modifiedon). */
  delivered: boolean;
}

const TABLES: Readonly<Record<string, keyof Omit<CentralisBodies, 'optionSet' | 'delivered'>>> = {
  smig_dossiers: 'dossiers',
  contacts: 'contacts',
  cosm_evaluationpotentiels: 'evaluations',
  cosm_planintegrations: 'plans',
  activitypointers: 'activities',
  cosm_consentements: 'consents',
  annotations: 'annotations',
};

const decoder = new TextDecoder('utf-8', { fatal: true });

function textOf(input: NativeInput): string {
  try {
    return decoder.decode(input.content).replace(/^\uFEFF/, '');
  } catch {
    throw new InputError('centralis.unreadable', `${input.name} is not UTF-8`, { file: input.name });
  }
}

/** The table of a response body, from its `@odata.context` (`…/$metadata#contacts(…)`). */
export function tableOf(body: unknown): string | undefined {
  const context = (body as Json | null)?.['@odata.context'];
  if (typeof context !== 'string') return undefined;
  return /#([A-Za-z_]+)/.exec(context)?.[1];
}

/** Sorts the inputs by content: option-set metadata, table pages by `@odata.context`, or a `$batch` change set. */
export function readBodies(inputs: readonly NativeInput[]): CentralisBodies {
  const out: CentralisBodies = { dossiers: [], contacts: [], evaluations: [], plans: [], activities: [], consents: [], annotations: [], delivered: false };
  for (const input of inputs) {
    const text = textOf(input);
    if (isBatchBody(text)) {
      addChangeSet(out, readChangeSet(text, input.name, 'centralis.batch-unreadable'), input.name);
      out.delivered = true;
      continue;
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new InputError('centralis.unreadable', `${input.name} is not JSON`, { file: input.name });
    }
    const set = optionSetOf(body);
    if (set) {
      out.optionSet = set;
      continue;
    }
    const table = TABLES[tableOf(body) ?? ''];
    if (!table) throw new InputError('centralis.unknown-body', `${input.name} is no answer of a table this adapter reads`, { file: input.name });
    // A delta page lists removed rows as `$deletedEntity` entries: they map to no record.
    out[table].push(...odataPage(body).items);
  }
  return out;
}

/** Ids of rows a delta page reports as removed (`{ "@odata.context": "…$deletedEntity", id, reason }`). */
export function deletedIds(body: unknown): string[] {
  return odataPage(body)
    .deleted.map((i) => i.id)
    .filter((id): id is string => typeof id === 'string');
}

const KEYS: Readonly<Record<string, string>> = {
  contacts: 'contactid',
  smig_dossiers: 'smig_dossierid',
  cosm_evaluationpotentiels: 'cosm_evaluationpotentielid',
  cosm_planintegrations: 'cosm_planintegrationid',
  cosm_mesures: 'cosm_mesureid',
  cosm_consentements: 'cosm_consentementid',
  annotations: 'annotationid',
};

/** Activity entity sets (`phonecalls`) → `activitytypecode` (`phonecall`). */
const ACTIVITY_SETS = new Map(ACTIVITY.natives().map((code) => [`${code}s`, code]));

/**
 * A delivered change set turned back into the shape of a read: binds become the lookups
 * and expansions a read returns, `$<Content-ID>` references become the ids of the parts
 * they name. This is what lets `toContract` read what `fromContract` wrote.
 */
function addChangeSet(out: CentralisBodies, parts: readonly BatchPart[], file: string): void {
  const ids = new Map<string, string>();
  for (const p of parts) {
    const set = p.entitySet.replace(/\(.*$/, '');
    const key = ACTIVITY_SETS.has(set) ? 'activityid' : KEYS[set];
    const id = key ? p.body[key] : undefined;
    // A part without a key is known by its Content-ID, within its own change set only.
    ids.set(p.contentId, typeof id === 'string' ? id : `${file}$${p.contentId}`);
  }
  const plans = new Map<string, Json>();
  for (const p of parts) {
    const set = p.entitySet.replace(/\(.*$/, '');
    const row = lookups(p.body, ids);
    const id = ids.get(p.contentId)!;
    if (set === 'contacts') out.contacts.push({ ...row, contactid: id });
    else if (set === 'smig_dossiers') out.dossiers.push({ ...row, smig_dossierid: id });
    else if (set === 'cosm_evaluationpotentiels') out.evaluations.push(row);
    else if (set === 'cosm_planintegrations') {
      const plan = { ...row, cosm_planintegrationid: id, cosm_planintegration_mesure: [] as Json[] };
      plans.set(id, plan);
      out.plans.push(plan);
    } else if (set === 'cosm_mesures') {
      const plan = plans.get(String(row._cosm_planintegration_value));
      (plan?.cosm_planintegration_mesure as Json[] | undefined)?.push({ ...row, cosm_mesureid: id });
    } else if (set === 'cosm_consentements') out.consents.push({ ...row, cosm_consentementid: id });
    else if (set === 'annotations') out.annotations.push({ ...row, annotationid: id, createdon: row.createdon ?? row.overriddencreatedon });
    else if (ACTIVITY_SETS.has(set)) out.activities.push({ ...row, activityid: id, activitytypecode: ACTIVITY_SETS.get(set) });
  }
}

/** `x@odata.bind` → what a read has: `_x_value` for references, `x: { key: value }` for alternate keys. */
function lookups(body: Json, ids: ReadonlyMap<string, string>): Json {
  const row: Json = {};
  for (const [name, value] of Object.entries(body)) {
    if (Array.isArray(value) && value.every((v) => v !== null && typeof v === 'object')) {
      row[name] = value.map((v) => lookups(v as Json, ids));
      continue;
    }
    if (!name.endsWith('@odata.bind')) {
      row[name] = value;
      continue;
    }
    const nav = name.slice(0, -'@odata.bind'.length);
    if (Array.isArray(value)) {
      row[nav] = value.map((v) => expansion(parseBind(v)));
      continue;
    }
    const bind = parseBind(value);
    if (!bind) continue;
    // Polymorphic lookups are bound through `regardingobjectid_smig_dossier_phonecall`, `objectid_contact`…
    const column = nav.startsWith('regardingobjectid_') ? 'regardingobjectid' : nav.startsWith('objectid_') ? 'objectid' : nav;
    if ('ref' in bind) row[`_${column}_value`] = ids.get(bind.ref) ?? null;
    else if (nav === 'ownerid') {
      row._ownerid_value = bind.value;
      row['_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname'] = bind.set === 'teams' ? 'team' : 'systemuser';
    } else if (nav === 'owningbusinessunit') row['_owningbusinessunit_value@OData.Community.Display.V1.FormattedValue'] = bind.value;
    else row[nav] = expansion(bind);
  }
  return row;
}

function expansion(bind: ReturnType<typeof parseBind>): Json {
  if (!bind || 'ref' in bind) return {};
  return bind.key ? { [bind.key]: bind.value } : { id: bind.value };
}
