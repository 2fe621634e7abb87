import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SignJWT, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RICH_CASE, richEvent } from '../support/events.js';
import { findPersonalValues, fixturePersonalValues } from '../support/personal-data.js';
import { REPO, type TestGateway } from '../support/gateway.js';
import { demoWithOneDelivery, operations } from './setup.js';

type Json = Record<string, any>;

/** A small deterministic generator, so a failing request can be found again. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const ODD_TEXT = ['', ' ', '%00', 'a%00b', '%ff%fe', '\u202e', '../../etc/passwd', "' or 1=1 --", '<script>x</script>', 'x'.repeat(5000), '-'.repeat(36), '0'.repeat(36), 'NaN', 'null', '{}', '%', '%zz', '🙂'.repeat(50)];
const ODD_NUMBERS = ['0x10', '1e3', '+1', '-1', '', '01', '1.5', '99999999999999999999', 'Infinity', '1 ', ' 1', '१२'];
const ODD_TIMES = ['2020-02-30T00:00:00Z', '99999-01-01T00:00:00Z', '0000-01-01T00:00:00Z', '2026-01-01', '2026-01-01T25:00:00Z', 'yesterday', '2026-01-01T00:00:00+25:00'];

function bodies(random: () => number): (string | undefined)[] {
  const deep = '['.repeat(5000) + ']'.repeat(5000);
  const base = richEvent();
  return [
    undefined,
    '',
    '{',
    'null',
    '[]',
    '"text"',
    '42',
    deep,
    JSON.stringify({ ...base, eventId: 'not-a-uuid' }),
    JSON.stringify({ ...base, case: { ...base.case, localCaseId: 'x'.repeat(100_000) } }),
    JSON.stringify({ ...base, case: { ...base.case, localPersonId: 'a\u0000b' } }),
    JSON.stringify({ ...base, occurredAt: '2020-02-30T00:00:00Z' }),
    JSON.stringify({ ...base, unknown: { nested: true } }),
    JSON.stringify({ person: { system: 'nfam', localPersonId: RICH_CASE.localPersonId }, consent: { id: 'x'.repeat(200_000) }, documentSha256: 'zz' }),
    JSON.stringify({ source: { institutionId: 'be-asi' }, case: RICH_CASE, to: Array.from({ length: 500 }, (_, i) => `x-${i}`), purpose: 'case-transfer' }),
    JSON.stringify({ revokedOn: '2020-02-30', institutionId: '../x' }),
    'x'.repeat(1_100_000),
    JSON.stringify({ a: 'x'.repeat(Math.floor(random() * 2000)) }),
  ];
}

describe('a hostile run over every route', () => {
  let t: TestGateway;
  let transferId: string;
  const tokens: (string | undefined)[] = [];
  beforeAll(async () => {
    ({ t, transferId } = await demoWithOneDelivery('security-hostile'));
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({ institution: 'be-asi', roles: ['ops'] }).setProtectedHeader({ alg: 'ES256', kid: 'x' }).setSubject('x').setIssuer('passerelle-dev').setAudience('passerelle').setExpirationTime('5m').sign(privateKey);
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    tokens.push(
      undefined,
      'garbage',
      `${b64({ alg: 'none' })}.${b64({ sub: 'x', institution: 'be-asi', roles: ['ops'], exp: 9e9 })}.`,
      forged,
      'a.b.c',
      'x'.repeat(10_000),
      await t.token('be-asi', ['source-system']),
      await t.token('be-asi', ['ops']),
      await t.token('be-koeniz', ['receiver']),
      await t.token('be-dpo', ['dpo']),
      await t.token('be-koeniz', ['source-system']),
    );
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers at least 5,000 malformed, oversized, NUL, odd-number and forged-token requests without a single 5xx', async () => {
    const random = rng(20261202);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const byStatus: Record<string, number> = {};
    const fiveHundreds: string[] = [];
    const ops = operations();
    const sent = { n: 0 };
    const concrete = (route: string): string =>
      route.replace(/\{(\w+)\}/g, (_m, name: string) => {
        const r = random();
        if (r < 0.3) return name === 'system' ? 'nfam' : name === 'person' ? `nfam:${RICH_CASE.localPersonId}` : transferId;
        return encodeURIComponent(pick(ODD_TEXT)).replaceAll('%2525', '%25');
      });
    for (let round = 0; sent.n < 5200 && round < 400; round += 1) {
      for (const { method, route, op } of ops) {
        const params = (op.parameters ?? []).filter((p: Json) => p.in === 'query') as Json[];
        const query = params
          .filter(() => random() < 0.7)
          .map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(pick([...ODD_NUMBERS, ...ODD_TIMES, ...ODD_TEXT.slice(0, 8)])).replace('%2500', '%00')}`)
          .join('&');
        const url = `${concrete(route)}${query ? `?${query}` : ''}`;
        const body = method === 'GET' ? undefined : pick(bodies(random));
        const headers: Record<string, string> = {};
        if (body !== undefined) headers['content-type'] = pick(['application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16']);
        // Header values HTTP can carry at all: hostile, but sendable.
        if (random() < 0.2) headers['x-request-id'] = pick(['', '-1-1', 'x'.repeat(300), "' or 1=1", '../x', '%00', '=cmd|calc']);
        const token = pick(tokens);
        if (route.startsWith('/v1/hooks')) headers['nfam-signature'] = pick(['', 't=1,v1=00', `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}`, 'garbage']);
        const response = await t.request(method, url, { ...(token ? { token } : {}), ...(body === undefined ? {} : { body }), headers });
        await response.arrayBuffer();
        const status = response.status;
        sent.n += 1;
        byStatus[status] = (byStatus[status] ?? 0) + 1;
        if (status >= 500) fiveHundreds.push(`${method} ${url.slice(0, 120)} -> ${status}`);
      }
    }
    const artifacts = path.join(REPO, 'tests/.artifacts');
    mkdirSync(artifacts, { recursive: true });
    writeFileSync(path.join(artifacts, 'hostile-run.json'), JSON.stringify({ requests: sent.n, byStatus }, null, 2));
    console.log(`hostile run: ${sent.n} requests, by status ${JSON.stringify(byStatus)}`);
    expect(sent.n).toBeGreaterThanOrEqual(5000);
    expect(fiveHundreds).toEqual([]);

    // Nothing of the callers' text is kept: the refusals' audit rows hold codes, routes, statuses and counts.
    await t.gateway.refusals.flush();
    const refused = await t.gateway.services.store.sql.query<{ data: Json }>("select data from audit_entries where kind = 'request.refused'");
    expect(refused.length).toBeGreaterThan(0);
    const text = JSON.stringify(refused);
    for (const hostile of ["' or 1=1", '<script>', 'etc/passwd', 'x'.repeat(100), '=cmd', '\u202e']) expect(text).not.toContain(hostile);
    for (const row of refused) expect(Object.keys(row.data).sort()).toEqual(expect.arrayContaining(['code', 'route', 'status']));
    expect(findPersonalValues(text, fixturePersonalValues())).toEqual([]);
  }, 600_000);
});
