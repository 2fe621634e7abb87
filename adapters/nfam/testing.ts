/** The sample configuration of NFAM's FORMAT.md: the source as the samples expect it. */
export const SAMPLE_ORGANISATIONS: Record<string, string> = {
  'ORG-0001': 'be-asi',
  'ORG-0900': 'sem-baz-bern',
  'ORG-1101': 'be-ku-bern-nord',
  'ORG-1102': 'be-ku-thun-allmend',
  'ORG-2001': 'be-region-bern-stadt',
  'ORG-2002': 'be-region-mittelland',
  'ORG-2003': 'be-region-emmental-oberaargau',
  'ORG-2004': 'be-region-oberland',
  'ORG-2005': 'be-region-seeland-jura-bernois',
  'ORG-3355': 'be-sd-koeniz',
  'ORG-4001': 'be-iv-bern',
  'ORG-7010': 'be-provider-sprachschule-aare',
  'ORG-7011': 'be-provider-bfs-bern',
  'ORG-7012': 'be-provider-werkstatt-worb',
};

export const SAMPLE_CONTEXT = { institutionId: 'be-asi', canton: 'BE', settings: { organisations: SAMPLE_ORGANISATIONS } };
