import { contractValues, loadCodeLists } from '../../src/adapters/sdk.js';

// The Italian choice labels of FORMAT.md are data, in codes.yaml: an installation with
// other labels edits that file; each value is checked against the contract at load.

export const {
  SESSO, STATUTO, FASE, PAESE, LINGUA, LIVELLO, FORMAZIONE, ORIENTAMENTO, TIPO_MISURA, STATO, ESITO, FINANZIAMENTO, SITUAZIONE, CATEGORIA, TIPO_DOCUMENTO,
  TIPO_CONSENSO, DESTINATARI, FINALITA, CATEGORIE_DATI,
} = loadCodeLists(new URL('./codes.yaml', import.meta.url), {
  sesso: 'Sex', statuto: 'ResidenceStatus', fase: 'Phase', paese: 'string', lingua: 'string', livello: 'CefrLevel', formazione: 'EducationLevel',
  orientamento: 'Orientation', tipoMisura: 'MeasureType', stato: 'MeasureStatus', esito: 'MeasureOutcome', finanziamento: 'FinancedBy',
  situazione: 'EmploymentSituation', categoria: 'JournalCategory', tipoDocumento: 'DocumentKind', tipoConsenso: 'ConsentKind',
  destinatari: 'InstitutionType', finalita: 'Purpose', categorieDati: 'DataCategory',
});

/** `File_x0020_Type` (the file's extension) → media type; any other extension is `application/octet-stream`. */
export const FILE_TYPE: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  jpg: 'image/jpeg',
  png: 'image/png',
};
export const OCTET_STREAM = 'application/octet-stream';

/** Recipients that are types of institution, not institutions. */
export const INSTITUTION_TYPES = contractValues('InstitutionType');
