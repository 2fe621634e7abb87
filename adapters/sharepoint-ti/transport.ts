import { encodeCursor, odataAnyOf, readRecord, UpstreamError, type CaseRef, type ChangePage, type Connection, type ConnectionSettings, type HttpAnswer, type NativeInput } from '../../src/adapters/sdk.js';
import { etagOf, invalidAnswer, isItemId, itemAnswer, listAnswer } from './answers.js';
import { CASO } from './columns.js';
import { decodeCursor, EPOCH, filterInstant, isSeen, keepSeen, wasSeen, type PollCursor, type Seen } from './cursor.js';
import { deliverTo } from './deliver.js';
import { CHILD_QUERIES, CHILD_TOP, inputOf, siteClient } from './site-client.js';
import { toContract } from './to-contract.js';
import type { Json } from './values.js';

export { pollCursorSince } from './cursor.js';

// Ticino's SharePoint site over REST (FORMAT.md "Transport"): an Entra ID app-only token
// (certificate), a read is the `Casi` item and its six child lists, a poll follows
// `d.__next` page by page, a delivery posts the case and then its children.

/** The next round starts this much before the server's `Date` of its first answer: SharePoint's own clocks differ a little. */
const SERVER_MARGIN_MS = 60_000;
/** Without a `Date` header the gateway's clock stands in, with more room for skew. */
const LOCAL_MARGIN_MS = 300_000;

