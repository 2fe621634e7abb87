import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import type { Connection } from './port.js';
import { defineAdapter, type AdapterParts } from './manifest.js';

const root = mkdtempSync(path.join(tmpdir(), 'passerelle-manifest-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
/** An adapter.yaml in a folder of its own, named `folder`. */
function manifest(text: string, folder = 'demo'): URL {
  const dir = path.join(root, String((n += 1)), folder);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'adapter.yaml'), text);
  return pathToFileURL(path.join(dir, 'adapter.yaml'));
}

const api = (webhook: boolean): string => `id: demo\ntitle: Demo REST system\ncapabilities: { read: true, listChanges: true, deliver: true, webhook: ${webhook}, cannotCarry: [person.householdId] }\n`;
const files = (extra = ''): string => `id: demo\ntitle: Demo files\ncapabilities: { read: true, listChanges: true, deliver: true, webhook: false, cannotCarry: [] }\nfiles:\n  outbox: true\n${extra}`;

const mapper: AdapterParts['mapper'] = { toContract: () => ({ records: [], rejections: [] }), fromContract: () => [] };
const connect = (): Connection => ({ read: () => Promise.reject(new Error('not here')), deliver: () => Promise.reject(new Error('not here')) });
const receive = { receive: () => Promise.reject(new Error('not here')) } as unknown as NonNullable<AdapterParts['webhook']>;
const drop = { rule: { kind: 'marker' } } as unknown as NonNullable<NonNullable<AdapterParts['files']>['drop']>;
const receipts = { matches: () => false, parse: () => [] };

function refusal(file: URL, parts: AdapterParts): ConfigError {
  try {
    defineAdapter(file, parts);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('the manifest was taken');
}

describe('defineAdapter', () => {
  it('gives the manifest its facts and the code its parts, a receipt window in milliseconds', () => {
    const a = defineAdapter(manifest(api(true)), { mapper, connect, webhook: receive });
    expect(a).toMatchObject({ id: 'demo', title: 'Demo REST system', capabilities: { read: true, webhook: true, cannotCarry: ['person.householdId'] }, connect, webhook: receive });
    expect(a.files).toBeUndefined();
    const f = defineAdapter(manifest(files('  receiptWindow: 26h\n')), { mapper, receipts, files: { drop } });
    expect(f.files).toEqual({ drop, outbox: true, receiptWindowMs: 26 * 60 * 60_000 });
  });

  it('refuses a claim the code does not keep, naming the file and the claim', () => {
    const e = refusal(manifest(api(true)), { mapper, connect });
    expect(e).toMatchObject({ code: 'adapter.manifest-invalid', details: { field: 'capabilities.webhook' } });
    expect(e.message).toMatch(/demo[\\/]adapter\.yaml: capabilities\.webhook is true, but index\.ts gives no webhook receiver/);
    expect(refusal(manifest(api(false)), { mapper, connect, webhook: receive }).details.field).toBe('capabilities.webhook');
    expect(refusal(manifest(api(false)), { mapper }).details.field).toBe('capabilities.read');
    expect(refusal(manifest(files()), { mapper, files: {} }).details.field).toBe('capabilities.read');
    expect(refusal(manifest(files().replace('outbox: true', 'outbox: false')), { mapper, files: { drop } }).details.field).toBe('capabilities.deliver');
    expect(refusal(manifest(files('  receiptWindow: 30m\n')), { mapper, files: { drop } }).details.field).toBe('files.receiptWindow');
    expect(refusal(manifest(files().replace('outbox: true', 'outbox: false').replace('deliver: true', 'deliver: false')), { mapper, receipts, files: { drop } }).details.field).toBe('files.outbox');
    expect(refusal(manifest(files()), { mapper, connect }).details.field).toBe('files');
  });

  it('refuses a manifest of the wrong shape or of another folder', () => {
    expect(refusal(manifest(api(true), 'other'), { mapper, connect, webhook: receive }).message).toContain('id is "demo", but the adapter\'s folder is "other"');
    expect(refusal(manifest(files('  receiptWindow: 30 minutes\n')), { mapper, receipts, files: { drop } }).details.field).toBe('files.receiptWindow');
    expect(refusal(manifest(api(true).replace('webhook: true', 'webhook: yes please')), { mapper, connect, webhook: receive }).details.field).toBe('capabilities.webhook');
    expect(refusal(manifest(`${api(true)}colour: blue\n`), { mapper, connect, webhook: receive }).message).toMatch(/adapter\.yaml: colour is not a field of a manifest$/);
    expect(refusal(manifest('- not a manifest\n'), { mapper }).details.field).toBe('the manifest');
  });
});
