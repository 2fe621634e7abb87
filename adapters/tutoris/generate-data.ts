import { loadVocabulary } from '../../src/adapters/sdk.js';

// Plausible material for generated Tutoris exports (generate.ts), kept in generate-data.yaml:
// invented people of the main origins of AP/R persons in Switzerland, with their codes as
// Tutoris keeps them, and the words of their dossiers.

export interface Origin {
  /** ISO alpha-3, as Tutoris writes `Nationalitaet/@Code`. */
  country: string;
  countryName: string;
  /** First language (ISO 639-2/B) and its German name. */
  language: [string, string];
  /** Share of generated persons, in per mille. */
  weight: number;
  familyNames: readonly string[];
  male: readonly string[];
  female: readonly string[];
}

interface Vocabulary {
  origins: readonly Origin[];
  /** `[BFS number, name]`; a municipality twice is drawn twice as often. */
  municipalities: readonly [number, string][];
  /** Invented staff: `BenutzerId` is mapped, the name (quirk 9) never is. */
  staff: readonly [string, string][];
  /** `[@Typ, Titel, Anbieter]`. */
  measures: readonly [string, string, string][];
  /** `[ISCO-08, Beruf]`. */
  occupations: readonly [string, string][];
  notes: readonly string[];
}

export const {
  origins: ORIGINS,
  municipalities: MUNICIPALITIES,
  staff: STAFF,
  measures: MEASURES,
  occupations: OCCUPATIONS,
  notes: NOTES,
} = loadVocabulary<Vocabulary>(new URL('./generate-data.yaml', import.meta.url));
