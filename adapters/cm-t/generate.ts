import { dottedAhv, loadVocabulary, seededRandom, syntheticAhv, writeCsv } from '../../src/adapters/sdk.js';
import { ABKL, column, DOK, EINW, HEADER, JOURNAL, MASSNAHME, STATUS, ZIEL } from './layout.js';

// A synthetic nightly export for benchmarks: deterministic from its seed, realistic in the
// quirks CM-T files have (Excel-shortened dates, `%`, logins, gaps between slots, slots
// out of order, quoted `;`, quotes and line breaks, umlauts, leading zeros), streamed in
// Windows-1252 chunks so that 50,000 rows never sit in memory. Every row maps without a
// rejection. The people are invented; AHV numbers have valid check digits.

export interface GenerateOptions {
  rows: number;
  seed: number;
  /** Rows per chunk (default 500). */
  batch?: number;
}

type Rng = () => number;

/** The words rows are made of (generate-data.yaml). */
interface Vocabulary {
  familyNames: readonly string[];
  female: readonly string[];
  male: readonly string[];
  /** `[Nationalität, Muttersprache]`. */
  people: readonly (readonly [string, string])[];
  moreLanguages: readonly string[];
  communes: readonly string[];
  /** `[Typ, Titel, Anbieter]`. */
  measures: readonly (readonly [string, string, string])[];
  /** `[Kategorie, Text]`. */
  journal: readonly (readonly [string, string])[];
}

const words = loadVocabulary<Vocabulary>(new URL('./generate-data.yaml', import.meta.url));

/** A made-up AHV number, written with dots as CM-T does. */
const ahv = (r: Rng): string => dottedAhv(syntheticAhv(r));

