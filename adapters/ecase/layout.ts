// The tables of an Ecase delivery (FORMAT.md "Native structure"), in the manifest's order,
// with the columns of the export. Writing adds `Faelle.ExterneID`.

export const TABLES = ['Personen', 'Faelle', 'Verlauf', 'Abklaerungen', 'Kompetenzen', 'Ziele', 'Massnahmen', 'Journal', 'Dokumente', 'Einwilligungen'] as const;
export type Tabelle = (typeof TABLES)[number];

export const COLUMNS: Readonly<Record<Tabelle, readonly string[]>> = {
  Personen: ['PersonNr', 'AHVN13', 'ZEMIS_Nr', 'Name', 'Vorname', 'Geschlecht', 'Geburtsdatum', 'Nationalitaet', 'Erstsprache', 'Weitere_Sprachen', 'Gemeinde_BFS', 'Gemeinde', 'Einreise'],
  Faelle: [
    'FallNr',
    'PersonNr',
    'Fallart',
    'Eroeffnet',
    'Stelle',
    'Phase',
    'Fallfuehrung',
    'Zustaendig_ab',
    'Asylentscheid',
    'Erwerb',
    'Erwerb_seit',
    'Pensum',
    'WSH',
    'WSH_seit',
    'Plan_Nr',
    'Plan_Version',
    'Plan_vom',
    'Plan_validiert',
    'Mutiert',
  ],
  Verlauf: ['FallNr', 'Art', 'Code', 'Stelle', 'Von', 'Bis'],
  Abklaerungen: ['AbklNr', 'FallNr', 'Datum', 'Stelle', 'Orientierung', 'Arbeitsfaehigkeit', 'Einschraenkungen', 'Ressourcen', 'Hindernisse', 'Ziele'],
  Kompetenzen: ['AbklNr', 'Typ', 'Code', 'Bezeichnung', 'Niveau', 'Teilbereich', 'Nachweis', 'Zertifikat', 'Jahre', 'Land', 'Abgeschlossen', 'Anerkannt'],
  Ziele: ['ZielNr', 'FallNr', 'Text', 'Termin'],
  Massnahmen: ['MassnNr', 'FallNr', 'Typ', 'Titel', 'AnbieterNr', 'Anbieter', 'Beginn', 'Ende', 'Status', 'Ergebnis', 'Bemerkung', 'Kostentraeger', 'DokNr'],
  Journal: ['EintragNr', 'FallNr', 'Zeitpunkt', 'Stelle', 'Kategorie', 'Text', 'Erfasst_von'],
  Dokumente: ['DokNr', 'FallNr', 'Titel', 'Art', 'MIME', 'SHA256', 'Bytes', 'Datum'],
  Einwilligungen: ['EwNr', 'FallNr', 'Art', 'Erteilt', 'Gueltig_bis', 'Widerrufen', 'Empfaenger', 'Zwecke', 'Kategorien', 'DokNr'],
};

export const EXTERNAL_ID = 'ExterneID';
export const MANIFEST = 'Manifest';
export const MANIFEST_COLUMNS = ['Datei', 'Zeilen'] as const;

/** A file of a delivery: `ECASE_[IMPORT_]<Mandant>_<yyyyMMdd>_<HHmmss>_<Tabelle>.csv`. */
export interface FileName {
  /** Everything before `_<Tabelle>.csv`: what the files of one delivery share. */
  stem: string;
  mandant: string;
  /** `Personen` … `Einwilligungen`, `Manifest`, `Quittung`, or another word. */
  part: string;
  import: boolean;
}

const NAME = /^((ECASE_(IMPORT_)?([A-Za-z0-9-]+)_\d{8}_\d{6}))_([A-Za-z]+)\.csv$/;

/** The parts of a delivery file's name (a path is cut to its base name); undefined when it is none. */
export function parseFileName(name: string): FileName | undefined {
  const base = name.split(/[\\/]/).at(-1) ?? name;
  const m = NAME.exec(base);
  if (!m) return undefined;
  return { stem: m[1]!, mandant: m[4]!, part: m[5]!, import: m[3] !== undefined };
}

export function isTable(part: string): part is Tabelle {
  return (TABLES as readonly string[]).includes(part);
}
