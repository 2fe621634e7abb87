import { describe, expect, it } from 'vitest';
import { richText, toRichText } from './html-text.js';

describe('rich text (SharePoint enhanced rich text)', () => {
  it('makes each <p> a line and <br> a line break, drops other tags, decodes entities, trims', () => {
    expect(richText('<div class="ExternalClassAB"><p>Uno  </p><p>  <strong>Due</strong>&#160;tre</p></div>')).toBe('Uno\nDue tre');
    expect(richText('<div class="ExternalClassAB"><p>a<br>b<br/>c</p></div>')).toBe('a\nb\nc');
    expect(richText('<p>L&#39;URC &amp; il &lt;CFP&gt; &quot;Lugano&quot; &laquo;ok&raquo; &#x2013; &amp;lt;</p>')).toBe('L\'URC & il <CFP> "Lugano" «ok» – &lt;');
    expect(richText('<div><p>a</p><p>&#160;</p><p>b</p></div>')).toBe('a\n\nb');
    expect(richText('<div class="ExternalClassAB"><p>&#160;</p></div>')).toBeUndefined();
    expect(richText('testo semplice')).toBe('testo semplice');
    expect(richText('<div>prima<p>seconda</p>terza</div>')).toBe('prima\nseconda\nterza');
    expect(richText(null)).toBeUndefined();
  });

  it('writes one <p> per line, escaped, and reads it back', () => {
    const text = "Riga <1> & «due»\nL'ultima";
    expect(toRichText(text)).toBe('<div class="ExternalClass"><p>Riga &lt;1&gt; &amp; «due»</p><p>L&#39;ultima</p></div>');
    expect(richText(toRichText(text))).toBe(text);
  });
});
