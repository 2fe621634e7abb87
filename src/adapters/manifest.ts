import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { ConfigError } from '../errors.js';
import type { FileCapability } from './files/capability.js';
import type { Adapter, AdapterCapabilities } from './port.js';

// An adapter's `adapter.yaml`: the facts of its manifest (id, title, what it offers, what its
// format cannot carry, how long its system takes to answer an import), as data beside the
// code `index.ts` adds. Each claim is checked against that code when the adapter loads, so a
// manifest cannot promise a webhook, a delivery or a poll the adapter does not have.

/** What `index.ts` gives: the code of the adapter, all but the facts of `adapter.yaml`. */
export type AdapterParts = Omit<Adapter, 'id' | 'title' | 'capabilities' | 'files'> & {
  readonly files?: Omit<FileCapability, 'outbox' | 'receiptWindowMs'>;
};

interface ManifestFile {
  id: string;
  title: string;
  capabilities: AdapterCapabilities;
  files?: { outbox: boolean; receiptWindow?: string };
}

const DURATION = /^([1-9]\d*)(m|h|d)$/;
const UNIT_MS = { m: 60_000, h: 60 * 60_000, d: 24 * 60 * 60_000 } as const;

const validate = new Ajv2020({ strict: true }).compile<ManifestFile>({
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'capabilities'],
  properties: {
    id: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' },
    title: { type: 'string', minLength: 1 },
    capabilities: {
      type: 'object',
      additionalProperties: false,
      required: ['read', 'listChanges', 'deliver', 'webhook', 'cannotCarry'],
      properties: {
        read: { type: 'boolean' },
        listChanges: { type: 'boolean' },
        deliver: { type: 'boolean' },
        webhook: { type: 'boolean' },
        cannotCarry: { type: 'array', items: { type: 'string', pattern: '^[a-zA-Z]+(\\.[a-zA-Z]+)*$' } },
      },
    },
    files: {
      type: 'object',
      additionalProperties: false,
      required: ['outbox'],
      properties: { outbox: { type: 'boolean' }, receiptWindow: { type: 'string', pattern: DURATION.source } },
    },
  },
});

/** The adapter of `index.ts`: the facts of `adapter.yaml` (at `file`) with the code, each claim checked against it. */
export function defineAdapter(file: URL, parts: AdapterParts): Adapter {
  const filePath = fileURLToPath(file);
  const name = path.relative(process.cwd(), filePath) || filePath;
  const fail = (field: string, what: string): never => {
    throw new ConfigError('adapter.manifest-invalid', `${name}: ${field} ${what}`, { field });
  };
  const data: unknown = parse(readFileSync(filePath, 'utf8'));
  if (!validate(data)) {
    const error = validate.errors?.[0];
    const at = error?.instancePath.slice(1).replaceAll('/', '.') ?? '';
    const extra = error?.keyword === 'additionalProperties' ? String((error.params as { additionalProperty?: unknown }).additionalProperty) : undefined;
    if (extra !== undefined) return fail(at ? `${at}.${extra}` : extra, 'is not a field of a manifest');
    return fail(at || 'the manifest', error?.message ?? 'is not a manifest');
  }
  const folder = path.basename(path.dirname(filePath));
  if (data.id !== folder) fail('id', `is "${data.id}", but the adapter's folder is "${folder}"`);

  const { capabilities: c, files } = data;
  const outbox = files?.outbox === true;
  if (c.webhook !== (parts.webhook !== undefined)) fail('capabilities.webhook', c.webhook ? 'is true, but index.ts gives no webhook receiver' : 'is false, but index.ts gives a webhook receiver');
  // A file-based system's case is read from the snapshot of its last export: a drop folder reads too.
  const reads = parts.connect !== undefined || parts.files?.drop !== undefined;
  if (c.read && !reads) fail('capabilities.read', 'is true, but index.ts gives neither connect nor a drop folder');
  if (c.listChanges && !reads) fail('capabilities.listChanges', 'is true, but index.ts gives neither connect nor a drop folder');
  if (c.deliver !== (parts.connect !== undefined || outbox)) fail('capabilities.deliver', c.deliver ? 'is true, but there is neither connect nor an outbox' : 'is false, but the adapter can deliver (connect or an outbox)');
  if (files && !parts.files) fail('files', 'are declared, but index.ts gives no files part');
  if (files?.receiptWindow !== undefined && !parts.receipts) fail('files.receiptWindow', 'is set, but index.ts reads no receipts');
  if (parts.receipts && !outbox) fail('files.outbox', 'is not true, but index.ts reads receipts, which answer what the outbox delivers');

  const window = files?.receiptWindow?.match(DURATION);
  const fileFacts = files ? { outbox, ...(window ? { receiptWindowMs: Number(window[1]) * UNIT_MS[window[2] as keyof typeof UNIT_MS] } : {}) } : undefined;
  return { ...parts, id: data.id, title: data.title, capabilities: c, ...(parts.files || fileFacts ? { files: { ...parts.files, ...fileFacts } } : {}) };
}
