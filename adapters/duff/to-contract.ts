import { InputError, isObject, mapRecords, parseBody, zonedTimestamp, zurichTimestamp, type JsonObject, type MapContext, type MapResult, type NativeInput, type RecordStamp } from '../../src/adapters/sdk.js';
import { dossierNrOf, mapDossier } from './read-dossier.js';
import { settingsOf } from './settings.js';

/** One Dossier of the read, with its place for a rejection without dossierNr. */
export interface DossierItem {
  dossier: JsonObject;
  position: number;
}

/**
 * The bodies of a read → the Dossiers, in order: a Dossier (`GET /dossiers/{nr}`), a poll
 * page (`{ treffer, seite, stand, dossiers }`), or a handover the gateway posts
 * (`{ zielOrganisation, absender, dossier }`). Pages of one poll must share their `stand`
 * (the snapshot), else pages would have shifted between requests.
 */
export function readInputs(inputs: readonly NativeInput[]): DossierItem[] {
  const dossiers: JsonObject[] = [];
  let stand: unknown;
  for (const input of inputs) {
    const body = parseBody(input, 'duff.malformed-body');
    if (isObject(body) && Array.isArray(body.dossiers)) {
      if (stand !== undefined && body.stand !== stand) throw new InputError('duff.mixed-snapshots', `${input.name} is a page of another snapshot (stand) than the pages before it`, { field: input.name });
      stand = body.stand;
      for (const d of body.dossiers) dossiers.push(isObject(d) ? d : {});
    } else if (isObject(body) && isObject(body.dossier)) dossiers.push(body.dossier);
    else if (isObject(body) && ('dossierNr' in body || 'person' in body)) dossiers.push(body);
    else throw new InputError('duff.unknown-body', `${input.name} is neither a Dossier nor a page of Dossiers`, { field: input.name });
  }
  return dossiers.map((dossier, position) => ({ dossier, position }));
}

/** `version` and `geaendertAm` are not mapped: they stamp the snapshot (README "Changes"). */
export function stampOf(dossier: JsonObject, extractedAt: string): RecordStamp {
  let occurredAt = extractedAt;
  try {
    occurredAt = (typeof dossier.geaendertAm === 'string' ? zonedTimestamp(dossier.geaendertAm, { field: '', nativeField: 'geaendertAm' }) : undefined) ?? extractedAt;
  } catch {
    // A malformed geaendertAm stamps the snapshot with the time of the read.
  }
  return { version: typeof dossier.version === 'number' ? String(dossier.version) : occurredAt, occurredAt };
}

/**
 * DuFF Dossiers → one record each. A Dossier that breaks the contract is rejected naming
 * its dossierNr; the others of the same read go on.
 */
export function toContract(inputs: readonly NativeInput[], ctx: MapContext): MapResult {
  const { organisations } = settingsOf(ctx);
  const extractedAt = zurichTimestamp(ctx.now());
  const env = { orgs: organisations, institutionId: ctx.institutionId, canton: ctx.canton, extractedAt };
  return mapRecords(readInputs(inputs), (item) => mapDossier(item.dossier, env), {
    nativeIdOf: (item) => dossierNrOf(item.dossier, item.position),
    stampOf: (item) => stampOf(item.dossier, extractedAt),
  });
}
