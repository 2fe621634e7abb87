// Rich text as web-based systems store it (SharePoint's enhanced rich text, `<div
// class="ExternalClass…"><p>…</p></div>`) ↔ the contract's plain lines: each `<p>` is a
// line, `<br>` a line break, other tags are dropped, entities decoded (`&#160;` a space),
// lines trimmed and joined with `\n`, the result trimmed. Not an HTML parser: the text
// is a system's own, never rendered.

const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  laquo: '«',
  raquo: '»',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  euro: '€',
  deg: '°',
  agrave: 'à',
  aacute: 'á',
  egrave: 'è',
  eacute: 'é',
  igrave: 'ì',
  ograve: 'ò',
  ugrave: 'ù',
  Agrave: 'À',
  Egrave: 'È',
  Eacute: 'É',
  auml: 'ä',
  ouml: 'ö',
  uuml: 'ü',
  Auml: 'Ä',
  Ouml: 'Ö',
  Uuml: 'Ü',
  ccedil: 'ç',
  szlig: 'ß',
};

/** Character references once each (`&amp;lt;` is the text `&lt;`); a non-breaking space is a space; an unknown name stays as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!Number.isInteger(code) || code < 1 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return whole;
      return code === 0xa0 ? ' ' : String.fromCodePoint(code);
    }
    return NAMED[ref] ?? whole;
  });
}

/** The lines of one stretch of HTML: `<br>` breaks, tags dropped, entities decoded, each line trimmed. */
function linesOf(html: string): string[] {
  const text = html.replace(/<br\s*\/?>/gi, '\n').replace(/<[^>]*>/g, '');
  return decodeEntities(text)
    .split(/\r?\n/)
    .map((line) => line.trim());
}

/** Rich text → plain text; blank or absent → undefined. Text outside paragraphs counts where it is not blank. */
export function richText(html: string | null | undefined): string | undefined {
  if (html === null || html === undefined) return undefined;
  const lines: string[] = [];
  const loose = (stretch: string): void => {
    // An unclosed `<p>` still starts a line.
    for (const part of stretch.split(/<\/?p\b[^>]*>/i)) {
      const found = linesOf(part);
      if (found.some((l) => l !== '')) lines.push(...found);
    }
  };
  let last = 0;
  for (const m of html.matchAll(/<p\b[^>]*>([\s\S]*?)<\/p\s*>/gi)) {
    loose(html.slice(last, m.index));
    lines.push(...linesOf(m[1]!));
    last = m.index + m[0].length;
  }
  loose(html.slice(last));
  const result = lines.join('\n').trim();
  return result === '' ? undefined : result;
}

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Plain text → rich text as SharePoint stores it: one `<p>` per line. */
export function toRichText(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  return `<div class="ExternalClass"><p>${text.split('\n').map(escape).join('</p><p>')}</p></div>`;
}