/** Connects to the site; settings and the certificate fail here, naming the key. */
export function connect(settings: ConnectionSettings): Connection {
  const site = siteClient(settings);
  const casi = site.itemsPath('casi');

  const map = (inputs: NativeInput[]) => toContract(inputs, settings);

  /** When the round began, by the site's clock when it says (the `Date` of its first answer). */
  const startOf = (answer: HttpAnswer): string => {
    const served = Date.parse(answer.headers.get('date') ?? '');
    return filterInstant(new Date(Number.isNaN(served) ? settings.now().getTime() - LOCAL_MARGIN_MS : served - SERVER_MARGIN_MS));
  };

  /**
   * Cases whose child items changed in the window: a child change leaves `Casi.Modified`
   * as it was (FORMAT.md "Poll"). The first answer tells when the round began.
   */
  const childChanges = async (since: string): Promise<{ ids: number[]; first: HttpAnswer | undefined }> => {
    const ids = new Set<number>();
    let first: HttpAnswer | undefined;
    for (const q of CHILD_QUERIES) {
      const pages = await site.pages(site.itemsPath(q.key), `the ${q.key} poll`, { $select: CASO, $filter: `Modified ge datetime'${since}'`, $orderby: 'Id', $top: CHILD_TOP });
      first ??= pages[0]?.answer;
      for (const caso of pages.flatMap((p) => p.items.map((item) => item[CASO]))) if (isItemId(caso)) ids.add(caso);
    }
    return { ids: [...ids].sort((a, b) => a - b), first };
  };

  const childInputs = async (ids: readonly number[]): Promise<NativeInput[]> =>
    ids.length === 0 ? [] : (await site.childPages(ids)).map(({ key, answer }, i) => inputOf(`${key}.${i}.json`, answer));

  return {
    async read(ref: CaseRef) {
      const raw = ref.nativeId ?? ref.localPersonId;
      if (!/^[1-9]\d{0,14}$/.test(raw)) {
        throw new UpstreamError('sharepoint-ti.case-id-invalid', 'a SharePoint-TI case is read by the Id of its Casi item (localPersonId), a positive whole number; the reference holds none', {
          retryable: false,
          details: { field: ref.nativeId === undefined ? 'localPersonId' : 'nativeId' },
        });
      }
      const id = Number(raw);
      const what = 'the case read';
      const answer = await site.get(`${casi}(${id})`, what);
      if (itemAnswer(answer, what).id !== id) throw invalidAnswer(what, 'd.Id', answer.status);
      const mapped = map([inputOf('caso.json', answer), ...(await childInputs([id]))]);
      const record = readRecord(mapped, { code: 'sharepoint-ti.empty', message: 'SharePoint answered the case read without a case' });
      return { record, nativeId: String(id) };
    },

    async listChanges(cursor: string | null, limit: number): Promise<ChangePage> {
      const at = decodeCursor(cursor);
      const size = Math.max(1, Math.min(Math.floor(limit) || 1, site.settings.pageSize));
      let pending = at.pending ?? [];
      let start = at.start;
      let answer: HttpAnswer;
      let chunk: number[] = [];
      if (start === undefined) {
        // A new round. From the epoch every case is read anyway: no child poll.
        const changed = at.since === EPOCH ? { ids: [], first: undefined } : await childChanges(at.since);
        pending = changed.ids;
        answer = await site.get(casi, 'the poll', { $filter: `Modified ge datetime'${at.since}'`, $orderby: 'Id', $top: String(size) });
        start = startOf(changed.first ?? answer);
      } else if (at.next !== undefined) {
        answer = await site.get(site.follow(at.next, 'the poll'), 'the poll');
      } else {
        // The cases whose children changed and that no page served.
        chunk = pending.slice(0, size);
        answer = await site.get(casi, 'the poll', { $filter: odataAnyOf('Id', chunk), $orderby: 'Id', $top: String(chunk.length) });
      }
      const page = listAnswer(answer, 'the poll');
      const waiting = new Set(pending);
      // Served again with the etag it had when last read, and no child changed: a repeat.
      const fresh = page.items.filter((item) => !(isItemId(item.Id) && !waiting.has(item.Id) && wasSeen(at.seen, item.Id, etagOf(item))));
      const ids = [...new Set(fresh.map((item) => item.Id).filter(isItemId))];
      const read = new Set([...ids, ...chunk]);
      pending = pending.filter((id) => !read.has(id));
      const body: NativeInput = fresh.length === page.items.length ? inputOf('casi.json', answer) : { name: 'casi.json', content: new TextEncoder().encode(JSON.stringify({ d: { results: fresh } })) };
      const mapped = map([body, ...(await childInputs(ids))]);

      const next = chunk.length === 0 ? page.next : undefined;
      const added = seenOf(fresh, start);
      const round: PollCursor = { since: at.since, start, ...(next !== undefined ? { next } : {}), ...(pending.length > 0 ? { pending } : {}) };
      const more = next !== undefined || pending.length > 0;
      let nextCursor: PollCursor;
      if (more) {
        const seen = keepSeen(at.seen ?? [], added, at.since);
        nextCursor = { ...round, ...(seen.length > 0 ? { seen } : {}) };
      } else {
        // The round is over: the next one starts when this one began; what it serves again unchanged is skipped.
        const since = Date.parse(start) > Date.parse(at.since) ? start : at.since;
        const seen = keepSeen(at.seen ?? [], added, since);
        nextCursor = { since, ...(seen.length > 0 ? { seen } : {}) };
      }
      return {
        records: mapped.records,
        rejections: mapped.rejections,
        ...(mapped.stamps ? { stamps: mapped.stamps } : {}),
        // A case is read by its Casi Id, the record's localPersonId: no handle to learn.
        refs: {},
        nextCursor: encodeCursor(nextCursor),
        more,
      };
    },

    deliver: (request) => deliverTo(site, settings, request),
  };
}

/** The items a later round may serve again: changed at or after its start. */
function seenOf(items: readonly Json[], from: string): Seen[] {
  const out: Seen[] = [];
  for (const item of items) {
    const entry = [item.Id, etagOf(item), item.Modified];
    // An item whose stamp the cursor cannot hold is not skipped later: read twice rather than lost.
    if (isSeen(entry) && Date.parse(entry[2]) >= Date.parse(from)) out.push(entry);
  }
  return out;
}
