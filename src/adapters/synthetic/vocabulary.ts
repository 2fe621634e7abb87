import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { ConfigError } from '../../errors.js';

// The words a generator of synthetic exports picks from (names, measures, notes) are data:
// a YAML file of the adapter, one list per key, read once when the generator loads. Each
// list must hold something to pick: an empty or missing one fails the load, naming it.

/**
 * The lists of a vocabulary file, checked: every top-level value a list of at least one
 * entry, frozen. `T` is the shape the generator reads them as (its own declaration).
 */
export function loadVocabulary<T extends { [K in keyof T]: readonly unknown[] }>(file: URL): T {
  const path = fileURLToPath(file);
  const name = path.split(/[\\/]/).slice(-2).join('/');
  const data = parse(readFileSync(path, 'utf8')) as unknown;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ConfigError('adapter.vocabulary-invalid', `${name}: is not a mapping of word lists`, { field: name });
  }
  for (const [key, list] of Object.entries(data)) {
    if (!Array.isArray(list) || list.length === 0) throw new ConfigError('adapter.vocabulary-invalid', `${name}, ${key}: is not a list of at least one entry`, { field: key });
  }
  return deepFreeze(data) as T;
}

function deepFreeze<V>(value: V): V {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