function row(r: Rng, i: number): Map<string, string> {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const int = (a: number, b: number): number => a + Math.floor(r() * (b - a + 1));
  const chance = (p: number): boolean => r() < p;
  // Some rows were re-saved in Excel: no leading zeros in dates and hours (quirk 3).
  const excel = chance(0.15);
  const day = (offset: number): string => {
    const d = new Date(Date.UTC(2016, 0, 1) + offset * 86_400_000);
    const [dd, mm] = [d.getUTCDate(), d.getUTCMonth() + 1].map((n) => (excel ? String(n) : String(n).padStart(2, '0')));
    return `${dd}.${mm}.${d.getUTCFullYear()}`;
  };
  const c = new Map<string, string>();
  const set = (k: string, v: string | number | undefined): void => {
    if (v !== undefined && v !== '') c.set(k, String(v));
  };
  const fall = `GL-${2016 + (i % 9)}-${String(i + 1).padStart(5, '0')}`;
  const female = chance(0.5);
  const [country, mother] = pick(words.people);
  const arrival = int(0, 2400);
  set('Personen-ID', String(i + 1).padStart(6, '0'));
  set('Fall-Nr', fall);
  if (chance(0.8)) set('AHV-Nr', ahv(r));
  if (chance(0.6)) set('ZEMIS-Nr', `${int(1000, 9999)} ${int(1000, 9999)}`);
  set('Name', pick(words.familyNames));
  set('Vorname', pick(female ? words.female : words.male));
  set('Geschlecht', chance(0.02) ? 'divers' : female ? 'weiblich' : 'männlich');
  const born = int(1960, 2007);
  set('Geburtsdatum', chance(0.1) ? String(born) : chance(0.1) ? `${String(int(1, 12)).padStart(2, '0')}.${born}` : day(int(0, 30) - (2016 - born) * 365));
  set('Nationalität', country);
  set('Muttersprache', mother);
  set('Weitere Sprachen', [...new Set(Array.from({ length: int(0, 2) }, () => pick(words.moreLanguages)))].join(', '));
  set('Gemeinde', pick(words.communes));
  set('Einreise', day(arrival));
  // Statuses, not in chronological slot order, sometimes with a gap.
  const statuses = chance(0.5) ? [['N', arrival, arrival + 300], ['F', arrival + 301, undefined]] : [['F', arrival, undefined]];
  const slots = chance(0.3) ? [2, 1, 4] : [1, 2, 3];
  statuses.forEach(([status, from, to], k) => {
    set(column(STATUS, slots[k]!, ''), status as string);
    set(column(STATUS, slots[k]!, '_von'), day(from as number));
    if (to !== undefined) set(column(STATUS, slots[k]!, '_bis'), day(to as number));
  });
  const since = arrival + int(30, 400);
  const communal = chance(0.3);
  set('Phase', communal ? 'Gemeinde' : 'Kanton');
  set('Stelle', communal ? 'Gemeinde Glarus Nord' : 'IS VA/Flü');
  if (chance(0.8)) set('Fallführung', `KTGL\\kif${String(int(1, 12)).padStart(2, '0')}`);
  set('Zuständig_seit', day(since));
  if (chance(0.4)) {
    set('Vorher_Phase', 'Bund');
    set('Vorher_Stelle', 'BAZ Ostschweiz');
    set('Vorher_von', day(arrival));
    set('Vorher_bis', day(since - 1));
  }
  if (chance(0.4)) {
    set('Erwerbssituation', pick(['erwerbstätig', 'in Ausbildung', 'erwerbslos']));
    set('Erwerb_seit', day(since + int(100, 900)));
    set('Pensum', chance(0.5) ? `${int(2, 10) * 10}%` : int(20, 100));
  }
  const docs = int(0, 4);
  for (let d = 1; d <= docs; d += 1) {
    const col = (cell: string): string => column(DOK, d, cell);
    set(col('_Titel'), pick(['fide Sprachpass A2', 'Einwilligung Datenaustausch', 'Lebenslauf', 'Arztzeugnis (Kopie)']));
    set(col('_Art'), pick(['Zertifikat', 'Einwilligung', 'Lebenslauf', 'Arztzeugnis']));
    set(col('_Datei'), `dok_${d}.${pick(['pdf', 'PDF', 'jpg', 'TIF', 'docx'])}`);
    set(col('_SHA256'), Array.from({ length: 64 }, () => '0123456789abcdef'[int(0, 15)]).join(''));
    set(col('_Bytes'), int(10_000, 2_000_000));
    set(col('_Datum'), day(since + int(0, 900)));
  }
  const assessments = int(0, 2);
  for (let a = 1; a <= assessments; a += 1) {
    const col = (cell: string): string => column(ABKL, a, cell);
    set(col('_Datum'), day(since + a * int(60, 500)));
    set(col('_Stelle'), 'IS VA/Flü');
    set(col('_Orientierung'), pick(['offen', 'Arbeitsmarkt', 'Berufsbildung']));
    set(col('_Deutsch_mündlich'), pick(['Alpha', 'A1', 'A2', 'B1']));
    if (chance(0.7)) set(col('_Deutsch_schriftlich'), pick(['Alpha', 'A1', 'A2']));
    if (docs > 0 && chance(0.3)) set(col('_Deutsch_Zertifikat'), int(1, docs));
    if (chance(0.6)) {
      set(col('_Ausbildung'), pick(['keine', 'Primarschule', 'Sekundarstufe I', 'Sekundarstufe II']));
      set(col('_Ausbildung_Jahre'), int(0, 12));
      set(col('_Ausbildung_abgeschlossen'), pick(['ja', 'nein']));
    }
    if (chance(0.5)) {
      set(col('_Beruf'), pick(['Elektriker', 'Küchenhilfe', 'Landwirt', 'Schneiderin']));
      set(col('_Beruf_Jahre'), chance(0.3) ? `${int(0, 9)},5` : int(1, 15));
    }
    set(col('_Arbeitsfähigkeit'), chance(0.5) ? `${int(5, 10) * 10}%` : undefined);
    set(col('_Ressourcen'), chance(0.5) ? 'Motiviert; zuverlässig, "packt an".' : undefined);
  }
  if (chance(0.6)) {
    set('IP_Datum', day(since + int(30, 300)));
    set('IP_Version', int(1, 3));
    set('IP_validiert', 'IS VA/Flü');
    const goals = int(0, 3);
    for (let z = 1; z <= goals; z += 1) {
      set(column(ZIEL, z, ''), pick(['Deutsch A2 mündlich erreichen', 'Feste Anstellung im ersten Arbeitsmarkt', 'Lehrstelle finden']));
      if (chance(0.7)) set(column(ZIEL, z, '_bis'), day(since + int(300, 1500)));
    }
    for (let m = 1; m <= 6; m += 1) {
      if (!chance(0.4)) continue; // gaps between measure slots
      const [typ, title, provider] = pick(words.measures);
      const col = (cell: string): string => column(MASSNAHME, m, cell);
      set(col('_Typ'), typ);
      set(col('_Titel'), title);
      set(col('_Anbieter'), provider);
      set(col('_Beginn'), day(since + int(30, 600)));
      set(col('_Status'), pick(['geplant', 'laufend', 'abgeschlossen', 'abgebrochen']));
      set(col('_Finanzierung'), pick(['Integrationspauschale', 'Kanton', 'Gemeinde', 'ALV']));
      if (docs > 0 && chance(0.2)) set(col('_Dok'), int(1, docs));
    }
  }
  const entries = int(0, 8);
  for (let j = 1; j <= entries; j += 1) {
    const [kategorie, text] = pick(words.journal);
    const [hh, mm] = [int(7, 17), pick(['00', '15', '30', '45'])];
    set(column(JOURNAL, j, '_Zeit'), `${day(since + int(0, 1500))} ${excel ? hh : String(hh).padStart(2, '0')}:${mm}`);
    set(column(JOURNAL, j, '_Kategorie'), kategorie);
    set(column(JOURNAL, j, '_Text'), text);
  }
  if (chance(0.7)) {
    const col = (cell: string): string => column(EINW, 1, cell);
    set(col('_Art'), 'generell');
    set(col('_Datum'), day(since));
    set(col('_Empfänger'), 'Sozialdienst, Migrationsamt, RAV GL');
    set(col('_Zwecke'), 'Fallübergabe, Integrationsmassnahmen');
    set(col('_Daten'), 'Personalien, Aufenthalt, Zuständigkeit, Sprache');
    if (chance(0.2)) set(col('_widerrufen'), day(since + int(100, 900)));
  }
  return c;
}

/** The export as Windows-1252 chunks: `sep=;` and the header first, then `batch` rows a chunk. */
export async function* generateExport(options: GenerateOptions): AsyncGenerator<Uint8Array> {
  const r = seededRandom(options.seed);
  const batch = options.batch ?? 500;
  const headerBytes = writeCsv(HEADER, [], { encoding: 'windows-1252' }).byteLength;
  for (let start = 0; start === 0 || start < options.rows; start += batch) {
    const rows = Array.from({ length: Math.max(0, Math.min(batch, options.rows - start)) }, (_, k) => {
      const cells = row(r, start + k);
      return HEADER.map((col) => cells.get(col));
    });
    const bytes = writeCsv(HEADER, rows, { encoding: 'windows-1252', sepLine: start === 0 });
    yield start === 0 ? bytes : bytes.subarray(headerBytes);
  }
}
