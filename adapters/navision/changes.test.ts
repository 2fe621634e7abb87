import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { diffRecords, type CaseRecord, type RecordStamp } from '../../src/adapters/sdk.js';
import { changeEventId } from './changes.js';
import { adapter } from './index.js';
import { cardIn, inputsOf, listOf, sampleBodies, TEST_CONTEXT, type Body } from './testing.js';
import { toContract } from './to-contract.js';
import { snapshotOf } from '../../src/adapters/testing.js';

// Snapshot events (FORMAT.md "Poll"): the record now against the last snapshot, with event
// ids of `navision:<No>:<Derniere_Modif_Dossier>:<type>`.

/** UUID v5 written out, to check the recipe independently of the SDK. */
function uuidV5(name: string): string {
  const ns = Buffer.from('6f1c9a525b0e4c439d3e3a1f0e2b7c11', 'hex');
  const hash = createHash('sha1').update(Buffer.concat([ns, Buffer.from(name, 'utf8')])).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function snapshot(b: readonly Body[]): { record: CaseRecord; stamp: RecordStamp } {
  const result = toContract(inputsOf(b), TEST_CONTEXT);
  expect(result.rejections).toEqual([]);
  return snapshotOf(result);
}

const LATER = '2025-02-14T10:02:00.000Z';

describe('Navision snapshot events', () => {
  it('a new current status is exactly one case.status-changed, with the FORMAT’s event id', () => {
    const before = snapshot(sampleBodies('rich'));
    const b = sampleBodies('rich');
    const card = cardIn(b, 'BEN-003902');
    const statuses = listOf(card, 'BeneficiaireStatuts');
    statuses[1]!.Date_Fin = '2025-02-13';
    statuses.push({ Beneficiaire_No: 'BEN-003902', Entry_No: 4, Code_Statut: 'BR', Date_Debut: '2025-02-14', Date_Fin: '0001-01-01' });
    card.Derniere_Modif_Dossier = LATER;
    const now = snapshot(b);

    const changes = diffRecords(before.record, now.record);
    expect(changes).toEqual([{ type: 'case.status-changed', from: 'F-refugee', to: 'B-refugee', effectiveDate: '2025-02-14' }]);
    expect(now.stamp).toEqual({ version: LATER, occurredAt: '2025-02-14T11:02:00+01:00' });
    const id = adapter.mapper.changeEventId!(now.record, changes[0]!, now.stamp);
    expect(id).toBe(uuidV5(`navision:BEN-003902:${LATER}:case.status-changed`));
  });

  it('a new phase and institution are one event each; anything else is one case.updated', () => {
    const before = snapshot(sampleBodies('rich'));
    const b = sampleBodies('rich');
    Object.assign(cardIn(b, 'BEN-003902'), { Phase: 'Aide_x0020_sociale', Institution_Code: 'SSR-GRUYERE', Responsable_Depuis: '2025-02-14', Derniere_Modif_Dossier: LATER });
    expect(diffRecords(before.record, snapshot(b).record).map((c) => [c.type, c.to, c.effectiveDate])).toEqual([
      ['case.phase-changed', 'regular', '2025-02-14'],
      ['case.institution-changed', 'fr-ssr-gruyere', '2025-02-14'],
    ]);
    const c = sampleBodies('rich');
    cardIn(c, 'BEN-003902').Commune = 'Bulle FR';
    expect(diffRecords(before.record, snapshot(c).record).map((x) => x.type)).toEqual(['case.updated']);
  });

  it('the same version read again gives the same ids: a restarted poll repeats nothing', () => {
    const first = snapshot(sampleBodies('rich'));
    const again = snapshot(sampleBodies('rich'));
    const change = { type: 'case.updated' as const };
    expect(changeEventId(again.record, change, again.stamp)).toBe(changeEventId(first.record, change, first.stamp));
    expect(changeEventId(first.record, change, first.stamp)).toBe(uuidV5('navision:BEN-003902:2025-02-11T15:40:02.117Z:case.updated'));
  });

  it('two consents granted in one version are two events', () => {
    const { record, stamp } = snapshot(sampleBodies('rich'));
    const a = changeEventId(record, { type: 'consent.granted', consentId: 'AUT-1' }, stamp);
    const b = changeEventId(record, { type: 'consent.granted', consentId: 'AUT-2' }, stamp);
    expect(a).not.toBe(b);
    expect(a).toBe(uuidV5('navision:BEN-003902:2025-02-11T15:40:02.117Z:consent.granted:AUT-1'));
  });
});
