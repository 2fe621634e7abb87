import { expect } from 'vitest';
import type { TestGateway } from '../support/gateway.js';

/** The queue view answers `ops` and refuses every other caller: JSON, page and sign-in alike. */
export async function refusesAllButOps(t: TestGateway, url: string): Promise<void> {
  expect((await t.request('GET', url)).status).toBe(401);
  for (const [institution, role] of [['be-asi', 'source-system'], ['be-koeniz', 'receiver'], ['be-dpo', 'dpo']] as const) {
    const token = await t.token(institution, [role]);
    const response = await t.request('GET', url, { token });
    expect(response.status, `${role} on ${url}`).toBe(403);
    expect(await response.text()).not.toContain('"transferId"');
  }
}
