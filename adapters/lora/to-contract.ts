import { assessments, at, consents, documents, idAt, InputError, integrationPlan, isObject, journal, mapRecords, missing, objectAt, parseBody, person, recordIdFor, required, residence, responsibility, ROOT, stringAt, zurichTimestamp, type At, type Entry, type JsonObject, type MapContext, type MapResult, type NativeInput, type RecordStamp } from '../../src/adapters/sdk.js';
import { employmentOf, socialAssistanceOf } from './read-person.js';
import { documentIdsOf } from './read-records.js';
import { INSTITUTION_TYPES } from './codes.js';
import { NAMES, readingOf } from './reading.js';
import { settingsOf, type LoraSettings } from './settings.js';
import { birthDateOf, moduleOf, serviceAt, timestampAt, type PersonEnv } from './values.js';

/** One person of a page (or of a write body), with its place for a rejection without idLora. */
export interface PersonItem {
  person: JsonObject;
  position: number;
}

/**
 * Pages of `GET /personnes` (and the `{ modules }` bodies the gateway writes) → the persons,
 * in page and array order. A page of another instance than the institution's is refused whole.
 */
export function readInputs(inputs: readonly NativeInput[], settings: LoraSettings): PersonItem[] {
  const persons: JsonObject[] = [];
  for (const input of inputs) {
    const body = parseBody(input, 'lora.malformed-body');
    if (isObject(body) && Array.isArray(body.personnes)) {
      if (body.instance !== settings.instance) {
        throw new InputError('lora.wrong-instance', `${input.name} is not a page of the institution's Lora instance (settings.instance)`, { field: input.name });
      }
      for (const p of body.personnes) persons.push(isObject(p) ? p : {});
    } else if (isObject(body) && isObject(body.modules)) persons.push(body);
    else throw new InputError('lora.unknown-body', `${input.name} is neither a page of persons nor a person's modules`, { field: input.name });
  }
  return persons.map((person, position) => ({ person, position }));
}

const idLoraOf = (item: PersonItem): string => {
  const id = item.person.idLora;
  return typeof id === 'number' || (typeof id === 'string' && id.trim() !== '') ? String(id).trim() : `personnes[${item.position}]`;
};

/** The module a record needs: missing or refused by the access profile rejects the person. */
function requiredModule(modules: JsonObject, code: string, field: string): JsonObject {
  const content = moduleOf(modules, code);
  if (!content) throw missing(at(field, code));
  return content;
}

/**
 * One person's modules → the draft of its record. Modules it does not know or did not ask
 * for (LOGEMENT, SCOLARITE) are ignored (quirk 2).
 */
function mapPerson(item: PersonItem, env: Omit<PersonEnv, 'documentIds'>): unknown {
  const p = item.person;
  const idLora = required(idAt(p.idLora, at('source.localPersonId', 'idLora')), at('source.localPersonId', 'idLora'));
  const modules = objectAt(p.modules, at('person', 'modules')) ?? {};
  const info = requiredModule(modules, 'INFO_PRIMAIRE', 'person');
  const sejour = requiredModule(modules, 'SEJOUR', 'residence.statusHistory');
  const encadrement = requiredModule(modules, 'ENCADREMENT', 'responsibility');
  const documentsModule = moduleOf(modules, 'DOCUMENTS');
  const full: PersonEnv = { ...env, documentIds: documentIdsOf(documentsModule) };
  const noDossier = at('source.localCaseId', 'INFO_PRIMAIRE.noDossier');
  const r = readingOf(full);
  // The modules the contract's readers walk, each as the access profile lets it be read.
  const read = { INFO_PRIMAIRE: info, SEJOUR: sejour, ENCADREMENT: encadrement, DOCUMENTS: documentsModule, ...Object.fromEntries(OPTIONAL.map((code) => [code, moduleOf(modules, code)])) };
  const root = r.entry(read, ROOT, NAMES);
  const goalId = (g: Entry<JsonObject>, planId: string) => `${planId}/${String(r.need(g, 'id', 'integer', { min: 1 }))}`;
  return {
    contractVersion: '1.0',
    recordId: recordIdFor('lora', idLora),
    source: { system: 'lora', institutionId: env.institutionId, canton: env.canton, localCaseId: required(stringAt(info.noDossier, noDossier), noDossier), localPersonId: idLora, extractedAt: env.extractedAt },
    // Quirk 5: `naissance { jour, mois, annee }`, a `null` part making it partial.
    person: person(r, root, { dateOfBirth: (e) => birthDateOf(objectAt(r.raw(e, 'dateOfBirth'), r.place(e, 'dateOfBirth')), r.place(e, 'dateOfBirth')) }),
    residence: residence(r, root),
    responsibility: responsibility(r, root),
    potentialAssessments: assessments(r, root),
    integrationPlan: integrationPlan(r, root, { goalId }),
    employment: employmentOf(moduleOf(modules, 'TRAVAIL_REMUNERE')),
    socialAssistance: socialAssistanceOf(moduleOf(modules, 'AIDE_SOCIALE')),
    journal: journal(r, root),
    documents: documents(r, root),
    consents: consents(r, root, { recipients: (c) => r.values(c, 'recipients', 'code', (code, w) => recipientOf(code as string | undefined, w, full), { required: true }) }),
  };
}

const OPTIONAL = ['INTEGRATION', 'JOURNAL', 'AUTORISATIONS'];

const TYPES: ReadonlySet<string> = new Set(INSTITUTION_TYPES);

/** `destinataires`: institution types as they are; anything else is a service code of the configuration. */
function recipientOf(code: string | undefined, where: At, env: PersonEnv): string {
  if (code === undefined) throw missing(where);
  return TYPES.has(code) ? code : required(serviceAt(env.orgs, code, where), where);
}

/** `modifieLe` is not mapped: it stamps the snapshot for events found by comparison (README "Changes"). */
export function stampOf(person: JsonObject, extractedAt: string): RecordStamp {
  const raw = typeof person.modifieLe === 'string' ? person.modifieLe.trim() : '';
  let occurredAt = extractedAt;
  try {
    occurredAt = timestampAt(raw === '' ? undefined : raw, at('', 'modifieLe')) ?? extractedAt;
  } catch {
    // A malformed modifieLe stamps the snapshot with the time of the read.
  }
  return { version: raw === '' ? occurredAt : raw, occurredAt };
}

/**
 * Lora pages → one record per person, in page and array order. A person that breaks the
 * contract is rejected naming its idLora; the others on the page go on.
 */
export function toContract(inputs: readonly NativeInput[], ctx: MapContext): MapResult {
  const settings = settingsOf(ctx);
  const extractedAt = zurichTimestamp(ctx.now());
  const env = { orgs: settings.organisations, institutionId: ctx.institutionId, canton: ctx.canton, extractedAt };
  return mapRecords(readInputs(inputs, settings), (item) => mapPerson(item, env), {
    nativeIdOf: idLoraOf,
    stampOf: (item) => stampOf(item.person, extractedAt),
  });
}
