export { resizeBilinear } from './image/resize.ts';
export { flattenRgba, type RgbImage } from './image/rgb-image.ts';
export { CaptionTokenizer } from './tokenizer/caption-tokenizer.ts';
