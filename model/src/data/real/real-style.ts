/** The kinds of real-world scene, written as the record's `style`: how its objects were pictured. */
export const REAL_STYLES = ['photo', 'cutout', 'clipart'] as const;
export type RealStyle = (typeof REAL_STYLES)[number];

/** How captions of each kind may open: a photo is not "a drawing of". */
export const REAL_PREFIXES: Readonly<Record<RealStyle, readonly string[]>> = {
  photo: ['a photo of', 'a picture of', 'an image of', 'a close up photo of', 'a photograph of'],
  cutout: ['a photo of', 'a picture of', 'an image of', 'an image showing', 'a photograph of'],
  clipart: ['a drawing of', 'an illustration of', 'a picture of', 'a clip art image of', 'a cartoon of'],
};
