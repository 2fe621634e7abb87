import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { CaseRecord, DeliveryRequest } from '../../src/adapters/sdk.js';
import { connectionSettings, fixture, ORIGIN, SITE, tokenScope } from './test-transport.js';
import { connect } from './transport.js';
import { mockedNetwork, deliveryRequest } from '../../src/adapters/testing.js';

type Json = Record<string, unknown>;
interface Item extends Json {
  Id: number;
  __metadata: { type: string; etag: string };
}

const VERBOSE = 'application/json;odata=verbose';
const DIGEST = '0xA1B2C3,03 Mar 2025 08:15:23 -0000';
const TITLES: Readonly<Record<string, string>> = {
  casi: 'Casi',
  statuti: 'Statuti',
  valutazioni: 'Valutazioni',
  misure: 'Misure di integrazione',
  diario: 'Diario',
  documenti: 'Documenti',
  consensi: 'Consensi',
};

const richRecord = (): CaseRecord => {
  const [record] = JSON.parse(fixture('rich.expected.json')) as CaseRecord[];
  return { ...record!, source: { ...record!.source, extractedAt: '2025-03-03T09:15:22+01:00' } };
};

/** The rich sample's person as another system (NFAM) sends it: found in the site by AHV number. */
const foreignRecord = (): CaseRecord => {
  const record = richRecord();
  return { ...record, source: { ...record.source, system: 'nfam', institutionId: 'be-asi', localCaseId: 'NFAM-2022-004127', localPersonId: 'p-1' } };
};

const delivery = (record: CaseRecord): DeliveryRequest => deliveryRequest(record, { transferId: '0b8f1f8e-1111-4a4a-9a9a-000000000003', sender: 'be-asi', target: 'ti-crs' });

/** `F eq 1 or F eq 'x'` against an item. */
function matches(filter: string, item: Json): boolean {
  return filter.split(' or ').some((term) => {
    const m = /^(\w+) eq (?:(\d+)|'((?:[^']|'')*)')$/.exec(term.trim());
    if (!m) throw new Error(`the fake site cannot filter ${term}`);
    return m[2] !== undefined ? item[m[1]!] === Number(m[2]) : item[m[1]!] === m[3]!.replace(/''/g, "'");
  });
}

/** The site in memory: items by list title, served and written the way the transport asks. */
function fakeSite(options: { preconditionFailures?: number } = {}) {
  const lists: Record<string, Item[]> = Object.fromEntries(Object.values(TITLES).map((t) => [t, []]));
  const calls: string[] = [];
  const writes: { title: string; headers: Record<string, string | string[] | undefined>; body: Json }[] = [];
  let nextId = 900;
  let digests = 0;
  let failures = options.preconditionFailures ?? 0;
  const route = (uri: string): { title: string; id?: number } => {
    const m = /GetByTitle\('((?:[^']|'')*)'\)\/items(?:\((\d+)\))?$/.exec(decodeURIComponent(new URL(`${ORIGIN}${uri}`).pathname));
    if (!m) throw new Error(`the fake site has no ${uri}`);
    return { title: m[1]!.replace(/''/g, "'"), ...(m[2] ? { id: Number(m[2]) } : {}) };
  };
  const bump = (item: Item): void => {
    item.__metadata.etag = `"${Number(item.__metadata.etag.replace(/\D/g, '')) + 1}"`;
  };
  const scope = nock(ORIGIN)
    .persist()
    .matchHeader('authorization', 'Bearer tok-1')
    .matchHeader('accept', VERBOSE)
    .post(`${SITE}/_api/contextinfo`)
    .reply(() => {
      digests += 1;
      calls.push('POST contextinfo');
      return [200, { d: { GetContextWebInformation: { FormDigestValue: DIGEST, FormDigestTimeoutSeconds: 1800 } } }];
    })
    .get(/GetByTitle/)
    .reply((uri) => {
      const { title, id } = route(uri);
      const filter = new URL(`${ORIGIN}${uri}`).searchParams.get('$filter') ?? '';
      calls.push(id !== undefined ? `GET ${title}(${id})` : `GET ${title} ${filter}`);
      if (id !== undefined) {
        const item = lists[title]!.find((i) => i.Id === id);
        return item ? [200, { d: item }] : [404, { error: { code: '-2147024809', message: { value: 'Item does not exist' } } }];
      }
      return [200, { d: { results: lists[title]!.filter((i) => matches(filter, i)) } }];
    })
    .post(/GetByTitle/)
    .reply(function (uri, body) {
      const { title, id } = route(uri);
      const headers = this.req.headers;
      const fields = body as Json;
      writes.push({ title, headers, body: fields });
      if (headers['x-requestdigest'] !== DIGEST || headers['content-type'] !== VERBOSE) return [403, { error: 'digest' }];
      if (id === undefined) {
        calls.push(`POST ${title}`);
        const item = { ...fields, Id: nextId++, __metadata: { type: String((fields.__metadata as Json).type), etag: '"1"' } } as Item;
        lists[title]!.push(item);
        return [201, { d: item }];
      }
      calls.push(`MERGE ${title}(${id}) ${String(headers['if-match'])}`);
      if (headers['x-http-method'] !== 'MERGE') return [400, {}];
      const item = lists[title]!.find((i) => i.Id === id);
      if (!item) return [404, {}];
      if (title === 'Casi' && (failures > 0 || (headers['if-match'] !== '*' && headers['if-match'] !== item.__metadata.etag))) {
        failures -= 1;
        bump(item);
        return [412, { error: 'Sultani changed' }];
      }
      Object.assign(item, fields, { Id: id, __metadata: item.__metadata });
      bump(item);
      return [204, '', { etag: item.__metadata.etag }];
    });
  const seed = (title: string, list: Json[]): void => {
    for (const item of list) lists[title]!.push(item as Item);
  };
  return { lists, calls, writes, scope, seed, digests: () => digests };
}

