import { existsSync } from 'node:fs';
import path from 'node:path';
import nock from 'nock';
import type { CaseRecord, Connection } from '../../src/adapters/sdk.js';
import { describeTransportConformance, wholePoll } from '../../src/adapters/testing.js';
import { adapter } from './index.js';
import { ORIGIN, TEST_ENV, items, results, tokenScope } from './test-transport.js';
import { SAMPLE_CONTEXT } from './testing.js';
import { pollCursorSince } from './transport.js';

const shared = path.resolve(import.meta.dirname, '../../../shared/systems/sharepoint-ti');
const systemDir = existsSync(shared) ? shared : path.resolve(import.meta.dirname, 'fixtures');

const read = (id: string, localCaseId: string) => async (c: Connection): Promise<CaseRecord[]> => [(await c.read({ localCaseId, localPersonId: id })).record];

const token = (): void => {
  tokenScope();
};

/**
 * The child lists polled on `Modified` before the round's first page (FORMAT.md "Poll": a
 * child change leaves `Casi.Modified` as it was). edge.requests.md does not list them; here
 * they answer that no child changed apart from its cases.
 */
const childPolls = (): void => {
  for (const title of ['Statuti', 'Valutazioni', 'Misure di integrazione', 'Diario', 'Documenti', 'Consensi']) {
    nock(ORIGIN)
      .get(items(title))
      .query({ $select: 'CasoId', $filter: "Modified ge datetime'2025-02-12T00:00:00Z'", $orderby: 'Id', $top: '500' })
      .reply(200, results([]));
  }
};

describeTransportConformance(adapter, {
  systemDir,
  settings: { ...SAMPLE_CONTEXT, env: TEST_ENV },
  samples: {
    minimal: { prepare: token, run: read('731', 'TI-CRS-2024-0731') },
    rich: { prepare: token, run: read('418', 'TI-CRS-2022-0418') },
    edge: {
      prepare() {
        token();
        childPolls();
      },
      run: wholePoll(pollCursorSince('2025-02-12T00:00:00Z'), 2),
    },
  },
});
