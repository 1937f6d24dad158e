// What the plugin writes for a caption: thresholded on reliability when the service gives one, else on confidence,
// at the page's or reader's threshold or the default for that score.
import { describe, expect, it } from 'vitest';
import { parseSettings } from '../src/core/settings.ts';
import {
  DEFAULT_CONFIDENCE_THRESHOLD,
  DEFAULT_RELIABILITY_THRESHOLD,
  RELIABILITY_FALLBACK_THRESHOLD,
  thresholdedScore,
} from '../src/core/thresholds.ts';
import { altTextFor } from '../src/core/wording.ts';

const WORDING = 'Image may contain: {caption}';

describe('thresholding', () => {
  it('judges reliability when the answer has it, whatever the confidence says', () => {
    // A confident mistake: high confidence, low reliability.
    const mistake = { caption: 'a black high heel', confidence: 0.73, reliability: 0.08 };
    expect(altTextFor(mistake, WORDING, undefined)).toBeUndefined();
    expect(altTextFor(mistake, WORDING, 0.4)).toBeUndefined();
    expect(altTextFor(mistake, WORDING, 0.05)).toBe('Image may contain: a black high heel');
    // An unsure-sounding caption the verifier trusts.
    const right = { caption: 'two red apples', confidence: 0.3, reliability: 0.97 };
    expect(altTextFor(right, WORDING, undefined)).toBe('Image may contain: two red apples');
    expect(altTextFor(right, WORDING, 0.97)).toBe('Image may contain: two red apples');
    expect(altTextFor(right, WORDING, 0.98)).toBeUndefined();
  });

  it('falls back to confidence and its own default for a service without a verifier', () => {
    for (const reliability of [null, undefined]) {
      const caption = { caption: 'a dog', confidence: 0.45, reliability };
      expect(thresholdedScore(caption, undefined)).toEqual({
        score: 0.45,
        kind: 'confidence',
        threshold: DEFAULT_CONFIDENCE_THRESHOLD,
      });
      expect(altTextFor(caption, WORDING, undefined)).toBe('Image may contain: a dog');
      expect(altTextFor(caption, WORDING, 0.5)).toBeUndefined();
    }
    expect(DEFAULT_CONFIDENCE_THRESHOLD).toBe(0.4);
  });

  it('defaults on reliability to the built-in verifier threshold (unbundled: the documented fallback)', () => {
    expect(DEFAULT_RELIABILITY_THRESHOLD).toBe(RELIABILITY_FALLBACK_THRESHOLD);
    expect(thresholdedScore({ confidence: 0.9, reliability: 0.6 }, undefined)).toEqual({
      score: 0.6,
      kind: 'reliability',
      threshold: DEFAULT_RELIABILITY_THRESHOLD,
    });
  });

  it('data-threshold and the options page set the threshold; empty leaves the default', () => {
    const parse = (threshold: string | undefined) =>
      parseSettings({ endpoint: 'https://captions.example.com', key: 'pk_x', threshold }).settings?.threshold;
    expect(parse('0.7')).toBe(0.7);
    expect(parse('0')).toBe(0);
    expect(parse('')).toBeUndefined();
    expect(parse(undefined)).toBeUndefined();
  });
});
