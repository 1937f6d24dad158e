/**
 * The part of three.js's EXRLoader the panorama reader uses. three ships no types and @types/three is not a
 * dependency; this is the loader's own `parse` contract (three r170, examples/jsm/loaders/EXRLoader.js).
 */
declare module 'three/examples/jsm/loaders/EXRLoader.js' {
  export class EXRLoader {
    /** three's `FloatType` (1015) or `HalfFloatType` (1016). */
    setDataType(type: number): this;
    /** RGBA rows, bottom row first (a WebGL texture with flipY false). */
    parse(buffer: ArrayBuffer): { width: number; height: number; data: Float32Array; format: number };
  }
}
