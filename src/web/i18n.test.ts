import { describe, expect, it } from 'vitest';
import { fill, LANGS, messages, pickLang } from './i18n.js';

/** Every leaf of a catalogue as [path, value]; keys may hold dots themselves (`auth.expired`). */
const leaves = (node: unknown, path = ''): [string, unknown][] =>
  node !== null && typeof node === 'object' ? Object.entries(node).flatMap(([k, v]) => leaves(v, `${path}/${k}`)) : [[path, node]];

describe('the message catalogue', () => {
  it('has the same keys, none empty, in French, German and Italian', () => {
    const french = leaves(messages('fr')).map(([k]) => k).sort();
    for (const lang of LANGS) {
      expect(leaves(messages(lang)).map(([k]) => k).sort(), lang).toEqual(french);
      for (const [key, value] of leaves(messages(lang))) expect(typeof value === 'string' && value.trim() !== '', `${lang} ${key}`).toBe(true);
    }
  });

  it('names every category, purpose, reason, phase and status of the contract in each language', () => {
    for (const lang of LANGS) {
      const m = messages(lang);
      for (const c of ['identity', 'residence', 'responsibility', 'language', 'education-work', 'health', 'social-assistance', 'plan', 'assessment-notes', 'journal', 'documents', 'consent']) expect(Object.hasOwn(m.categories, c), c).toBe(true);
      for (const r of ['denied', 'no-legal-basis', 'consent-revoked', 'consent-expired', 'consent-out-of-scope', 'consent-missing', 'unknown-field']) expect(Object.hasOwn(m.reasons, r), r).toBe(true);
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fill('{a} et {b}', { a: 1 })).toBe('1 et {b}');
  });

  it('takes the asked language, then the cookie, then the browser’s first of ours', () => {
    expect(pickLang('it', 'de', 'fr')).toBe('it');
    expect(pickLang(undefined, 'de', 'fr')).toBe('de');
    expect(pickLang('xx', undefined, 'en-GB,it-CH;q=0.8,de;q=0.9')).toBe('de');
    expect(pickLang(undefined, undefined, 'en')).toBe('fr');
  });
});
