import type { MapContext, OrganisationMap } from '../../src/adapters/sdk.js';
import { CASO } from './columns.js';
import type { SpBodies } from './inputs.js';
import type { Json } from './values.js';

export interface Site {
  bodies: SpBodies;
  enti: OrganisationMap;
  ctx: MapContext;
}

/** The items of a child list that belong to the case. */
export const childrenOf = (list: readonly Json[], id: number): Json[] => list.filter((c) => c[CASO] === id);

export const numberOrText = (value: unknown): number | string | undefined => (typeof value === 'number' || typeof value === 'string' ? value : undefined);
