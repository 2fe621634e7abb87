import { describe, expect, it } from 'vitest';
import { CASI } from './columns.js';
import { toContract } from './to-contract.js';
import { bodies, ctx, row, type Json } from './test-inputs.js';
import { edited, expectRejected, jsonInputs } from '../../src/adapters/testing.js';

const RICH = '418';
const EDGE = ['TI-CRS-2023-0502', 'TI-CRS-2022-0660', 'TI-CRS-2021-0377'];

/** Rich and edge answers together: the rich case is edited, the three edge cases must still map. */
const mapEdited = (edit: (rich: Map<string, Json>) => void) => toContract(jsonInputs(edited(bodies('rich'), edit), bodies('edge')), ctx);

const caso = (b: Map<string, Json>) => row(b, 'rich.caso.json');

type Case = [name: string, edit: (b: Map<string, Json>) => void, code: string, field: string, nativeField: string, bad?: string];

describe('SharePoint-TI → contract, invalid input (FORMAT.md)', () => {
  const cases: Case[] = [
    ['a null Cognome', (b) => (caso(b)[CASI.cognome] = null), 'mapping.required', 'person.officialName', 'Cognome'],
    ['a null Nome', (b) => (caso(b)[CASI.nome] = null), 'mapping.required', 'person.firstName', 'Nome'],
    ['a null Sesso', (b) => (caso(b)[CASI.sesso] = null), 'mapping.required', 'person.sex', 'Sesso'],
    ['an unknown Sesso', (b) => (caso(b)[CASI.sesso] = 'Neutro'), 'mapping.unknown-code', 'person.sex', 'Sesso', 'Neutro'],
    ['no birth date in any of the three columns', (b) => (caso(b)[CASI.dataNascita] = null), 'mapping.required', 'person.dateOfBirth', 'Data_x0020_di_x0020_nascita'],
    [
      'a Mese di nascita outside 1-12',
      (b) => Object.assign(caso(b), { [CASI.dataNascita]: null, [CASI.annoNascita]: 1998, [CASI.meseNascita]: 13 }),
      'mapping.invalid-date',
      'person.dateOfBirth',
      'Mese_x0020_di_x0020_nascita',
    ],
    ['no Statuti item', (b) => (b.get('rich.statuti.json')!.d = { results: [] }), 'mapping.required', 'residence.statusHistory', 'Statuti'],
    ['a null Fase', (b) => (caso(b)[CASI.fase] = null), 'mapping.required', 'responsibility.phase', 'Fase'],
    ['an unknown Fase', (b) => (caso(b)[CASI.fase] = 'Terza accoglienza'), 'mapping.unknown-code', 'responsibility.phase', 'Fase', 'Terza accoglienza'],
    ['a null Ente_x0020_competenteId', (b) => (caso(b)[CASI.ente] = null), 'mapping.required', 'responsibility.institutionId', 'Ente_x0020_competenteId'],
    ['an Enti id not in the map', (b) => (caso(b)[CASI.ente] = 99), 'mapping.unknown-organisation', 'responsibility.institutionId', 'Ente_x0020_competenteId'],
    ['a null Competente_x0020_dal', (b) => (caso(b)[CASI.competenteDal] = null), 'mapping.required', 'responsibility.since', 'Competente_x0020_dal'],
    ['a wrong AVS check digit', (b) => (caso(b)[CASI.avs] = '756.2401.9773.88'), 'mapping.invalid-ahv', 'person.vn', 'N_x002e__x0020_AVS', '756.2401.9773.88'],
    ['an AVS number not starting 756', (b) => (caso(b)[CASI.avs] = '123.2401.9773.89'), 'mapping.invalid-ahv', 'person.vn', 'N_x002e__x0020_AVS', '123.2401.9773.89'],
    ['a date column that is not a local midnight', (b) => (caso(b)[CASI.arrivo] = '2022-01-24T08:00:00Z'), 'mapping.invalid-date', 'person.arrivalDate', 'Data_x0020_di_x0020_arrivo_x0020'],
    ['a Statuti start at UTC midnight (01:00 in Zurich)', (b) => (row(b, 'rich.statuti.json', 1).Dal = '2022-10-31T00:00:00Z'), 'mapping.invalid-date', 'residence.statusHistory[1].from', 'Statuti[1].Dal'],
    ['an impossible date', (b) => (caso(b)[CASI.competenteDal] = '2023-02-30T23:00:00Z'), 'mapping.invalid-date', 'responsibility.since', 'Competente_x0020_dal'],
    ['an unknown Nazionalità', (b) => (caso(b)[CASI.nazionalita] = 'Atlantide'), 'mapping.unknown-code', 'person.nationality', 'Nazionalit_x00e0_', 'Atlantide'],
    ['an unknown Lingua madre', (b) => (caso(b)[CASI.linguaMadre] = 'Klingon'), 'mapping.unknown-code', 'person.languages[0].code', 'Lingua_x0020_madre', 'Klingon'],
    ['an unknown other language', (b) => ((caso(b)[CASI.altreLingue] as Json).results = ['Pashto', 'Elfico']), 'mapping.unknown-code', 'person.languages[2].code', 'Altre_x0020_lingue[1]', 'Elfico'],
    ['an unknown measure Stato', (b) => (row(b, 'rich.misure.json', 3).Stato = 'Sospesa'), 'mapping.unknown-code', 'integrationPlan.measures[3].status', 'Misure di integrazione[3].Stato', 'Sospesa'],
    ['an unknown Esito', (b) => (row(b, 'rich.misure.json', 0).Esito = 'Boh'), 'mapping.unknown-code', 'integrationPlan.measures[0].outcome', 'Misure di integrazione[0].Esito'],
    ['an unknown Categoria', (b) => (row(b, 'rich.diario.json', 2).Categoria = 'Varie'), 'mapping.unknown-code', 'journal[2].category', 'Diario[2].Categoria'],
    ['an unknown Livello', (b) => (row(b, 'rich.valutazioni.json', 1).Livello_x0020_scritto = 'A3'), 'mapping.unknown-code', 'potentialAssessments[1].languageSkills[1].level', 'Valutazioni[1].Livello_x0020_scritto'],
    ['a Comune without (number)', (b) => (caso(b)[CASI.comune] = 'Bellinzona'), 'mapping.invalid-municipality', 'person.municipality', 'Comune_x0020_di_x0020_domicilio'],
    ['an EnteId of a diary entry not in the map', (b) => (row(b, 'rich.diario.json', 1).EnteId = 12), 'mapping.unknown-organisation', 'journal[1].institutionId', 'Diario[1].EnteId'],
    ['a File/Length that is no number', (b) => ((row(b, 'rich.documenti.json', 2).File as Json).Length = '92 KB'), 'mapping.invalid-number', 'documents[2].size', 'Documenti[2].File.Length'],
    ['a malformed SHA-256', (b) => (row(b, 'rich.documenti.json', 0).Impronta_x0020_SHA_x002d_256 = 'abc'), 'mapping.invalid-hash', 'documents[0].sha256', 'Documenti[0].Impronta_x0020_SHA_x002d_256'],
  ];

  it.each(cases)('%s rejects the case, naming the native field and the contract path', (_name, edit, code, field, nativeField, bad) => {
    expectRejected(mapEdited(edit), { nativeId: RICH, code, field, nativeField, hidden: ['Sultani', bad], kept: EDGE });
  });

  it('refuses an input it cannot read, naming the file', () => {
    const text = (s: string) => [{ name: 'x.json', content: new TextEncoder().encode(s) }];
    expect(() => toContract(text('{"value": []}'), ctx)).toThrow(/x\.json/);
    expect(() => toContract(text('{"d": {"results": [{"Foo": 1}]}}'), ctx)).toThrow(/x\.json/);
    expect(() => toContract(text('<html>'), ctx)).toThrow(/x\.json/);
  });
});
