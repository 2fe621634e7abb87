import type { Database } from './native.js';
import { loadVocabulary, seededRandom, syntheticAhv } from '../../src/adapters/sdk.js';

// A synthetic KLIBnet export of any size, for benchmarks of the streaming reader: the
// layout, encoding (Windows-1252, CRLF, tabs, character references) and quirks of the
// samples, with households drawn from a seeded generator. Same options, same bytes.
// Every person is fictitious; AHV numbers have valid check digits but are made up.

export interface GenerateOptions {
  households: number;
  seed: number;
  /** ASYL and FLUE carry the Asyl module; WSH a Bewilligung (default FLUE). */
  database?: Database;
  /** The sample configuration's Mandant (default SROL, so `SAMPLE_CONTEXT` reads it). */
  mandant?: string;
}

/** The words UEs are made of (generate-data.yaml). */
interface Vocabulary {
  familyNames: readonly string[];
  male: readonly string[];
  female: readonly string[];
  /** `[StaatCd, the SpracheCd spoken there]`. */
  origins: readonly (readonly [string, readonly string[]])[];
  stellen: readonly string[];
  /** `[MassnArtCd, Bezeichnung]`. */
  measures: readonly (readonly [string, string])[];
  /** `[ArtCd, Text]`. */
  notes: readonly (readonly [string, string])[];
}

const words = loadVocabulary<Vocabulary>(new URL('./generate-data.yaml', import.meta.url));

// Windows-1252's own characters at 0x80–0x9F, and references for what it cannot hold, as
// KLIBnet writes them; a table lookup, since a benchmark's input should not cost more than its reading.
const CP1252: Readonly<Record<string, string>> = { '€': '\x80', '„': '\x84', '“': '\x93', '”': '\x94', '‘': '\x91', '’': '\x92', '–': '\x96', '—': '\x97' };
function encode(text: string): Uint8Array {
  const single = text.replace(/[^\x00-\x7f\xa0-\xff]/gu, (c) => CP1252[c] ?? `&#${c.codePointAt(0)};`);
  return Buffer.from(single, 'latin1');
}

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The export as a stream of chunks: the declaration and `Kopf`, then the UEs, in chunks of about 64 KiB. */
export async function* generateExport(options: GenerateOptions): AsyncGenerator<Uint8Array> {
  const db = options.database ?? 'FLUE';
  const rnd = seededRandom(options.seed);
  yield encode(
    `<?xml version="1.0" encoding="windows-1252"?>\r\n<KLIBnetExport>\r\n\t<Kopf>\r\n` +
      [['Schnittstelle', 'AIS-Fall'], ['Version', '3.4'], ['Mandant', options.mandant ?? 'SROL'], ['Datenbank', db], ['Stichtag', '09.03.2026'], ['ErstelltAm', '09.03.2026 02:04:51'], ['AnzahlUE', String(options.households)]]
        .map(([k, v]) => `\t\t<${k}>${v}</${k}>\r\n`)
        .join('') +
      '\t</Kopf>\r\n',
  );
  // Chunks of about 64 KiB, as a file or socket would deliver them.
  let pending = '';
  for (let i = 0; i < options.households; i += 1) {
    pending += ue(i, db, rnd);
    if (pending.length < 65_536) continue;
    yield encode(pending);
    pending = '';
  }
  yield encode(`${pending}</KLIBnetExport>\r\n`);
}

class Lines {
  private readonly out: string[] = [];
  constructor(private depth: number) {}
  open(name: string): this {
    this.out.push(`${'\t'.repeat(this.depth++)}<${name}>`);
    return this;
  }
  close(name: string): this {
    this.out.push(`${'\t'.repeat(--this.depth)}</${name}>`);
    return this;
  }
  value(name: string, value: string | number | undefined): this {
    if (value === undefined) return this;
    this.out.push(`${'\t'.repeat(this.depth)}<${name}>${escape(String(value))}</${name}>`);
    return this;
  }
  text(): string {
    return `${this.out.join('\r\n')}\r\n`;
  }
}

