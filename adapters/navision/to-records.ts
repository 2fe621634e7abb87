import { invalid, localToZurich, missing, required, sha256Hex, sub, text, type At, type OrganisationMap } from '../../src/adapters/sdk.js';
import { CONSENT_KIND, DATA_CATEGORY, DOCUMENT_KIND, JOURNAL_CATEGORY, MEDIA_TYPE, OCTET_STREAM, PURPOSE, RECIPIENT_TYPE } from './codes.js';
import { navDate, navList, navNumber, navOption, navText, type NavRow } from './native.js';
import { chronological } from './rows.js';

// `Notes_Beneficiaire` → `journal[]`, `Documents_Beneficiaire` → `documents[]`,
// `Autorisations` → `consents[]`.

const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

/** Quirk 8: `Date` and `Heure` are Zurich wall-clock time; `at` carries that day's offset. */
function noteAt(row: NavRow, base: At): string {
  const dateAt = sub(base, 'at', 'Date');
  const timeAt = sub(base, 'at', 'Heure');
  const date = required(navDate(row.Date, dateAt), dateAt);
  const time = required(navText(row.Heure, timeAt), timeAt);
  const clock = TIME.exec(time);
  if (!clock) throw invalid('mapping.invalid-date', timeAt, 'is not a time of day (HH:MM:SS)');
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return localToZurich(y, m, d, Number(clock[1]), Number(clock[2]), Number(clock[3] ?? 0), timeAt);
}

/** Text as NAV serves it, not trimmed: `Texte` may end inside a word or on a blank (quirk 7). */
function raw(value: unknown, where: At): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') throw invalid('mapping.invalid-value', where, 'is not a value of its NAV type');
  return value;
}

/** By `at`, then `Entry_No` (quirk 9); `Utilisateur`, a staff login, is never read (quirk 11). */
export function journalOf(rows: readonly NavRow[], orgs: OrganisationMap): Record<string, unknown>[] {
  const instant = (row: NavRow): string => new Date(noteAt(row, { field: '', nativeField: '' })).toISOString();
  return chronological(rows, instant).map(({ row, j }, i) => {
    const base = { field: `journal[${i}]`, nativeField: `Notes_Beneficiaire[${j}]` };
    const w = (field: string, native: string): At => sub(base, field, native);
    const entry = row.Entry_No;
    if (typeof entry !== 'number' || !Number.isSafeInteger(entry) || entry < 1) throw missing(w('id', 'Entry_No'));
    const body = text(raw(row.Texte, w('text', 'Texte')) + raw(row.Texte_Suite, w('text', 'Texte_Suite')));
    return {
      id: String(entry),
      at: noteAt(row, base),
      institutionId: required(orgs.institution(navText(row.Institution_Code, w('institutionId', 'Institution_Code')), w('institutionId', 'Institution_Code')), w('institutionId', 'Institution_Code')),
      category: JOURNAL_CATEGORY.value(navOption(row.Categorie, w('category', 'Categorie')), w('category', 'Categorie')),
      text: required(body, w('text', 'Texte')),
    };
  });
}

/** Native order; `Hash_SHA256` lower-cased, the media type from `Extension` (quirk 10). */
export function documentsOf(rows: readonly NavRow[]): Record<string, unknown>[] {
  return rows.map((row, i) => {
    const base = { field: `documents[${i}]`, nativeField: `Documents_Beneficiaire[${i}]` };
    const w = (field: string, native: string): At => sub(base, field, native);
    const kind = DOCUMENT_KIND.decode(navOption(row.Type_Document, w('kind', 'Type_Document')), w('kind', 'Type_Document'));
    const media = MEDIA_TYPE.decodeOptional(navText(row.Extension, w('mediaType', 'Extension')), w('mediaType', 'Extension'));
    const size = required(navNumber(row.Taille_Octets, w('size', 'Taille_Octets')), w('size', 'Taille_Octets'));
    if (!Number.isSafeInteger(size) || size < 0) throw invalid('mapping.invalid-number', w('size', 'Taille_Octets'), 'is not a whole number of bytes');
    return {
      id: required(navText(row.No, w('id', 'No')), w('id', 'No')),
      title: required(navText(row.Description, w('title', 'Description')), w('title', 'Description')),
      kind: kind.value,
      nativeCode: kind.nativeCode,
      mediaType: media === undefined || media.nativeCode !== undefined ? OCTET_STREAM : media.value,
      sha256: required(sha256Hex(navText(row.Hash_SHA256, w('sha256', 'Hash_SHA256')), w('sha256', 'Hash_SHA256')), w('sha256', 'Hash_SHA256')),
      size,
      date: required(navDate(row.Date_Document, w('date', 'Date_Document')), w('date', 'Date_Document')),
    };
  });
}

/** Native order; recipients are `Destinataires_Institutions` (mapped), then `Destinataires_Types`. */
export function consentsOf(rows: readonly NavRow[], orgs: OrganisationMap): Record<string, unknown>[] {
  return rows.map((row, i) => {
    const base = { field: `consents[${i}]`, nativeField: `Autorisations[${i}]` };
    const w = (field: string, native: string): At => sub(base, field, native);
    const institutions = navList(row.Destinataires_Institutions, w('recipients', 'Destinataires_Institutions'));
    const types = navList(row.Destinataires_Types, w('recipients', 'Destinataires_Types'));
    const recipients = [
      ...institutions.map((code, k) => required(orgs.institution(code, w(`recipients[${k}]`, 'Destinataires_Institutions')), w(`recipients[${k}]`, 'Destinataires_Institutions'))),
      ...types.map((code, k) => RECIPIENT_TYPE.value(code, w(`recipients[${institutions.length + k}]`, 'Destinataires_Types'))),
    ];
    if (recipients.length === 0) throw missing(w('recipients', 'Destinataires_Institutions'));
    const purposes = navList(row.Finalites, w('purposes', 'Finalites')).map((code, k) => PURPOSE.value(code, w(`purposes[${k}]`, 'Finalites')));
    if (purposes.length === 0) throw missing(w('purposes', 'Finalites'));
    const categories = navList(row.Categories_Donnees, w('dataCategories', 'Categories_Donnees')).map((code, k) =>
      DATA_CATEGORY.value(code, w(`dataCategories[${k}]`, 'Categories_Donnees')),
    );
    if (categories.length === 0) throw missing(w('dataCategories', 'Categories_Donnees'));
    return {
      id: required(navText(row.No, w('id', 'No')), w('id', 'No')),
      kind: CONSENT_KIND.value(navOption(row.Type, w('kind', 'Type')), w('kind', 'Type')),
      grantedOn: required(navDate(row.Date_Signature, w('grantedOn', 'Date_Signature')), w('grantedOn', 'Date_Signature')),
      validUntil: navDate(row.Valable_Jusqu_au, w('validUntil', 'Valable_Jusqu_au')),
      revokedOn: navDate(row.Date_Revocation, w('revokedOn', 'Date_Revocation')),
      recipients,
      purposes,
      dataCategories: categories,
      documentId: navText(row.Document_No, w('documentId', 'Document_No')),
    };
  });
}
