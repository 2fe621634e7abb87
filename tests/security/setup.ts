import path from 'node:path';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { richEvent, RICH_CASE, RICH_CASE_ID } from '../support/events.js';
import { REPO, settled, startTestGateway, type TestGateway } from '../support/gateway.js';

type Json = Record<string, any>;

export const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Every operation contracts/openapi.yaml describes, as `METHOD /path/{param}`. */
export function operations(): { key: string; method: string; route: string; op: Json }[] {
  const doc = parse(readFileSync(path.join(REPO, 'contracts/openapi.yaml'), 'utf8')) as Json;
  return Object.entries(doc.paths as Record<string, Json>).flatMap(([route, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({ key: `${m.toUpperCase()} ${route}`, method: m.toUpperCase(), route, op: item[m] as Json })),
  );
}

/** The demo topology, embedded, with one case delivered to Köniz's inbox: something for every route to find. */
export async function demoWithOneDelivery(name: string): Promise<{ t: TestGateway; transferId: string }> {
  const t = await startTestGateway({ name, services: 'embedded', policiesDir: path.join(REPO, 'policies') });
  await t.gateway.startWorkers();
  await t.gateway.services.store.rememberCaseRef('nfam', 'be-asi', RICH_CASE.localCaseId, RICH_CASE_ID);
  const source = await t.token('be-asi', ['source-system']);
  const answer = (await (await t.request('POST', '/v1/events', { token: source, body: richEvent() })).json()) as Json;
  const transferId = answer.transfers[0].id as string;
  await settled(t, transferId, 60_000);
  return { t, transferId };
}
