/**
 * Reads the per-folder README credit files inside GCompris's resource bundles. They are the only per-file licence
 * record: Debian's copyright file for gcompris-qt-data predates many of the photos. Each block is a few
 * `Key: value` fields (Copyright, Source, License, Comments, Files) in any order, blocks apart by blank lines;
 * a field's value may go on over the following lines (the file list usually does).
 */

export interface Credit {
  /** SPDX identifier. */
  licence: string;
  /** The Copyright field as written ("Charles J. Sharp", "© 2014 Jee & Rani Nature Photography"). */
  author: string;
  /** The Source field (a URL), or "" where the block has none. */
  source: string;
}

const FIELDS = new Set(['copyright', 'source', 'license', 'licence', 'comments', 'comment', 'files']);

/** Credits by path relative to the README's folder (`hammer1.webp`, `france/eiffelTower.webp`). */
export function parseCredits(readme: string, label: string): Map<string, Credit> {
  const credits = new Map<string, Credit>();
  for (const block of readme.split(/\n\s*\n/)) {
    const fields = readFields(block);
    const files = fields.get('files');
    if (!files) continue;
    const licenceText = fields.get('license') ?? fields.get('licence') ?? '';
    const credit: Credit = {
      licence: spdxLicence(licenceText, label),
      author: fields.get('copyright') ?? '',
      source: fields.get('source') ?? '',
    };
    for (const file of files.split(/\s+/).filter((f) => f !== '')) credits.set(file, credit);
  }
  return credits;
}

function readFields(block: string): Map<string, string> {
  const fields = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of block.split('\n')) {
    const field = /^([A-Za-z]+):\s*(.*)$/.exec(line.trim());
    const key = field?.[1]?.toLowerCase();
    if (field && key && FIELDS.has(key)) {
      current = [];
      fields.set(key, current);
      if (field[2]) current.push(field[2].trim());
    } else if (current && line.trim() !== '') {
      current.push(line.trim());
    }
  }
  // A multi-line Copyright ("Copyright 1989 NASA" / "Copyright 2020 Timothée Giet") reads as one credit line.
  return new Map([...fields].map(([key, lines]) => [key, lines.join(key === 'files' ? '\n' : '; ')]));
}

/**
 * Maps the licence names these READMEs use to SPDX. A name not in the table is refused rather than guessed:
 * the package version is pinned, so a new spelling means the table needs a look, not a silent default.
 */
export function spdxLicence(text: string, label: string): string {
  const key = text
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  if (key === '') return 'LicenseRef-Unknown';
  if (key === 'public-domain') return 'LicenseRef-PublicDomain';
  if (key === 'cc0' || key === 'cc0-1.0') return 'CC0-1.0';
  const cc = /^cc-by(-sa)?-(\d\.\d)$/.exec(key);
  if (cc) return `CC-BY${cc[1] ? '-SA' : ''}-${cc[2]}`;
  const gpl = /^gplv?(\d)(\+?)$/.exec(key);
  if (gpl) return `GPL-${gpl[1]}.0-${gpl[2] ? 'or-later' : 'only'}`;
  throw new Error(`${label}: licence "${text}" has no SPDX mapping in gcompris-credits.ts`);
}
