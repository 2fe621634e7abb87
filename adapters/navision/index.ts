import { defineAdapter, httpSettingsSchema, type CaseRecord, type DeliveryNaming, type MapContext } from '../../src/adapters/sdk.js';
import { changeEventId } from './changes.js';
import { fromContract } from './from-contract.js';
import { toContract } from './to-contract.js';
import { connect } from './transport.js';

/** ORS's Microsoft Dynamics NAV 2018 (canton of Fribourg): OData v4, polled; snapshot events. */
export const adapter = defineAdapter(new URL('./adapter.yaml', import.meta.url), {
  mapper: {
    toContract,
    fromContract: (records: readonly CaseRecord[], ctx: MapContext, delivery?: DeliveryNaming) => fromContract(records, ctx, delivery),
    changeEventId,
  },
  connect,
  settingsSchema: httpSettingsSchema({
    required: ['baseUrl', 'username', 'password', 'organisations'],
    properties: {
      baseUrl: { type: 'string', pattern: '^https?://[^/]+/.+[^/]$', description: "The OData root, …/ODataV4/Company('ORS%20Fribourg'), no trailing slash." },
      username: { oneOf: [{ type: 'string', minLength: 1 }, { $ref: '#/$defs/secret' }], description: 'The NAV user, or { env: NAME }.' },
      password: { $ref: '#/$defs/secret', description: 'The web service access key, always { env: NAME }.' },
      organisations: { type: 'object', additionalProperties: { type: 'string', minLength: 1 }, description: 'NAV institution and provider codes → registry institution ids.' },
      pollIntervalSeconds: { type: 'integer', minimum: 1 },
      pageSize: { type: 'integer', minimum: 1, maximum: 1000, description: 'Upper bound of Prefer: odata.maxpagesize for a poll.' },
    },
  }),
});
