import { describe, expect, it } from 'vitest';
import { recordIdFor } from '../../src/adapters/sdk.js';
import { toContract } from './to-contract.js';
import { ctx, edit, HOUSEHOLD, inputs, MINIMAL, RICH, sample, type Message } from './test-support.js';

const map = (m: Message) => {
  const result = toContract(inputs(m), ctx);
  expect(result.rejections.map((r) => `${r.nativeId} ${r.error.code} ${String(r.error.details.field)}`)).toEqual([]);
  return result.records;
};
const rich = (change: (data: string) => string) => {
  const m = sample(RICH);
  return map({ ...m, data: change(m.data) })[0]!;
};

/** A message from another sender: envelope and header both name it. */
function from(sender: string, m: Message, previous: string): Message {
  return { envelope: m.envelope.replace(`>${previous}<`, `>${sender}<`), data: m.data.replace(`>${previous}<`, `>${sender}<`) };
}

describe('sedex quirks (FORMAT.md)', () => {
  it('source.extractedAt is the header messageDate in Zurich time, not the clock', () => {
    const m = sample(MINIMAL);
    const [record] = map({ ...m, data: edit(m.data, '2026-03-02T09:12:44+01:00', '2026-03-02T08:12:44.731Z') });
    expect(record!.source.extractedAt).toBe('2026-03-02T09:12:44+01:00');
  });

  it('4: localPersonId is <personIdCategory>:<personId>, and the recordId is made of it', () => {
    const m = from('1-2581-2', sample(MINIMAL), '2-SH-2');
    const data = edit(edit(edit(m.data, '<ct:institutionId>sh-sozialamt<', '<ct:institutionId>so-sozialregion-olten<'), '<ct:canton>SH<', '<ct:canton>SO<'), /<eCH-0044:personIdCategory>CT.SH<\/eCH-0044:personIdCategory>\s*<eCH-0044:personId>105640</, '<eCH-0044:personIdCategory>MU.2581</eCH-0044:personIdCategory><eCH-0044:personId>ASYL-42210<');
    const [record] = map({ ...m, data: edit(data, 'institutionId="sh-sozialamt"', 'institutionId="so-sozialregion-olten"') });
    expect(record!.source).toMatchObject({ institutionId: 'so-sozialregion-olten', canton: 'SO', localPersonId: 'MU.2581:ASYL-42210' });
    expect(record!.recordId).toBe(recordIdFor('sedex', 'MU.2581:ASYL-42210'));
  });

  it('4: a federal sender whose own id is the ZEMIS number gives zemisId from localPersonId', () => {
    const m = from('3-CH-21', sample(MINIMAL), '2-SH-2');
    let data = edit(edit(m.data, '<ct:institutionId>sh-sozialamt<', '<ct:institutionId>sem-baz-boudry<'), '<ct:canton>SH<', '<ct:canton>NE<');
    data = edit(data, /<eCH-0044:personIdCategory>CT.SH<\/eCH-0044:personIdCategory>\s*<eCH-0044:personId>105640</, '<eCH-0044:personIdCategory>CH.ZEMIS</eCH-0044:personIdCategory><eCH-0044:personId>22.001.847<');
    const [record] = map({ ...m, data });
    expect(record!.source.localPersonId).toBe('CH.ZEMIS:22.001.847');
    expect(record!.person.zemisId).toBe('22001847');
  });

  it('4: other otherPersonIds are ignored; CH.ZEMIS is read without dots', () => {
    const record = rich((d) =>
      edit(
        d,
        '<eCH-0044:otherPersonId>\n            <eCH-0044:personIdCategory>CH.ZEMIS</eCH-0044:personIdCategory>\n            <eCH-0044:personId>21877123',
        '<eCH-0044:otherPersonId><eCH-0044:personIdCategory>CT.BE</eCH-0044:personIdCategory><eCH-0044:personId>X-1</eCH-0044:personId></eCH-0044:otherPersonId><eCH-0044:otherPersonId>\n            <eCH-0044:personIdCategory>CH.ZEMIS</eCH-0044:personIdCategory>\n            <eCH-0044:personId>21.877.123',
      ),
    );
    expect(record.person.zemisId).toBe('21877123');
  });

  it('6: timestamps with any offset, Z, fractions or none become Zurich time at seconds, sorted by instant', () => {
    const record = rich((d) =>
      edit(edit(edit(d, 'at="2019-01-07T10:00:00+01:00"', 'at="2026-03-30T09:05:09.250Z"'), 'at="2023-09-01T14:20:00+02:00"', 'at="2023-09-01T14:20:00"'), 'at="2024-01-31T09:45:00+01:00"', 'at="2024-01-31T08:45:00-00:00"'),
    );
    expect(record.journal!.map((j) => [j.id, j.at])).toEqual([
      ['J-LU-7710', '2023-09-01T14:20:00+02:00'],
      ['J-LU-8120', '2024-01-31T09:45:00+01:00'],
      ['J-LU-9004', '2026-02-20T16:10:00+01:00'],
      ['J-LU-5501', '2026-03-30T11:05:09+02:00'],
    ]);
  });

  it('6: entries an hour apart around the autumn clock change sort by instant, not by text', () => {
    const record = rich((d) => edit(edit(d, 'at="2019-01-07T10:00:00+01:00"', 'at="2025-10-26T02:30:00+02:00"'), 'at="2023-09-01T14:20:00+02:00"', 'at="2025-10-26T01:10:00Z"'));
    expect(record.journal!.slice(1, 3).map((j) => j.at)).toEqual(['2025-10-26T02:30:00+02:00', '2025-10-26T02:10:00+01:00']);
  });

  it('7: booleans are true/false or 1/0', () => {
    const record = rich((d) => edit(edit(d, 'receives="true"', 'receives="1"'), 'certified="false"', 'certified="0"'));
    expect(record.socialAssistance!.receives).toBe(true);
    expect(record.potentialAssessments![0]!.languageSkills![0]!.certified).toBe(false);
  });

  it('8: an unknown status is other with its nativeCode; other carries its own @nativeCode; @nativeCode beside a listed code is ignored', () => {
    const m = sample(HOUSEHOLD);
    const [first, , third] = map({ ...m, data: edit(m.data, '<ct:status code="F" from="2021-11-03" to="2025-01-31"/>', '<ct:status code="F" nativeCode="VA" from="2021-11-03" to="2025-01-31"/>') });
    expect(first!.residence.statusHistory.map((s) => [s.status, s.nativeCode])).toEqual([
      ['N', undefined],
      ['F', undefined],
      ['other', 'Ci'],
    ]);
    expect(third!.residence.statusHistory[0]).toEqual({ status: 'other', nativeCode: 'NEE', from: '2024-12-24', to: '2025-01-31' });
  });

  it('8: a measure keeps one nativeCode, its type\'s first, else its financing\'s', () => {
    const m = sample(HOUSEHOLD);
    let data = edit(m.data, 'type="other" nativeCode="AKTIV-PLUS" status="completed" outcome="achieved" start="2022-02-01" end="2022-06-30" financedBy="confederation"', 'type="AKTIV-PLUS" status="completed" outcome="achieved" start="2022-02-01" end="2022-06-30" financedBy="LOTTERIE"');
    data = edit(data, 'financedBy="commune"', 'financedBy="other" nativeCode="STIFTUNG"');
    const [record] = map({ ...m, data });
    expect(record!.integrationPlan!.measures!.map((x) => [x.type, x.financedBy, x.nativeCode])).toEqual([
      ['other', 'other', 'AKTIV-PLUS'],
      ['childcare', 'other', 'STIFTUNG'],
    ]);
  });

  it('8: an unknown document kind is other with its nativeCode', () => {
    const record = rich((d) => edit(d, 'kind="cv"', 'kind="lebenslauf"'));
    expect(record.documents!.at(-1)).toMatchObject({ kind: 'other', nativeCode: 'lebenslauf' });
  });

  it('9: statuses, earlier responsibilities, assessments and journal entries in any order are sorted', () => {
    const record = rich((d) => {
      const pa = /<ct:potentialAssessment id="PA-LU-3390"[\s\S]*?<\/ct:potentialAssessment>\s*(<ct:potentialAssessment id="PA-LU-4102"[\s\S]*?<\/ct:potentialAssessment>)/;
      const swapped = d.replace(pa, (all, second: string) => `${second}\n${all.slice(0, all.indexOf(second))}`);
      const prev = '<ct:previous phase="federal" institutionId="sem-baz-chiasso" from="2018-12-03" to="2019-01-06"/>';
      return edit(swapped, prev, `<ct:previous phase="cantonal" institutionId="lu-x" from="2019-01-07" to="2019-01-08"/>${prev}`);
    });
    expect(record.residence.statusHistory.map((s) => s.from)).toEqual(['2018-12-03', '2019-06-28', '2024-05-21']);
    expect(record.potentialAssessments!.map((p) => p.id)).toEqual(['PA-LU-3390', 'PA-LU-4102']);
    expect(record.responsibility.history!.map((h) => h.from)).toEqual(['2018-12-03', '2019-01-07']);
    expect(record.consents!.map((c) => c.id)).toEqual(['LU-C-01', 'LU-C-07', 'LU-C-05']);
  });

  it('9: text in CDATA keeps its inner line breaks; only the ends are trimmed', () => {
    const record = rich((d) => edit(d, '<ct:note>Praktischer Teil gut, Berufskunde knapp genügend.</ct:note>', '<ct:note><![CDATA[\n   Praktischer Teil <gut>,\r\n   Berufskunde knapp.  \n]]></ct:note>'));
    expect(record.integrationPlan!.measures![2]!.note).toBe('Praktischer Teil <gut>,\n   Berufskunde knapp.');
  });

  it('a time zone on an xs:date says nothing of the day', () => {
    const record = rich((d) => edit(d, '<ct:asylumDecisionDate>2019-06-28<', '<ct:asylumDecisionDate>2019-06-28+02:00<'));
    expect(record.residence.asylumDecisionDate).toBe('2019-06-28');
  });
});
