import { countryAlpha2, invalid, languageCode, type At, type Decoded, type ResidenceStatus } from '../../src/adapters/sdk.js';
import { STATUS } from './codes.js';

// Drop-down labels start with their code (FORMAT.md quirk 8): `ER Eritrea`, `ti Tigrinya`,
// `2939 Schaffhausen`, `F-Flü vorläufig aufgenommene Flüchtlinge`. Staff may type the
// bare code instead; a label without its code is rejected (the code is not guessed from a name).

const firstToken = (label: string): string => label.split(/\s+/)[0] ?? '';

/**
 * A status label → its status. A cell that is neither a label nor a bare code (a status
 * the tool does not list, typed in) is `other` keeping the cell text; `andere` is `other` alone.
 */
export function statusOf(label: string, where: At): Decoded<ResidenceStatus> {
  const token = firstToken(label);
  if (STATUS.natives().includes(token)) return STATUS.decode(token, where);
  return { value: 'other', nativeCode: label };
}

export function countryOfLabel(label: string | undefined, where: At): string | undefined {
  if (label === undefined) return undefined;
  const token = firstToken(label);
  if (!/^[A-Za-z]{2}$/.test(token)) throw invalid('mapping.unknown-code', where, 'does not start with an ISO 3166-1 alpha-2 country code');
  return countryAlpha2(token.toUpperCase(), where);
}

export function languageOfLabel(label: string | undefined, where: At): string | undefined {
  if (label === undefined) return undefined;
  const token = firstToken(label);
  if (!/^[A-Za-z]{2,3}$/.test(token)) throw invalid('mapping.unknown-code', where, 'does not start with an ISO 639 language code');
  return languageCode(token, where);
}

export function municipalityOfLabel(label: string | undefined, where: At): { bfsNumber: number; name: string } | undefined {
  if (label === undefined) return undefined;
  const match = /^(\d{1,4})\s+(\S.*)$/.exec(label);
  if (!match) throw invalid('mapping.unknown-code', where, 'does not start with a BFS municipality number followed by the name');
  return { bfsNumber: Number(match[1]), name: match[2]!.trim() };
}
