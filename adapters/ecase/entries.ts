import type { At, OrganisationMap } from '../../src/adapters/sdk.js';
import { instantKey, integer, invalid, item, list, missing, ordered, parseTimestamp, required, sha256Hex, SORTING } from '../../src/adapters/sdk.js';
import type { CsvRow as Cells } from '../../src/adapters/sdk.js';
import { CATEGORY, CONSENT_KIND, DOCUMENT_KIND, JOURNAL, PURPOSE, RECIPIENT_TYPE } from './codes.js';
import type { Table } from './delivery.js';
import { Place } from './fields.js';

/** Journal → `journal`, by time: entries are numbered as typed, and some are back-dated (quirk 7). */
export function journalOf(table: Table, rows: readonly Cells[], orgs: OrganisationMap): Record<string, unknown>[] {
  return ordered(rows, SORTING, { keyOf: (row) => instantKey(parseTimestamp(row.get('Zeitpunkt'), SORTING)), unreadable: 'first' }).map(({ value: row }, i) => {
    const p = new Place('Journal', table.header, row, `journal[${i}]`);
    const where = p.at('Zeitpunkt', 'at');
    return {
      id: p.need('EintragNr', 'id'),
      at: required(parseTimestamp(p.get('Zeitpunkt'), where), where),
      institutionId: p.needInstitution(orgs, 'Stelle', 'institutionId'),
      category: JOURNAL.value(p.get('Kategorie'), p.at('Kategorie', 'category')),
      text: p.need('Text', 'text'),
    };
  });
}

export function documentsOf(table: Table, rows: readonly Cells[]): Record<string, unknown>[] {
  return rows.map((row, i) => {
    const p = new Place('Dokumente', table.header, row, `documents[${i}]`);
    const kind = DOCUMENT_KIND.decode(p.get('Art'), p.at('Art', 'kind'));
    const hash = p.at('SHA256', 'sha256');
    const size = p.at('Bytes', 'size');
    return {
      id: p.need('DokNr', 'id'),
      title: p.need('Titel', 'title'),
      kind: kind.value,
      nativeCode: kind.nativeCode,
      mediaType: p.need('MIME', 'mediaType'),
      sha256: required(sha256Hex(p.get('SHA256'), hash), hash),
      // `1'254'880` (quirk 10).
      size: required(integer(p.get('Bytes'), size, { min: 0 }), size),
      date: p.needDate('Datum', 'date'),
    };
  });
}

export function consentsOf(table: Table, rows: readonly Cells[], orgs: OrganisationMap): Record<string, unknown>[] {
  return rows.map((row, i) => {
    const p = new Place('Einwilligungen', table.header, row, `consents[${i}]`);
    const codes = <T>(column: string, field: string, decode: (code: string, where: At) => T): T[] => {
      const where = p.at(column, field);
      const values = list(p.get(column)).map((code, k) => decode(code, item(where, k, null)));
      if (values.length === 0) throw missing(where);
      return values;
    };
    return {
      id: p.need('EwNr', 'id'),
      kind: CONSENT_KIND.value(p.get('Art'), p.at('Art', 'kind')),
      grantedOn: p.needDate('Erteilt', 'grantedOn'),
      validUntil: p.date('Gueltig_bis', 'validUntil'),
      revokedOn: p.date('Widerrufen', 'revokedOn'),
      recipients: codes('Empfaenger', 'recipients', (code, where) => recipient(code, where, orgs)),
      purposes: codes('Zwecke', 'purposes', (code, where) => PURPOSE.value(code, where)),
      dataCategories: codes('Kategorien', 'dataCategories', (code, where) => CATEGORY.value(code, where)),
      documentId: p.get('DokNr'),
    };
  });
}

/** An Empfaenger: a type code (`RAV`) or else a Stelle code (`RAV-CHUR`), never a guess. */
function recipient(code: string, where: At, orgs: OrganisationMap): string {
  if (RECIPIENT_TYPE.natives().includes(code)) return RECIPIENT_TYPE.value(code, where);
  if (orgs.has(code)) return required(orgs.institution(code, where), where);
  throw invalid('mapping.unknown-organisation', where, 'is neither a recipient type nor a Stelle code of the configuration');
}
