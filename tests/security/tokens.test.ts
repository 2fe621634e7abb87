import { spawnSync } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { TestGateway } from '../support/gateway.js';
import { REPO } from '../support/gateway.js';
import { demoWithOneDelivery } from './setup.js';

type Json = Record<string, any>;

describe('tokens the gateway accepts', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-tokens-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a JWKS without issuer or audience stops the start, naming the variable', () => {
    const jwks = path.join(dir, 'jwks.json');
    writeFileSync(jwks, JSON.stringify({ keys: [] }));
    expect(() => loadConfig({ PASSERELLE_AUTH_JWKS_FILE: jwks })).toThrow(expect.objectContaining({ details: { field: 'PASSERELLE_AUTH_ISSUER' } }));
    expect(() => loadConfig({ PASSERELLE_AUTH_JWKS_URL: 'https://idp.example/jwks', PASSERELLE_AUTH_ISSUER: 'https://idp.example' })).toThrow(
      expect.objectContaining({ details: { field: 'PASSERELLE_AUTH_AUDIENCE' } }),
    );
    expect(loadConfig({ PASSERELLE_AUTH_JWKS_FILE: jwks, PASSERELLE_AUTH_ISSUER: 'i', PASSERELLE_AUTH_AUDIENCE: 'a' }).authIssuer).toBe('i');
    // The command itself stops, naming the variable.
    const run = spawnSync(process.execPath, [path.join(REPO, 'bin/passerelle.js'), 'serve'], {
      env: { PATH: process.env.PATH ?? '', PASSERELLE_AUTH_JWKS_FILE: jwks, PASSERELLE_DATA_DIR: dir },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('PASSERELLE_AUTH_ISSUER');
  });

  it('claim names and role names of identity providers are settings', () => {
    const config = loadConfig({ PASSERELLE_AUTH_ROLES_CLAIM: 'realm_access.roles', PASSERELLE_AUTH_INSTITUTION_CLAIM: 'passerelle.institution', PASSERELLE_AUTH_ROLE_MAP: 'gw-ops=ops, gw-dpo=dpo' });
    expect(config).toMatchObject({ authRolesClaim: 'realm_access.roles', authInstitutionClaim: 'passerelle.institution', authRoleMap: { 'gw-ops': 'ops', 'gw-dpo': 'dpo' } });
    expect(() => loadConfig({ PASSERELLE_AUTH_ROLE_MAP: 'gw-root=root' })).toThrow(expect.objectContaining({ details: { field: 'PASSERELLE_AUTH_ROLE_MAP' } }));
    expect(() => loadConfig({ PASSERELLE_AUTH_ROLES_CLAIM: 'a..b' })).toThrow(expect.objectContaining({ details: { field: 'PASSERELLE_AUTH_ROLES_CLAIM' } }));
  });
});

describe('a delivered seal, checked with an independent JOSE implementation', () => {
  let t: TestGateway;
  let transferId: string;
  beforeAll(async () => {
    ({ t, transferId } = await demoWithOneDelivery('security-seal'));
  });
  afterAll(async () => {
    await t.close();
  });

  it('names its recipient, transfer and purpose, and fails for another audience', async () => {
    const item = (await (await t.request('GET', `/v1/inbox/${transferId}`, { token: await t.token('be-koeniz', ['receiver']) })).json()) as Json;
    const jwks = (await (await t.request('GET', '/.well-known/jwks.json')).json()) as Json;
    const header = JSON.parse(Buffer.from(String(item.jws).split('.')[0]!, 'base64url').toString('utf8')) as Json;
    expect(header).toMatchObject({ alg: 'ES256', typ: 'passerelle-delivery.v1+jwt' });
    const jwk = (jwks.keys as Json[]).find((k) => k.kid === header.kid)!;
    const pem = createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString();
    // jsonwebtoken (auth0) and Node's own crypto: no line of jose.
    const claims = jwt.verify(item.jws, pem, { algorithms: ['ES256'], audience: 'be-koeniz' }) as Json;
    expect(claims).toMatchObject({ aud: 'be-koeniz', jti: transferId, purpose: 'case-transfer', sub: 'be-asi' });
    expect(claims.decisionHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(claims.record).toEqual(item.record);
    expect(() => jwt.verify(item.jws, pem, { algorithms: ['ES256'], audience: 'be-bern' })).toThrow(/audience/);
  });
});
