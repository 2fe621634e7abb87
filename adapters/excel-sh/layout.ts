// The workbook's layout as the tool writes it (FORMAT.md "Native structure"): sheet
// names, header texts in the tool's column order, and the drop-down list each column
// takes from the hidden sheet `Listen`. Reading finds columns by header text; writing
// uses this order.

export const PERSONEN = 'Personen';
export const ABKLAERUNGEN = 'Abklärungen';
export const MASSNAHMEN = 'Massnahmen';
export const VERLAUF = 'Verlauf';
export const DOKUMENTE = 'Dokumente';
export const EINWILLIGUNGEN = 'Einwilligungen';
export const LISTEN = 'Listen';

export const CHILD_SHEETS = [ABKLAERUNGEN, MASSNAHMEN, VERLAUF, DOKUMENTE, EINWILLIGUNGEN] as const;
export type ChildSheet = (typeof CHILD_SHEETS)[number];

export const TITLE = 'Flüchtlingskoordination SH – Fallliste AIS';
/** Personen: title in row 1, `Stand:` in row 2, header in row 3; the other sheets' header is row 1. */
export const PERSONEN_HEADER_ROW = 3;
export const CHILD_HEADER_ROW = 1;
/** The drop-downs reach down to this row, as in the tool's template. */
export const VALIDATION_LAST_ROW = 500;

export interface Column {
  header: string;
  /** Defined name of the drop-down list (`L_Status`). */
  list?: string;
}

const col = (header: string, list?: string): Column => (list ? { header, list } : { header });

const statusColumns = [1, 2, 3].flatMap((k) => [col(`Status ${k}`, 'L_Status'), col(`Status ${k} ab`)]);
const goalColumns = [1, 2, 3].flatMap((k) => [col(`Ziel ${k}`), col(`Ziel ${k} bis`)]);

export const COLUMNS: Readonly<Record<typeof PERSONEN | ChildSheet, readonly Column[]>> = {
  [PERSONEN]: [
    col('Dossier-Nr'),
    col('Pers-Nr'),
    col('Familie'),
    col('AHV-Nr'),
    col('ZEMIS-Nr'),
    col('Name'),
    col('Vorname'),
    col('Geschlecht', 'L_Geschlecht'),
    col('Geburtsdatum'),
    col('Nationalität', 'L_Nationalitaet'),
    col('Erstsprache', 'L_Sprache'),
    col('Weitere Sprachen'),
    col('Gemeinde', 'L_Gemeinde'),
    col('Einreise'),
    col('Asylentscheid'),
    ...statusColumns,
    col('Phase', 'L_Phase'),
    col('Zuständige Stelle', 'L_Stelle'),
    col('Fallführung'),
    col('Zuständig seit'),
    col('Vorher Stelle', 'L_Stelle'),
    col('Vorher Phase', 'L_Phase'),
    col('Vorher von'),
    col('Vorher bis'),
    col('Erwerbssituation', 'L_Erwerb'),
    col('Erwerb seit'),
    col('Pensum'),
    col('Sozialhilfe', 'L_JaNein'),
    col('Sozialhilfe seit'),
    col('IP-Nr'),
    col('IP-Version'),
    col('IP erstellt'),
    col('IP validiert durch', 'L_Stelle'),
    ...goalColumns,
    col('Jahre seit Einreise'),
  ],
  [ABKLAERUNGEN]: [
    col('ID'),
    col('Pers-Nr'),
    col('Datum'),
    col('Stelle', 'L_Stelle'),
    col('Orientierung', 'L_Orientierung'),
    col('Deutsch Hören', 'L_Niveau'),
    col('Deutsch Lesen', 'L_Niveau'),
    col('Deutsch Sprechen', 'L_Niveau'),
    col('Deutsch Schreiben', 'L_Niveau'),
    col('Zertifikat'),
    col('Höchste Ausbildung', 'L_Ausbildung'),
    col('Ausbildungsland'),
    col('Ausbildungsjahre'),
    col('abgeschlossen', 'L_JaNein'),
    col('anerkannt', 'L_JaNein'),
    col('Beruf'),
    col('ISCO'),
    col('Berufsjahre'),
    col('Berufsland'),
    col('Arbeitsfähigkeit'),
    col('Einschränkungen'),
    col('Ressourcen'),
    col('Hindernisse'),
    col('Ziele'),
  ],
  [MASSNAHMEN]: [
    col('ID'),
    col('Pers-Nr'),
    col('Typ', 'L_Massnahme'),
    col('Bezeichnung'),
    col('Anbieter'),
    col('Beginn'),
    col('Ende'),
    col('Status', 'L_MStatus'),
    col('Ergebnis', 'L_Ergebnis'),
    col('Kostenträger', 'L_Kosten'),
    col('Bemerkung'),
    col('Dokumente'),
  ],
  [VERLAUF]: [col('ID'), col('Pers-Nr'), col('Zeitpunkt'), col('Stelle', 'L_Stelle'), col('Kategorie', 'L_Kategorie'), col('Eintrag')],
  [DOKUMENTE]: [col('ID'), col('Pers-Nr'), col('Titel'), col('Art', 'L_DokArt'), col('Dateityp', 'L_Dateityp'), col('SHA-256'), col('Grösse (Bytes)'), col('Datum')],
  [EINWILLIGUNGEN]: [
    col('ID'),
    col('Pers-Nr'),
    col('Art', 'L_EwArt'),
    col('unterschrieben am'),
    col('gültig bis'),
    col('widerrufen am'),
    col('Empfänger'),
    col('Zwecke'),
    col('Datenkategorien'),
    col('Formular'),
  ],
};