function ue(index: number, db: Database, rnd: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const date = (fromYear: number, years: number): string => `${pad(1 + Math.floor(rnd() * 28))}.${pad(1 + Math.floor(rnd() * 12))}.${fromYear + Math.floor(rnd() * years)}`;
  const ueNr = `${2019 + (index % 7)}.${pad(index + 1, 5)}`;
  const entry = 2016 + Math.floor(rnd() * 8);
  const arrival = `${pad(1 + Math.floor(rnd() * 28))}.${pad(1 + Math.floor(rnd() * 6))}.${entry}`;
  const opened = `01.${pad(7 + Math.floor(rnd() * 6))}.${entry}`;
  const [nationality, languages] = pick(words.origins);
  const family = pick(words.familyNames);
  const size = 1 + Math.floor(rnd() * rnd() * 6);
  const members = Array.from({ length: size }, (_, k) => ({ persNr: 10_000 + index * 8 + k, role: k === 0 ? 'AS' : k === 1 && size > 1 && rnd() < 0.7 ? 'PA' : 'KI' }));
  const l = new Lines(1).open('UE').value('UENr', ueNr).value('UEBezeichnung', `${family} u. Fam.`).value('EroeffnetAm', opened).value('UnterstuetztAb', opened);
  l.value('WohngemeindeBFS', 2581).value('Wohngemeinde', 'Olten');
  l.open('Zustaendigkeit');
  if (db !== 'WSH') l.value('PhaseCd', 30).value('PhaseTx', 'Gemeinde / Sozialregion');
  l.value('StelleCd', 'SROL').value('ZustaendigAb', opened).value('FallfuehrungKuerzel', `SROL-B${1000 + Math.floor(rnd() * 9000)}`).value('FallfuehrungName', 'Muster Anna').close('Zustaendigkeit');
  if (db !== 'WSH') {
    l.open('ZustaendigkeitHistorie').open('Zeile').value('PhaseCd', 20).value('StelleCd', 'KSO-ASYL').value('Von', arrival).value('Bis', `30.06.${entry}`).close('Zeile').close('ZustaendigkeitHistorie');
  }
  l.open('Personen');
  for (const m of members) {
    const adult = m.role !== 'KI';
    const male = m.role === 'AS' ? rnd() < 0.6 : m.role === 'PA' ? false : rnd() < 0.5;
    const precision = adult && rnd() < 0.1 ? 'J' : adult && rnd() < 0.05 ? 'M' : 'T';
    const born = adult ? date(1965, 35) : date(2006, 18);
    const [, mm, yyyy] = born.split('.');
    l.open('Person').value('PersNr', m.persNr).value('RolleCd', m.role).value('Name', family).value('Vorname', pick(male ? words.male : words.female)).value('GeschlechtCd', male ? 1 : 2);
    l.value('GebDat', precision === 'J' ? `01.01.${yyyy}` : precision === 'M' ? `01.${mm}.${yyyy}` : born).value('GebDatGenauigkeit', precision);
    if (adult) l.value('AHVN13', syntheticAhv(rnd)).value('ZEMISNr', `${2000 + Math.floor(rnd() * 7999)} ${1000 + Math.floor(rnd() * 8999)}`);
    l.value('StaatCd', nationality).open('Sprachen');
    languages.forEach((code, k) => l.open('Sprache').value('SpracheCd', code).value('Erstsprache', k === 0 ? 1 : 0).close('Sprache'));
    l.close('Sprachen').value('EinreiseCH', arrival);
    if (db === 'WSH') l.open('Bewilligung').value('BewilligungCd', pick(['B', 'C'])).value('GueltigAb', `01.01.${entry + 3}`).close('Bewilligung');
    else {
      l.value('AsylEntscheidAm', `15.03.${entry + 1}`).open('StatusHistorie');
      l.open('Status').value('StatusCd', db === 'FLUE' ? 13 : 11).value('GueltigAb', `15.03.${entry + 1}`).close('Status');
      l.open('Status').value('StatusCd', 10).value('GueltigAb', arrival).value('GueltigBis', `14.03.${entry + 1}`).close('Status').close('StatusHistorie');
    }
    if (adult) l.open('Erwerb').value('ErwerbCd', pick([1, 3, 4, 5])).value('Ab', `01.08.${entry + 2}`).value('PensumProz', pick([0, 50, 80, 100])).close('Erwerb');
    if (adult && db !== 'WSH') asylModule(l, m.persNr, entry, rnd, pick);
    l.close('Person');
  }
  l.close('Personen').open('Aktennotizen');
  for (let n = 0; n < Math.floor(rnd() * 4); n += 1) {
    const [art, text] = pick(words.notes);
    l.open('Aktennotiz').value('NotizNr', `AN-${index * 10 + n}`).value('ErfasstAm', `${date(entry + 1, 6)} ${pad(8 + Math.floor(rnd() * 9))}:${pad(Math.floor(rnd() * 60))}:00`).value('ArtCd', art);
    if (rnd() < 0.3) l.value('PersNr', pick(members).persNr);
    l.value('Text', text).close('Aktennotiz');
  }
  l.close('Aktennotizen').open('Dokumente');
  for (let d = 0; d < Math.floor(rnd() * 3); d += 1) {
    const hex = Array.from({ length: 64 }, () => '0123456789ABCDEF'[Math.floor(rnd() * 16)]).join('');
    l.open('Dokument').value('DokNr', `D-${index * 10 + d}`).value('Bezeichnung', pick(['Ausweis F (Kopie)', 'Zeugnis', 'Mietvertrag'])).value('DokArtCd', pick([1, 2, 9]));
    l.value('Dateityp', pick(['PDF', 'JPG', 'DOCX'])).value('GroesseBytes', 10_000 + Math.floor(rnd() * 2_000_000)).value('Pruefsumme', hex).value('Datum', date(entry, 3));
    l.close('Dokument');
  }
  return l.close('Dokumente').close('UE').text();
}

