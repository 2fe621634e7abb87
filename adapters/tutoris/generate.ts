import { dottedAhv, formatLocalDmy, seededRandom, syntheticAhv, zurichDate, zurichTimestamp } from '../../src/adapters/sdk.js';
import { MEASURES, MUNICIPALITIES, NOTES, OCCUPATIONS, ORIGINS, STAFF, type Origin } from './generate-data.js';

export interface GenerateOptions {
  persons: number;
  mandant: string;
  seed: number;
  /** Stelle codes the export uses; they must be in the reading institution's `organisations`. Default: the sample configuration's. */
  stellen?: { canton: string; federal: string; communes: readonly string[]; integration: string };
  /** The export's `@Erstellt` (default Sunday 15 March 2026, 00:05 in Zurich, when Tutoris writes its Voll export). */
  createdAt?: Date;
}

const DEFAULT_STELLEN = { canton: 'KSA-FKS', federal: 'BAZ-KRE', communes: ['GEM-SH', 'GEM-NEU'], integration: 'IFS' };
const DAY = 86_400_000;
const FLUSH_AT = 64 * 1024;

class Dice {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i += 1) s += String(this.int(0, 9));
    return s;
  }
  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i += 1) s += '0123456789abcdef'[this.int(0, 15)];
    return s;
  }
}

/**
 * Latin-1 bytes with character references for the rest, as Tutoris 7 writes (quirk 1).
 * The SDK's `encodeText` says the same but goes character by character: this is the hot
 * path of a 50,000-person file.
 */
const latin1 = (s: string): Uint8Array => Buffer.from(s.replace(/[^\u0000-\u00ff]/gu, (c) => `&#${c.codePointAt(0)};`), 'latin1');

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const pad = (n: number): string => String(n).padStart(2, '0');

/** `dd.mm.yyyy`, or unpadded `d.m.yyyy` as records migrated from Tutoris 5 have them (quirk 2). */
function dmy(ms: number, migrated = false): string {
  const d = new Date(ms);
  const [day, month] = [d.getUTCDate(), d.getUTCMonth() + 1];
  return migrated ? `${day}.${month}.${d.getUTCFullYear()}` : `${pad(day)}.${pad(month)}.${d.getUTCFullYear()}`;
}

/** An AHV number with a valid EAN-13 check digit, dotted as Tutoris writes it. */
const ahv = (dice: Dice): string => dottedAhv(syntheticAhv(dice.next));

function originOf(dice: Dice): Origin {
  let roll = dice.int(0, ORIGINS.reduce((s, o) => s + o.weight, 0) - 1);
  for (const o of ORIGINS) {
    if (roll < o.weight) return o;
    roll -= o.weight;
  }
  return ORIGINS[0]!;
}

/** The status path of a person since arrival, oldest first: `[code, from]`. */
function statusPath(dice: Dice, origin: Origin, arrival: number, now: number): { path: [string, number][]; decision?: number } {
  if (origin.country === 'UKR') return { path: [['S', arrival]] };
  const decision = arrival + dice.int(90, 900) * DAY;
  if (decision > now) return { path: [['AS', arrival]] };
  const outcome = dice.pick(['VA', 'VA', 'VA', 'VAFL', 'FL', 'FL', 'NEE']);
  const path: [string, number][] = [
    ['AS', arrival],
    [outcome, decision],
  ];
  const later = decision + dice.int(800, 2500) * DAY;
  if (later < now && outcome !== 'NEE') path.push([outcome === 'FL' ? 'FLC' : 'B', later]);
  return { path, decision };
}

