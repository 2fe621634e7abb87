import { fileURLToPath } from 'node:url';
import { NS } from './native.js';
import { xsdValidator, type XsdResult } from '../../src/adapters/sdk.js';

export type { XsdError, XsdResult } from '../../src/adapters/sdk.js';

/** contracts/xsd/: the project's case-transfer schema and the eCH schemas it and sedex use. */
export const XSD_DIR = fileURLToPath(new URL('../../contracts/xsd/', import.meta.url));

const CASE_TRANSFER = ['passerelle-caseTransfer-1-0.xsd', 'eCH-0058-5-0.xsd', 'eCH-0044-4-1.xsd'];

const SCHEMAS = {
  'envelope-v1': { files: ['eCH-0090-1-0.xsd'], root: `{${NS.ech0090v1}}envelope` },
  'receipt-v1': { files: ['eCH-0090-1-0.xsd'], root: `{${NS.ech0090v1}}receipt` },
  'envelope-v2': { files: ['eCH-0090-2-0.xsd'], root: `{${NS.ech0090v2}}envelope` },
  'receipt-v2': { files: ['eCH-0090-2-0.xsd'], root: `{${NS.ech0090v2}}receipt` },
  'case-transfer': { files: CASE_TRANSFER, root: `{${NS.ct}}delivery` },
} as const;

export type SedexSchema = keyof typeof SCHEMAS;

const PREFIXES = { [NS.ct]: 'ct', [NS.ech0058]: 'eCH-0058', [NS.ech0044]: 'eCH-0044', [NS.ech0090v1]: 'eCH-0090', [NS.ech0090v2]: 'eCH-0090' };

const validator = xsdValidator<SedexSchema>(XSD_DIR, SCHEMAS, PREFIXES);

/**
 * Validates a sedex file against its XSD: envelopes (v1, what the sedex client requires),
 * receipts (v2, what it writes; v1 for old samples) and the case-transfer data file. The mapping
 * checks what XSD cannot (AHV check digit, code lists, order); the tests run both on what
 * the outbox writes (the gateway's file machinery does not call this).
 */
export function validateXml(bytes: Uint8Array, schema: SedexSchema, file?: string): Promise<XsdResult> {
  return validator(bytes, schema, file);
}
