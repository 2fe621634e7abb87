import { ConfigError } from '../../src/adapters/sdk.js';

/** An NFAM Case as it arrives: every property present, unknown is null (FORMAT quirk 1). */
export type NfamCase = Record<string, unknown>;

/** NFAM organisation ids → registry institution ids, from the institution's settings. */
export function organisationMap(settings: Readonly<Record<string, unknown>>): Record<string, string> {
  const map = settings.organisations;
  if (map === undefined) return {};
  if (map === null || typeof map !== 'object' || Object.values(map).some((v) => typeof v !== 'string')) {
    throw new ConfigError('nfam.settings-invalid', 'settings.organisations must map NFAM organisation ids to institution ids', {
      field: 'settings.organisations',
    });
  }
  return map as Record<string, string>;
}

export function reverseOrganisationMap(settings: Readonly<Record<string, unknown>>): Record<string, string> {
  return Object.fromEntries(Object.entries(organisationMap(settings)).map(([org, institution]) => [institution, org]));
}
