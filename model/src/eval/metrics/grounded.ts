/**
 * Grounded caption metrics for scenes whose contents are known (shared notes, metrics.md):
 *   object recall  = scene classes the caption names / scene classes, pooled over captions
 *   CHAIR-i        = mentions of a class not in the scene / all mentions (every occurrence counts)
 *   CHAIR-s        = captions with at least one such mention / captions
 *   count accuracy = named scene classes whose stated count is right / named scene classes with a count
 * A mention's phrase may name several classes ("flower"); it names whichever of them the scene holds.
 * The count of a class is decided by its first mention: a stated number must equal the scene's count; a
 * plural word with no number ("dogs", "several dogs") is wrong when the scene has exactly one, and otherwise
 * unknown, as is a singular word with no number; unknown counts are left out of count accuracy.
 */
import {
  buildClassLexicon,
  type ClassLexicon,
  type ClassSense,
  type ObjectClassEntry,
} from './class-lexicon.ts';
import { type ImageId, MetricsInputError } from './corpus.ts';
import { findMentions, type Mention } from './mentions.ts';

/** One scenes_<split>.json entry, the fields the grounded metrics use. */
export interface SceneContents {
  readonly image_id: ImageId;
  readonly objects: readonly { readonly class: string; readonly count: number }[];
}

export interface GroundedCounts {
  captions: number;
  sceneClasses: number;
  namedSceneClasses: number;
  mentions: number;
  hallucinatedMentions: number;
  captionsWithHallucination: number;
  countedClasses: number;
  correctlyCounted: number;
}

export interface GroundedScores {
  /** null when the denominator is 0 (no scene objects, no mentions, ...). */
  objectRecall: number | null;
  chairI: number | null;
  chairS: number | null;
  countAccuracy: number | null;
  counts: GroundedCounts;
}

/** What one caption says about its scene. */
export interface CaptionGrounding {
  /** Per mention, the class it names in this scene, or undefined when it names none of the scene's classes. */
  readonly mentions: readonly { readonly mention: Mention; readonly classId: string | undefined }[];
  readonly namedSceneClasses: ReadonlySet<string>;
  /** Scene classes whose first mention gives a count verdict: class id -> whether the count is right. */
  readonly countVerdicts: ReadonlyMap<string, boolean>;
}

function resolve(senses: readonly ClassSense[], truth: ReadonlyMap<string, number>): ClassSense | undefined {
  const present = senses.filter((sense) => truth.has(sense.classId));
  return present.find((sense) => sense.ownWord) ?? present[0];
}

function countVerdict(mention: Mention, sense: ClassSense, trueCount: number): boolean | undefined {
  if (mention.statedCount !== undefined) return mention.statedCount === trueCount;
  if (sense.plural && trueCount === 1) return false;
  return undefined;
}

export function sceneTruth(scene: SceneContents): Map<string, number> {
  const truth = new Map<string, number>();
  for (const object of scene.objects) truth.set(object.class, (truth.get(object.class) ?? 0) + object.count);
  return truth;
}

export function groundCaption(
  caption: string,
  scene: SceneContents,
  lexicon: ClassLexicon,
): CaptionGrounding {
  const truth = sceneTruth(scene);
  const namedSceneClasses = new Set<string>();
  const countVerdicts = new Map<string, boolean>();
  const mentions = findMentions(caption, lexicon).map((mention) => {
    const sense = resolve(mention.senses, truth);
    if (sense !== undefined && !namedSceneClasses.has(sense.classId)) {
      namedSceneClasses.add(sense.classId);
      const verdict = countVerdict(mention, sense, truth.get(sense.classId) ?? 0);
      if (verdict !== undefined) countVerdicts.set(sense.classId, verdict);
    }
    return { mention, classId: sense?.classId };
  });
  return { mentions, namedSceneClasses, countVerdicts };
}

const ratio = (numerator: number, denominator: number): number | null =>
  denominator === 0 ? null : numerator / denominator;

/** Scores one generated caption per image against the image's scene; only captioned images count. */
export function scoreGrounded(
  results: ReadonlyMap<ImageId, string>,
  scenes: ReadonlyMap<ImageId, SceneContents>,
  classes: readonly ObjectClassEntry[],
): GroundedScores {
  const lexicon = buildClassLexicon(classes);
  const counts: GroundedCounts = {
    captions: 0,
    sceneClasses: 0,
    namedSceneClasses: 0,
    mentions: 0,
    hallucinatedMentions: 0,
    captionsWithHallucination: 0,
    countedClasses: 0,
    correctlyCounted: 0,
  };
  for (const [imageId, caption] of results) {
    const scene = scenes.get(imageId);
    if (scene === undefined) throw new MetricsInputError(`image ${imageId} has a result but no scene`);
    const grounding = groundCaption(caption, scene, lexicon);
    const hallucinated = grounding.mentions.filter((m) => m.classId === undefined).length;
    counts.captions += 1;
    counts.sceneClasses += sceneTruth(scene).size;
    counts.namedSceneClasses += grounding.namedSceneClasses.size;
    counts.mentions += grounding.mentions.length;
    counts.hallucinatedMentions += hallucinated;
    counts.captionsWithHallucination += hallucinated > 0 ? 1 : 0;
    counts.countedClasses += grounding.countVerdicts.size;
    for (const right of grounding.countVerdicts.values()) counts.correctlyCounted += right ? 1 : 0;
  }
  return {
    objectRecall: ratio(counts.namedSceneClasses, counts.sceneClasses),
    chairI: ratio(counts.hallucinatedMentions, counts.mentions),
    chairS: ratio(counts.captionsWithHallucination, counts.captions),
    countAccuracy: ratio(counts.correctlyCounted, counts.countedClasses),
    counts,
  };
}
