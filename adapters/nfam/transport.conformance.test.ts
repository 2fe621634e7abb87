import { existsSync } from 'node:fs';
import path from 'node:path';
import nock from 'nock';
import type { CaseRecord, Connection } from '../../src/adapters/sdk.js';
import { describeTransportConformance, describeWebhookConformance, wholePoll } from '../../src/adapters/testing.js';
import { adapter } from './index.js';
import { SAMPLE_CONTEXT } from './testing.js';
import { pollCursorSince } from './transport.js';

const shared = path.resolve(import.meta.dirname, '../../../shared/systems/nfam');
const systemDir = existsSync(shared) ? shared : path.resolve(import.meta.dirname, 'fixtures');

const token = (): void => {
  nock('https://auth.nfam.be.example').post('/oauth2/token').reply(200, { access_token: 'tok', token_type: 'Bearer', expires_in: 900 });
};
const read = (nativeId: string, localCaseId: string) => async (c: Connection): Promise<CaseRecord[]> => [(await c.read({ localCaseId, localPersonId: 'p', nativeId })).record];

describeTransportConformance(adapter, {
  systemDir,
  base: 'https://api.nfam.be.example',
  settings: {
    ...SAMPLE_CONTEXT,
    env: { NFAM_CLIENT_SECRET: 'secret' },
    settings: { ...SAMPLE_CONTEXT.settings, baseUrl: 'https://api.nfam.be.example/v2', tokenUrl: 'https://auth.nfam.be.example/oauth2/token', clientId: 'passerelle', clientSecret: { env: 'NFAM_CLIENT_SECRET' } },
  },
  samples: {
    minimal: { prepare: token, run: read('9fb47b3d-672c-5aa4-81b8-37185e8b64f0', 'NFAM-2023-001842') },
    rich: { prepare: token, run: read('41edf21d-9a20-55bb-a326-b37da52742a7', 'NFAM-2022-004127') },
    edge: { prepare: token, run: wholePoll(pollCursorSince('2025-02-14T00:00:00Z'), 2) },
  },
});

describeWebhookConformance(adapter, {
  systemDir,
  settings: { ...SAMPLE_CONTEXT, env: { NFAM_WEBHOOK_SECRET: 'whsec_nfam_test_3c7e1b5a9d' }, settings: { ...SAMPLE_CONTEXT.settings, webhookSecret: { env: 'NFAM_WEBHOOK_SECRET' } } },
});
