import { describe, expect, it } from 'vitest';
import { readCsv, streamCsv, writeCsv } from './csv.js';

const file = 'ECASE_GR01_Faelle.csv';

describe('CSV as the canton tools write it', () => {
  it('reads a BOM, a trailing separator, quoted line breaks and trims', () => {
    const text = '\uFEFFFallNr;Text;\r\n F-1 ;"first\r\nsecond; with ""quotes""";\r\nF-2;;\r\n';
    const table = readCsv(new TextEncoder().encode(text), { file, encoding: 'utf-8', trailingSeparator: true });
    expect(table.header).toEqual(['FallNr', 'Text']);
    expect(table.rows.map((r) => [r.get('FallNr'), r.get('Text')])).toEqual([
      ['F-1', 'first\nsecond; with "quotes"'],
      ['F-2', undefined],
    ]);
    expect(table.rows[0]!.line).toBe(2);
    expect(table.rows[1]!.line).toBeGreaterThan(3);
  });

  it('skips the sep= line of Excel and decodes Windows-1252', () => {
    const bytes = Buffer.concat([Buffer.from('sep=;\r\nFall-Nr;Gemeinde\r\n1;', 'latin1'), Buffer.from([0x5a, 0xfc, 0x72, 0x69, 0x63, 0x68]), Buffer.from('\r\n')]);
    const table = readCsv(bytes, { file, encoding: 'windows-1252' });
    expect(table.header).toEqual(['Fall-Nr', 'Gemeinde']);
    expect(table.rows[0]!.get('Gemeinde')).toBe('Zürich');
    expect(table.rows[0]!.line).toBe(3);
  });

  it('refuses a broken file without quoting it', () => {
    expect(() => readCsv(new TextEncoder().encode('a;b\r\n"secret;x\r\n'), { file, encoding: 'utf-8' })).toThrow(/^ECASE_GR01_Faelle.csv(:\d+)?: is not well-formed CSV/);
  });

  it('streams rows, and writes what reads back', async () => {
    const written = writeCsv(['A', 'B'], [['1', 'x;y'], ['2', 'line\nbreak'], ['3', undefined]], { encoding: 'utf-8', bom: true, trailingSeparator: true });
    const rows: string[] = [];
    async function* once(): AsyncGenerator<Uint8Array> {
      yield written.subarray(0, 5);
      yield written.subarray(5);
    }
    for await (const row of streamCsv(once(), { file, encoding: 'utf-8', trailingSeparator: true })) {
      if (row.kind === 'header') rows.push(row.header.join('|'));
      else rows.push(`${row.row.get('A')}=${row.row.get('B')}`);
    }
    expect(rows).toEqual(['A|B', '1=x;y', '2=line\nbreak', '3=undefined']);
  });
});
