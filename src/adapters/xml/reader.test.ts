import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { encodeText } from '../text/encoding.js';
import { parseXml, streamXml } from './reader.js';
import { el, writeXml } from './writer.js';
import { thrown } from '../testing.js';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const file = 'TUT_AIS_TEST.xml';

async function* chunked(data: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < data.byteLength; i += size) yield data.subarray(i, i + size);
}

const refusalOf = (fn: () => unknown): InputError => thrown(InputError, fn);

const BOMB = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<lolz>&lol9;</lolz>`;

const XXE = `<?xml version="1.0"?>
<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<TutorisExport><Klient>&xxe;</Klient></TutorisExport>`;

describe('the hardened XML reader', () => {
  it('reads elements, attributes, CDATA and character references', () => {
    const root = parseXml(bytes('<a x="1"><b>Y&#305;ld&#305;z &amp; co</b><c><![CDATA[line\nline]]></c><b>two</b></a>'), { file });
    expect(root.attr('x')).toBe('1');
    expect(root.textOf('b')).toBe('Yıldız & co');
    expect(root.all('b').map((b) => b.text)).toEqual(['Yıldız & co', 'two']);
    expect(root.textOf('c')).toBe('line\nline');
  });

  it('decodes the declared encoding, never guessing', () => {
    const latin1 = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><a>Zürich</a>', 'latin1');
    expect(parseXml(latin1, { file }).text).toBe('Zürich');
    const cp1252 = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><a>', 'latin1'), Buffer.from([0x84, 0x41, 0x93]), Buffer.from('</a>')]);
    expect(parseXml(cp1252, { file, latin1As: 'windows-1252' }).text).toBe('„A“');
    expect(() => parseXml(Buffer.from('<a>Zürich</a>', 'latin1'), { file })).toThrow(/not valid UTF-8/);
  });

  it('refuses an XML bomb and an external entity at once, naming the file', () => {
    // Bounded by construction: refused at the DOCTYPE, nothing is expanded or fetched.
    for (const doc of [BOMB, XXE]) {
      const error = refusalOf(() => parseXml(bytes(doc), { file }));
      expect(error.code).toBe('xml.doctype-refused');
      expect(error.message).toContain(file);
      expect(error.message).not.toContain('passwd');
    }
  });

  it('bounds depth and size, and reports malformed XML by line only', () => {
    expect(refusalOf(() => parseXml(bytes('<a>'.repeat(100) + '</a>'.repeat(100)), { file })).code).toBe('xml.too-deep');
    expect(refusalOf(() => parseXml(bytes('<a>0123456789</a>'), { file, maxBytes: 5 })).code).toBe('xml.too-large');
    const malformed = refusalOf(() => parseXml(bytes('<a>\n<b>secret text</c></a>'), { file }));
    expect(malformed.code).toBe('xml.malformed');
    expect(malformed.message).toBe(`${file}:2: is not well-formed XML`);
  });

  it('streams records of a large document in chunks, root attributes first', async () => {
    const doc = `<?xml version="1.0" encoding="UTF-8"?><TutorisExport Mandant="SH-KSA">${Array.from({ length: 50 }, (_, i) => `<Klient PersonNr="${i}"><Name>Müller ${i}</Name></Klient>`).join('')}</TutorisExport>`;
    const seen: string[] = [];
    for await (const event of streamXml(chunked(bytes(doc), 7), { file, depth: 2 })) {
      if (event.kind === 'open') seen.push(`open ${event.element.local} ${event.element.attr('Mandant')}`);
      else seen.push(`${event.element.attr('PersonNr')} ${event.element.textOf('Name')}`);
    }
    expect(seen[0]).toBe('open TutorisExport SH-KSA');
    expect(seen).toHaveLength(51);
    expect(seen[50]).toBe('49 Müller 49');
  });

  it('refuses a DOCTYPE when streaming too', async () => {
    await expect(async () => {
      for await (const _ of streamXml(chunked(bytes(BOMB), 64), { file, depth: 2 })) void _;
    }).rejects.toThrow(/DOCTYPE/);
  });
});

describe('the XML writer', () => {
  it('escapes text and attributes and writes what Latin-1 cannot hold as references', () => {
    const doc = el('Root', { a: 'x "y" & <z>', skip: undefined }, el('Name', {}, 'Yıldız & Söhne'), el('Empty'));
    const written = writeXml(doc, 'iso-8859-1');
    const text = Buffer.from(written).toString('latin1');
    expect(text).toContain('encoding="ISO-8859-1"');
    expect(text).toContain('Y&#305;ld&#305;z &amp; Söhne');
    const again = parseXml(written, { file });
    expect(again.attr('a')).toBe('x "y" & <z>');
    expect(again.attr('skip')).toBeUndefined();
    expect(again.textOf('Name')).toBe('Yıldız & Söhne');
    expect(Buffer.from(encodeText('€', 'windows-1252'))[0]).toBe(0x80);
  });
});
