import { InputError } from '../../errors.js';

// What the readers of a system's answer files share: the file's own name (answers come
// with their folder), the error for a file that is none of its answers, and the one field a
// free-text refusal names, so that the text itself is never kept.

/** A file's name without its folders (`import/sortant/UA_IMPORT_….accuse.xml` → `UA_IMPORT_….accuse.xml`). */
export const baseName = (name: string): string => name.split(/[\\/]/).at(-1) ?? name;

/** An answer file that cannot be read: `<system>.invalid-receipt`, naming the file (422). */
export function receiptError(system: string, file: string, what: string): InputError {
  return new InputError(`${system}.invalid-receipt`, `${file}: ${what}`, { field: 'file', file }, 422);
}

/**
 * The one field a free-text message names: exactly one of `fields` among its words (split
 * at `separator`), else nothing. Only the name is kept, never the text.
 */
export function fieldNamer(fields: Iterable<string>, separator: RegExp = /[^A-Za-z0-9]+/): (message: string | undefined) => string | undefined {
  const known = new Set(fields);
  return (message) => {
    if (message === undefined) return undefined;
    const named = new Set(message.split(separator).filter((token) => known.has(token)));
    return named.size === 1 ? [...named][0] : undefined;
  };
}
