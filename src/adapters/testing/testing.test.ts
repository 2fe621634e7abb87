import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MappingError } from '../../errors.js';
import { chunksOf, getPath, jsonInput, readJson, replaceOnce, setPath, thrown } from '../testing.js';

describe('fixtures edited by path', () => {
  it('sets, deletes and reads values through objects and lists', () => {
    const body: Record<string, unknown> = { beneficiaire: { langues: [{ code: 'tir' }, { code: 'ara' }] } };
    setPath(body, 'beneficiaire.langues[1].code', 'fra');
    expect(getPath(body, 'beneficiaire.langues[1].code')).toBe('fra');
    setPath(body, 'beneficiaire.langues[0].code', undefined);
    expect(getPath(body, 'beneficiaire.langues[0]')).toEqual({});
    expect(getPath(body, 'beneficiaire.adresse.rue')).toBeUndefined();
  });
});

describe('fixture files and text', () => {
  it('reads JSON afresh each time and writes a body back', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fixtures-'));
    writeFileSync(path.join(dir, 'a.json'), '{"n":1}');
    const first = readJson<{ n: number }>(dir, 'a.json');
    first.n = 2;
    expect(readJson(dir, 'a.json')).toEqual({ n: 1 });
    expect(new TextDecoder().decode(jsonInput('b.json', first).content)).toBe('{"n":2}');
  });

  it('replaces the first occurrence only, of a string or a pattern, and fails when there is none', () => {
    expect(replaceOnce('a $b a', 'a', 'x')).toBe('x $b a');
    expect(replaceOnce('<n>1</n><n>2</n>', /<n>\d<\/n>/g, '<n/>')).toBe('<n/><n>2</n>');
    expect(() => replaceOnce('abc', 'z', 'y')).toThrow('fixture text not found');
  });

  it('serves bytes in chunks', async () => {
    const seen: number[] = [];
    for await (const chunk of chunksOf(new Uint8Array(10), 4)) seen.push(chunk.byteLength);
    expect(seen).toEqual([4, 4, 2]);
  });
});

describe('thrown', () => {
  it('gives the error of the kind asked for', () => {
    const error = thrown(MappingError, () => {
      throw new MappingError('mapping.required', 'x', { field: 'a', nativeField: 'A' });
    });
    expect(error.code).toBe('mapping.required');
  });

  it('fails when nothing is thrown, and lets other errors through', () => {
    expect(() => thrown(MappingError, () => undefined)).toThrow('expected MappingError to be thrown');
    expect(() =>
      thrown(MappingError, () => {
        throw new TypeError('bug');
      }),
    ).toThrow(TypeError);
  });
});

describe('thrown, of several kinds', () => {
  it('gives the error when it is of any of them', () => {
    const error = thrown([TypeError, RangeError], () => {
      throw new RangeError('out');
    });
    expect(error).toBeInstanceOf(RangeError);
    expect(() => thrown([TypeError, RangeError], () => undefined)).toThrow('expected TypeError or RangeError to be thrown');
  });
});
