import { encodeODataName } from '../../src/adapters/sdk.js';

// Columns by their display names, as the site's owners know them; the internal names the
// REST API uses are built from them the way SharePoint does (`_xHHHH_` escapes, cut at 32
// characters, `Id` added to lookups).

const col = (display: string): string => encodeODataName(display, 32);
const lookup = (display: string): string => `${encodeODataName(display, 32)}Id`;

export const CASI = {
  caseNumber: 'Title',
  cognome: col('Cognome'),
  nome: col('Nome'),
  sesso: col('Sesso'),
  dataNascita: col('Data di nascita'),
  annoNascita: col('Anno di nascita'),
  meseNascita: col('Mese di nascita'),
  avs: col('N. AVS'),
  simic: col('N. SIMIC'),
  nazionalita: col('Nazionalità'),
  linguaMadre: col('Lingua madre'),
  altreLingue: col('Altre lingue'),
  comune: col('Comune di domicilio'),
  arrivo: col('Data di arrivo in Svizzera'),
  decisioneAsilo: col('Data decisione asilo'),
  nucleo: col('Nucleo familiare'),
  fase: col('Fase'),
  ente: lookup('Ente competente'),
  operatore: lookup('Operatore'),
  competenteDal: col('Competente dal'),
  situazione: col('Situazione lavorativa'),
  grado: col('Grado di occupazione'),
  occupatoDal: col('Occupato dal'),
  assistenza: col('Assistenza sociale'),
  assistenzaDal: col('Assistenza dal'),
  versionePiano: col('Versione piano'),
  pianoStabilito: col('Piano stabilito il'),
  pianoValidato: lookup('Piano validato da'),
} as const;

export const STATUTI = { statuto: col('Statuto'), dal: col('Dal'), al: col('Al') } as const;

export const VALUTAZIONI = {
  data: col('Data valutazione'),
  ente: lookup('Ente'),
  lingua: col('Lingua valutata'),
  orale: col('Livello orale'),
  scritto: col('Livello scritto'),
  certificato: col('Certificato'),
  formazione: col('Formazione'),
  anniScuola: col('Anni di scuola'),
  conclusa: col('Formazione conclusa'),
  paese: col('Paese di formazione'),
  esperienza: col('Esperienza professionale'),
  anniEsperienza: col('Anni di esperienza'),
  capacita: col('Capacità lavorativa'),
  limitazioni: col('Limitazioni di salute'),
  orientamento: col('Orientamento'),
  risorse: col('Risorse'),
  ostacoli: col('Ostacoli'),
  obiettivi: col('Obiettivi'),
} as const;

export const MISURE = {
  title: 'Title',
  tipo: col('Tipo di misura'),
  stato: col('Stato'),
  esito: col('Esito'),
  fornitore: col('Fornitore'),
  fornitoreEnte: lookup('Fornitore ente'),
  inizio: col('Inizio'),
  fine: col('Fine'),
  finanziamento: col('Finanziamento'),
  osservazioni: col('Osservazioni'),
  documenti: lookup('Documenti'),
} as const;

export const DIARIO = { quando: col('Data e ora'), categoria: col('Categoria'), testo: col('Testo'), ente: lookup('Ente') } as const;

export const DOCUMENTI = {
  title: 'Title',
  tipo: col('Tipo documento'),
  data: col('Data documento'),
  impronta: col('Impronta SHA-256'),
  fileType: col('File Type'),
} as const;

export const CONSENSI = {
  tipo: col('Tipo'),
  firma: col('Data firma'),
  validoFino: col('Valido fino al'),
  revocato: col('Revocato il'),
  destinatariEnti: lookup('Destinatari enti'),
  tipiDestinatari: col('Tipi di destinatari'),
  finalita: col('Finalità'),
  categorie: col('Categorie di dati'),
  modulo: lookup('Modulo firmato'),
} as const;

/** The lookup from every child list to its case. */
export const CASO = lookup('Caso');

/** The lists, by their titles (the `lists` setting renames them), and the item types SharePoint gives their items. */
export const LISTS = {
  casi: { title: 'Casi', type: 'SP.Data.CasiListItem' },
  statuti: { title: 'Statuti', type: 'SP.Data.StatutiListItem' },
  valutazioni: { title: 'Valutazioni', type: 'SP.Data.ValutazioniListItem' },
  misure: { title: 'Misure di integrazione', type: 'SP.Data.MisureIntegrazioneListItem' },
  diario: { title: 'Diario', type: 'SP.Data.DiarioListItem' },
  documenti: { title: 'Documenti', type: 'SP.Data.DocumentiItem' },
  consensi: { title: 'Consensi', type: 'SP.Data.ConsensiListItem' },
} as const;

export type ListKey = keyof typeof LISTS;

/** Child ids are `<prefix>-<Id>` (FORMAT.md quirk 11). */
export const PREFIX = { valutazioni: 'VAL', misure: 'MIS', diario: 'DIA', documenti: 'DOC', consensi: 'CON', piano: 'PIANO' } as const;
