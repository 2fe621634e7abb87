import { baseName, childRows, childValue, fieldNamer, parseXml, receiptError, type InputError, type NativeInput, type ParsedReceipt, type ReceiptReader } from '../../src/adapters/sdk.js';
import { XML_OPTIONS } from './head.js';

// KLIBnet's answer to an import: `import/antwort/KLIB_IMP_<Datenbank>_<transferId>.antwort.xml`.

const NAME = /^KLIB_IMP_(WSH|FLUE|ASYL)_(.+)\.antwort\.xml$/;

/**
 * The elements a `Meldung` may name. Containers (`Person`, `UE`) and the prepositions
 * among the names (`Ab`, `Von`, `Bis`) are left out: a message names a field only when
 * exactly one of these appears in it.
 */
const FIELDS = (
  'UENr UEBezeichnung EroeffnetAm AbgeschlossenAm UnterstuetztAb WohngemeindeBFS Wohngemeinde PhaseCd StelleCd ZustaendigAb ' +
  'FallfuehrungKuerzel PersNr FremdId RolleCd Name Vorname GeschlechtCd GebDat GebDatGenauigkeit AHVN13 ZEMISNr StaatCd SpracheCd ' +
  'Erstsprache EinreiseCH AsylEntscheidAm StatusCd GueltigAb GueltigBis BewilligungCd ErwerbCd PensumProz SBNr Datum PerspektiveCd ' +
  'Niveau FertigkeitCd Zertifikat ZertDokNr StufeCd LandCd Jahre Abschluss AnerkanntCH Beruf ISCO ArbeitsfaehigkeitProz ' +
  'Einschraenkungen Ressourcen Hindernisse Ziele PlanNr Version ErstelltAm GenehmigtDurchCd ZielNr Text Termin MassnNr MassnArtCd ' +
  'Bezeichnung AnbieterCd Anbieter Beginn Ende ErgebnisCd KostentraegerCd Bemerkung DokNr EwNr ArtCd UnterschriebenAm WiderrufenAm ' +
  'EmpfCd EmpfStelleCd ZweckCd DatenCd NotizNr ErfasstAm DokArtCd Dateityp GroesseBytes Pruefsumme'
).split(' ');

/** The one field a free-text message names, or nothing: the text itself is never kept. */
export const fieldNamedIn = fieldNamer(FIELDS, /[^A-Za-z0-9ÄÖÜäöüß]+/);

const unreadable = (file: string, what: string): InputError => receiptError('klibnet', file, what);

export function parseRueckmeldung(input: NativeInput): ParsedReceipt {
  const file = baseName(input.name);
  const name = NAME.exec(file);
  if (!name) throw unreadable(file, 'is not named KLIB_IMP_<Datenbank>_<transferId>.antwort.xml');
  const [, db, transferId] = name as unknown as [string, string, string];
  const root = parseXml(input.content, { file, ...XML_OPTIONS });
  if (root.local !== 'Rueckmeldung') throw unreadable(file, 'is not a Rueckmeldung');
  const ergebnis = childValue(root, 'Ergebnis');
  if (ergebnis !== '0' && ergebnis !== '1' && ergebnis !== '2') throw unreadable(file, 'Ergebnis is not 0, 1 or 2');
  const ueNr = childValue(root, 'UENr');
  // FremdId (the record id the gateway sent) → the person number KLIBnet gave, prefixed like every KLIBnet id.
  const details: Record<string, string | number> = { database: db };
  for (const person of [...root.all('Person'), ...childRows(root, 'Personen', 'Person')]) {
    const fremdId = childValue(person, 'FremdId');
    const persNr = childValue(person, 'PersNr');
    if (fremdId && persNr) details[fremdId] = `${db}-${persNr}`;
  }
  if (ergebnis === '1') details.warnings = root.all('Meldung').length;
  const nativeField = ergebnis === '2' ? fieldNamedIn(root.all('Meldung').map((m) => m.text).join(' ')) : undefined;
  return {
    transferId,
    // 0 übernommen, 1 übernommen mit Warnungen (KLIBnet logs them), 2 abgewiesen.
    outcome: ergebnis === '2' ? 'rejected' : 'accepted',
    status: ergebnis,
    ...(ueNr ? { reference: `${db}-${ueNr}` } : {}),
    ...(nativeField ? { nativeField } : {}),
    details,
  };
}

export const receipts: ReceiptReader = {
  matches: (fileName) => NAME.test(baseName(fileName)),
  parse: (input: NativeInput) => [parseRueckmeldung(input)],
};