/** The rich sample's items, as the site holds them. */
function seedRich(site: ReturnType<typeof fakeSite>): void {
  site.seed('Casi', [(JSON.parse(fixture('rich.caso.json')) as { d: Json }).d]);
  for (const key of ['statuti', 'valutazioni', 'misure', 'diario', 'documenti', 'consensi']) {
    site.seed(TITLES[key]!, (JSON.parse(fixture(`rich.${key}.json`)) as { d: { results: Json[] } }).d.results);
  }
}

const CHILD_POSTS = [...Array(3).fill('POST Statuti'), ...Array(2).fill('POST Valutazioni'), ...Array(6).fill('POST Misure di integrazione'), ...Array(4).fill('POST Diario'), ...Array(3).fill('POST Consensi')];

describe('SharePoint-TI delivery', () => {
  mockedNetwork();

  it('a new person: the case item with the form digest, then each child with the new case’s CasoId; the 201 item is the receipt', async () => {
    const token = tokenScope();
    const site = fakeSite();
    const receipt = await connect(connectionSettings()).deliver(delivery(foreignRecord()));
    token.done();
    expect(site.calls).toEqual(["GET Casi N_x002e__x0020_AVS eq '756.2401.9773.89' or N_x002e__x0020_AVS eq '7562401977389'", 'POST contextinfo', 'POST Casi', ...CHILD_POSTS]);
    const [caso, ...children] = site.writes;
    expect(caso!.body).toMatchObject({ __metadata: { type: 'SP.Data.CasiListItem' }, Title: 'NFAM-2022-004127', Cognome: 'Sultani', Ente_x0020_competenteId: 2 });
    expect(caso!.headers).toMatchObject({ 'x-requestdigest': DIGEST, 'content-type': VERBOSE });
    expect(caso!.headers['x-http-method']).toBeUndefined();
    expect(children.every((w) => w.body.CasoId === 900)).toBe(true);
    // The request carries no document content: the documents and the references to them are not written.
    expect(site.lists.Documenti).toEqual([]);
    expect(site.lists['Misure di integrazione']!.every((m) => !('DocumentiId' in m))).toBe(true);
    expect(site.lists.Consensi!.every((c) => !('Modulo_x0020_firmatoId' in c))).toBe(true);
    expect(receipt).toEqual({
      at: '2025-03-03T09:15:23+01:00',
      reference: '900',
      status: 'created',
      details: { httpStatus: 201, etag: '"1"', children: 18, merged: 0, documentsNotUploaded: 5 },
    });
  });

  it('is idempotent on the transfer: the same delivery again merges into the case and the children it wrote, adding nothing', async () => {
    const token = tokenScope();
    const site = fakeSite();
    const connection = connect(connectionSettings());
    await connection.deliver(delivery(foreignRecord()));
    const before = Object.fromEntries(Object.entries(site.lists).map(([t, l]) => [t, l.length]));
    site.calls.length = 0;
    const again = await connection.deliver(delivery(foreignRecord()));
    token.done();
    expect(Object.fromEntries(Object.entries(site.lists).map(([t, l]) => [t, l.length]))).toEqual(before);
    expect(site.calls.filter((c) => c.startsWith('POST'))).toEqual([]);
    expect(site.calls.filter((c) => c.startsWith('MERGE Casi'))).toEqual(['MERGE Casi(900) "1"']);
    expect(site.calls.filter((c) => c.startsWith('MERGE') && !c.startsWith('MERGE Casi')).every((c) => c.endsWith(' *'))).toBe(true);
    expect(site.digests()).toBe(1);
    expect(again).toMatchObject({ reference: '900', status: 'updated', details: { httpStatus: 204, etag: '"2"', children: 0, merged: 18 } });
  });

  it('this site’s own record goes back into its items by Id, with IF-MATCH on the case; documents and references keep their ids', async () => {
    const token = tokenScope();
    const site = fakeSite();
    seedRich(site);
    const receipt = await connect(connectionSettings()).deliver(delivery(richRecord()));
    token.done();
    expect(site.calls.slice(0, 2)).toEqual(['GET Casi(418)', 'GET Statuti CasoId eq 418']);
    expect(site.calls).toContain('MERGE Casi(418) "41"');
    // Statuses have no id in the contract: found again by Statuto and Dal.
    expect(site.calls.filter((c) => c.startsWith('POST ') && c !== 'POST contextinfo')).toEqual([]);
    expect(site.calls.filter((c) => c.startsWith('MERGE Documenti'))).toEqual(['MERGE Documenti(205) *', 'MERGE Documenti(311) *', 'MERGE Documenti(340) *', 'MERGE Documenti(388) *', 'MERGE Documenti(402) *']);
    expect(site.lists['Misure di integrazione']!.find((m) => m.Id === 120)!.DocumentiId).toMatchObject({ results: [311] });
    expect(site.lists.Consensi!.find((c) => c.Id === 58)!.Modulo_x0020_firmatoId).toBe(205);
    expect(receipt).toMatchObject({ reference: '418', status: 'updated', details: { httpStatus: 204, children: 0, merged: 23 } });
    expect(receipt.details).not.toHaveProperty('documentsNotUploaded');
  });

  it('a 412 reads the case again and merges once more; a second 412 is worth a later attempt', async () => {
    const token = tokenScope();
    const site = fakeSite({ preconditionFailures: 1 });
    seedRich(site);
    await connect(connectionSettings()).deliver(delivery(richRecord()));
    expect(site.calls.filter((c) => c.startsWith('MERGE Casi') || c === 'GET Casi(418)')).toEqual(['GET Casi(418)', 'MERGE Casi(418) "41"', 'GET Casi(418)', 'MERGE Casi(418) "42"']);
    token.done();

    nock.cleanAll();
    const token2 = tokenScope();
    const busy = fakeSite({ preconditionFailures: 2 });
    seedRich(busy);
    const error = await connect(connectionSettings()).deliver(delivery(richRecord())).then(() => undefined, (e: unknown) => e);
    token2.done();
    expect(error).toMatchObject({ code: 'sharepoint-ti.precondition-failed', retryable: true, details: { httpStatus: 412 } });
    expect((error as Error).message).not.toContain('Sultani');
    expect(busy.calls.filter((c) => c.startsWith('POST ') && c !== 'POST contextinfo')).toEqual([]);
  });

  it('without an AHV number, a case of the same number is the record’s only when the person agrees', async () => {
    const token = tokenScope(2);
    const site = fakeSite();
    const { vn: _vn, ...person } = foreignRecord().person;
    const record: CaseRecord = { ...foreignRecord(), person };
    // Another person under the same case number.
    site.seed('Casi', [{ Id: 17, __metadata: { type: 'SP.Data.CasiListItem', etag: '"5"' }, Title: 'NFAM-2022-004127', Cognome: 'Rossi', Nome: 'Anna' }]);
    const first = await connect(connectionSettings()).deliver(delivery(record));
    expect(site.calls[0]).toBe("GET Casi Title eq 'NFAM-2022-004127'");
    expect(first).toMatchObject({ reference: '900', status: 'created' });
    const again = await connect(connectionSettings()).deliver(delivery(record));
    expect(again).toMatchObject({ reference: '900', status: 'updated' });
    expect(site.lists.Casi!.find((c) => c.Id === 17)).toMatchObject({ Cognome: 'Rossi', __metadata: { etag: '"5"' } });
    token.done();
  });

  it('two cases with the record’s AHV number: nothing is written, the error names the field and no value', async () => {
    const token = tokenScope();
    const site = fakeSite();
    const twin = (Id: number): Json => ({ Id, __metadata: { type: 'SP.Data.CasiListItem', etag: '"1"' }, N_x002e__x0020_AVS: '756.2401.9773.89' });
    site.seed('Casi', [twin(1), twin(2)]);
    const error = await connect(connectionSettings()).deliver(delivery(foreignRecord())).then(() => undefined, (e: unknown) => e);
    token.done();
    expect(error).toMatchObject({ code: 'sharepoint-ti.ambiguous-person', retryable: false, details: { field: 'person.vn', nativeField: 'N_x002e__x0020_AVS' } });
    expect((error as Error).message).not.toContain('756');
    expect(site.writes).toEqual([]);
  });

  it('refuses before sending a record with an institution the site has no Enti id for', async () => {
    const record = foreignRecord();
    const other = { ...record, responsibility: { ...record.responsibility, institutionId: 'be-asi' } };
    await expect(connect(connectionSettings()).deliver(delivery(other))).rejects.toMatchObject({ code: expect.stringMatching(/^mapping\./) });
  });
});
