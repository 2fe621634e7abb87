import { describe, expect, it } from 'vitest';
import { thrown } from '../testing.js';
import { Reject } from './reject.js';
import { documentRefOf } from './shapes.js';

describe('references to documents', () => {
  const where = { field: 'consents[0].documentId', nativeField: 'idDocument' };

  it('take an id of the record’s documents, and nothing', () => {
    expect(documentRefOf('DOC-1', new Set(['DOC-1']), where, 'names no document of the dossier')).toBe('DOC-1');
    expect(documentRefOf(undefined, new Set(), where, 'names no document of the dossier')).toBeUndefined();
  });

  it('refuse another id, naming both places and never the id', () => {
    const e = thrown(Reject, () => documentRefOf('DOC-9', new Set(['DOC-1']), where, 'names no document of the dossier'));
    expect([e.code, e.field, e.nativeField, e.message]).toEqual(['mapping.unknown-document', 'consents[0].documentId', 'idDocument', 'idDocument names no document of the dossier (consents[0].documentId)']);
    expect(e.message).not.toContain('DOC-9');
  });
});
