/**
 * Per-file licences from a machine-readable Debian copyright file (DEP-5): wallpaper packages state each
 * picture's author and licence there, in `Files:` stanzas where the last stanza matching a path wins.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CopyrightStanza {
  /** Glob patterns relative to the upstream source tree (`*` matches across `/`, as DEP-5 says). */
  files: string[];
  copyright: string;
  /** The short licence name as Debian writes it ("GPL-2+", "CC-BY-SA-4.0"). */
  license: string;
}

function fields(paragraph: string): Map<string, string> {
  const result = new Map<string, string>();
  let key = '';
  for (const line of paragraph.split('\n')) {
    const field = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
    if (field?.[1] && field[2] !== undefined) {
      key = field[1].toLowerCase();
      result.set(key, field[2]);
    } else if (key && /^\s/.test(line)) {
      result.set(key, `${result.get(key) ?? ''}\n${line.trim()}`);
    }
  }
  return result;
}

export function parseDebianCopyright(text: string): CopyrightStanza[] {
  const stanzas: CopyrightStanza[] = [];
  for (const paragraph of text.split(/\n\s*\n/)) {
    const f = fields(paragraph);
    const files = f.get('files');
    if (files === undefined) continue;
    stanzas.push({
      files: files.split(/\s+/).filter((p) => p !== ''),
      copyright: (f.get('copyright') ?? '').trim(),
      license: (f.get('license') ?? '').split('\n')[0]?.trim() ?? '',
    });
  }
  return stanzas;
}

export function readDebianCopyright(packageRoot: string, packageName: string): CopyrightStanza[] {
  return parseDebianCopyright(
    readFileSync(join(packageRoot, 'usr/share/doc', packageName, 'copyright'), 'utf8'),
  );
}

function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/** The stanza that governs `path` (relative to the source tree), or null where none matches. */
export function stanzaFor(stanzas: CopyrightStanza[], path: string): CopyrightStanza | null {
  let found: CopyrightStanza | null = null;
  for (const stanza of stanzas)
    if (stanza.files.some((glob) => globToRegExp(glob).test(path))) found = stanza;
  return found;
}

const SPDX: Record<string, string> = {
  'GPL-2': 'GPL-2.0-only',
  'GPL-2+': 'GPL-2.0-or-later',
  'GPL-3+': 'GPL-3.0-or-later',
  'LGPL-3': 'LGPL-3.0-only',
  'LGPL-3+': 'LGPL-3.0-or-later',
  CC0: 'CC0-1.0',
  Expat: 'MIT',
};

/** Debian's short names mostly are SPDX already; the rest differ only in spelling. */
export function spdxFromDebian(license: string): string {
  return SPDX[license] ?? license;
}

/** A copyright line without its years ("2018, Aitzol Berasategi" -> "Aitzol Berasategi"). */
export function holderOf(copyright: string): string {
  return copyright
    .split('\n')
    .map((line) =>
      line
        .replace(/^(copyright\s*)?(\(c\)\s*)?/i, '')
        .replace(/\b\d{4}(\s*-\s*\d{4})?\b[.,]?/g, '')
        .replace(/[´]/g, '')
        .replace(/\s*<[^>]*>/g, '')
        .replace(/^[\s,.]+|[\s,.]+$/g, ''),
    )
    .filter((line) => line !== '')
    .join('; ');
}
