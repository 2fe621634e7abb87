import { describe, expect, it } from 'vitest';
import { eventIdFor } from '../../src/adapters/sdk.js';
import { changeEventId } from './changes.js';
import { fixture, type Body } from './test-support.js';
import { SAMPLE_CONTEXT } from './testing.js';
import { toContract } from './to-contract.js';
import { edited, jsonInput, polledChanges, setPath } from '../../src/adapters/testing.js';

const ctx = { ...SAMPLE_CONTEXT, now: () => new Date('2024-03-15T08:00:00Z') };
const read = (edit: (dossier: Body) => void) => toContract([jsonInput('d', edited(fixture('rich.dossier.json'), edit)), jsonInput('j', fixture('rich.journal.page1.json')), jsonInput('x', fixture('rich.documents.json'))], ctx);

describe('CaseNet changes found by polling (the fallback to webhooks)', () => {
  it('give each change of a new version its own stable event id', () => {
    const { changes, ids } = polledChanges(read, changeEventId, (d) => {
      setPath(d, 'version', 13);
      setPath(d, 'pilotage.institutionPilote', 'ORP-SARINE');
      setPath(d, 'procurations[2].revoqueeLe', '2019-01-15');
      setPath(d, 'procurations[0].revoqueeLe', '2024-03-14');
    });
    expect(changes.map((c) => c.type)).toEqual(['case.institution-changed', 'consent.revoked']);
    expect(ids).toEqual([eventIdFor('casenet', 'CII-2022-0153', '13', 'case.institution-changed'), eventIdFor('casenet', 'CII-2022-0153', '13', 'consent.revoked', 'PROC-31')]);
  });
});
