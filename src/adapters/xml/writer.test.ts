import { describe, expect, it } from 'vitest';
import { el, listElement, writeXml } from './writer.js';

describe('list elements', () => {
  it('hold one child per item, skip what the writer leaves out, and are left out when there is no item', () => {
    const list = listElement('Dokumente', ['D-1', 'D-2', 'D-3'], (id, i) => (i === 1 ? undefined : el('Dokument', { Nr: id })));
    expect(list).toEqual({ name: 'Dokumente', attributes: {}, children: [el('Dokument', { Nr: 'D-1' }), el('Dokument', { Nr: 'D-3' })] });
    expect(listElement('Dokumente', [], () => el('Dokument'))).toBeUndefined();
    expect(new TextDecoder().decode(writeXml(el('UE', {}, listElement('Dokumente', [], () => el('Dokument')))))).not.toContain('Dokumente');
  });
});
