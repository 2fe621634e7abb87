import type { MapContext, OrganisationMap } from '../../src/adapters/sdk.js';
import type { CentralisBodies } from './inputs.js';
import type { LanguageOptions } from './optionset.js';

/** What mapping one page of answers needs: its bodies and the settings' tables. */
export interface Page {
  bodies: CentralisBodies;
  accounts: OrganisationMap;
  businessUnits: OrganisationMap;
  languages: LanguageOptions;
  ctx: MapContext;
}
