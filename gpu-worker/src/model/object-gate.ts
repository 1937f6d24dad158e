import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { z } from 'zod';
import { CountGate } from '../decode/count-gate.ts';
import type { LogitsProcessor } from '../decode/logits-processors.ts';
import { PhraseGate } from '../decode/phrase-gate.ts';
import type { ClassReading } from '../verifier/token-mentions.ts';
import { ModelLoadError, readJson } from './model-directory.ts';

/**
 * The object gate, an optional extra of this project's model directories: `onnx/object_presence_model.onnx`
 * (encoder states [B, N, D] -> `object_presence` [B, C], the encoder's presence head as probabilities) and
 * `object_gate.json` (per class, the token ids of the words that name only that class, and the default
 * threshold). A caption may use a class's words only when the image's presence probability for the class reaches
 * the threshold: the captioner then names fewer objects that are not there (docs/experiments.md).
 * When every class also lists its `phrases` (token ids of its name, plural and synonyms), the gate reads them in
 * context (PhraseGate), which also covers words several classes share; else it bans each class's `token_ids`.
 * `free_bigrams` (where the training captions use a token outside class phrases, with the token before it) lets it
 * gate a phrase's first words too ("bunch" of "bunch of grapes"); files without it keep the last-word reading.
 * With a count head the graph also outputs `object_counts` [B, C] and the file has a `count_gate` (CountGate's
 * count and linking words, and whether it is on by default).
 */
const ObjectGateFileSchema = z.object({
  threshold: z.number().min(0).max(1),
  classes: z
    .array(
      z.object({
        id: z.string(),
        token_ids: z.array(z.int().min(0)),
        phrases: z.array(z.array(z.int().min(0)).min(1)).optional(),
      }),
    )
    .min(1),
  free_bigrams: z.array(z.tuple([z.int().min(0), z.int().min(0)])).optional(),
  count_gate: z
    .object({
      enabled: z.boolean(),
      count_words: z.array(z.object({ token_id: z.int().min(0), count: z.int().min(1) })),
      boundary_token_ids: z.array(z.int().min(0)),
      max_back: z.int().min(1),
      tolerance: z.number().positive().default(0.5),
    })
    .optional(),
});

/** One image's gate inputs: presence probabilities and, with a count head, estimated counts per class. */
export interface ObjectEstimate {
  presence: Float32Array;
  counts: Float32Array | undefined;
}

export class ObjectGate {
  private constructor(
    private readonly session: ort.InferenceSession,
    /** Per class, in the presence head's order, the token ids a caption may use only for a present class. */
    readonly classTokens: readonly (readonly number[])[],
    /** The model's own default threshold; 0 means off unless a caller asks for the gate. */
    readonly defaultThreshold: number,
    /** The in-context gate, when the file lists every class's phrases. */
    readonly phrases: PhraseGate | undefined,
    /** The count gate, when the model has a count head. */
    readonly counting: CountGate | undefined,
    /** Whether the model turns the count gate on by default. */
    readonly countGateDefault: boolean,
    /** How a caption's tokens name classes and state counts, for the verifier's features. */
    readonly reading: ClassReading,
  ) {}

  static async load(
    dir: string,
    options: ort.InferenceSession.SessionOptions,
  ): Promise<ObjectGate | undefined> {
    const graph = join(dir, 'onnx/object_presence_model.onnx');
    const file = join(dir, 'object_gate.json');
    if (!existsSync(graph) || !existsSync(file)) return undefined;
    const gate = readJson(dir, 'object_gate.json', ObjectGateFileSchema);
    const session = await ort.InferenceSession.create(graph, options);
    const classes = Number(
      (session.outputMetadata[0] as ort.InferenceSession.TensorValueMetadata | undefined)?.shape[1],
    );
    if (Number.isFinite(classes) && classes !== gate.classes.length) {
      throw new ModelLoadError(`${file}: ${gate.classes.length} classes for a presence head of ${classes}`);
    }
    const phrases = gate.classes.every((c) => c.phrases !== undefined)
      ? new PhraseGate(
          gate.classes.map((c) => c.phrases ?? []),
          gate.free_bigrams,
        )
      : undefined;
    const classTokens = gate.classes.map((c) => c.token_ids);
    const spec = gate.count_gate;
    if (spec && !session.outputNames.includes('object_counts')) {
      throw new ModelLoadError(`${file} has a count_gate but ${graph} outputs no object_counts`);
    }
    const counting = spec
      ? new CountGate(
          {
            countWords: spec.count_words.map((w) => ({ tokenId: w.token_id, count: w.count })),
            boundaryTokenIds: spec.boundary_token_ids,
            maxBack: spec.max_back,
            tolerance: spec.tolerance,
          },
          classTokens,
        )
      : undefined;
    const reading: ClassReading = {
      // Without phrases (older files) a class is named by its own words, one token each.
      phrases: gate.classes.map((c) => c.phrases ?? c.token_ids.map((t) => [t])),
      countWords: new Map((spec?.count_words ?? []).map((w) => [w.token_id, w.count])),
      boundaries: new Set(spec?.boundary_token_ids ?? []),
      maxBack: spec?.max_back ?? 3,
    };
    return new ObjectGate(
      session,
      classTokens,
      gate.threshold,
      phrases,
      counting,
      spec?.enabled ?? false,
      reading,
    );
  }

  /** Whether the graph also outputs the count head's `object_counts`. */
  get hasCountHead(): boolean {
    return this.session.outputNames.includes('object_counts');
  }

  /** Presence probabilities and (with a count head) counts of a batch of encoder states, per image. */
  async estimate(encoderStates: ort.Tensor): Promise<ObjectEstimate[]> {
    const out = await this.session.run({ encoder_hidden_states: encoderStates });
    const probs = out.object_presence;
    if (!probs) throw new Error('object presence graph returned no object_presence');
    const [batch, classes] = probs.dims.map(Number) as [number, number];
    const rows = (t: ort.Tensor | undefined, i: number) =>
      t ? (t.data as Float32Array).subarray(i * classes, (i + 1) * classes) : undefined;
    return Array.from({ length: batch }, (_, i) => ({
      presence: rows(probs, i) as Float32Array,
      counts: rows(out.object_counts, i),
    }));
  }

  /** The processor that gates one image's captions at this threshold: in context when the model lists phrases. */
  processor(presence: Float32Array, threshold: number): LogitsProcessor {
    if (this.phrases) {
      const absent = this.classTokens.map((_, c) => (presence[c] ?? 0) < threshold);
      return this.phrases.processor(absent);
    }
    const banned = this.#bannedTokens(presence, threshold);
    return (_ids, scores) => {
      for (const token of banned) scores[token] = Number.NEGATIVE_INFINITY;
    };
  }

  /** The token ids an image with these presence probabilities may not use at this threshold (without phrases). */
  #bannedTokens(presence: Float32Array, threshold: number): number[] {
    const banned: number[] = [];
    this.classTokens.forEach((tokens, c) => {
      if ((presence[c] ?? 0) < threshold) banned.push(...tokens);
    });
    return banned;
  }
}
