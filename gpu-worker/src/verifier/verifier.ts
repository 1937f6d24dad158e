import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ModelLoadError, readJson } from '../model/model-directory.ts';
import { FEATURE_NAMES, HEAD_FEATURES } from './caption-features.ts';
import { type VerifierFile, VerifierFileSchema } from './verifier-file.ts';

export const VERIFIER_FILE = 'verifier.json';

/**
 * The model's verifier: reliability = sigmoid((bias + sum(weight * (x - mean) / std)) / temperature) over the
 * caption's features, the estimated probability that every object the caption names is in the image.
 */
export class Verifier {
  /** Per used feature, its index in FEATURE_NAMES order. */
  readonly #indices: number[];

  private constructor(readonly file: VerifierFile) {
    this.#indices = file.features.map((f) => FEATURE_NAMES.indexOf(f.name));
  }

  /** Builds a verifier from a file's content (already validated); for the fitting tools. */
  static fromFile(file: VerifierFile): Verifier {
    return new Verifier(file);
  }

  /**
   * The model directory's verifier.json, or undefined when it has none (reliability is then null). A file that
   * does not parse, or uses the presence or count heads of a model without them, is a ModelLoadError.
   */
  static load(dir: string, has: { presence: boolean; counts: boolean }): Verifier | undefined {
    if (!existsSync(join(dir, VERIFIER_FILE))) return undefined;
    const file = readJson(dir, VERIFIER_FILE, VerifierFileSchema);
    const needsHeads = file.features.filter((f) => HEAD_FEATURES.has(f.name) && f.weight !== 0);
    const missing = needsHeads.filter((f) => (f.name.startsWith('count_') ? !has.counts : !has.presence));
    if (missing.length > 0) {
      throw new ModelLoadError(
        `${join(dir, VERIFIER_FILE)}: uses ${missing.map((f) => f.name).join(', ')}, but the model has no ` +
          'object presence or count head (onnx/object_presence_model.onnx, object_gate.json): refit it for this model',
      );
    }
    return new Verifier(file);
  }

  /** The alt-text default threshold the fit chose, if it found one. */
  get threshold(): number | null {
    return this.file.threshold?.value ?? null;
  }

  /** Reliability of one caption from its features (FEATURE_NAMES order). */
  reliability(features: readonly number[]): number {
    let logit = this.file.bias;
    this.file.features.forEach((f, i) => {
      const x = features[this.#indices[i] ?? -1] ?? 0;
      logit += (f.weight * (x - f.mean)) / f.std;
    });
    return sigmoid(logit / this.file.temperature);
  }
}

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}