function klient(i: number, dice: Dice, now: number, stellen: NonNullable<GenerateOptions['stellen']>): string {
  const origin = originOf(dice);
  const male = dice.chance(0.55);
  const migrated = dice.chance(0.05);
  const arrival = now - dice.int(20, 3650) * DAY;
  const born = arrival - dice.int(1, 60) * 365 * DAY - dice.int(0, 364) * DAY;
  const birth = dice.chance(0.06) ? `00.00.${new Date(born).getUTCFullYear()}` : dice.chance(0.03) ? `00.${pad(new Date(born).getUTCMonth() + 1)}.${new Date(born).getUTCFullYear()}` : dmy(born, migrated);
  const [bfs, commune] = dice.pick(MUNICIPALITIES);
  const { path, decision } = statusPath(dice, origin, arrival, now);
  const federalUntil = arrival + dice.int(20, 140) * DAY;
  // In the canton from the day after the federal centre, which must be before the export's day.
  const inCanton = federalUntil + DAY < now;
  const years = (now - arrival) / (365 * DAY);
  const phase = !inCanton ? 'BUND' : years > 7 ? 'GEM' : 'KANT';
  const stelle = phase === 'BUND' ? stellen.federal : phase === 'GEM' ? dice.pick(stellen.communes) : stellen.canton;
  const cantonStart = federalUntil + DAY;
  const since = inCanton ? (phase === 'GEM' ? arrival + 7 * 365 * DAY : cantonStart) : arrival;
  const [userId, userName] = dice.pick(STAFF);
  const out: string[] = [];
  out.push(`  <Klient PersonNr="${300000 + i}">`, '    <Personalien>');
  out.push(`      <Name>${esc(dice.pick(origin.familyNames))}</Name>`, `      <Vorname>${esc(dice.pick(male ? origin.male : origin.female))}</Vorname>`);
  out.push(`      <Geschlecht>${male ? 'M' : 'W'}</Geschlecht>`, `      <Geburtsdatum>${birth}</Geburtsdatum>`);
  if (dice.chance(0.8)) out.push(`      <AHVN13>${ahv(dice)}</AHVN13>`);
  else out.push('      <AHVN13/>');
  if (dice.chance(0.7)) out.push(`      <ZEMISNr>${dice.int(1000, 2999)}.${dice.digits(4)}</ZEMISNr>`);
  out.push(`      <Nationalitaet Code="${origin.country}">${esc(origin.countryName)}</Nationalitaet>`);
  out.push(`      <Sprache Code="${origin.language[0]}" Erstsprache="J">${esc(origin.language[1])}</Sprache>`);
  if (inCanton && dice.chance(0.6)) out.push('      <Sprache Code="ger" Erstsprache="N">Deutsch</Sprache>');
  if (inCanton) out.push(`      <Wohngemeinde BFS="${bfs}">${esc(commune)}</Wohngemeinde>`);
  out.push(`      <Einreise>${dmy(arrival, migrated)}</Einreise>`, '    </Personalien>');
  out.push(decision ? `    <Aufenthalt AsylentscheidDatum="${dmy(decision)}">` : '    <Aufenthalt>');
  // Quirk 7: Tutoris lists the status history newest first.
  for (let s = path.length - 1; s >= 0; s -= 1) {
    const [code, from] = path[s]!;
    const until = path[s + 1] ? dmy(path[s + 1]![1] - DAY) : '31.12.9999';
    out.push(`      <Status Code="${code}" Von="${dmy(from, migrated)}" Bis="${until}"/>`);
  }
  out.push('    </Aufenthalt>', `    <Dossier DossierNr="${path[path.length - 1]![0]}-${new Date(arrival).getUTCFullYear()}-${String(i).padStart(5, '0')}" Eroeffnet="${dmy(inCanton ? cantonStart : arrival)}">`);
  out.push(`      <Fallfuehrung Phase="${phase}" Stelle="${stelle}" Seit="${dmy(since)}">`);
  out.push(`        <Sachbearbeitung BenutzerId="${userId}">${esc(userName)}</Sachbearbeitung>`, '      </Fallfuehrung>');
  // Newest first, as the status history.
  if (phase === 'GEM') out.push(`      <FruehereFallfuehrung Phase="KANT" Stelle="${stellen.canton}" Von="${dmy(cantonStart)}" Bis="${dmy(since - DAY)}"/>`);
  if (inCanton) out.push(`      <FruehereFallfuehrung Phase="BUND" Stelle="${stellen.federal}" Von="${dmy(arrival)}" Bis="${dmy(federalUntil)}"/>`);
  if (inCanton && dice.chance(0.5)) {
    const working = dice.chance(0.4);
    const pensum = working ? dice.pick([20, 40, 50, 60, 80, 100]) : 0;
    out.push(`      <Erwerb Situation="${working ? 'ERW' : dice.pick(['ALOS', 'NEP', 'AUSB'])}" Seit="${dmy(now - dice.int(10, 700) * DAY)}" Pensum="${pensum}"/>`);
  }
  if (inCanton) out.push(`      <Sozialhilfe Bezug="${dice.chance(0.8) ? 'J' : 'N'}" Seit="${dmy(cantonStart)}"/>`);
  out.push('    </Dossier>');
  if (inCanton) out.push(...extras(dice, now, cantonStart, stelle, stellen));
  out.push('  </Klient>');
  return out.join('\n');
}

