/**
 * Parses Java `.properties` text (java.util.Properties#load): Sweet Home 3D keeps its furniture catalogues in
 * this format. The file is ISO-8859-1 with `\uXXXX` escapes, so decode the bytes as latin1 before calling this.
 */

const ESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f' };

/** Joins continuation lines (a line ending in an odd number of backslashes) and drops comments and blanks. */
function logicalLines(text: string): string[] {
  const lines: string[] = [];
  let pending = '';
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = pending ? raw.replace(/^[ \t\f]+/, '') : raw;
    if (!pending && /^[ \t\f]*([#!]|$)/.test(line)) continue;
    const trailing = /\\+$/.exec(line)?.[0].length ?? 0;
    if (trailing % 2 === 1) {
      pending += line.slice(0, -1);
      continue;
    }
    lines.push(pending + line);
    pending = '';
  }
  if (pending) lines.push(pending);
  return lines;
}

function unescapeProperty(text: string): string {
  return text.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, code: string) => {
    if (code.length === 5) return String.fromCharCode(Number.parseInt(code.slice(1), 16));
    return ESCAPES[code] ?? code;
  });
}

export function parseJavaProperties(text: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const line of logicalLines(text)) {
    const trimmed = line.replace(/^[ \t\f]+/, '');
    // The key ends at the first unescaped '=', ':' or whitespace; whitespace around the separator is skipped.
    const match = /^((?:\\.|[^\\=:\s])*)[ \t\f]*[=:]?[ \t\f]*(.*)$/s.exec(trimmed);
    if (!match) continue;
    entries.set(unescapeProperty(match[1] ?? ''), unescapeProperty(match[2] ?? ''));
  }
  return entries;
}
