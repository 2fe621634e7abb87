import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/adapters/sdk.js';
import { adapter } from './index.js';
import { fieldNamedIn } from './receipts.js';
import { ctx } from './test-kit.js';
import { expectMatchesOnly } from '../../src/adapters/testing.js';

// Hand-written answers as FORMAT.md shows them.
const reader = adapter.receipts!;
const answer = (xml: string, name = 'UA_IMPORT_tr-9b.accuse.xml') => ({ name, content: new TextEncoder().encode(`\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n${xml}`) });
const EXT = 'ecc1f364-acf9-56fa-83d3-76c04868e123';

describe('KiSS accusé de réception', () => {
  it('matches the answer files only', () => {
    expectMatchesOnly(reader, ['UA_IMPORT_tr-9b.accuse.xml', 'import/sortant/UA_IMPORT_tr-9b.accuse.xml'], ['UA_IMPORT_tr-9b.xml', 'UA_260112_20260302101405.xml']);
  });

  it('reads statut="accepte" as the receipt, with the UA and person numbers KiSS gave', () => {
    const [receipt] = reader.parse(answer(`<accuseReception statut="accepte" noUA="260177"><membre idExterne="${EXT}" noPersonne="51002"/></accuseReception>`), ctx);
    expect(receipt).toEqual({ transferId: 'tr-9b', outcome: 'accepted', status: 'accepte', reference: '260177', details: { [EXT]: '51002' } });
  });

  it('reads statut="refuse" as a permanent failure naming the field the motif names, without keeping the motif', () => {
    const [receipt] = reader.parse(answer('<accuseReception statut="refuse"><motif>noAVS 756.6400.2118.71 déjà attribué à Khalil Omar</motif></accuseReception>'), ctx);
    expect(receipt).toEqual({ transferId: 'tr-9b', outcome: 'rejected', status: 'refuse', nativeField: 'noAVS', details: {} });
    expect(JSON.stringify(receipt)).not.toMatch(/Khalil|756/);
  });

  it('names no field when the motif names none or several, or uses field names as French words', () => {
    expect(fieldNamedIn('Le service des migrations connaît le statut et le sexe du gestionnaire')).toBeUndefined();
    expect(fieldNamedIn('dateNaissance et noAVS incohérents')).toBeUndefined();
    expect(fieldNamedIn('prénom manquant')).toBeUndefined();
    expect(fieldNamedIn('@prenom manquant; prenom obligatoire')).toBe('prenom');
    const [receipt] = reader.parse(answer('<accuseReception statut="refuse"><motif>Import suspendu, réessayer plus tard</motif></accuseReception>'), ctx);
    expect(receipt).toEqual({ transferId: 'tr-9b', outcome: 'rejected', status: 'refuse', details: {} });
  });

  it('refuses an answer it cannot read, naming the file', () => {
    expect(() => reader.parse(answer('<accuseReception statut="peut-etre"/>'), ctx)).toThrow(InputError);
    expect(() => reader.parse(answer('<accuseReception statut="accepte"/>', 'accuse.xml'), ctx)).toThrow(/UA_IMPORT_/);
  });
});
