import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../errors.js';
import { thrown } from '../testing.js';
import { loadVocabulary } from './vocabulary.js';

const file = (text: string): URL => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vocabulary-'));
  writeFileSync(path.join(dir, 'generate-data.yaml'), text);
  return pathToFileURL(path.join(dir, 'generate-data.yaml'));
};

describe('vocabularies of generators', () => {
  it('read each list as written, numbers and quoted codes apart, frozen', () => {
    const words = loadVocabulary<{ names: readonly string[]; occupations: readonly [string, string][]; places: readonly [number, string][] }>(
      file('names: [Selam, Yonas]\noccupations:\n  - ["7531", Schneiderin]\nplaces:\n  - [2939, Schaffhausen]\n'),
    );
    expect(words).toEqual({ names: ['Selam', 'Yonas'], occupations: [['7531', 'Schneiderin']], places: [[2939, 'Schaffhausen']] });
    expect(Object.isFrozen(words.occupations[0])).toBe(true);
  });

  it('refuse an empty list, or a file that is no mapping of lists, naming it', () => {
    const empty = thrown(ConfigError, () => loadVocabulary(file('names: []\n')));
    expect([empty.code, empty.details.field]).toEqual(['adapter.vocabulary-invalid', 'names']);
    expect(thrown(ConfigError, () => loadVocabulary(file('names: Selam\n'))).message).toContain('names: is not a list of at least one entry');
    expect(thrown(ConfigError, () => loadVocabulary(file('- Selam\n'))).message).toContain('is not a mapping of word lists');
  });
});
