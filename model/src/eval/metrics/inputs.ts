/**
 * The files the scorers read, validated at the boundary (docs/architecture.md): COCO captions annotations,
 * COCO results, scenes_<split>.json and classes.json. Parsing takes already-decoded JSON so this module stays
 * runtime-neutral; reading files is the CLI's job. Errors name the file and the offending path.
 */
import { z } from 'zod';
import type { ObjectClassEntry } from './class-lexicon.ts';
import { type ImageId, MetricsInputError } from './corpus.ts';
import type { SceneContents } from './grounded.ts';

const imageId = z.number().int();

const cocoCaptionsSchema = z.object({
  annotations: z.array(z.object({ image_id: imageId, caption: z.string() })),
});
const cocoResultsSchema = z.array(z.object({ image_id: imageId, caption: z.string() }));
const scenesSchema = z.array(
  z.object({
    image_id: imageId,
    objects: z.array(z.object({ class: z.string(), count: z.number().int().positive() })),
  }),
);
const classesSchema = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    plural: z.string(),
    synonyms: z.array(z.string()).default([]),
  }),
);

function parse<T>(schema: z.ZodType<T>, json: unknown, what: string): T {
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new MetricsInputError(`${what}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Reference captions per image, in annotation order. */
export function parseCocoCaptions(json: unknown, what = 'references'): Map<ImageId, string[]> {
  const refs = new Map<ImageId, string[]>();
  for (const { image_id, caption } of parse(cocoCaptionsSchema, json, what).annotations) {
    refs.set(image_id, [...(refs.get(image_id) ?? []), caption]);
  }
  return refs;
}

/** One caption per image, in file order. Two results for one image are refused, as the reference asserts. */
export function parseCocoResults(json: unknown, what = 'results'): Map<ImageId, string> {
  const results = new Map<ImageId, string>();
  for (const { image_id, caption } of parse(cocoResultsSchema, json, what)) {
    if (results.has(image_id))
      throw new MetricsInputError(`${what}: image ${image_id} has more than one result`);
    results.set(image_id, caption);
  }
  return results;
}

export function parseScenes(json: unknown, what = 'scenes'): Map<ImageId, SceneContents> {
  return new Map(parse(scenesSchema, json, what).map((scene) => [scene.image_id, scene]));
}

export function parseClasses(json: unknown, what = 'classes'): ObjectClassEntry[] {
  return parse(classesSchema, json, what);
}
