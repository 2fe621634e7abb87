// CM-T's one wide row (FORMAT.md "Native structure"): fixed columns and repeated groups,
// in the export's order. A group's column is `<prefix><slot><cell>` (`Massnahme2_Status`).

export interface Group {
  prefix: string;
  slots: number;
  cells: readonly string[];
  /** Letter of the derived id `<Fall-Nr>-<letter><slot>` (quirk 5). */
  letter?: string;
}

export const STATUS: Group = { prefix: 'Status', slots: 4, cells: ['', '_von', '_bis'] };
export const ABKL: Group = {
  prefix: 'Abkl',
  slots: 2,
  letter: 'A',
  cells: [
    '_Datum',
    '_Stelle',
    '_Orientierung',
    '_Deutsch_mündlich',
    '_Deutsch_schriftlich',
    '_Deutsch_Zertifikat',
    '_Ausbildung',
    '_Ausbildung_Land',
    '_Ausbildung_Jahre',
    '_Ausbildung_abgeschlossen',
    '_Beruf',
    '_Beruf_Jahre',
    '_Arbeitsfähigkeit',
    '_Einschränkungen',
    '_Ressourcen',
    '_Hindernisse',
    '_Ziele',
  ],
};
export const ZIEL: Group = { prefix: 'Ziel', slots: 3, letter: 'Z', cells: ['', '_bis'] };
export const MASSNAHME: Group = {
  prefix: 'Massnahme',
  slots: 6,
  letter: 'M',
  cells: ['_Typ', '_Titel', '_Anbieter', '_Beginn', '_Ende', '_Status', '_Ergebnis', '_Finanzierung', '_Bemerkung', '_Dok'],
};
export const JOURNAL: Group = { prefix: 'Journal', slots: 8, letter: 'J', cells: ['_Zeit', '_Kategorie', '_Text'] };
export const DOK: Group = { prefix: 'Dok', slots: 4, letter: 'D', cells: ['_Titel', '_Art', '_Datei', '_SHA256', '_Bytes', '_Datum'] };
export const EINW: Group = { prefix: 'Einw', slots: 3, letter: 'E', cells: ['_Art', '_Datum', '_bis', '_widerrufen', '_Empfänger', '_Zwecke', '_Daten', '_Dok'] };

export const column = (g: Group, slot: number, cell: string): string => `${g.prefix}${slot}${cell}`;

const groupColumns = (g: Group): string[] => Array.from({ length: g.slots }, (_, i) => g.cells.map((c) => column(g, i + 1, c))).flat();

export const HEADER: readonly string[] = [
  'Personen-ID',
  'Fall-Nr',
  'AHV-Nr',
  'ZEMIS-Nr',
  'Name',
  'Vorname',
  'Geschlecht',
  'Geburtsdatum',
  'Nationalität',
  'Muttersprache',
  'Weitere Sprachen',
  'Gemeinde',
  'Einreise',
  'Asylentscheid',
  ...groupColumns(STATUS),
  'Phase',
  'Stelle',
  'Fallführung',
  'Zuständig_seit',
  'Vorher_Phase',
  'Vorher_Stelle',
  'Vorher_von',
  'Vorher_bis',
  'Erwerbssituation',
  'Erwerb_seit',
  'Pensum',
  ...groupColumns(ABKL),
  'IP_Datum',
  'IP_Version',
  'IP_validiert',
  ...groupColumns(ZIEL),
  ...groupColumns(MASSNAHME),
  ...groupColumns(JOURNAL),
  ...groupColumns(DOK),
  ...groupColumns(EINW),
];

export const VORHER = ['Vorher_Phase', 'Vorher_Stelle', 'Vorher_von', 'Vorher_bis'] as const;
export const PLAN = ['IP_Datum', 'IP_Version', 'IP_validiert'] as const;

/** `CMT_Export_<yyyyMMdd>.csv` or `CMT_Import_<yyyyMMddHHmmss>.csv`: the local time the file names. */
export function timeOfName(file: string): string | undefined {
  const base = file.split(/[\\/]/).at(-1) ?? file;
  const m = /^CMT_(?:Export|Import)_(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?(?:_Protokoll)?\.csv$/i.exec(base);
  if (!m) return undefined;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}`;
}
