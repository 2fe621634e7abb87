// Contract path (indices removed) → CM-T column, for faults the contract check finds after
// mapping. A group's slot is not known from the path alone: `N` stands for it.
const NATIVE: Readonly<Record<string, string>> = {
  'source.localCaseId': 'Fall-Nr',
  'source.localPersonId': 'Personen-ID',
  'person.vn': 'AHV-Nr',
  'person.zemisId': 'ZEMIS-Nr',
  'person.officialName': 'Name',
  'person.firstName': 'Vorname',
  'person.sex': 'Geschlecht',
  'person.dateOfBirth': 'Geburtsdatum',
  'person.nationality': 'Nationalität',
  'person.languages': 'Weitere Sprachen',
  'person.municipality': 'Gemeinde',
  'person.arrivalDate': 'Einreise',
  'residence.statusHistory': 'StatusN',
  'residence.asylumDecisionDate': 'Asylentscheid',
  'responsibility.phase': 'Phase',
  'responsibility.institutionId': 'Stelle',
  'responsibility.caseManagerId': 'Fallführung',
  'responsibility.since': 'Zuständig_seit',
  'responsibility.history': 'Vorher_Phase',
  'potentialAssessments': 'AbklN_Datum',
  'potentialAssessments.health.restrictions': 'AbklN_Einschränkungen',
  'potentialAssessments.resources': 'AbklN_Ressourcen',
  'potentialAssessments.obstacles': 'AbklN_Hindernisse',
  'potentialAssessments.goals': 'AbklN_Ziele',
  'potentialAssessments.workExperience.occupation': 'AbklN_Beruf',
  'integrationPlan': 'IP_Datum',
  'integrationPlan.goals.text': 'ZielN',
  'integrationPlan.measures.nativeCode': 'MassnahmeN_Typ',
  'integrationPlan.measures.title': 'MassnahmeN_Titel',
  'integrationPlan.measures.providerName': 'MassnahmeN_Anbieter',
  'integrationPlan.measures.note': 'MassnahmeN_Bemerkung',
  'journal.text': 'JournalN_Text',
  'documents.title': 'DokN_Titel',
  'documents.nativeCode': 'DokN_Art',
  'consents': 'EinwN_Art',
};

/** The column of a contract path the contract check found at fault; the path itself when none is known. */
export function nativeFieldOf(field: string): string {
  const key = field.replace(/\[\d+\]/g, '');
  const parts = key.split('.');
  for (let n = parts.length; n > 0; n -= 1) {
    const found = NATIVE[parts.slice(0, n).join('.')];
    if (found) return found;
  }
  return field;
}
