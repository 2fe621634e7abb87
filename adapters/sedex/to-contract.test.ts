import { describe, expect, it } from 'vitest';
import { toContract } from './to-contract.js';
import { ctx, edit, HOUSEHOLD, inputs, richTwice, sample } from './test-support.js';
import { expectRejected } from '../../src/adapters/testing.js';

type Edit = (data: string) => string;
const on = (from: string | RegExp, to: string): Edit => (d) => edit(d, from, to);

// [rule, edit of the first case, code, contract path, native field, the bad value (never in the message)]
const RULES: [string, Edit, string, string, string, string?][] = [
  ['officialName missing', on('<eCH-0044:officialName>Ghebremeskel</eCH-0044:officialName>', ''), 'mapping.required', 'person.officialName', 'eCH-0044:officialName'],
  ['firstName missing', on('<eCH-0044:firstName>Mehari</eCH-0044:firstName>', ''), 'mapping.required', 'person.firstName', 'eCH-0044:firstName'],
  ['sex missing', on('<eCH-0044:sex>1</eCH-0044:sex>', ''), 'mapping.required', 'person.sex', 'eCH-0044:sex'],
  ['sex 4', on('<eCH-0044:sex>1<', '<eCH-0044:sex>4<'), 'mapping.unknown-code', 'person.sex', 'eCH-0044:sex'],
  ['dateOfBirth missing', on(/<eCH-0044:dateOfBirth>[\s\S]*?<\/eCH-0044:dateOfBirth>/, ''), 'mapping.required', 'person.dateOfBirth', 'eCH-0044:dateOfBirth'],
  ['an impossible date of birth', on('1996-09-01', '1996-02-30'), 'mapping.invalid-date', 'person.dateOfBirth', 'eCH-0044:dateOfBirth', '1996-02-30'],
  ['yearMonth with month 13', on(/<eCH-0044:yearMonthDay>1996-09-01<\/eCH-0044:yearMonthDay>/, '<eCH-0044:yearMonth>1996-13</eCH-0044:yearMonth>'), 'mapping.invalid-date', 'person.dateOfBirth', 'eCH-0044:dateOfBirth', '1996-13'],
  ['vn with a wrong check digit', on('7564405183261', '7564405183262'), 'mapping.invalid-ahv', 'person.vn', 'eCH-0044:vn', '7564405183262'],
  ['ct:source/ct:institutionId missing', on('<ct:institutionId>lu-daf</ct:institutionId>', ''), 'mapping.required', 'source.institutionId', 'ct:source/ct:institutionId'],
  ['ct:source/ct:canton missing', on('<ct:canton>LU</ct:canton>', ''), 'mapping.required', 'source.canton', 'ct:source/ct:canton'],
  ['a canton outside the list', on('<ct:canton>LU<', '<ct:canton>XY<'), 'mapping.unknown-code', 'source.canton', 'ct:source/ct:canton'],
  ['ct:source/ct:localCaseId missing', on('<ct:localCaseId>DAF-2018-1174</ct:localCaseId>', ''), 'mapping.required', 'source.localCaseId', 'ct:source/ct:localCaseId'],
  ['a sender not registered for the institution', on('<ct:institutionId>lu-daf<', '<ct:institutionId>lu-other<'), 'mapping.unknown-organisation', 'source.institutionId', 'eCH-0058:senderId'],
  ['a canton other than the registered one', on('<ct:canton>LU<', '<ct:canton>BE<'), 'mapping.canton-mismatch', 'source.canton', 'ct:source/ct:canton'],
  ['no status', on(/(<ct:status [^>]*\/>\s*){3}/, ''), 'mapping.required', 'residence.statusHistory', 'ct:residence/ct:status'],
  ['an impossible status date (indices after sorting)', on('from="2019-06-28"', 'from="2019-06-31"'), 'mapping.invalid-date', 'residence.statusHistory[1].from', 'ct:residence/ct:status[2]/@from', '2019-06-31'],
  ['a status date not an xs:date', on('from="2018-12-03" to="2019-06-27"', 'from="03.12.2018" to="2019-06-27"'), 'mapping.invalid-date', 'residence.statusHistory[0].from', 'ct:residence/ct:status[1]/@from', '03.12.2018'],
  ['responsibility/@phase missing', on('<ct:responsibility phase="cantonal" ', '<ct:responsibility '), 'mapping.required', 'responsibility.phase', 'ct:responsibility/@phase'],
  ['responsibility/@phase kommunal', on('<ct:responsibility phase="cantonal"', '<ct:responsibility phase="kommunal"'), 'mapping.unknown-code', 'responsibility.phase', 'ct:responsibility/@phase', 'kommunal'],
  ['responsibility/@institutionId missing', on('institutionId="lu-daf" since="2019-01-07"', 'since="2019-01-07"'), 'mapping.required', 'responsibility.institutionId', 'ct:responsibility/@institutionId'],
  ['responsibility/@since missing', on(' since="2019-01-07"', ''), 'mapping.required', 'responsibility.since', 'ct:responsibility/@since'],
  ['previous/@to missing', on(' to="2019-01-06"', ''), 'mapping.required', 'responsibility.history[0].to', 'ct:responsibility/ct:previous[0]/@to'],
  ['an unknown @orientation', on('orientation="not-yet-determined"', 'orientation="arbeitsmarkt"'), 'mapping.unknown-code', 'potentialAssessments[0].orientation', 'ct:potentialAssessment[0]/@orientation', 'arbeitsmarkt'],
  ['an unknown language @level', on('level="pre-A1"', 'level="A3"'), 'mapping.unknown-code', 'potentialAssessments[0].languageSkills[0].level', 'ct:potentialAssessment[0]/ct:languageSkill[0]/@level', 'A3'],
  ['an unknown @skill', on('skill="overall"', 'skill="singing"'), 'mapping.unknown-code', 'potentialAssessments[0].languageSkills[0].skill', 'ct:potentialAssessment[0]/ct:languageSkill[0]/@skill', 'singing'],
  ['languageSkill/@certified missing', on(' certified="false"', ''), 'mapping.required', 'potentialAssessments[0].languageSkills[0].certified', 'ct:potentialAssessment[0]/ct:languageSkill[0]/@certified'],
  ['an unknown education @level', on('level="lower-secondary"', 'level="sekundar"'), 'mapping.unknown-code', 'potentialAssessments[0].education[0].level', 'ct:potentialAssessment[0]/ct:education[0]/@level', 'sekundar'],
  ['@workCapacityPercent above 100', on('workCapacityPercent="100"', 'workCapacityPercent="101"'), 'mapping.out-of-range', 'potentialAssessments[1].health.workCapacityPercent', 'ct:potentialAssessment[1]/ct:health/@workCapacityPercent'],
  ['an unknown measure @status', on('status="completed" outcome="achieved" start="2019-05-06"', 'status="done" outcome="achieved" start="2019-05-06"'), 'mapping.unknown-code', 'integrationPlan.measures[0].status', 'ct:integrationPlan/ct:measure[0]/@status', 'done'],
  ['an unknown measure @outcome', on('outcome="achieved" start="2019-05-06"', 'outcome="great" start="2019-05-06"'), 'mapping.unknown-code', 'integrationPlan.measures[0].outcome', 'ct:integrationPlan/ct:measure[0]/@outcome', 'great'],
  ['a measure without title', on('<ct:title>Deutsch A1–B1 Intensiv</ct:title>', ''), 'mapping.required', 'integrationPlan.measures[0].title', 'ct:integrationPlan/ct:measure[0]/ct:title'],
  ['an unknown @situation', on('situation="in-training"', 'situation="lernend"'), 'mapping.unknown-code', 'employment.situation', 'ct:employment/@situation', 'lernend'],
  ['@workloadPercent 0', on('workloadPercent="100"', 'workloadPercent="0"'), 'mapping.out-of-range', 'employment.workloadPercent', 'ct:employment/@workloadPercent'],
  ['@workloadPercent 101', on('workloadPercent="100"', 'workloadPercent="101"'), 'mapping.out-of-range', 'employment.workloadPercent', 'ct:employment/@workloadPercent'],
  ['an unknown journal @category', on('category="decision"', 'category="gossip"'), 'mapping.unknown-code', 'journal[1].category', 'ct:journalEntry[1]/@category', 'gossip'],
  ['an impossible timestamp (sorted first)', on('at="2023-09-01T14:20:00+02:00"', 'at="2023-09-01T25:20:00+02:00"'), 'mapping.invalid-date', 'journal[0].at', 'ct:journalEntry[1]/@at', '25:20'],
  ['a timestamp not an xs:dateTime', on('at="2023-09-01T14:20:00+02:00"', 'at="01.09.2023 14:20"'), 'mapping.invalid-date', 'journal[0].at', 'ct:journalEntry[1]/@at', '01.09.2023'],
  ['@sha256 in upper case', on('sha256="726e7968de428ddbec8ebd4c65d93479743870898f648e341ca9fdbcc4cbc537"', `sha256="${'726E7968DE428DDBEC8EBD4C65D93479743870898F648E341CA9FDBCC4CBC537'}"`), 'mapping.invalid-hash', 'documents[0].sha256', 'ct:document[0]/@sha256', '726E79'],
  ['a document @size not a number', on('size="81233"', 'size="80 KB"'), 'mapping.invalid-number', 'documents[0].size', 'ct:document[0]/@size', '80 KB'],
  ['an unknown consent @kind', on('kind="general"', 'kind="blanket"'), 'mapping.unknown-code', 'consents[0].kind', 'ct:consent[0]/@kind', 'blanket'],
  ['an unknown purpose', on('<ct:purpose>case-transfer<', '<ct:purpose>gossip<'), 'mapping.unknown-code', 'consents[0].purposes[0]', 'ct:consent[0]/ct:purpose[0]', 'gossip'],
  ['an unknown dataCategory', on('<ct:dataCategory>residence<', '<ct:dataCategory>hobbies<'), 'mapping.unknown-code', 'consents[0].dataCategories[1]', 'ct:consent[0]/ct:dataCategory[1]', 'hobbies'],
  ['a consent without purpose', on(/(<ct:purpose>[^<]*<\/ct:purpose>\s*){2}/, ''), 'mapping.required', 'consents[0].purposes', 'ct:consent[0]/ct:purpose'],
  ['a nationality not ISO alpha-2', on('<ct:nationality>ER<', '<ct:nationality>ERI<'), 'mapping.unknown-code', 'person.nationality', 'ct:person/ct:nationality', 'ERI'],
  ['a language not ISO 639', on('<ct:language firstLanguage="true">ti<', '<ct:language firstLanguage="true">xq9<'), 'mapping.unknown-code', 'person.languages[0].code', 'ct:person/ct:language[0]', 'xq9'],
  ['@firstLanguage not a boolean', on('firstLanguage="true"', 'firstLanguage="ja"'), 'mapping.invalid-boolean', 'person.languages[0].isFirstLanguage', 'ct:person/ct:language[0]/@firstLanguage', 'ja'],
  ['@bfsNumber not a number', on('bfsNumber="1061"', 'bfsNumber="Luzern"'), 'mapping.invalid-number', 'person.municipality.bfsNumber', 'ct:person/ct:municipality/@bfsNumber'],
  ['an ISCO code of letters', on('iscoCode="6111"', 'iscoCode="farm"'), 'mapping.invalid-code', 'potentialAssessments[0].workExperience[0].iscoCode', 'ct:potentialAssessment[0]/ct:workExperience[0]/@iscoCode', 'farm'],
];

