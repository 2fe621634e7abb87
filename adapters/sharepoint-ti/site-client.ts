import { connectionClient, odataAnyOf, UpstreamError, type ConnectionSettings, type HttpAnswer, type NativeInput } from '../../src/adapters/sdk.js';
import { digestAnswer, listAnswer } from './answers.js';
import { CASO, DIARIO, DOCUMENTI, STATUTI, type ListKey } from './columns.js';
import { connectionSettingsOf, type SharepointTiSettings } from './settings.js';
import { SYSTEM } from './to-contract.js';
import { entraTokens } from './token.js';
import type { Json } from './values.js';

// The site as the transport speaks to it: SharePoint REST in verbose OData, the Entra ID
// token on every call, the form digest for writes, and the child lists of some cases.

export const VERBOSE = 'application/json;odata=verbose';
/** `$top` of a child query: a page of cases can hold more child items than one answer. */
export const CHILD_TOP = '500';
/** Pages of one query followed at most, so that a site that links in circles ends. */
const MAX_PAGES = 1000;
/** A digest is renewed this long before SharePoint lets it expire. */
const DIGEST_EARLY_SECONDS = 60;

/** The child lists in FORMAT.md's order, with the columns the samples select. */
export const CHILD_QUERIES: readonly { key: Exclude<ListKey, 'casi'>; select?: string; expand?: string }[] = [
  { key: 'statuti', select: ['Id', CASO, STATUTI.statuto, STATUTI.dal, STATUTI.al].join(',') },
  { key: 'valutazioni' },
  { key: 'misure' },
  { key: 'diario', select: ['Id', CASO, DIARIO.quando, DIARIO.categoria, DIARIO.testo, DIARIO.ente].join(',') },
  { key: 'documenti', select: ['Id', DOCUMENTI.title, CASO, DOCUMENTI.tipo, DOCUMENTI.data, DOCUMENTI.impronta, DOCUMENTI.fileType, 'File/Name', 'File/Length'].join(','), expand: 'File' },
  { key: 'consensi' },
];

export interface ChildAnswer {
  key: Exclude<ListKey, 'casi'>;
  answer: HttpAnswer;
  items: Json[];
}

export interface SiteClient {
  settings: SharepointTiSettings;
  /** `_api/web/lists/GetByTitle('<title>')/items` of a list, under the site. */
  itemsPath(key: ListKey): string;
  get(path: string, what: string, query?: Record<string, string>, accept?: number[]): Promise<HttpAnswer>;
  /** A write with the form digest, in verbose JSON. */
  write(path: string, what: string, body: Json, headers?: Record<string, string>, accept?: number[]): Promise<HttpAnswer>;
  /** A `__next` link, checked to stay on the site's host (it carries the token). */
  follow(link: string, what: string): string;
  /** A list query with all its pages, following `d.__next`. */
  pages(path: string, what: string, query: Record<string, string>): Promise<{ answer: HttpAnswer; items: Json[] }[]>;
  /** The six child lists of some cases, each with all its pages. */
  childPages(ids: readonly number[]): Promise<ChildAnswer[]>;
}

const tooManyPages = (what: string): UpstreamError =>
  new UpstreamError('sharepoint-ti.too-many-pages', `SharePoint linked more than ${MAX_PAGES} pages for ${what}; the answer was not used`, { retryable: false, details: { field: 'd.__next' } });

export const inputOf = (name: string, answer: HttpAnswer): NativeInput => ({ name, content: answer.bytes });

/** `GetByTitle('Misure di integrazione')` as a path: the title quoted as OData wants it, spaces as `%20`. */
const titlePath = (title: string): string => `_api/web/lists/GetByTitle(${encodeURIComponent(`'${title.replace(/'/g, "''")}'`).replace(/%27/g, "'")})/items`;

export function siteClient(settings: ConnectionSettings): SiteClient {
  const s = connectionSettingsOf(settings, settings.env);
  const origin = new URL(s.siteUrl).origin;
  const fetchImpl = settings.fetch ? { fetch: settings.fetch } : {};
  const tokens = entraTokens({
    system: SYSTEM,
    tenantId: s.tenantId,
    clientId: s.clientId,
    certificatePem: s.certificatePem,
    thumbprint: s.certificateThumbprint,
    resource: origin,
    timeoutMs: s.timeoutSeconds * 1000,
    now: settings.now,
    ...fetchImpl,
  });
  const http = connectionClient(settings, { baseUrl: s.siteUrl, timeoutSeconds: s.timeoutSeconds }, {
    system: SYSTEM,
    credentials: { kind: 'bearer', token: (force) => tokens.token(force) },
    headers: { accept: VERBOSE },
    now: () => settings.now().getTime(),
  });
  let digest: { value: string; until: number } | undefined;

  const formDigest = async (): Promise<string> => {
    if (digest && digest.until > settings.now().getTime()) return digest.value;
    const answer = await http.request('POST', '_api/contextinfo', { what: 'the form digest request', accept: [200] });
    const { value, seconds } = digestAnswer(answer);
    digest = { value, until: settings.now().getTime() + Math.max(30, seconds - DIGEST_EARLY_SECONDS) * 1000 };
    return value;
  };

  const client: SiteClient = {
    settings: s,
    itemsPath: (key) => titlePath(s.lists[key]),
    get: (path, what, query, accept) => http.request('GET', path, { what, ...(query ? { query } : {}), ...(accept ? { accept } : {}) }),
    async write(path, what, body, headers = {}, accept) {
      const value = await formDigest();
      return http.request('POST', path, { what, json: body, headers: { 'content-type': VERBOSE, 'x-requestdigest': value, ...headers }, ...(accept ? { accept } : {}) });
    },
    follow(link, what) {
      let url: URL | undefined;
      try {
        url = new URL(link);
      } catch {
        url = undefined;
      }
      if (!url || url.origin !== origin) {
        throw new UpstreamError('sharepoint-ti.invalid-answer', `SharePoint sent a next link for ${what} that does not lead to the site's host; it was not followed`, { retryable: false, details: { field: 'd.__next' } });
      }
      return link;
    },
    async pages(path, what, query) {
      const out: { answer: HttpAnswer; items: Json[] }[] = [];
      let answer = await client.get(path, what, query);
      for (;;) {
        const page = listAnswer(answer, what);
        out.push({ answer, items: page.items });
        if (page.next === undefined) return out;
        if (out.length >= MAX_PAGES) throw tooManyPages(what);
        answer = await client.get(client.follow(page.next, what), what);
      }
    },
    async childPages(ids) {
      const out: ChildAnswer[] = [];
      for (const q of CHILD_QUERIES) {
        const query: Record<string, string> = { $filter: odataAnyOf(CASO, ids), $orderby: 'Id', $top: CHILD_TOP, ...(q.select ? { $select: q.select } : {}), ...(q.expand ? { $expand: q.expand } : {}) };
        for (const page of await client.pages(client.itemsPath(q.key), `the ${q.key} query`, query)) out.push({ key: q.key, ...page });
      }
      return out;
    },
  };
  return client;
}