/**
 * The hidden sheet `Listen` of the tool's template: one column per list, its header in
 * row 1, labels below, a defined name `L_<header>` over them. `L_Stelle` is the
 * installation's Stelle labels (settings `organisations`), not a constant.
 */
export const LISTS: readonly { header: string; labels: readonly string[] }[] = [
  { header: 'Geschlecht', labels: ['Mann', 'Frau', 'divers', 'unbekannt'] },
  {
    header: 'Nationalitaet',
    labels: ['AF Afghanistan', 'DZ Algerien', 'ER Eritrea', 'ET Äthiopien', 'IQ Irak', 'IR Iran', 'LK Sri Lanka', 'SO Somalia', 'SY Syrien', 'TR Türkei', 'UA Ukraine', 'XX staatenlos/unbekannt'],
  },
  {
    header: 'Sprache',
    labels: [
      'ti Tigrinya',
      'am Amharisch',
      'ar Arabisch',
      'prs Dari',
      'fa Persisch',
      'ps Paschtu',
      'ku Kurdisch',
      'kmr Kurmandschi',
      'so Somali',
      'uk Ukrainisch',
      'ru Russisch',
      'ta Tamil',
      'tr Türkisch',
      'de Deutsch',
      'en Englisch',
      'fr Französisch',
    ],
  },
  { header: 'Gemeinde', labels: ['2939 Schaffhausen', '2937 Neuhausen am Rheinfall', '2952 Thayngen', '2964 Stein am Rhein'] },
  {
    header: 'Status',
    labels: [
      'N Asylsuchende',
      'F vorläufig Aufgenommene',
      'F-Flü vorläufig aufgenommene Flüchtlinge',
      'B-Flü anerkannte Flüchtlinge',
      'B Aufenthalter',
      'C Niedergelassene',
      'S Schutzstatus',
      'L Kurzaufenthalter',
      'andere',
    ],
  },
  { header: 'Phase', labels: ['Bund (BAZ)', 'Kanton', 'Gemeinde', 'Regelstruktur', 'abgeschlossen'] },
  { header: 'Stelle', labels: [] },
  { header: 'Erwerb', labels: ['erwerbstätig', 'selbständig erwerbend', 'in Ausbildung', 'erwerbslos', 'nicht erwerbstätig'] },
  { header: 'JaNein', labels: ['ja', 'nein'] },
  { header: 'Orientierung', labels: ['1. Arbeitsmarkt', 'Berufsbildung', 'Bildung/Schule', 'soziale Integration', 'noch offen'] },
  { header: 'Niveau', labels: ['<A1', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2'] },
  { header: 'Ausbildung', labels: ['keine Schulbildung', 'Primarstufe', 'Sekundarstufe I', 'Sekundarstufe II', 'Berufsbildung', 'Tertiärstufe'] },
  {
    header: 'Massnahme',
    labels: [
      'Deutschkurs',
      'Alltags-/Grundkompetenzen',
      'Coaching Arbeitsintegration',
      'Arbeitsassessment',
      'Praktikum',
      'INVOL',
      'Lehre EBA/EFZ',
      'Beschäftigungsprogramm',
      'Sozialintegration',
      'Kinderbetreuung',
      'Gesundheit',
      'Schuldenberatung',
      'Sonstiges',
    ],
  },
  { header: 'MStatus', labels: ['geplant', 'läuft', 'beendet', 'abgebrochen', 'storniert'] },
  { header: 'Ergebnis', labels: ['Ziel erreicht', 'teilweise', 'nicht erreicht'] },
  { header: 'Kosten', labels: ['IV', 'ALV', 'Sozialhilfe', 'Kanton', 'IP Bund', 'Gemeinde', 'andere'] },
  { header: 'Kategorie', labels: ['Kontakt', 'Entscheid', 'Notiz', 'Fallübergabe', 'Gesundheit', 'Finanzen'] },
  { header: 'DokArt', labels: ['Zeugnis/Zertifikat', 'Bericht', 'Verfügung', 'Einverständnis', 'Lebenslauf', 'andere'] },
  { header: 'Dateityp', labels: ['PDF', 'JPG', 'PNG', 'TIFF', 'DOCX'] },
  { header: 'EwArt', labels: ['generell', 'spezifisch'] },
];

/** The label of `L_<list>` that starts with `code` (`ER` → `ER Eritrea`); the bare code when the list has none. */
export function labelFor(list: string, code: string): string {
  const labels = LISTS.find((l) => l.header === list)?.labels ?? [];
  return labels.find((label) => label === code || label.startsWith(`${code} `)) ?? code;
}
