import { InputError, parseTimestamp, parseXml, type NativeInput, type ParsedReceipt, type ReceiptReader, type XmlElement } from '../../src/adapters/sdk.js';

const QUITTUNG = /^TUT_IMP_(.+)\.quittung\.xml$/;
const IMPORT_FILE = /^TUT_IMP_(.+)\.xml$/;

function refused(file: string, code: string, what: string, field: string): InputError {
  return new InputError(code, `${file}: ${what}`, { field, file }, 422);
}

/** The time Tutoris processed the import, when it says one that reads. */
function processedAt(root: XmlElement): Record<string, string> {
  try {
    const at = parseTimestamp(root.attr('Verarbeitet'), { field: 'processedAt', nativeField: 'TutorisQuittung/@Verarbeitet' });
    return at ? { processedAt: at } : {};
  } catch {
    return {};
  }
}

/**
 * `import/quittung/TUT_IMP_<transferId>.quittung.xml`: Tutoris' answer to an import.
 * `Status="OK"` accepts the transfer, one receipt per `Klient` (reference: the
 * `DossierNr`); `FEHLER` rejects it, one receipt per `Fehler`, naming its `@Feld`
 * (never its text, which may quote a value). Any other status refuses the file.
 */
function parse(input: NativeInput): ParsedReceipt[] {
  const file = input.name;
  const transferId = QUITTUNG.exec(file)?.[1];
  if (transferId === undefined) throw refused(file, 'tutoris.not-a-quittung', 'is not named TUT_IMP_<transfer>.quittung.xml', 'file');
  const root = parseXml(input.content, { file });
  if (root.local !== 'TutorisQuittung') throw refused(file, 'tutoris.not-a-quittung', 'is not a Tutoris quittung (root TutorisQuittung)', 'TutorisQuittung');
  const datei = root.attr('Datei')?.trim();
  // The quittung names the import file it answers: it must be this transfer's.
  if (datei && IMPORT_FILE.exec(datei)?.[1] !== transferId) throw refused(file, 'tutoris.quittung-mismatch', 'answers another import file than its name says', 'TutorisQuittung/@Datei');
  const status = root.attr('Status')?.trim() ?? '';
  const time = processedAt(root);
  if (status === 'OK') {
    const klienten = root.all('Klient');
    if (klienten.length === 0) return [{ transferId, outcome: 'accepted', status, ...(Object.keys(time).length ? { details: time } : {}) }];
    return klienten.map((k) => {
      const details: Record<string, string> = { ...time };
      for (const name of ['PersonNr', 'Aktion'] as const) {
        const value = k.attr(name)?.trim();
        if (value) details[name] = value;
      }
      const reference = k.attr('DossierNr')?.trim();
      return { transferId, outcome: 'accepted', status, ...(reference ? { reference } : {}), details };
    });
  }
  if (status === 'FEHLER') {
    const fehler = [...root.all('Fehler'), ...root.all('Klient').flatMap((k) => k.all('Fehler'))];
    if (fehler.length === 0) return [{ transferId, outcome: 'rejected', status, ...(Object.keys(time).length ? { details: time } : {}) }];
    return fehler.map((f) => {
      const field = f.attr('Feld')?.trim();
      return { transferId, outcome: 'rejected', status, ...(field ? { nativeField: field } : {}), ...(Object.keys(time).length ? { details: time } : {}) };
    });
  }
  throw refused(file, 'tutoris.unknown-quittung-status', 'has a Status that is neither OK nor FEHLER', 'TutorisQuittung/@Status');
}

export const receipts: ReceiptReader = {
  matches: (fileName) => QUITTUNG.test(fileName.split('/').at(-1) ?? fileName),
  parse: (input) => parse({ ...input, name: input.name.split('/').at(-1) ?? input.name }),
};
