import { createHash } from 'node:crypto';
import path from 'node:path';
import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passerelleAsync } from '../cli/support.js';
import { RICH_CASE, RICH_CASE_ID, richEvent } from '../support/events.js';
import { REPO, settled, startTestGateway, type TestGateway } from '../support/gateway.js';
import { verifyConsistency } from '../../src/audit/merkle.js';

// An independent checker, as an officer's auditor would write it from RFC 9162 and the
// published keys: none of the gateway's code below this line until the describe block.

type Json = Record<string, unknown>;
const sha256 = (...parts: Buffer[]): Buffer => createHash('sha256').update(Buffer.concat(parts)).digest();

function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  return `{${Object.keys(value)
    .sort()
    .filter((k) => (value as Json)[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Json)[k])}`)
    .join(',')}}`;
}

/** RFC 9162 2.1.3.2, written out again. */
function rootFromPath(leaf: Buffer, index: number, size: number, path: Buffer[]): Buffer | undefined {
  if (index >= size) return undefined;
  let fn = index;
  let sn = size - 1;
  let r = sha256(Buffer.from([0]), leaf);
  for (const p of path) {
    if (sn === 0) return undefined;
    if (fn % 2 === 1 || fn === sn) {
      r = sha256(Buffer.from([1]), p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = sha256(Buffer.from([1]), r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : undefined;
}

interface Proof {
  entry: Json & { hash: string; seq: number };
  leafIndex: number;
  treeSize: number;
  path: string[];
  treeHead: { treeSize: number; rootHash: string; jws: string };
}

/** True when the entry is in the log whose head the gateway signed. */
async function checkInclusion(proof: Proof, jwks: JSONWebKeySet): Promise<boolean> {
  const { hash, ...covered } = proof.entry;
  if (createHash('sha256').update(canonicalJson(covered)).digest('hex') !== hash) return false;
  const root = rootFromPath(Buffer.from(hash, 'hex'), proof.leafIndex, proof.treeSize, proof.path.map((p) => Buffer.from(p, 'hex')));
  if (!root) return false;
  try {
    const { payload } = await compactVerify(proof.treeHead.jws, createLocalJWKSet(jwks));
    const head = JSON.parse(new TextDecoder().decode(payload)) as { treeSize: number; rootHash: string };
    return head.treeSize === proof.treeSize && head.rootHash === root.toString('hex') && proof.leafIndex === proof.entry.seq - 1;
  } catch {
    return false;
  }
}

describe('proofs of the audit log: one entry without the log, and nothing rewritten', () => {
  let t: TestGateway;
  let env: Record<string, string>;
  let jwks: JSONWebKeySet;
  let dpo: string;

  beforeAll(async () => {
    t = await startTestGateway({ name: 'audit-proof', policiesDir: path.join(REPO, 'policies') });
    await t.gateway.startWorkers();
    await t.gateway.services.store.rememberCaseRef('nfam', 'be-asi', RICH_CASE.localCaseId, RICH_CASE_ID);
    const source = await t.token('be-asi', ['source-system']);
    const answer = (await (await t.request('POST', '/v1/events', { token: source, body: richEvent() })).json()) as { transfers: { id: string }[] };
    await settled(t, answer.transfers[0]!.id, 60_000);
    env = { PASSERELLE_DATABASE_URL: t.config.databaseUrl!, PASSERELLE_DATABASE_SCHEMA: t.config.databaseSchema, PASSERELLE_DATA_DIR: t.config.dataDir };
    jwks = (await (await t.request('GET', '/.well-known/jwks.json')).json()) as JSONWebKeySet;
    dpo = await t.token('be-asi', ['dpo']);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('passerelle audit prove gives a proof the independent checker accepts, and refuses once the entry is altered', async () => {
    const run = await passerelleAsync(['audit', 'prove', '3'], env);
    expect(run.code, run.stderr).toBe(0);
    const proof = JSON.parse(run.stdout) as Proof;
    expect(proof.entry.seq).toBe(3);
    expect(proof.treeSize).toBeGreaterThanOrEqual(3);
    expect(await checkInclusion(proof, jwks)).toBe(true);

    expect(await checkInclusion({ ...proof, entry: { ...proof.entry, actor: 'someone-else' } }, jwks)).toBe(false);
    expect(await checkInclusion({ ...proof, entry: { ...proof.entry, data: { ...(proof.entry.data as Json), purpose: 'other' } } }, jwks)).toBe(false);
    expect(await checkInclusion({ ...proof, leafIndex: proof.leafIndex + 1 }, jwks)).toBe(false);
    const flipped = proof.path.length > 0 ? [`${proof.path[0]!.slice(0, -1)}${proof.path[0]!.endsWith('0') ? '1' : '0'}`, ...proof.path.slice(1)] : ['00'];
    expect(await checkInclusion({ ...proof, path: flipped }, jwks)).toBe(false);
  }, 120_000);

  it('answers an unknown or malformed entry number with a clear error, not a crash', async () => {
    const unknown = await passerelleAsync(['audit', 'prove', '999999'], env);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('audit.unknown-entry');
    const malformed = await passerelleAsync(['audit', 'prove', 'x1'], env);
    expect(malformed.code).not.toBe(0);
    expect(malformed.stderr).toContain('cli.invalid-argument');
    expect(malformed.stderr).not.toContain('x1');
  }, 120_000);

  it('gives every entry’s proof through the API to the officer only, each accepted by the checker', async () => {
    const [count] = await t.gateway.services.store.sql.query<{ n: string }>('select count(*)::text as n from audit_entries');
    for (let seq = 1; seq <= Math.min(Number(count!.n), 12); seq += 1) {
      const answer = await t.request('GET', `/v1/audit/entries/${seq}/proof`, { token: dpo });
      expect(answer.status).toBe(200);
      expect(await checkInclusion((await answer.json()) as Proof, jwks)).toBe(true);
    }
    expect((await t.request('GET', '/v1/audit/entries/1/proof', { token: await t.token('be-asi', ['ops']) })).status).toBe(403);
    expect((await t.request('GET', '/v1/audit/entries/0/proof', { token: dpo })).status).toBe(400);
    expect((await t.request('GET', '/v1/audit/entries/99999999/proof', { token: dpo })).status).toBe(404);
  }, 120_000);

  it('shows that a later signed tree head extends an earlier one', async () => {
    const first = (await (await t.request('GET', '/v1/audit/entries/1/proof', { token: dpo })).json()) as Proof;
    // More entries (the officer's queries are audited), then a newer head.
    await t.request('GET', '/v1/audit/verify', { token: dpo });
    const later = (await (await t.request('GET', '/v1/audit/entries/1/proof', { token: dpo })).json()) as Proof;
    expect(later.treeSize).toBeGreaterThan(first.treeSize);
    const answer = await t.request('GET', `/v1/audit/consistency?first=${first.treeSize}&second=${later.treeSize}`, { token: dpo });
    expect(answer.status).toBe(200);
    const proof = (await answer.json()) as { first: { rootHash: string; treeSize: number }; second: { rootHash: string; treeSize: number }; path: string[] };
    const nodes = proof.path.map((p) => Buffer.from(p, 'hex'));
    expect(verifyConsistency(proof.first.treeSize, proof.second.treeSize, nodes, Buffer.from(proof.first.rootHash, 'hex'), Buffer.from(proof.second.rootHash, 'hex'))).toBe(true);
    expect(verifyConsistency(proof.first.treeSize, proof.second.treeSize, nodes, Buffer.from(proof.first.rootHash.replace(/^./, (c) => (c === '0' ? '1' : '0')), 'hex'), Buffer.from(proof.second.rootHash, 'hex'))).toBe(false);
  }, 120_000);
});
