// A small XML reader and writer for libvirt's own documents (domain, network,
// pool, volume and snapshot XML): well-formed, no DTDs, no namespaces to resolve.
// Enough to read fields and to edit a document (clone, restore) without a
// dependency; escaping is done in exactly one place (xmlEscape).

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

const entities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(Number.parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number.parseInt(e.slice(1), 10));
    return entities[e] ?? m;
  });
}

/** Escapes text or an attribute value (both quote kinds, so either quoting works). */
export function xmlEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Parses one document; throws on malformed input (libvirt never sends any). */
export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#document', attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  const tagRe = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;
  const attrRe = /([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt === -1 ? xml.length : lt);
    if (text.trim() !== '') stack[stack.length - 1]!.children.push(decode(text));
    if (lt === -1) break;
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt);
      i = end === -1 ? xml.length : end + 3;
      continue;
    }
    if (xml.startsWith('<?', lt) || xml.startsWith('<!', lt)) {
      if (xml.startsWith('<![CDATA[', lt)) {
        const end = xml.indexOf(']]>', lt);
        stack[stack.length - 1]!.children.push(xml.slice(lt + 9, end));
        i = end + 3;
        continue;
      }
      i = xml.indexOf('>', lt) + 1;
      continue;
    }
    tagRe.lastIndex = lt;
    const m = tagRe.exec(xml);
    if (!m) throw new Error(`malformed XML near offset ${lt}`);
    i = tagRe.lastIndex;
    const [, closing, name, attrText, selfClosing] = m;
    if (closing) {
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`mismatched </${name}> in XML`);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (attrText ?? '').matchAll(attrRe)) attrs[a[1]!] = decode(a[2] ?? a[3] ?? '');
    const el: XmlElement = { name: name!, attrs, children: [] };
    stack[stack.length - 1]!.children.push(el);
    if (!selfClosing) stack.push(el);
  }
  if (stack.length !== 1) throw new Error('unclosed element in XML');
  const top = root.children.find((c): c is XmlElement => typeof c !== 'string');
  if (!top) throw new Error('empty XML document');
  return top;
}

export function elements(el: XmlElement | undefined, name?: string): XmlElement[] {
  if (!el) return [];
  return el.children.filter(
    (c): c is XmlElement => typeof c !== 'string' && (name === undefined || c.name === name),
  );
}

/** The first element along a path of child names: child(dom, 'os', 'type'). */
export function child(el: XmlElement | undefined, ...path: string[]): XmlElement | undefined {
  let cur = el;
  for (const p of path) {
    cur = elements(cur, p)[0];
    if (!cur) return undefined;
  }
  return cur;
}

export function textOf(el: XmlElement | undefined): string | undefined {
  if (!el) return undefined;
  return el.children.filter((c): c is string => typeof c === 'string').join('');
}

/** Serialises an element back to XML (two-space indent, attributes single-quoted as libvirt does). */
export function serializeXml(el: XmlElement, indent = ''): string {
  const attrs = Object.entries(el.attrs)
    .map(([k, v]) => ` ${k}='${xmlEscape(v)}'`)
    .join('');
  if (el.children.length === 0) return `${indent}<${el.name}${attrs}/>`;
  if (el.children.every((c) => typeof c === 'string')) {
    return `${indent}<${el.name}${attrs}>${xmlEscape(el.children.join(''))}</${el.name}>`;
  }
  const inner = el.children
    .map((c) =>
      typeof c === 'string' ? `${indent}  ${xmlEscape(c.trim())}` : serializeXml(c, `${indent}  `),
    )
    .join('\n');
  return `${indent}<${el.name}${attrs}>\n${inner}\n${indent}</${el.name}>`;
}

export function removeChildren(el: XmlElement, pred: (c: XmlElement) => boolean): void {
  el.children = el.children.filter((c) => typeof c === 'string' || !pred(c));
}

export function setText(el: XmlElement, text: string): void {
  el.children = [text];
}
