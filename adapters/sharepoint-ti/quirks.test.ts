import { describe, expect, it } from 'vitest';
import { decodeODataName, eventIdFor, isInternalNameOf } from '../../src/adapters/sdk.js';
import { changeEventId } from './changes.js';
import { CASI, CASO, CONSENSI, DOCUMENTI, MISURE, VALUTAZIONI } from './columns.js';
import { anyOfIds, caseIds, nextPageOf } from './inputs.js';
import { toContract } from './to-contract.js';
import { bodies, ctx, row, type Json } from './test-inputs.js';
import { asJson, jsonInputs, recordsOf } from '../../src/adapters/testing.js';

const map = (...sets: Map<string, Json>[]) => toContract(jsonInputs(...sets), ctx);
const only = (set: Map<string, Json>) => recordsOf(map(set));

describe('SharePoint-TI internal names (quirk 1)', () => {
  it('builds the internal names of FORMAT.md from the display names, cut at 32 characters', () => {
    expect([CASI.arrivo, CASI.decisioneAsilo, CASI.avs, CASI.nazionalita, CASI.ente, CASI.pianoValidato, CASO]).toEqual([
      'Data_x0020_di_x0020_arrivo_x0020',
      'Data_x0020_decisione_x0020_asilo',
      'N_x002e__x0020_AVS',
      'Nazionalit_x00e0_',
      'Ente_x0020_competenteId',
      'Piano_x0020_validato_x0020_daId',
      'CasoId',
    ]);
    expect([VALUTAZIONI.limitazioni, VALUTAZIONI.capacita, DOCUMENTI.impronta, MISURE.fornitoreEnte, CONSENSI.finalita, CONSENSI.modulo]).toEqual([
      'Limitazioni_x0020_di_x0020_salut',
      'Capacit_x00e0__x0020_lavorativa',
      'Impronta_x0020_SHA_x002d_256',
      'Fornitore_x0020_enteId',
      'Finalit_x00e0_',
      'Modulo_x0020_firmatoId',
    ]);
    expect(isInternalNameOf(CASI.arrivo, 'Data di arrivo in Svizzera')).toBe(true);
    expect(decodeODataName(CASI.nazionalita)).toBe('Nazionalità');
  });

  it('recognises items by __metadata.type, and by their columns when the type is another', () => {
    const rich = bodies('rich');
    delete row(rich, 'rich.statuti.json', 0).__metadata;
    asJson(row(rich, 'rich.diario.json', 0).__metadata).type = 'SP.Data.Diario2ListItem';
    const [record] = only(rich);
    expect(record!.residence.statusHistory).toHaveLength(3);
    expect(record!.journal).toHaveLength(4);
  });
});

