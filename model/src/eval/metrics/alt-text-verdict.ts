/**
 * Whether a caption is right as alt text (issue 13's "alt-text precision" counts these among the described
 * images): it names at least one object that is in the image and none that is not. An image with no objects (a
 * screenshot, a chart) has no object to name, so every caption of it is wrong: described at all, it misleads or
 * says nothing ("a cartoon picture of a grey", what the gates leave when they ban every object word). A model taught
 * to say what such images are ("a screenshot of code") would need another verdict, from their reference captions.
 * Read with the grounded metrics' own mention reader, so "right" here and CHAIR and recall in `npm run eval` agree on
 * what a caption names.
 */
import type { ClassLexicon } from './class-lexicon.ts';
import { groundCaption, type SceneContents } from './grounded.ts';

export function isRightForAltText(caption: string, scene: SceneContents, lexicon: ClassLexicon): boolean {
  const grounding = groundCaption(caption, scene, lexicon);
  return grounding.namedSceneClasses.size > 0 && grounding.mentions.every((m) => m.classId !== undefined);
}
