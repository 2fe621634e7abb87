import { defineAdapter, httpSettingsSchema } from '../../src/adapters/sdk.js';
import { changeEventId } from './changes.js';
import { fromContract } from './from-contract.js';
import { MAX_PAGE_SIZE } from './settings.js';
import { toContract } from './to-contract.js';
import { connect } from './transport.js';
import { receive } from './webhook.js';

/** DuFF, the canton of Aargau's platform: REST JSON (German), signed webhooks, documents. */
export const adapter = defineAdapter(new URL('./adapter.yaml', import.meta.url), {
  mapper: { toContract, fromContract, changeEventId },
  connect,
  webhook: { receive },
  settingsSchema: httpSettingsSchema({
    required: ['baseUrl', 'apiKey', 'organisation', 'organisations'],
    properties: {
      baseUrl: { type: 'string', pattern: '^https?://[^/@\\s]+(/\\S*)?$', description: 'The DuFF API root, https://…/api/v1.' },
      apiKey: { $ref: '#/$defs/secret', description: 'The API key (X-DuFF-API-Key), always { env: NAME }.' },
      organisation: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$', description: 'The acting organisation (X-DuFF-Organisation), MIKA-IB: it sets the permission level.' },
      webhookSecret: { $ref: '#/$defs/secret', description: 'The key of X-DuFF-Signatur, for institutions that receive webhooks.' },
      organisations: { type: 'object', additionalProperties: { type: 'string', minLength: 1 }, description: 'DuFF organisation and provider codes → registry institution ids.' },
      pollIntervalSeconds: { type: 'integer', minimum: 1, description: 'Seconds between two polls (the fallback to webhooks); absent, no polling.' },
      pageSize: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, description: 'Upper bound of proSeite for a poll.' },
    },
  }),
});
