import { at, InputError, integer, parseDate, parseTimestamp, parseXml, Reject, childValue, type NativeInput, type XmlElement } from '../../src/adapters/sdk.js';
import { DATABASES, type Database, type KlibnetSettings } from './native.js';

// The file around the UEs: its encoding, its root and its `Kopf`. A fault here is the
// file's, not a person's: an InputError naming the file and the element, never a value.

export interface Head {
  file: string;
  mandant: string;
  database: Database;
  /** `Stichtag` as a contract date: the version of every record of the export. */
  stichtag?: string;
  /** `ErstelltAm` with its Zurich offset: when the export's changes happened for the diff. */
  erstelltAm?: string;
  /** `AnzahlUE`: a file holding fewer UEs is incomplete (still being written). */
  count?: number;
}

export const ROOT = 'KLIBnetExport';

/** KLIBnet 2.x declares ISO-8859-1 but writes Windows-1252's „ “ ‘ ’ – € (quirk 1). */
export const XML_OPTIONS = { latin1As: 'windows-1252' } as const;

function refused(file: string, code: string, field: string, what: string): InputError {
  return new InputError(code, `${file}: ${field} ${what}`, { field, file }, 422);
}

export function readExport(input: NativeInput): { root: XmlElement; kopf: XmlElement | undefined; ues: XmlElement[] } {
  const root = parseXml(input.content, { file: input.name, ...XML_OPTIONS });
  if (root.local !== ROOT) throw refused(input.name, 'klibnet.not-an-export', 'root', `is not ${ROOT}`);
  return { root, kopf: root.child('Kopf'), ues: root.all('UE') };
}

/** The `Kopf`, checked against the installation's settings. */
export function headOf(kopf: XmlElement | undefined, file: string, settings: KlibnetSettings): Head {
  if (!kopf) throw refused(file, 'klibnet.invalid-header', 'Kopf', 'is missing');
  const mandant = childValue(kopf, 'Mandant');
  if (mandant === undefined) throw refused(file, 'klibnet.invalid-header', 'Kopf/Mandant', 'is missing');
  if (mandant !== settings.mandant) throw refused(file, 'klibnet.unknown-mandant', 'Kopf/Mandant', 'is not the Mandant configured for this institution');
  const database = childValue(kopf, 'Datenbank');
  if (!DATABASES.includes(database as Database)) throw refused(file, 'klibnet.invalid-header', 'Kopf/Datenbank', 'is not WSH, FLUE or ASYL');
  try {
    const stichtag = parseDate(childValue(kopf, 'Stichtag'), at('', 'Kopf/Stichtag'));
    const erstelltAm = parseTimestamp(childValue(kopf, 'ErstelltAm'), at('', 'Kopf/ErstelltAm'));
    const count = integer(childValue(kopf, 'AnzahlUE'), at('', 'Kopf/AnzahlUE'), { min: 0 });
    return { file, mandant, database: database as Database, stichtag, erstelltAm, count };
  } catch (error) {
    if (error instanceof Reject) throw refused(file, 'klibnet.invalid-header', error.nativeField, 'is malformed');
    throw error;
  }
}

/** A file must hold the UEs its `Kopf/AnzahlUE` announces, else it is still being written. */
export function checkComplete(head: Head, seen: number): void {
  if (head.count === undefined) throw refused(head.file, 'klibnet.invalid-header', 'Kopf/AnzahlUE', 'is missing');
  if (head.count !== seen) throw refused(head.file, 'klibnet.incomplete-export', 'Kopf/AnzahlUE', 'announces more or fewer UEs than the file holds');
}

/** Whether an export is whole, and if not, why (counts only: the reason goes into logs and the audit). */
export type ExportStatus = { complete: true } | { complete: false; reason: string };

/**
 * The drop folder's completion rule (KLIBnet writes no marker): the file parses and holds
 * `Kopf/AnzahlUE` UEs. A file that parses but is no export or has no readable count, or
 * that the XML reader refuses for a DOCTYPE, its size or its encoding, is whole though
 * broken: it passes, so that the mapping refuses it naming the file and element and the
 * gateway puts it aside, instead of it waiting for ever.
 */
export function exportStatus(bytes: Uint8Array, file: string): ExportStatus {
  let root: XmlElement;
  try {
    root = parseXml(bytes, { file, ...XML_OPTIONS });
  } catch (error) {
    // Cut off (still being written) waits; a DOCTYPE, an oversized or a misencoded file is broken, not unfinished.
    if (error instanceof InputError && (error.code === 'xml.malformed' || error.code === 'xml.empty')) return { complete: false, reason: 'the export is not well-formed XML yet' };
    if (error instanceof InputError) return { complete: true };
    throw error;
  }
  const count = childValue(root.child('Kopf'), 'AnzahlUE');
  if (root.local !== ROOT || count === undefined || !/^\d+$/.test(count)) return { complete: true };
  const seen = root.all('UE').length;
  return Number(count) === seen ? { complete: true } : { complete: false, reason: `the export holds ${seen} of the ${count} UEs Kopf/AnzahlUE announces` };
}

/** Strictly whole: parses, is a KLIBnetExport and holds `Kopf/AnzahlUE` UEs. A file being written is not an error, just not yet complete. */
export function isCompleteExport(bytes: Uint8Array, file: string): boolean {
  try {
    const root = parseXml(bytes, { file, ...XML_OPTIONS });
    if (root.local !== ROOT) return false;
    const count = childValue(root.child('Kopf'), 'AnzahlUE');
    return count !== undefined && /^\d+$/.test(count) && Number(count) === root.all('UE').length;
  } catch (error) {
    if (error instanceof InputError) return false;
    throw error;
  }
}
