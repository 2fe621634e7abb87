import { describe, expect, it } from 'vitest';
import { MappingError, type CaseRecord } from '../../src/adapters/sdk.js';
import { CASI, CASO, CONSENSI, MISURE } from './columns.js';
import { fromContract } from './from-contract.js';
import type { DeliveryDocument } from './inputs.js';
import { toContract } from './to-contract.js';
import { bodies, ctx } from './test-inputs.js';
import { jsonInputs, thrown } from '../../src/adapters/testing.js';

const records = (sample: string): CaseRecord[] => toContract(jsonInputs(bodies(sample)), ctx).records;
const documentOf = (record: CaseRecord): DeliveryDocument => JSON.parse(new TextDecoder().decode(fromContract([record], ctx)[0]!.content)) as DeliveryDocument;
const refusal = (record: CaseRecord): MappingError => thrown(MappingError, () => fromContract([record], ctx));
const foreign = (record: CaseRecord): CaseRecord => {
  const copy = structuredClone(record);
  copy.source = { ...copy.source, system: 'nfam', localPersonId: 'P-1', localCaseId: 'NFAM-2024-1' };
  return copy;
};

describe('contract → SharePoint-TI items', () => {
  it('writes item bodies with __metadata.type, the ids of items that exist, and CasoId', () => {
    const doc = documentOf(records('rich')[0]!);
    expect(doc.casi.Id).toBe(418);
    expect(doc.casi.item).toMatchObject({ __metadata: { type: 'SP.Data.CasiListItem' }, [CASI.ente]: 2, [CASI.operatore]: 27, [CASI.comune]: 'Bellinzona (5002)' });
    expect(doc.misure![0]).toMatchObject({ Id: 120, item: { __metadata: { type: 'SP.Data.MisureIntegrazioneListItem' }, [CASO]: 418, [MISURE.documenti]: { results: [311] } } });
    expect(doc.documenti![0]).toMatchObject({ Id: 205, file: { Name: 'TI-CRS-2022-0418_DOC-205.pdf', Length: '58112' } });
    expect(doc.consensi![0]!.item[CONSENSI.modulo]).toBe(205);
    expect(doc.statuti!.map((s) => s.Id)).toEqual([undefined, undefined, undefined]);
  });

  it('writes cantonal as Prima accoglienza (CRS), fractions for percentages, rich text for notes', () => {
    const doc = documentOf(records('rich')[0]!);
    expect(doc.casi.item[CASI.fase]).toBe('Prima accoglienza (CRS)');
    const dilan = documentOf(records('edge')[0]!);
    expect(dilan.casi.item[CASI.grado]).toBe(0.6);
    expect(doc.misure![1]!.item[MISURE.osservazioni]).toBe('<div class="ExternalClass"><p>Buona manualità.</p><p>Da migliorare: lettura dei disegni tecnici.</p></div>');
  });

  it('writes a partial birth date in Anno and Mese, clearing Data di nascita', () => {
    const yogarajah = documentOf(records('edge')[2]!);
    expect(yogarajah.casi.item).toMatchObject({ [CASI.dataNascita]: null, [CASI.annoNascita]: 2000, [CASI.meseNascita]: 6 });
  });

  it('writes another system’s record as new items, documents referenced by position, nativeCodes as Altro', () => {
    const record = foreign(records('rich')[0]!);
    record.integrationPlan!.measures![2] = { ...record.integrationPlan!.measures![2]!, type: 'other', nativeCode: 'AKTIV-PLUS' };
    const doc = documentOf(record);
    expect(doc.casi.Id).toBeUndefined();
    expect(doc.casi.item).not.toHaveProperty(CASI.operatore);
    expect(doc.misure![0]).not.toHaveProperty('Id');
    expect(doc.misure![0]!.item).not.toHaveProperty(CASO);
    expect(doc.misure![0]!.item[MISURE.documenti]).toEqual({ __metadata: { type: 'Collection(Edm.Int32)' }, results: [-2] });
    expect(doc.misure![2]!.item[MISURE.tipo]).toBe('Altro');
    expect(doc.consensi![2]!.item[CONSENSI.modulo]).toBe(-4);
  });

  it('leaves unknown values out (a MERGE never clears them) and names the document after the transfer', () => {
    const [input] = fromContract(records('minimal'), ctx, { transferId: 'tr-7', at: new Date() });
    expect(input!.name).toBe('tr-7.json');
    const doc = JSON.parse(new TextDecoder().decode(input!.content)) as DeliveryDocument;
    expect(doc.casi.item).not.toHaveProperty(CASI.avs);
    expect(doc.casi.item).not.toHaveProperty(CASI.situazione);
  });

  it('reads back a delivery document, resolving references to documents by position', () => {
    const doc = documentOf(records('rich')[0]!);
    doc.misure![0]!.item[MISURE.documenti] = { results: [-2] };
    const again = toContract([{ name: 'd.json', content: new TextEncoder().encode(JSON.stringify(doc)) }], ctx);
    expect(again.rejections).toEqual([]);
    expect(again.stamps).toBeUndefined();
    expect(again.records[0]!.integrationPlan!.measures![0]!.documentIds).toEqual(['DOC-311']);
  });

  it('refuses what the lists cannot say, naming the contract path', () => {
    const record = records('rich')[0]!;
    const ente = structuredClone(record);
    ente.responsibility.institutionId = 'be-asi';
    expect(refusal(ente)).toMatchObject({ code: 'mapping.unknown-organisation', details: { field: 'responsibility.institutionId', nativeField: CASI.ente, nativeId: 'TI-CRS-2022-0418' } });
    const country = structuredClone(record);
    country.person.nationality = 'DE';
    expect(refusal(country)).toMatchObject({ code: 'mapping.cannot-carry', details: { field: 'person.nationality' } });
    const media = structuredClone(record);
    media.documents![1]!.mediaType = 'image/tiff';
    expect(refusal(media).details).toMatchObject({ field: 'documents[1].mediaType', nativeField: 'File_x0020_Type' });
    const status = foreign(record);
    status.residence.statusHistory[2] = { status: 'other', nativeCode: '100000009', from: '2024-07-15' };
    expect(refusal(status).details).toMatchObject({ field: 'residence.statusHistory[2].status' });
  });

  it('keeps one language, education and work entry per assessment, oral and written only', () => {
    const record = structuredClone(records('rich')[0]!);
    const a = record.potentialAssessments![1]!;
    a.languageSkills!.push({ language: 'fr', level: 'B1', skill: 'oral', certified: false }, { language: 'it', level: 'C1', skill: 'reading', certified: true });
    a.education!.push({ level: 'tertiary', completed: false });
    const item = documentOf(record).valutazioni![1]!.item;
    expect(item).toMatchObject({ Lingua_x0020_valutata: 'Italiano', Livello_x0020_orale: 'A2', Livello_x0020_scritto: 'A2', Formazione: 'Scuola media' });
  });
});