function asylModule(l: Lines, persNr: number, entry: number, rnd: () => number, pick: <T>(items: readonly T[]) => T): void {
  if (rnd() < 0.5) {
    l.open('Standortbestimmungen').open('Standortbestimmung').value('SBNr', `SB-${persNr}`).value('Datum', `11.10.${entry + 1}`).value('StelleCd', pick(words.stellen)).value('PerspektiveCd', pick(['A', 'B', 'O']));
    l.open('Sprachstand').value('SpracheCd', 1).value('Niveau', pick(['<A1', 'A1', 'A2', 'B1'])).value('FertigkeitCd', pick(['G', 'M', 'S'])).close('Sprachstand');
    l.open('Ausbildung').value('StufeCd', pick([1, 2, 3, 4])).value('Jahre', 6 + Math.floor(rnd() * 8)).value('Abschluss', pick([0, 1])).close('Ausbildung');
    l.value('ArbeitsfaehigkeitProz', pick([50, 80, 100])).value('Ressourcen', 'motiviert, zuverlässig').close('Standortbestimmung').close('Standortbestimmungen');
  }
  if (rnd() < 0.4) {
    const [art, title] = pick(words.measures);
    l.open('Integrationsplanung').value('PlanNr', `IP-${persNr}-1`).value('Version', 1).value('ErstelltAm', `25.10.${entry + 1}`).open('Massnahmen');
    l.open('Massnahme').value('MassnNr', `M-${persNr}`).value('MassnArtCd', art).value('Bezeichnung', title).value('Anbieter', 'ECAP Olten').value('Beginn', `07.11.${entry + 1}`);
    l.value('StatusCd', pick([1, 2, 3])).value('KostentraegerCd', pick(['IP', 'KT', 'WSH'])).close('Massnahme').close('Massnahmen').close('Integrationsplanung');
  }
  if (rnd() < 0.5) {
    l.open('Einwilligungen').open('Einwilligung').value('EwNr', `EW-${persNr}`).value('ArtCd', 'G').value('UnterschriebenAm', `04.11.${entry + 1}`);
    l.value('EmpfCd', 'SD').value('EmpfStelleCd', 'KSO-ASYL').value('ZweckCd', 'UEB').value('DatenCd', 'PERS').value('DatenCd', 'AUF').close('Einwilligung').close('Einwilligungen');
  }
}

