/**
 * From labelled captions to verifier.json: a logistic regression of "right for alt text" on the caption's
 * features, and the alt-text default threshold chosen on the validation splits.
 */
import { FEATURE_NAMES, FEATURE_SET } from '@captioner/gpu-worker/verifier/caption-features.ts';
import { Verifier } from '@captioner/gpu-worker/verifier/verifier.ts';
import { VERIFIER_FORMAT, type VerifierFile } from '@captioner/gpu-worker/verifier/verifier-file.ts';
import type { LabelledCaption } from '../eval/confidence/labelled-captions.ts';
import { lowestThresholdForEach } from '../eval/confidence/thresholds.ts';
import { fitLogistic } from './logistic-regression.ts';

/** The bar: of the images the plugin describes, at least 90 % named right. */
export const TARGET_PRECISION = 0.9;

export interface FitInput {
  model: string;
  /** Per split, its labelled captions, in the order given on the command line. */
  splits: readonly { name: string; captions: readonly LabelledCaption[] }[];
  l2: number;
  /** The fitted splits the default threshold is chosen on; default thresholdSplits(). */
  thresholdSplits?: readonly string[];
  date: string;
  /** Anything else worth recording: the command, the data folder, the beam size. */
  provenance: Record<string, unknown>;
}

/**
 * The splits the default threshold is chosen on: val and val-nonobject (the kinds of image the plugin meets: scenes
 * and screenshots), else all fitted splits. Unknown-object splits teach the verifier but do not set the default.
 */
export function thresholdSplits(names: readonly string[]): string[] {
  const validation = names.filter((n) => n === 'val' || n === 'val-nonobject');
  return validation.length > 0 ? validation : [...names];
}

export function fitVerifier(input: FitInput): VerifierFile {
  const all = input.splits.flatMap((s) => s.captions);
  const right = all.filter((c) => c.right).length;
  if (right === 0 || right === all.length) {
    // Nothing to tell apart: the regression would push its bias to infinity.
    throw new Error(
      `all ${all.length} captions are ${right === 0 ? 'wrong' : 'right'}: add splits with both (outliers give wrong ones)`,
    );
  }
  const model = fitLogistic(
    all.map((c) => c.features),
    all.map((c) => c.right),
    { l2: input.l2 },
  );
  const file: VerifierFile = {
    format: VERIFIER_FORMAT,
    feature_set: FEATURE_SET,
    features: FEATURE_NAMES.map((name, j) => ({
      name,
      mean: model.mean[j] ?? 0,
      std: model.std[j] ?? 1,
      weight: model.weights[j] ?? 0,
    })),
    bias: model.bias,
    temperature: 1,
    fit: {
      model: input.model,
      date: input.date,
      splits: input.splits.map((s) => ({
        name: s.name,
        images: s.captions.length,
        right: s.captions.filter((c) => c.right).length,
      })),
      method: `logistic regression, Newton/IRLS on standardised features, L2 ${input.l2} (bias unpenalised), ${model.iterations} iterations; temperature 1 (the fit's own probabilities)`,
      ...input.provenance,
    },
  };
  const verifier = Verifier.fromFile(file);
  const names = input.splits.map((s) => s.name);
  const chosenOn = input.thresholdSplits ? [...input.thresholdSplits] : thresholdSplits(names);
  const unknown = chosenOn.filter((n) => !names.includes(n));
  if (unknown.length > 0)
    throw new Error(`threshold splits ${unknown.join(', ')} are not among the fitted splits`);
  // Object splits must each reach the target; screenshot and unknown-object splits (no right captions) only count
  // in the pooled precision, or any screenshot described at all would forbid every threshold below it.
  const groups = input.splits
    .filter((s) => chosenOn.includes(s.name))
    .map((s) => s.captions.map((c) => ({ score: verifier.reliability(c.features), right: c.right })));
  const objectGroups = groups.filter((g) => g.some((c) => c.right));
  const others = groups.filter((g) => !g.some((c) => c.right)).flat();
  const chosen = lowestThresholdForEach(objectGroups, TARGET_PRECISION, others);
  file.threshold = {
    value: chosen?.threshold ?? null,
    target_precision: TARGET_PRECISION,
    precision: chosen?.precision ?? null,
    described: chosen?.described ?? null,
    splits: chosenOn,
  };
  return file;
}
