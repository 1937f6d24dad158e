/**
 * The verifier's features: what the engine knows about a finished caption that says whether it names only
 * objects that are in the image. The one definition of their names and order; a verifier.json names the
 * features it uses (docs/architecture.md, Verifier), so a new feature is added at the end under a new
 * FEATURE_SET and older files keep loading. Every feature is cheap: the search's own numbers, the presence and
 * count heads the gates already run, and the caption's class words read from its token ids.
 */
import type { Hypothesis } from '../decode/beam-hypotheses.ts';
import type { ObjectEstimate } from '../model/object-gate.ts';
import { findTokenMentions, type PhraseIndex, type TokenMention } from './token-mentions.ts';

export const FEATURE_SET = 'caption-features-v1';

export const FEATURE_NAMES = [
  /** Mean log-probability of the caption's tokens, EOS included (log of `confidence`). */
  'token_logprob_mean',
  /** Its least likely token's log-probability. */
  'token_logprob_min',
  /** Tokens, EOS included. */
  'caption_tokens',
  /** Ranking score of the caption minus the runner-up's; 0 with one hypothesis (greedy). */
  'score_gap',
  /** Share of the other kept hypotheses that name the same classes; 1 with one hypothesis. */
  'nbest_same_objects',
  /** Class mentions in the caption. */
  'named_objects',
  /** Over the caption's mentions, the presence head's probability of the class each names (the likeliest of the classes a shared word can name): the lowest, and the mean; 0 without mentions or a presence head. */
  'named_presence_min',
  'named_presence_mean',
  /** The presence head over all classes: its highest probability, */
  'presence_max',
  /** the entropy of the probabilities normalised to sum 1, divided by ln(classes) (0..1), */
  'presence_entropy',
  /** and how many classes are above 0.5. */
  'presence_above_half',
  /** Probability mass the object and count gates banned at the caption's steps (dead ends): the most at one step, and the mean per token. */
  'gated_mass_max',
  'gated_mass_mean',
  /** Sum of the count head's estimates: how many objects it sees in all; 0 without a count head. */
  'count_total',
  /** Over mentions with a stated count, the largest gap between it and the count head's estimate; 0 when none. */
  'count_disagreement',
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];

/** Features that read the presence or count heads: a verifier using them needs a model that has them. */
export const HEAD_FEATURES: ReadonlySet<FeatureName> = new Set([
  'named_presence_min',
  'named_presence_mean',
  'presence_max',
  'presence_entropy',
  'presence_above_half',
  'count_total',
  'count_disagreement',
]);

export interface CaptionEvidence {
  /** The kept hypotheses, best first (the caption is the first). */
  readonly ranked: readonly Hypothesis[];
  readonly eosIds: ReadonlySet<number>;
  /** The image's presence (and count) estimates, when the model has the heads. */
  readonly estimate: ObjectEstimate | undefined;
  /** The model's class phrases, when it ships them (object_gate.json). */
  readonly phrases: PhraseIndex | undefined;
}

/** The caption's features in FEATURE_NAMES order. */
export function captionFeatures(evidence: CaptionEvidence): number[] {
  const { ranked, estimate, phrases } = evidence;
  const best = ranked[0];
  const logProbs = best?.trace.logProbs ?? [];
  const gated = best?.trace.gatedMass ?? [];
  const mentionsOf = (h: Hypothesis | undefined): TokenMention[] =>
    h && phrases ? findTokenMentions(withoutEos(h.tokens, evidence.eosIds), phrases) : [];
  const mentions = mentionsOf(best);
  const presence = estimate?.presence;
  const named = presence ? mentions.map((m) => Math.max(...m.classes.map((c) => presence[c] ?? 0))) : [];
  const objects = classSet(mentions);
  const others = ranked.slice(1);
  const values: Record<FeatureName, number> = {
    token_logprob_mean: mean(logProbs),
    token_logprob_min: logProbs.length > 0 ? Math.min(...logProbs) : 0,
    caption_tokens: best?.tokens.length ?? 0,
    score_gap: best && ranked[1] ? best.score - ranked[1].score : 0,
    nbest_same_objects:
      others.length === 0
        ? 1
        : others.filter((h) => classSet(mentionsOf(h)) === objects).length / others.length,
    named_objects: mentions.length,
    named_presence_min: named.length > 0 ? Math.min(...named) : 0,
    named_presence_mean: mean(named),
    presence_max: presence && presence.length > 0 ? Math.max(...presence) : 0,
    presence_entropy: presence ? normalisedEntropy(presence) : 0,
    presence_above_half: presence ? presence.filter((p) => p > 0.5).length : 0,
    gated_mass_max: gated.length > 0 ? Math.max(...gated) : 0,
    gated_mass_mean: mean(gated),
    count_total: estimate?.counts ? estimate.counts.reduce((sum, n) => sum + n, 0) : 0,
    count_disagreement: countDisagreement(mentions, estimate?.counts),
  };
  return FEATURE_NAMES.map((name) => values[name]);
}

function withoutEos(tokens: readonly number[], eosIds: ReadonlySet<number>): number[] {
  return tokens.filter((t) => !eosIds.has(t));
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** The classes named, as a comparable key (each mention's candidate classes, sorted, deduplicated). */
function classSet(mentions: readonly TokenMention[]): string {
  return [...new Set(mentions.map((m) => m.classes.join('|')))].sort().join(' ');
}

function normalisedEntropy(probabilities: Float32Array): number {
  const total = probabilities.reduce((sum, p) => sum + p, 0);
  if (!(total > 0) || probabilities.length < 2) return 0;
  let entropy = 0;
  for (const p of probabilities) {
    const q = p / total;
    if (q > 0) entropy -= q * Math.log(q);
  }
  return entropy / Math.log(probabilities.length);
}

function countDisagreement(mentions: readonly TokenMention[], counts: Float32Array | undefined): number {
  if (!counts) return 0;
  let worst = 0;
  for (const m of mentions) {
    if (m.statedCount === undefined) continue;
    const stated = m.statedCount;
    worst = Math.max(worst, Math.min(...m.classes.map((c) => Math.abs((counts[c] ?? 0) - stated))));
  }
  return worst;
}
