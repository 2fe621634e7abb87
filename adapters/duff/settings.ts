import { OrganisationMap, type MapContext } from '../../src/adapters/sdk.js';

/** What the mapping reads of an institution's settings (README "Settings"). */
export interface DuffSettings {
  /** DuFF organisation codes (`GEM-4021-SD`) → registry institution ids. */
  organisations: OrganisationMap;
}

export function settingsOf(ctx: Pick<MapContext, 'settings'>): DuffSettings {
  return { organisations: OrganisationMap.fromSettings(ctx.settings) };
}
