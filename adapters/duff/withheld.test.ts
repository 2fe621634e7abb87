import path from 'node:path';
import type { ConnectionSettings } from '../../src/adapters/sdk.js';
import { describeWithheld } from '../../src/adapters/testing.js';
import { RICH, SAMPLE_CONTEXT } from './testing.js';
import { connect } from './transport.js';

// A delivered record lacks every category the policy withheld (policies/categories.yaml),
// even parts the contract requires of a source. DuFF leaves out what is unknown (quirk 1:
// omitted, never null), but requires `person` (name, vorname, geschlecht, geburtsdatum),
// `aufenthalt`, `zustaendigkeit`, an assessment's `ausrichtung` and a measure's `art`,
// `titel`, `status` (FORMAT.md "Native structure": no `?`): without them the write fails
// before anything is sent, naming the contract path and DuFF's field.

const transport: ConnectionSettings = { ...SAMPLE_CONTEXT, now: () => new Date('2025-02-14T05:30:00Z'), env: { DUFF_API_KEY: 'duff-k3y-geheim' } };

describeWithheld('contract → DuFF: a record without what the policy withheld', {
  sample: RICH, written: (r) => RICH.bodies(r)[0]!.dossier, absence: 'omitted',
  expected: path.resolve(import.meta.dirname, 'withheld.yaml'),
  delivery: { deliver: (request) => connect(transport).deliver(request), parties: { transferId: '5d0c7a1e-3b2f-4c8d-9e6a-7f1b2c3d4e60', sender: 'ag-mika', target: 'ag-iv-sva' } },
});
