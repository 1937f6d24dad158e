import type { Hypothesis } from '../decode/beam-hypotheses.ts';
import type { CaptionModel } from '../model/caption-model.ts';
import type { ObjectEstimate } from '../model/object-gate.ts';
import { captionFeatures } from './caption-features.ts';
import { PhraseIndex } from './token-mentions.ts';
import type { Verifier } from './verifier.ts';

/** What the engine adds to a finished caption: its features, and the verifier's reliability (null without one). */
export interface CaptionAssessment {
  features: number[];
  reliability: number | null;
}

/** Assesses the finished searches of one model; built once per engine. */
export class CaptionReliability {
  private constructor(
    private readonly verifier: Verifier | undefined,
    private readonly phrases: PhraseIndex | undefined,
    private readonly eosIds: ReadonlySet<number>,
  ) {}

  static forModel(model: CaptionModel): CaptionReliability {
    const reading = model.objectGate?.reading;
    return new CaptionReliability(
      model.verifier,
      reading ? new PhraseIndex(reading) : undefined,
      model.dir.eosIds,
    );
  }

  assess(ranked: readonly Hypothesis[], estimate: ObjectEstimate | undefined): CaptionAssessment {
    const features = captionFeatures({ ranked, eosIds: this.eosIds, estimate, phrases: this.phrases });
    return { features, reliability: this.verifier ? this.verifier.reliability(features) : null };
  }
}