/** Assessment, plan, journal, documents and a consent, for persons already in the canton. */
function extras(dice: Dice, now: number, since: number, stelle: string, stellen: NonNullable<GenerateOptions['stellen']>): string[] {
  const out: string[] = [];
  // Days before the export's: nothing happens after it was written.
  const span = Math.max(0, Math.floor((now - since) / DAY) - 1);
  const day = (): number => since + dice.int(0, span) * DAY;
  const docs: string[] = [];
  if (dice.chance(0.6)) {
    const [isco, occupation] = dice.pick(OCCUPATIONS);
    out.push('    <Abklaerungen>', `      <Potenzialabklaerung Id="PA-${dice.digits(5)}" Datum="${dmy(day())}" Stelle="${stellen.canton}" Ausrichtung="${dice.pick(['ARBEITSMARKT', 'BERUFSBILDUNG', 'OFFEN', 'SOZIAL'])}">`);
    out.push(`        <Sprachkompetenz Sprache="ger" Niveau="${dice.pick(['A0', 'A1.1', 'A1', 'A2.2', 'B1'])}" Fertigkeit="${dice.pick(['GESAMT', 'MUENDLICH', 'SCHRIFTLICH'])}" Zertifiziert="N"/>`);
    out.push(`        <Bildung Stufe="${dice.pick(['KEINE', 'PRIMAR', 'SEK1', 'SEK2', 'TERTIAER'])}" Jahre="${dice.int(0, 14)}" Abgeschlossen="${dice.chance(0.6) ? 'J' : 'N'}"/>`);
    out.push(`        <Berufserfahrung ISCO="${isco}" Jahre="${dice.int(1, 12)}">${esc(occupation)}</Berufserfahrung>`);
    out.push(`        <Ressourcen><![CDATA[motiviert, zuverlässig\n        Erfahrung: ${occupation}]]></Ressourcen>`, '      </Potenzialabklaerung>', '    </Abklaerungen>');
  }
  if (dice.chance(0.5)) {
    out.push(`    <Integrationsplan Id="IP-${dice.digits(5)}" Version="${dice.int(1, 4)}" Erstellt="${dmy(day())}" ValidiertDurch="${stellen.canton}">`);
    out.push(`      <Ziel Id="Z1" Zieldatum="${dmy(now + dice.int(30, 700) * DAY)}">Deutsch B1 mündlich</Ziel>`);
    for (let m = 1; m <= dice.int(1, 3); m += 1) {
      const [typ, title, provider] = dice.pick(MEASURES);
      const start = day();
      const end = start + dice.int(30, 300) * DAY;
      const done = end < now && dice.chance(0.7);
      const ende = done ? ` Ende="${dmy(end)}"` : '';
      const ergebnis = done ? ` Ergebnis="${dice.pick(['ERREICHT', 'TEILWEISE', 'NICHT'])}"` : '';
      out.push(`      <Massnahme Id="M-${m}" Typ="${typ}" Status="${done ? 'ABGESCHLOSSEN' : 'LAUFEND'}"${ergebnis} Kostentraeger="${dice.pick(['IP', 'IP', 'KANTON', 'GEMEINDE'])}" Beginn="${dmy(start)}"${ende}>`);
      out.push(`        <Titel>${esc(title)}</Titel>`);
      out.push(provider ? `        <Anbieter>${esc(provider)}</Anbieter>` : `        <Anbieter Stelle="${stellen.integration}">Integrationsfachstelle</Anbieter>`, '      </Massnahme>');
    }
    out.push('    </Integrationsplan>');
  }
  const entries = dice.int(0, 4);
  if (entries > 0) {
    const times = Array.from({ length: entries }, () => day() + dice.int(8 * 60, 17 * 60) * 60_000).sort((a, b) => b - a);
    out.push('    <Journal>');
    times.forEach((t, j) => {
      const d = new Date(t);
      out.push(`      <Eintrag Id="J-${entries - j}" Zeitpunkt="${dmy(t)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}" Stelle="${stelle}" Kategorie="${dice.pick(['GESPRAECH', 'TELEFON', 'NOTIZ', 'ENTSCHEID'])}">${esc(dice.pick(NOTES))}</Eintrag>`);
    });
    out.push('    </Journal>');
  }
  if (dice.chance(0.4)) docs.push(`      <Dokument Id="D-1" Art="${dice.pick(['ZEUGNIS', 'BERICHT', 'LEBENSLAUF', 'FOTO'])}" Datum="${dmy(day())}" MimeType="application/pdf" Bytes="${dice.int(20_000, 900_000)}" SHA256="${dice.hex(64)}">Unterlage</Dokument>`);
  if (docs.length > 0) out.push('    <Dokumente>', ...docs, '    </Dokumente>');
  if (dice.chance(0.5)) {
    out.push('    <Vollmachten>', `      <Vollmacht Id="V-1" Art="GENERELL" Unterzeichnet="${dmy(since)}" GueltigBis="00.00.0000">`);
    out.push('        <Empfaenger Typ="SOZ"/>', '        <Zweck>UEBERGABE</Zweck>', '        <Kategorie>PERS</Kategorie>', '        <Kategorie>AUFENTH</Kategorie>', '      </Vollmacht>', '    </Vollmachten>');
  }
  return out;
}

