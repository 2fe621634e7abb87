import { describe, expect, it } from 'vitest';
import { RECORD_ID_NAMESPACE, recordIdFor } from './ids.js';

describe('recordIdFor', () => {
  it('is the contract record id of the samples', () => {
    expect(recordIdFor('nfam', '936c2b28-9578-5df8-b7cc-24f085b11f9c')).toBe('ae51ce27-ba3b-5707-83d2-3c7c026da3b8');
    expect(recordIdFor('casenet', 'BEN-010377')).toBe('8288f0f3-9402-5f95-b2c6-202c4dc04745');
    expect(recordIdFor('sharepoint-ti', '777')).toBe('ad554527-e8cb-56b8-84d2-f1e06edc4a1c');
  });

  it('is a lower-case UUID v5, stable, and differs by system', () => {
    const id = recordIdFor('klibnet', 'ASYL-41533');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(recordIdFor('klibnet', 'ASYL-41533')).toBe(id);
    expect(recordIdFor('kiss', 'ASYL-41533')).not.toBe(id);
  });

  it('uses the namespace the contract fixes', () => {
    expect(RECORD_ID_NAMESPACE).toBe('6f1c9a52-5b0e-4c43-9d3e-3a1f0e2b7c11');
  });
});
