/**
 * An XML element as the reader gives it: qualified and local name, namespace, attributes,
 * child elements in document order, and its own text (CDATA included, untrimmed).
 * Lookups are by local name, so a prefix chosen by the sender does not matter.
 */
export class XmlElement {
  readonly children: XmlElement[] = [];
  text = '';

  constructor(
    readonly name: string,
    readonly local: string,
    readonly ns: string,
    readonly attributes: Readonly<Record<string, string>>,
    /** 1-based line of the start tag, for errors. */
    readonly line: number,
  ) {}

  /** An attribute by qualified or local name; absent when missing (an empty one is `''`). */
  attr(name: string): string | undefined {
    return this.attributes[name];
  }

  /** The first child element with this local name. */
  child(local: string): XmlElement | undefined {
    return this.children.find((c) => c.local === local);
  }

  /** Every child element with this local name, in document order. */
  all(local: string): XmlElement[] {
    return this.children.filter((c) => c.local === local);
  }

  /** Down a path of local names: `path('Dossier', 'Fallfuehrung')`. */
  path(...locals: string[]): XmlElement | undefined {
    let node: XmlElement | undefined = this;
    for (const local of locals) node = node?.child(local);
    return node;
  }

  /** The text of a child element (untrimmed), or undefined when there is no such child. */
  textOf(local: string): string | undefined {
    return this.child(local)?.text;
  }
}
