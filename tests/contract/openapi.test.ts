import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ajv } from '../../src/contract/validate.js';
import { REPO } from '../support/paths.js';

type Json = Record<string, any>;

const doc = parse(readFileSync(path.join(REPO, 'contracts/openapi.yaml'), 'utf8')) as Json;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const operations = Object.entries(doc.paths as Record<string, Json>).flatMap(([route, item]) =>
  METHODS.filter((m) => item[m]).map((m) => ({ route, method: m, op: item[m] as Json })),
);

function refs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refs(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

// The components as one JSON Schema document, so ajv (strict) checks them and resolves the contract files.
const ID = 'https://passerelle.example/contracts/openapi-contract-test.json';
const rewrite = (node: unknown): unknown =>
  JSON.parse(JSON.stringify(node).replaceAll('"#/components/schemas/', '"#/$defs/')) as unknown;
ajv.addSchema({ $id: ID, $defs: rewrite(doc.components.schemas) as object });
const schema = (name: string) => {
  const validate = ajv.getSchema(`${ID}#/$defs/${name}`);
  if (!validate) throw new Error(`no component ${name}`);
  return validate;
};

describe('contracts/openapi.yaml', () => {
  it('is OpenAPI 3.1 on the JSON Schema 2020-12 dialect', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.jsonSchemaDialect).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('describes every route of the gateway', () => {
    const routes = operations.map(({ method, route }) => `${method.toUpperCase()} ${route}`);
    expect(routes).toEqual(
      expect.arrayContaining([
        'GET /health', 'GET /ready', 'POST /v1/events', 'GET /v1/transfers/{id}', 'GET /v1/transfers',
        'POST /v1/transfers/{id}/replay', 'GET /v1/inbox', 'GET /v1/inbox/{transferId}', 'POST /v1/inbox/{transferId}/ack',
        'POST /v1/hooks/{system}', 'POST /v1/hooks/{system}/{institutionId}', 'GET /.well-known/jwks.json', 'GET /openapi.json', 'GET /docs',
      ]),
    );
  });

  it.each(operations)('$method $route names who may call it', ({ op }) => {
    const open = Array.isArray(op.security) && op.security.length === 0;
    expect(op.description).toMatch(open ? /^No token/ : /Role `(source-system|receiver|ops|dpo)`/);
  });

  it.each(operations)('$method $route answers every error as a problem', ({ route, op }) => {
    const errors = Object.entries(op.responses as Json).filter(([status]) => /^[45]/.test(status));
    for (const [status, response] of errors) {
      // Readiness reports its checks in the same body either way.
      if (route === '/ready' && status === '503') continue;
      expect(response, `${status}`).toEqual({ $ref: '#/components/responses/Problem' });
    }
  });

  it.each(Object.keys(doc.components.schemas as Json))('compiles component %s in strict mode', (name) => {
    expect(() => schema(name)).not.toThrow();
  });

  it('resolves every reference', () => {
    const files: Record<string, Json> = {
      'case-record.schema.json': JSON.parse(readFileSync(path.join(REPO, 'contracts/case-record.schema.json'), 'utf8')) as Json,
      'case-event.schema.json': JSON.parse(readFileSync(path.join(REPO, 'contracts/case-event.schema.json'), 'utf8')) as Json,
    };
    const resolve = (ref: string): unknown => {
      const [file = '', pointer = ''] = ref.split('#');
      let node: unknown = file === '' ? doc : files[file.replace(/^\.\//, '')];
      for (const part of pointer.split('/').slice(1)) node = (node as Json | undefined)?.[part];
      return node;
    };
    expect(refs(doc).filter((r) => resolve(r) === undefined)).toEqual([]);
  });

  it('holds the decision of policy.md', () => {
    const decision = {
      recipient: 'gl-gemeinde-glarus-nord', purpose: 'case-transfer',
      evaluatedAt: '2026-11-22T10:15:00+01:00', policyVersion: `sha256:${'a'.repeat(64)}`,
      rejected: false, obligations: [],
      disclosed: [{ category: 'identity', rule: 'commune-takes-over', legalBasis: 'LEI art. 97' }],
      withheld: [{ category: 'health', reason: 'consent-revoked', consentId: 'c-17' }, { path: 'person.nickname', reason: 'unknown-field' }],
    };
    expect(schema('Decision')(decision)).toBe(true);
    expect(schema('Decision')({ ...decision, withheld: [{ category: 'health', reason: 'forgotten' }] })).toBe(false);
    expect(schema('Decision')({ ...decision, withheld: [{ path: 'x', reason: 'denied' }] })).toBe(false);
  });

  it('holds a transfer, its ten states, and a page of them', () => {
    const transfer = {
      id: '0b6f5a0e-6f43-4b8e-9d1c-1c2a3b4c5d6e', eventId: '3d72075d-e567-5aed-845b-79c9eb858417',
      sourceInstitutionId: 'be-asi', targetInstitutionId: 'be-koeniz', purpose: 'case-transfer', legalBasis: null,
      state: 'accepted', attempts: 0, createdAt: '2026-03-01T07:15:00.000Z', updatedAt: '2026-03-01T07:15:00.000Z',
      decision: null, receipt: null, error: null,
    };
    expect(schema('TransferState').schema).toMatchObject({
      enum: ['accepted', 'extracting', 'evaluating', 'delivering', 'awaiting-receipt', 'delivered', 'retrying', 'failed', 'rejected', 'cancelled'],
    });
    expect(schema('Transfer')(transfer)).toBe(true);
    expect(schema('Transfer')({ ...transfer, receipt: { at: '2026-03-01T08:15:00+01:00', reference: 'c-1', status: 'ACCEPTED', details: { httpStatus: 201 } } })).toBe(true);
    expect(schema('Transfer')({ ...transfer, receipt: { at: '2026-03-01T08:15:00+01:00', reference: 'c-1', status: 'x', details: { nested: {} } } })).toBe(false);
    expect(schema('TransferPage')({ items: [transfer], nextCursor: null })).toBe(true);
    expect(schema('EventAccepted')({ eventId: transfer.eventId, duplicate: false, transfers: [transfer], cancelled: [], unrouted: [{ reason: 'no rule matches' }] })).toBe(true);
  });

  it('holds a problem, and nothing beside its fields', () => {
    const problem = { type: 'https://passerelle.example/problems/contract.format', title: 'Unprocessable content', status: 422, code: 'contract.format', detail: 'record: person.vn …', field: 'person.vn' };
    expect(schema('Problem')(problem)).toBe(true);
    expect(schema('Problem')({ ...problem, value: '7563817462958' })).toBe(false);
  });
});

describe('the bundled /openapi.json', () => {
  it('is one document whose references resolve without the network, valid for a standard validator', async () => {
    const nock = (await import('nock')).default;
    nock.disableNetConnect();
    try {
      const { bundledOpenApi } = await import('../../src/contract/bundle.js');
      const bundled = bundledOpenApi({ keepConditionals: true });
      expect(refs(bundled).every((r) => r.startsWith('#/'))).toBe(true);
      const SwaggerParser = (await import('@apidevtools/swagger-parser')).default;
      const api = await SwaggerParser.validate(structuredClone(bundled) as never);
      expect(Object.keys((api as Json).paths)).toContain('/v1/events');
      const operationIds = Object.values((api as Json).paths as Json).flatMap((item) => Object.values(item as Json).map((op) => (op as Json).operationId));
      expect(new Set(operationIds).size).toBe(operationIds.length);
      expect(operationIds.every((id) => typeof id === 'string')).toBe(true);
    } finally {
      nock.enableNetConnect();
    }
  });
});
