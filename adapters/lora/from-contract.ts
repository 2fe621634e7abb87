import { writing, type CaseRecord, type DeliveryNaming, type MapContext, type NativeInput } from '../../src/adapters/sdk.js';
import { isoInstance, settingsOf } from './settings.js';
import { integration } from './write-integration.js';
import { encadrement, infoPrimaire, sejour } from './write-person.js';
import { autorisations, documents, journal } from './write-records.js';
import { loraId, type WriteEnv } from './write-values.js';

const encoder = new TextEncoder();
const json = (name: string, body: unknown): NativeInput => ({ name, content: encoder.encode(`${JSON.stringify(body, null, 2)}\n`) });
const safe = (part: string): string => part.replace(/[^A-Za-z0-9._-]/g, '_');

/**
 * The modules the gateway writes, shaped as read. TRAVAIL_REMUNERE and AIDE_SOCIALE are
 * read-only for the profile PASSERELLE: employment and social assistance are not written.
 */
function modulesOf(record: CaseRecord, env: WriteEnv, withNoDossier: boolean): Record<string, unknown> {
  const modules: Record<string, unknown> = {
    INFO_PRIMAIRE: infoPrimaire(record, env, withNoDossier),
    SEJOUR: sejour(record, env),
    ENCADREMENT: encadrement(record, env),
    INTEGRATION: integration(record, env),
    JOURNAL: journal(record, env),
    DOCUMENTS: documents(record, env),
    AUTORISATIONS: autorisations(record, env),
  };
  return Object.fromEntries(Object.entries(modules).filter(([, content]) => content !== undefined));
}

/**
 * The body of `POST /lora/api/v2/personnes` for one record: `{ modules }` without idLora and
 * noDossier. A value Lora cannot say fails here, naming the contract path, before anything is sent.
 */
export function personBody(record: CaseRecord, ctx: MapContext): { modules: Record<string, unknown> } {
  const settings = settingsOf(ctx);
  const env: WriteEnv = { orgs: settings.organisations, own: record.source.system === 'lora', iso: isoInstance(settings) };
  return { modules: writing(record, () => modulesOf(record, env, false)) };
}

/**
 * Records → Lora bodies. Without a delivery, one page as `GET /personnes` serves it (round
 * trips); with one, per record the body of `POST /lora/api/v2/personnes`, `{ modules }`
 * without idLora and noDossier (Lora assigns them; after a `409` each module goes to
 * `PUT …/personnes/{idLora}/modules/{MODULE}`), named `<transfer id>.personne.json`.
 */
export function fromContract(records: readonly CaseRecord[], ctx: MapContext, delivery?: DeliveryNaming): NativeInput[] {
  const settings = settingsOf(ctx);
  const envOf = (record: CaseRecord): WriteEnv => ({ orgs: settings.organisations, own: record.source.system === 'lora', iso: isoInstance(settings) });
  if (delivery) {
    return records.map((record, k) => {
      const name = records.length > 1 ? `${safe(delivery.transferId)}.${k + 1}.personne.json` : `${safe(delivery.transferId)}.personne.json`;
      return json(name, personBody(record, ctx));
    });
  }
  const personnes = records.map((record) => ({ idLora: loraId(record.source.localPersonId), modifieLe: null, modules: writing(record, () => modulesOf(record, envOf(record), true)) }));
  const pagination = { page: 1, parPage: personnes.length, nbElements: personnes.length, nbPages: 1, suivante: null };
  return [json('page1.json', { instance: settings.instance, versionLora: settings.version, genereLe: null, critere: null, pagination, personnes })];
}
