import { describe, expect, it } from 'vitest';
import { fitWithin } from '../src/core/downsize.ts';
import { DEFAULT_SETTINGS, parseSettings } from '../src/core/settings.ts';
import { altTextFor } from '../src/core/wording.ts';

describe('parseSettings', () => {
  it('fills defaults and trims the endpoint', () => {
    expect(parseSettings({ endpoint: 'https://captions.example.com/', key: 'pk_x' })).toEqual({
      settings: { endpoint: 'https://captions.example.com', key: 'pk_x', ...DEFAULT_SETTINGS },
      problems: [],
    });
  });

  it('reports every problem at once', () => {
    expect(
      parseSettings({ endpoint: 'captions.example.com', threshold: '1.5', concurrency: '0', beams: 'three' }),
    ).toEqual({
      problems: [
        'endpoint must be the http(s) URL of the service',
        'key is missing: a publishable key (pk_…) allowed for this origin',
        'threshold must be a number from 0 to 1, not "1.5"',
        'concurrency must be an integer from 1 to 8, not "0"',
        'beams must be an integer from 1 to 8, not "three"',
      ],
    });
  });
});

describe('altTextFor', () => {
  it('hedges the caption with the wording, and says nothing below the threshold', () => {
    const caption = { caption: 'a dog and a hat', confidence: 0.62 };
    expect(altTextFor(caption, 'Image may contain: {caption}', 0.4)).toBe(
      'Image may contain: a dog and a hat',
    );
    expect(altTextFor(caption, 'Appears to be', 0.4)).toBe('Appears to be a dog and a hat');
    expect(altTextFor(caption, 'Image may contain: {caption}', 0.63)).toBeUndefined();
    expect(altTextFor({ caption: ' ', confidence: 1 }, '{caption}', 0)).toBeUndefined();
  });
});

describe('fitWithin', () => {
  it('scales the longer side down to the limit, never up', () => {
    expect(fitWithin(1024, 768, 512)).toEqual({ width: 512, height: 384 });
    expect(fitWithin(300, 4000, 512)).toEqual({ width: 38, height: 512 });
    expect(fitWithin(128, 128, 512)).toEqual({ width: 128, height: 128 });
  });
});
