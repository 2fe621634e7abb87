import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sampleContext } from './samples.js';

const dir = path.join(mkdtempSync(path.join(tmpdir(), 'samples-')), 'duff');
mkdirSync(dir);
const file = (yaml: string, name = 'sample-institutions.yaml'): URL => {
  writeFileSync(path.join(dir, name), yaml);
  return pathToFileURL(path.join(dir, name));
};
const TWO = `
- { id: ag-mika, canton: AG, system: duff, settings: { organisations: { MIKA-IB: ag-mika }, apiKey: { env: DUFF_API_KEY } } }
- { id: ag-sd-baden, canton: AG, system: duff }
`;

describe('sampleContext', () => {
  it('takes the first institution of the registry entries, or the one named', () => {
    const url = file(TWO);
    expect(sampleContext(url)).toEqual({ institutionId: 'ag-mika', canton: 'AG', settings: { organisations: { 'MIKA-IB': 'ag-mika' }, apiKey: { env: 'DUFF_API_KEY' } } });
    expect(sampleContext(url, 'ag-sd-baden')).toEqual({ institutionId: 'ag-sd-baden', canton: 'AG', settings: {} });
  });

  it('refuses an institution that is not there, or of another system than the adapter’s folder', () => {
    expect(() => sampleContext(file(TWO), 'ag-none')).toThrow('has no institution ag-none');
    expect(() => sampleContext(file('- { id: x, canton: AG, system: lora }\n', 'other.yaml'))).toThrow('is of system lora, not duff');
    expect(() => sampleContext(file('id: x\n', 'map.yaml'))).toThrow('is not a list of registry entries');
  });
});
