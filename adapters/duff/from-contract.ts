import { compact, writing, type CaseRecord, type DeliveryNaming, type MapContext, type NativeInput } from '../../src/adapters/sdk.js';
import { settingsOf } from './settings.js';
import { dossierBody } from './write-dossier.js';
import { organisation } from './write-values.js';

const encoder = new TextEncoder();
const json = (name: string, body: unknown): NativeInput => ({ name, content: encoder.encode(`${JSON.stringify(body, null, 2)}\n`) });
const safe = (part: string): string => part.replace(/[^A-Za-z0-9._-]/g, '_');

/**
 * Records → DuFF bodies. Without a delivery, the Dossier as `GET /dossiers/{nr}` serves
 * it (round trips; also the body of `PUT /dossiers/{nr}`). With one, per record the body
 * of `POST /uebergaben` (sent with `X-DuFF-Referenz: <transfer id>`): `{ zielOrganisation,
 * absender, dossier }`, the Dossier without dossierNr and personNr (DuFF gives them),
 * named `<transfer id>.uebergabe.json`. `zielOrganisation` is the DuFF code of the
 * institution delivered to (the context's); `absender` the record's source institution.
 */
export function fromContract(records: readonly CaseRecord[], ctx: MapContext, delivery?: DeliveryNaming): NativeInput[] {
  const env = { orgs: settingsOf(ctx).organisations };
  return records.map((record, k) =>
    writing(record, () => {
      const { dossierNr, personNr, ...dossier } = dossierBody(record, env);
      if (!delivery) return json(`${safe(String(dossierNr))}.dossier.json`, compact({ dossierNr, personNr, ...dossier }));
      const body = { zielOrganisation: organisation(env, ctx.institutionId, 'targetInstitutionId', 'zielOrganisation'), absender: record.source.institutionId, dossier };
      return json(records.length > 1 ? `${safe(delivery.transferId)}.${k + 1}.uebergabe.json` : `${safe(delivery.transferId)}.uebergabe.json`, compact(body));
    }),
  );
}
