import { describe, expect, it } from 'vitest';
import { eventIdFor } from '../../src/adapters/sdk.js';
import { changeEventId } from './changes.js';
import { fixture, type Body } from './test-support.js';
import { SAMPLE_CONTEXT } from './testing.js';
import { toContract } from './to-contract.js';
import { edited, getPath, jsonInput, polledChanges, setPath } from '../../src/adapters/testing.js';

const ctx = { ...SAMPLE_CONTEXT, now: () => new Date('2024-03-15T06:00:00Z') };
/** The rich page after an edit of its person. */
const read = (edit: (person: Body) => void) => toContract([jsonInput('p', edited(fixture('rich.page1.json'), (page) => edit((page.personnes as Body[])[0]!)))], ctx);

describe('Lora changes (snapshot comparison)', () => {
  it('gives a phase change and a new autorisation their own stable event ids', () => {
    const { changes, ids, stamp } = polledChanges(read, changeEventId, (p) => {
      p.modifieLe = '2024-03-15 07:30:00';
      setPath(p, 'modules.ENCADREMENT.etape', 'REGULIER');
      const autorisations = getPath(p, 'modules.AUTORISATIONS.autorisations') as unknown[];
      autorisations.push({ id: 70, portee: 'GENERALE', signee: '2024-03-15', destinataires: ['orp'], finalites: ['PLACEMENT'], categories: ['identity'] });
    });
    expect(changes.map((c) => c.type)).toEqual(['case.phase-changed', 'consent.granted']);
    expect(stamp).toEqual({ version: '2024-03-15 07:30:00', occurredAt: '2024-03-15T07:30:00+01:00' });
    expect(ids).toEqual([eventIdFor('lora', '20345', '2024-03-15 07:30:00', 'case.phase-changed'), eventIdFor('lora', '20345', '2024-03-15 07:30:00', 'consent.granted', '70')]);
  });
});
