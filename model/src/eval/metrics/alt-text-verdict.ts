/**
 * Whether a caption is right as alt text (issue 13's "alt-text precision" counts these among the described
 * images): it names at least one object that is in the image and none that is not. An image with no objects (a
 * screenshot, a chart) has no object to name, so there a caption is right only if it names none: any object it
 * names is one that is not there. Read with the grounded metrics' own mention reader, so "right" here and
 * CHAIR and recall in `npm run eval` agree on what a caption names.
 */
import type { ClassLexicon } from './class-lexicon.ts';
import { groundCaption, type SceneContents } from './grounded.ts';

export function isRightForAltText(caption: string, scene: SceneContents, lexicon: ClassLexicon): boolean {
  const grounding = groundCaption(caption, scene, lexicon);
  const namesAbsent = grounding.mentions.some((m) => m.classId === undefined);
  if (scene.objects.length === 0) return grounding.mentions.length === 0;
  return !namesAbsent && grounding.namedSceneClasses.size > 0;
}