describe('SharePoint-TI quirks (FORMAT.md "Encoding and quirks")', () => {
  it('reads date columns as the Zurich date of a UTC instant, in winter and summer time', () => {
    const [record] = only(bodies('rich'));
    expect(record!.person.dateOfBirth).toBe('1998-04-21'); // 1998-04-20T22:00:00Z
    expect(record!.person.arrivalDate).toBe('2022-01-24'); // 2022-01-23T23:00:00Z
  });

  it('takes the real instant of Data e ora', () => {
    expect(only(bodies('rich'))[0]!.journal![0]!.at).toBe('2024-04-12T15:30:00+02:00');
  });

  it('reads File/Length as a string number', () => {
    expect(only(bodies('rich'))[0]!.documents!.map((d) => d.size)).toEqual([58112, 167340, 92105, 51930, 29204]);
  });

  it('maps a fill-in Statuto and a removed measure type to other with the text as nativeCode', () => {
    const [, , yogarajah] = only(bodies('edge'));
    expect(yogarajah!.residence.statusHistory.at(-1)).toEqual({ status: 'other', nativeCode: 'Permesso Ci (in attesa)', from: '2025-01-01' });
    expect(yogarajah!.integrationPlan!.measures![0]).toMatchObject({ type: 'other', nativeCode: 'Corso di cucito' });
  });

  it('maps Altro to other without nativeCode, and keeps the type’s nativeCode when type and funding fall back', () => {
    const edge = bodies('edge');
    const measure = row(edge, 'edge.page2.misure.json', 0);
    measure.Finanziamento = 'Fondazione';
    expect(only(edge)[2]!.integrationPlan!.measures![0]).toMatchObject({ type: 'other', nativeCode: 'Corso di cucito', financedBy: 'other' });
    measure.Tipo_x0020_di_x0020_misura = 'Altro';
    expect(only(edge)[2]!.integrationPlan!.measures![0]).toMatchObject({ type: 'other', nativeCode: 'Fondazione' });
    measure.Finanziamento = 'Altro';
    expect(only(edge)[2]!.integrationPlan!.measures![0]!.nativeCode).toBeUndefined();
  });

  it('reads percentage columns as fractions', () => {
    const [dilan] = only(bodies('edge'));
    expect(dilan!.employment).toEqual({ situation: 'employed', since: '2024-11-01', workloadPercent: 60 });
    expect(only(bodies('rich'))[0]!.potentialAssessments![0]!.health).toEqual({ workCapacityPercent: 100 });
    const rich = bodies('rich');
    row(rich, 'rich.valutazioni.json', 0)[VALUTAZIONI.capacita] = 0.555;
    expect(map(rich).rejections[0]?.error.details).toMatchObject({ field: 'potentialAssessments[0].health.workCapacityPercent' });
  });

  it('reads Comune di domicilio as name and BFS number', () => {
    expect(only(bodies('edge')).map((r) => r.person.municipality)).toEqual([
      { bfsNumber: 5113, name: 'Locarno' },
      { bfsNumber: 5192, name: 'Lugano' },
      { bfsNumber: 5254, name: 'Mendrisio' },
    ]);
  });

  it('falls back to Anno di nascita, or Anno and Mese, without Data di nascita', () => {
    expect(only(bodies('edge')).map((r) => r.person.dateOfBirth)).toEqual(['1998', '1985-12-12', '2000-06']);
    const edge = bodies('edge');
    Object.assign(row(edge, 'edge.page1.casi.json', 0), { [CASI.annoNascita]: null, [CASI.meseNascita]: 4 });
    expect(map(edge).rejections[0]).toMatchObject({ nativeId: '502', error: { code: 'mapping.required', details: { field: 'person.dateOfBirth' } } });
  });

  it('gives the operator as sp-user-<id> and child ids with their prefixes', () => {
    const [record] = only(bodies('rich'));
    expect(record!.responsibility.caseManagerId).toBe('sp-user-27');
    expect(record!.potentialAssessments!.map((a) => a.id)).toEqual(['VAL-77', 'VAL-164']);
    expect(record!.integrationPlan!.id).toBe('PIANO-418');
    expect(record!.integrationPlan!.measures![0]).toMatchObject({ id: 'MIS-120', documentIds: ['DOC-311'] });
    expect(record!.journal![0]!.id).toBe('DIA-905');
    expect(record!.consents!.map((c) => [c.id, c.documentId])).toEqual([
      ['CON-58', 'DOC-205'],
      ['CON-96', undefined],
      ['CON-131', 'DOC-388'],
    ]);
  });

  it('maps File Type to a media type, any other to application/octet-stream', () => {
    const rich = bodies('rich');
    row(rich, 'rich.documenti.json', 0)[DOCUMENTI.fileType] = 'tif';
    row(rich, 'rich.documenti.json', 1)[DOCUMENTI.fileType] = 'PNG';
    expect(only(rich)[0]!.documents!.map((d) => d.mediaType).slice(0, 2)).toEqual(['application/octet-stream', 'image/png']);
  });

  it('orders statuses by Dal and the journal by Data e ora, whatever the item order', () => {
    const rich = bodies('rich');
    const statuti = asJson(rich.get('rich.statuti.json')!.d);
    statuti.results = [...(statuti.results as Json[])].reverse();
    const diario = asJson(rich.get('rich.diario.json')!.d);
    diario.results = [...(diario.results as Json[])].reverse();
    const [record] = only(rich);
    expect(record!.residence.statusHistory.map((s) => s.status)).toEqual(['N', 'F', 'F-refugee']);
    expect(record!.journal!.map((j) => j.id)).toEqual(['DIA-905', 'DIA-963', 'DIA-1011', 'DIA-1042']);
  });

  it('has no plan without Versione piano', () => {
    expect(only(bodies('edge'))[0]!.integrationPlan).toBeUndefined();
  });
});

describe('SharePoint-TI polling', () => {
  it('follows __next as is and names the page’s cases for the child queries', () => {
    const edge = bodies('edge');
    expect(nextPageOf(edge.get('edge.page1.casi.json'))).toContain('%24skiptoken=Paged%3dTRUE%26p_ID%3d660');
    expect(nextPageOf(edge.get('edge.page2.casi.json'))).toBeUndefined();
    expect(caseIds(edge.get('edge.page1.casi.json'))).toEqual([502, 660]);
    expect(anyOfIds(CASO, [502, 660])).toBe('CasoId eq 502 or CasoId eq 660');
  });

  it('stamps each case with Id and etag at Modified, and derives event ids from them', () => {
    const { records, stamps } = map(bodies('rich'));
    expect(stamps).toEqual([{ version: '418:"41"', occurredAt: '2025-02-11T17:20:31+01:00' }]);
    expect(changeEventId(records[0]!, { type: 'case.status-changed' }, stamps![0]!)).toBe(eventIdFor('sharepoint-ti', '418', '"41"', 'case.status-changed'));
  });
});
