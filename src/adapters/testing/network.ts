import nock from 'nock';
import { afterEach, beforeEach, expect } from 'vitest';

// The tests of a transport talk to nock scopes only: no request leaves the machine, and no
// scope outlives its test.

export interface MockedNetworkOptions {
  /** After each test, also assert that it consumed every scope it set up (a token endpoint's included). */
  everyScopeUsed?: boolean;
}

/** In the enclosing `describe` (or file): the real network off for each test, the scopes cleared after it. */
export function mockedNetwork(options: MockedNetworkOptions = {}): void {
  beforeEach(() => {
    nock.disableNetConnect();
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    nock.enableNetConnect();
    if (options.everyScopeUsed) expect(pending, 'scopes the test set up and did not use').toEqual([]);
  });
}
