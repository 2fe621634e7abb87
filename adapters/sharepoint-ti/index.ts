import type { Adapter } from '../../src/adapters/sdk.js';
import { changeEventId } from './changes.js';
import { fromContract } from './from-contract.js';
import { SETTINGS_SCHEMA } from './settings.js';
import { toContract } from './to-contract.js';
import { connect } from './transport.js';

/** SharePoint lists of the Swiss Red Cross and SOS Ticino: SharePoint REST, verbose OData, Italian. */
export const adapter: Adapter = {
  id: 'sharepoint-ti', title: 'SharePoint lists (canton of Ticino): SharePoint REST, verbose OData, Italian choices',
  capabilities: { read: true, listChanges: true, deliver: true, webhook: false, cannotCarry: [
      'residence.asylumApplicationDate',
      'responsibility.history',
      'integrationPlan.goals',
      'potentialAssessments.languageSkills.certificateDocumentId',
      'potentialAssessments.workExperience.iscoCode',
      'potentialAssessments.workExperience.country',
      'potentialAssessments.education.recognisedInSwitzerland',
    ] },
  mapper: { toContract, fromContract, changeEventId },
  connect,
  settingsSchema: SETTINGS_SCHEMA,
};
