import { InputError, el, writeXml, writing, type CaseRecord, type DeliveryNaming, type MapContext, type NativeInput } from '../../src/adapters/sdk.js';
import { settingsOf, type TutorisSettings } from './settings.js';
import { klientOut } from './write-klient.js';
import type { Omission } from './write-values.js';

export type { Omission } from './write-values.js';

function importFile(name: string, records: readonly CaseRecord[], settings: TutorisSettings, transfer: string | undefined, omitted: Omission[]): NativeInput {
  const klienten = records.map((record) =>
    writing(record, () => klientOut(record, { orgs: settings.organisations, own: record.source.system === 'tutoris', localCaseId: record.source.localCaseId, omitted })),
  );
  const root = el('TutorisImport', { Version: settings.importVersion, Mandant: settings.mandant, Transfer: transfer }, klienten);
  return { name, content: writeXml(root, settings.importEncoding) };
}

/**
 * Records → Tutoris import files, with what was left out because Tutoris cannot say it
 * (entries of institutions without a Stelle code, languages without an ISO 639-2/B
 * code): contract paths and case numbers only, for the caller to log. A delivery is one
 * file `TUT_IMP_<transferId>.xml` (`@Transfer` lets Tutoris skip a second delivery);
 * without one, a file `TUT_IMP_<recordId>.xml` per record.
 */
export function writeImport(records: readonly CaseRecord[], ctx: MapContext, delivery?: DeliveryNaming): { files: NativeInput[]; omitted: Omission[] } {
  const settings = settingsOf(ctx);
  // The transfer id names a file in Tutoris' import folder: nothing that could leave it.
  if (delivery && !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(delivery.transferId)) {
    throw new InputError('tutoris.invalid-transfer-id', 'the transfer id cannot name an import file', { field: 'transferId' });
  }
  const omitted: Omission[] = [];
  const files = delivery
    ? [importFile(`TUT_IMP_${delivery.transferId}.xml`, records, settings, delivery.transferId, omitted)]
    : records.map((record) => importFile(`TUT_IMP_${record.recordId}.xml`, [record], settings, undefined, omitted));
  return { files, omitted };
}

export function fromContract(records: readonly CaseRecord[], ctx: MapContext, delivery?: DeliveryNaming): NativeInput[] {
  return writeImport(records, ctx, delivery).files;
}
