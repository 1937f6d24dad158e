/**
 * The art sets scenes are drawn from (licences in model/ATTRIBUTION.md); one style per scene, so a test
 * split can hold out a whole design.
 */

export const STYLE_IDS = [
  'twemoji',
  'noto',
  'noto-v1',
  'emojione',
  'fxemoji',
  'streamline-emojis',
  'fluent-emoji-flat',
] as const;
export type StyleId = (typeof STYLE_IDS)[number];

/** How model cards and docs name each art set. */
export const STYLE_NAMES: Readonly<Record<StyleId, string>> = {
  twemoji: 'Twemoji',
  noto: 'Noto',
  'noto-v1': 'Noto v1',
  emojione: 'EmojiOne 2',
  fxemoji: 'FxEmoji',
  'streamline-emojis': 'Streamline Emojis',
  'fluent-emoji-flat': 'Fluent Emoji Flat',
};

/**
 * Held out for `test-style`. The whole Fluent family shares one design, so no Fluent package (flat, colour,
 * 3-D) may ever be added to TRAINING_STYLES or the test silently measures a seen style.
 */
export const HELD_OUT_STYLES: readonly StyleId[] = ['fluent-emoji-flat'];

/**
 * Seen in train/val: every other style, in STYLE_IDS order (scenes pick from this list, so its order is part of
 * the data). Streamline (outlined, flat-filled, no shading) was added to widen the range of designs the encoder
 * learns from, for the unseen flat family (docs/experiments.md, g-streamline).
 */
export const TRAINING_STYLES: readonly StyleId[] = STYLE_IDS.filter(
  (style) => !HELD_OUT_STYLES.includes(style),
);
