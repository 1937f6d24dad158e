/** Caption metrics: COCO (BLEU, ROUGE-L, CIDEr-D, as pycocoevalcap computes them) and grounded (recall, CHAIR). */
export { isRightForAltText } from './alt-text-verdict.ts';
export { buildClassLexicon, type ClassLexicon, type ObjectClassEntry } from './class-lexicon.ts';
export { type ImageId, MetricsInputError, type TokenizedImage } from './corpus.ts';
export { type GroundedScores, type SceneContents, scoreGrounded } from './grounded.ts';
export { parseClasses, parseCocoCaptions, parseCocoResults, parseScenes } from './inputs.ts';
export { type CaptionScores, scoreCaptions, scoreTokenized } from './score-captions.ts';
export { tokenizeCaption } from './tokenize.ts';
