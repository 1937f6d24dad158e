import { describe, expect, it } from 'vitest';
import { parseJavaProperties } from '../../../src/data/real/sources/java-properties.ts';

describe('parseJavaProperties', () => {
  it('reads keys with #, escapes, continuation lines and both separators, and skips comments', () => {
    const text = [
      '# a comment',
      '! another',
      'name#1=Caf\\u00e9 table',
      'tags#1 = Blend Swap, \\',
      '    Seat',
      'category#1: Living room',
      'key\\ with\\ spaces=value\\twith tab',
      'empty#1=',
    ].join('\n');
    expect(Object.fromEntries(parseJavaProperties(text))).toEqual({
      'name#1': 'Café table',
      'tags#1': 'Blend Swap, Seat',
      'category#1': 'Living room',
      'key with spaces': 'value\twith tab',
      'empty#1': '',
    });
  });
});
