// A small XML 1.0 reader for tests: checks well-formedness (one root, tags nest and close in order,
// attributes quoted and unique, only the five predefined entities or character references, no raw
// `<` or `&` in text) and returns the element tree, so a test can both prove the JUnit output is
// valid XML and look at its structure. Throws an Error naming the offset of the first fault.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*/;
const ENTITY = /^&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/;

export function parseXml(source: string): XmlElement {
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`XML not well-formed at offset ${i}: ${why} (near ${JSON.stringify(source.slice(i, i + 30))})`);
  };
  const skipSpace = () => {
    while (i < source.length && /\s/.test(source[i]!)) i++;
  };
  const decodeText = (raw: string, where: string): string => {
    let out = '';
    for (let k = 0; k < raw.length; k++) {
      const ch = raw[k]!;
      if (ch === '<') fail(`raw < in ${where}`);
      if (ch !== '&') {
        out += ch;
        continue;
      }
      const m = ENTITY.exec(raw.slice(k));
      if (!m) fail(`bare & in ${where}`);
      const e = m![1]!;
      out += e === 'amp' ? '&' : e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
      k += m![0].length - 1;
    }
    return out;
  };

  if (source.startsWith('<?xml')) {
    const end = source.indexOf('?>');
    if (end < 0) fail('unterminated XML declaration');
    i = end + 2;
  }
  skipSpace();

  const element = (): XmlElement => {
    if (source[i] !== '<') fail('expected <');
    i++;
    const name = NAME.exec(source.slice(i))?.[0] ?? fail('expected an element name');
    i += name.length;
    const attributes: Record<string, string> = {};
    for (;;) {
      const before = i;
      skipSpace();
      if (source.startsWith('/>', i)) {
        i += 2;
        return { name, attributes, children: [], text: '' };
      }
      if (source[i] === '>') {
        i++;
        break;
      }
      if (i === before) fail('expected whitespace before an attribute');
      const attr = NAME.exec(source.slice(i))?.[0] ?? fail('expected an attribute name');
      i += attr.length;
      if (source[i] !== '=') fail('expected = after an attribute name');
      i++;
      const quote = source[i];
      if (quote !== '"' && quote !== "'") fail('expected a quoted attribute value');
      const end = source.indexOf(quote!, i + 1);
      if (end < 0) fail('unterminated attribute value');
      if (attr in attributes) fail(`attribute ${attr} repeated`);
      attributes[attr] = decodeText(source.slice(i + 1, end), `attribute ${attr}`);
      i = end + 1;
    }
    const children: XmlElement[] = [];
    let text = '';
    for (;;) {
      if (i >= source.length) fail(`element ${name} is not closed`);
      if (source.startsWith('</', i)) {
        i += 2;
        const closing = NAME.exec(source.slice(i))?.[0];
        if (closing !== name) fail(`</${closing}> closes <${name}>`);
        i += name.length;
        skipSpace();
        if (source[i] !== '>') fail('expected > to end a closing tag');
        i++;
        return { name, attributes, children, text };
      }
      if (source[i] === '<') {
        children.push(element());
        continue;
      }
      const next = source.indexOf('<', i);
      const end = next < 0 ? source.length : next;
      text += decodeText(source.slice(i, end), `the text of ${name}`);
      i = end;
    }
  };

  const root = element();
  skipSpace();
  if (i !== source.length) fail('content after the root element');
  return root;
}

/** Every element named `name` under `root` (depth first, document order). */
export function findAll(root: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    if (e.name === name) out.push(e);
    e.children.forEach(walk);
  };
  walk(root);
  return out;
}
