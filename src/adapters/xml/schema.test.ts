import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { xsdValidator } from './schema.js';

// A schema of its own, so the SDK's validator is tested apart from any system's files.
const NS = 'urn:test:person';
const dir = mkdtempSync(path.join(tmpdir(), 'xsd-'));
writeFileSync(
  path.join(dir, 'person.xsd'),
  `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="${NS}" xmlns="${NS}" elementFormDefault="qualified">
  <xs:element name="person">
    <xs:complexType>
      <xs:sequence><xs:element name="name" type="xs:string"/><xs:element name="born" type="xs:date"/></xs:sequence>
      <xs:attribute name="sex" use="required"><xs:simpleType><xs:restriction base="xs:string"><xs:enumeration value="1"/><xs:enumeration value="2"/></xs:restriction></xs:simpleType></xs:attribute>
    </xs:complexType>
  </xs:element>
</xs:schema>`,
);
const validate = xsdValidator(dir, { person: { files: ['person.xsd'], root: `{${NS}}person` } }, { [NS]: 'p' });
const xml = (body: string, sex = '1'): Uint8Array => new TextEncoder().encode(`<?xml version="1.0"?>\n<p:person xmlns:p="${NS}" sex="${sex}">${body}</p:person>`);

describe('XSD validation', () => {
  it('accepts a valid document', async () => {
    expect(await validate(xml('<p:name>Ada</p:name><p:born>1987-02-14</p:born>'), 'person')).toEqual({ valid: true });
  });

  it('names line, element and rule, never the value', async () => {
    const result = await validate(xml('<p:name>Ada</p:name><p:born>14.02.1987</p:born>'), 'person');
    expect(result.valid).toBe(false);
    if (result.valid) return;
    expect(result.errors[0]).toMatchObject({ line: 2, element: 'p:born' });
    expect(JSON.stringify(result.errors)).not.toContain('14.02.1987');
  });

  it('names an attribute at fault', async () => {
    const result = await validate(xml('<p:name>Ada</p:name><p:born>1987-02-14</p:born>', '7'), 'person');
    expect(result.valid ? undefined : result.errors[0]).toMatchObject({ element: 'p:person', attribute: 'sex' });
  });

  it('refuses another root, and what is not well-formed, before xmllint runs', async () => {
    const other = await validate(new TextEncoder().encode(`<p:other xmlns:p="${NS}"/>`), 'person');
    expect(other.valid ? undefined : other.errors[0]!.rule).toBe('the root element is not p:person');
    const broken = await validate(new TextEncoder().encode('<p:person'), 'person');
    expect(broken.valid ? undefined : broken.errors[0]!.rule).toContain('not well-formed');
  });
});