/**
 * A realistic `Art="Voll"` Tutoris 7 export (ISO-8859-1, character references for what
 * Latin-1 cannot hold), streamed in chunks of about 64 KiB: memory stays constant
 * whatever `persons` is, and the same seed gives the same bytes. Invented people only.
 */
export async function* generateExport(options: GenerateOptions): AsyncGenerator<Uint8Array> {
  const dice = new Dice(seededRandom(options.seed));
  const created = options.createdAt ?? new Date('2026-03-15T00:05:00+01:00');
  // Days are counted from the export's Swiss calendar day, at UTC midnight: wall-clock arithmetic without offsets.
  const now = Date.parse(`${zurichDate(created)}T00:00:00Z`);
  const stamp = formatLocalDmy(zurichTimestamp(created), true);
  const stellen = options.stellen ?? DEFAULT_STELLEN;
  let buffer = `<?xml version="1.0" encoding="ISO-8859-1"?>\n<TutorisExport Version="7.4" Mandant="${esc(options.mandant)}" Art="Voll" Erstellt="${stamp}">\n`;
  for (let i = 0; i < options.persons; i += 1) {
    buffer += `${klient(i, dice, now, stellen)}\n`;
    if (buffer.length >= FLUSH_AT) {
      yield latin1(buffer);
      buffer = '';
    }
  }
  yield latin1(`${buffer}</TutorisExport>\n`);
}
