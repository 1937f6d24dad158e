/**
 * Reads the Creative Commons RDF block Inkscape and the Open Clip Art Library put in an SVG's `<metadata>`:
 * the work's title, subject keywords, creator, rights holder and licence URL. A regex reading is enough here:
 * the block is machine-written and flat, and a full XML parse of 7,000 SVGs would mostly parse path data.
 */

export interface SvgMetadata {
  /** The work's own `dc:title` (not an agent's), whitespace collapsed; "" where missing. */
  title: string;
  subjects: string[];
  creator: string;
  rights: string;
  /** `cc:license rdf:resource`; "" where the element is missing or empty. */
  licenceUrl: string;
  /** Inkscape's `sodipodi:docname`, the file name the artist saved under; it sometimes names a licence. */
  docName: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXmlText(text: string): string {
  const decoded = text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number.parseInt(ref.slice(1), 10));
    return ENTITIES[ref] ?? whole;
  });
  return decoded
    .replace(/<!\[CDATA\[(.*?)\]\]>/gs, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

function firstMatch(text: string, pattern: RegExp): string {
  return decodeXmlText(pattern.exec(text)?.[1] ?? '');
}

const TITLE = /<dc:title(?:\s[^>]*)?>(.*?)<\/dc:title>/s;

function agentTitle(work: string, element: string): string {
  const block = new RegExp(`<${element}(?:\\s[^>]*)?>(.*?)</${element}>`, 's').exec(work)?.[1] ?? '';
  return firstMatch(block, TITLE);
}

export function readSvgMetadata(svg: string): SvgMetadata {
  const work = /<cc:Work\b[^>]*>(.*?)<\/cc:Work>/s.exec(svg)?.[1] ?? '';
  // Agents (publisher, creator, rights) carry dc:title elements of their own; the work's title is the one left.
  const ownFields = work.replace(/<cc:Agent\b.*?<\/cc:Agent>/gs, '');
  const subjectBlock = /<dc:subject(?:\s[^>]*)?>(.*?)<\/dc:subject>/s.exec(work)?.[1] ?? '';
  const subjects = [...subjectBlock.matchAll(/<rdf:li(?:\s[^>]*)?>(.*?)<\/rdf:li>/gs)]
    .map((m) => decodeXmlText(m[1] ?? ''))
    .filter((s) => s !== '');
  return {
    title: firstMatch(ownFields, TITLE),
    subjects,
    creator: agentTitle(work, 'dc:creator'),
    rights: agentTitle(work, 'dc:rights'),
    licenceUrl: firstMatch(svg, /<cc:license\b[^>]*?rdf:resource="([^"]*)"/s),
    docName: firstMatch(svg, /sodipodi:docname="([^"]*)"/),
  };
}
