import { OrganisationMap, type MapContext } from '../../src/adapters/sdk.js';

/** What the mapping reads of an institution's settings (README "Settings"). */
export interface CaseNetSettings {
  /** CaseNet institution codes (`OAI-FR`) → registry institution ids. */
  organisations: OrganisationMap;
}

export function settingsOf(ctx: Pick<MapContext, 'settings'>): CaseNetSettings {
  return { organisations: OrganisationMap.fromSettings(ctx.settings) };
}
