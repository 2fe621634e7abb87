import { InputError, parseTimestamp, type XmlElement } from '../../src/adapters/sdk.js';
import type { TutorisSettings } from './settings.js';

/** What the root of a file says: the Mandant, and for exports their kind and time. */
export interface FileHeader {
  root: 'TutorisExport' | 'TutorisImport';
  mandant: string;
  art?: 'Delta' | 'Voll';
  /** `@Erstellt` as RFC 3339 (Zurich offset), when it is there. */
  createdAt?: string;
}

function refused(file: string, code: string, what: string, field: string): InputError {
  return new InputError(code, `${file}: ${what}`, { field, file }, 422);
}

/**
 * Checks a file's root before any Klient is read: a Tutoris export (`Art` Delta or
 * Voll) of the institution's own Mandant. The gateway's own import files are read too,
 * so that what it writes can be read back. Anything else refuses the whole file,
 * naming it.
 */
export function headerOf(root: XmlElement, file: string, settings: TutorisSettings): FileHeader {
  if (root.local !== 'TutorisExport' && root.local !== 'TutorisImport') {
    throw refused(file, 'tutoris.not-an-export', 'is not a Tutoris export (root TutorisExport)', 'TutorisExport');
  }
  const mandant = root.attr('Mandant')?.trim();
  if (!mandant) throw refused(file, 'tutoris.mandant-missing', 'names no Mandant', `${root.local}/@Mandant`);
  if (mandant !== settings.mandant) throw refused(file, 'tutoris.foreign-mandant', `is an export of another Mandant than this institution's`, `${root.local}/@Mandant`);
  if (root.local === 'TutorisImport') return { root: 'TutorisImport', mandant };
  const art = root.attr('Art')?.trim();
  if (art !== 'Delta' && art !== 'Voll') throw refused(file, 'tutoris.unknown-export-kind', 'is neither a Delta nor a Voll export (@Art)', 'TutorisExport/@Art');
  let createdAt: string | undefined;
  try {
    createdAt = parseTimestamp(root.attr('Erstellt'), { field: 'source.extractedAt', nativeField: 'TutorisExport/@Erstellt' });
  } catch {
    throw refused(file, 'tutoris.invalid-header', 'has an @Erstellt that is not a timestamp', 'TutorisExport/@Erstellt');
  }
  return { root: 'TutorisExport', mandant, art, ...(createdAt ? { createdAt } : {}) };
}
