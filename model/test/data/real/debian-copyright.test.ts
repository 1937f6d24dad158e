import { describe, expect, it } from 'vitest';
import {
  holderOf,
  parseDebianCopyright,
  spdxFromDebian,
  stanzaFor,
} from '../../../src/data/real/sources/debian-copyright.ts';

const COPYRIGHT = `Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: example

Files: *
Copyright: 2014 KDE Visual Design Group
License: GPL-2+

Files: nature/Aqua.jpg
       nature/LadyBird.jpg
Copyright: 2008, Charles Barbin <barbinch@free.fr>
License: GPL-2+
Comment: Copyright holders are found in AUTHORS file.

Files: desktop/Ubuntu-Mate-*-no-logo.png
Copyright: 2014 Goce Mitevski
License: CC-BY-SA-4.0

License: GPL-2+
 This program is free software.
`;

describe('Debian copyright files', () => {
  const stanzas = parseDebianCopyright(COPYRIGHT);

  it('takes the last stanza whose patterns match, across continuation lines and globs', () => {
    expect(stanzas).toHaveLength(3);
    expect(stanzaFor(stanzas, 'nature/LadyBird.jpg')?.copyright).toBe(
      '2008, Charles Barbin <barbinch@free.fr>',
    );
    expect(stanzaFor(stanzas, 'desktop/Ubuntu-Mate-Cold-no-logo.png')?.license).toBe('CC-BY-SA-4.0');
    expect(stanzaFor(stanzas, 'other/file.png')?.license).toBe('GPL-2+');
  });

  it('turns Debian names into SPDX and copyright lines into holders', () => {
    expect([spdxFromDebian('GPL-2+'), spdxFromDebian('CC-BY-4.0'), spdxFromDebian('CC0')]).toEqual([
      'GPL-2.0-or-later',
      'CC-BY-4.0',
      'CC0-1.0',
    ]);
    expect(holderOf('2008, Charles Barbin <barbinch@free.fr>')).toBe('Charles Barbin');
    expect(holderOf('Copyright 2010 Ramón Miranda <m@example.com>')).toBe('Ramón Miranda');
  });
});
