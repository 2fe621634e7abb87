import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/adapters/sdk.js';
import { entitySetOf, joinPage, pageOf, subQueryFilter } from './bodies.js';
import { inputsOf, sampleBodies, TEST_CONTEXT, type Body } from './testing.js';
import { toContract } from './to-contract.js';

const ids = (b: readonly Body[]) => {
  const result = toContract(inputsOf(b), TEST_CONTEXT);
  expect(result.rejections).toEqual([]);
  return result.records;
};

describe('Navision bodies: recognised by what they hold, joined by Beneficiaire_No', () => {
  it('names the entity set of each body from @odata.context', () => {
    const sets = [...sampleBodies('rich'), ...sampleBodies('edge')].map((b) => entitySetOf(b.json));
    expect(sets.slice(0, 6)).toEqual(['Beneficiaires', 'Bilans_Potentiel', 'Mesures_Integration', 'Notes_Beneficiaire', 'Documents_Beneficiaire', 'Autorisations']);
    expect(sets.filter((s) => s === 'Beneficiaires')).toHaveLength(3);
    expect(entitySetOf({ '@odata.context': "$metadata#Company('X')/Beneficiaires(BeneficiaireStatuts(),BeneficiaireResponsabilites())/$entity" })).toBe('Beneficiaires');
  });

  it('recognises a body without @odata.context by its fields; an empty one holds nothing', () => {
    expect(entitySetOf({ value: [{ No: 'N', Beneficiaire_No: 'B', Hash_SHA256: '' }] })).toBe('Documents_Beneficiaire');
    expect(entitySetOf({ value: [] })).toBeUndefined();
  });

  it('refuses a body of another entity set, or one that is not JSON, naming the input only', () => {
    expect(() => entitySetOf({ '@odata.context': '$metadata#Company(\'X\')/Customers' }, 'page.json')).toThrow(InputError);
    expect(() => toContract([{ name: 'page.json', content: new TextEncoder().encode('<html>') }], TEST_CONTEXT)).toThrow(/page\.json: not an OData JSON body/);
  });

  it('maps the same records whatever the order of the bodies (cards keep the order they came in)', () => {
    const edge = sampleBodies('edge');
    const [a, b, c] = ids(edge);
    const shuffled = [edge[6]!, ...edge.slice(7).reverse(), ...edge.slice(0, 6).reverse()];
    expect(ids(shuffled)).toEqual([c, a, b]);
  });

  it('keeps a beneficiary or sub-row served twice once (a retried query)', () => {
    const rich = sampleBodies('rich');
    const records = ids([...rich, ...rich.slice(1)]);
    expect(records).toHaveLength(1);
    expect(records).toEqual(ids(rich));
  });

  it('leaves out sub-rows of beneficiaries the input does not hold', () => {
    const edge = sampleBodies('edge').slice(6);
    const withStray = [...edge, sampleBodies('rich')[3]!];
    expect(ids(withStray)).toEqual(ids(edge));
  });

  it('joinPage joins one page with its five sub-query bodies', () => {
    const edge = sampleBodies('edge').map((b) => b.json);
    const joined = joinPage(edge[0], edge.slice(1, 6));
    expect(joined.map((b) => [b.card.No, b.subs.Mesures_Integration.length, b.subs.Notes_Beneficiaire.length])).toEqual([
      ['BEN-001455', 0, 1],
      ['BEN-004401', 2, 0],
    ]);
  });

  it('pageOf gives the rows and the @odata.nextLink to follow as is', () => {
    const [page1, , , , , , page2] = sampleBodies('edge');
    expect(pageOf(page1!.json).nextLink).toBe(
      "https://nav.ors-fr.example:7048/DynamicsNAV110/ODataV4/Company('ORS%20Fribourg')/Beneficiaires?$filter=Derniere_Modif_Dossier%20gt%202025-02-12T00:00:00Z&$expand=BeneficiaireStatuts,BeneficiaireResponsabilites&$orderby=No&$skiptoken='BEN-004401'",
    );
    expect(pageOf(page2!.json)).toEqual({ beneficiaires: (page2!.json.value as unknown[]) });
  });

  it('subQueryFilter joins a page’s beneficiaries with or, as the samples request', () => {
    expect(subQueryFilter(['BEN-001455', 'BEN-004401'])).toBe("Beneficiaire_No eq 'BEN-001455' or Beneficiaire_No eq 'BEN-004401'");
    expect(subQueryFilter(["O'X"])).toBe("Beneficiaire_No eq 'O''X'");
  });
});