describe('sedex → contract, invalid input (FORMAT.md)', () => {
  it.each(RULES)('%s rejects that case only, naming both sides', (_rule, change, code, field, nativeField, badValue) => {
    const m = richTwice();
    const result = toContract(inputs({ ...m, data: change(m.data) }), ctx);
    expectRejected(result, { nativeId: 'CT.LU:88231', code, field, nativeField, hidden: ['Ghebremeskel', badValue], kept: ['CT.LU:88232'], keyOf: (r) => r.source.localPersonId });
  });

  it('a case without localPersonId is reported by its position', () => {
    const m = richTwice();
    const data = edit(m.data, /<eCH-0044:localPersonId>[\s\S]*?<\/eCH-0044:localPersonId>/, '');
    const result = toContract(inputs({ ...m, data }), ctx);
    expect(result.rejections.map((r) => [r.nativeId, r.error.code, r.error.details.field, r.error.details.nativeField])).toEqual([
      ['ct:case[0]', 'mapping.required', 'source.localPersonId', 'eCH-0044:localPersonId/eCH-0044:personIdCategory'],
    ]);
    expect(result.records).toHaveLength(1);
  });

  it('one rejected member of a household message does not stop the others', () => {
    const m = sample(HOUSEHOLD);
    const data = edit(m.data, '<eCH-0044:sex>2</eCH-0044:sex>', '<eCH-0044:sex>9</eCH-0044:sex>');
    const result = toContract(inputs({ ...m, data }), ctx);
    expect(result.rejections.map((r) => r.nativeId)).toEqual(['CT.NE:700231']);
    expect(result.records.map((r) => r.source.localPersonId)).toEqual(['CT.NE:700232', 'CT.NE:700233']);
  });

  it('a value the contract schema refuses is named on both sides too', () => {
    const m = richTwice();
    const data = edit(m.data, '<eCH-0044:officialName>Ghebremeskel<', `<eCH-0044:officialName>${'Gh'.repeat(101)}<`);
    const [rejection] = toContract(inputs({ ...m, data }), ctx).rejections;
    expect(rejection!.error.code).toMatch(/^contract\./);
    expect(rejection!.error.details).toMatchObject({ field: 'person.officialName', nativeField: 'eCH-0044:officialName', nativeId: 'CT.LU:88231' });
    expect(rejection!.error.message).not.toContain('GhGh');
  });

  it('a media type that is none is named on both sides', () => {
    const m = richTwice();
    const data = edit(m.data, 'mediaType="application/pdf"', 'mediaType="pdf"');
    const [rejection] = toContract(inputs({ ...m, data }), ctx).rejections;
    expect(rejection!.error.details).toMatchObject({ field: 'documents[0].mediaType', nativeField: 'ct:document[0]/@mediaType' });
  });
});
