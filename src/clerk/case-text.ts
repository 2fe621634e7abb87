import { swissDate } from '../web/format.js';
import { fill, type Lang, type Messages } from '../web/i18n.js';

/** What the case's pages need besides the record: the page's language and the registry's names. */
export interface CaseContext {
  lang: Lang;
  institutionName(id: string | undefined): string;
}

/** A period in words: from–to, from (current), or its end alone. */
export function period(m: Messages, from: string | undefined, to: string | undefined): string {
  if (from && to) return fill(m.inbox.fromTo, { from: swissDate(from), to: swissDate(to) });
  if (from) return `${fill(m.inbox.fromOnly, { from: swissDate(from) })} (${m.inbox.current})`;
  return to ? swissDate(to) : '';
}
