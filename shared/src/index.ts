export { flattenRgba, type RgbImage } from './image/rgb-image.ts';
export { resizeBilinear } from './image/resize.ts';
export { CaptionTokenizer } from './tokenizer/caption-tokenizer.ts';
