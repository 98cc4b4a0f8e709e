import JSZip from 'jszip';
import { SaxesParser } from 'saxes';

interface Node {
  name: string;
  attributes: Record<string, string>;
  children: Node[];
  text: string;
}

/** Parses XML strictly (a malformed document throws), into a light tree. */
export function parseXml(xml: string): Node {
  const parser = new SaxesParser();
  const root: Node = { name: '#root', attributes: {}, children: [], text: '' };
  const stack = [root];
  parser.on('opentag', (tag) => {
    const node: Node = { name: tag.name, attributes: tag.attributes as Record<string, string>, children: [], text: '' };
    stack[stack.length - 1].children.push(node);
    stack.push(node);
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('text', (text) => (stack[stack.length - 1].text += text));
  parser.write(xml).close();
  return root;
}

const all = (node: Node, name: string): Node[] => node.children.flatMap((c) => [...(c.name === name ? [c] : []), ...all(c, name)]);
const textOf = (node: Node): string => all(node, 'w:t').map((t) => t.text).join('');

/** What a test needs from a .docx: its parts, headings, tables as text, media and footer, after a strict parse. */
export async function readDocx(bytes: Buffer) {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  const document = parseXml(xml);
  const paragraphs = all(document, 'w:p');
  const headings = (level: string) => paragraphs.filter((p) => all(p, 'w:pStyle').some((s) => s.attributes['w:val'] === level)).map(textOf);
  const footers = await Promise.all(zip.file(/^word\/footer\d*\.xml$/).map((f) => f.async('string')));
  for (const footer of footers) parseXml(footer);
  return {
    parts: Object.keys(zip.files),
    xml,
    text: textOf(document),
    headings,
    tables: all(document, 'w:tbl').map((table) => all(table, 'w:tr').map((row) => all(row, 'w:tc').map(textOf))),
    media: await Promise.all(zip.file(/^word\/media\//).map(async (f) => ({ name: f.name, bytes: await f.async('nodebuffer') }))),
    footers,
  };
}
