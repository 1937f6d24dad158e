// Arbitraries for protocol fuzzing: valid messages of each type, then mutated (a field dropped, set to any JSON
// value, an unknown field added, an option replaced), mixed with random JSON, random text and random binary frames.
import { fc } from '@fast-check/vitest';

export type JsonObject = Record<string, unknown>;

/** How one message is damaged; `keep` sends it as it is. */
export type FieldMutation =
  | { op: 'keep' }
  | { op: 'drop'; key: number }
  | { op: 'set'; key: number; value: unknown }
  | { op: 'add'; name: string; value: unknown }
  | { op: 'option'; name: string; value: unknown };

const anyJson = fc.jsonValue({ maxDepth: 2 });

/** Values that sit on the boundaries of what the schemas take, as well as any JSON. */
const edgyValue = fc.oneof(
  anyJson,
  fc.constantFrom(
    0,
    -1,
    1,
    8,
    9,
    64,
    65,
    65_535,
    65_536,
    1e308,
    -0,
    0.5,
    2 ** 53,
    '',
    '1',
    'true',
    null,
    [],
    {},
  ),
  fc.string({ unit: 'binary', maxLength: 80 }),
);

export const fieldMutation: fc.Arbitrary<FieldMutation> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ op: 'keep' as const }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('drop' as const), key: fc.nat() }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('set' as const), key: fc.nat(), value: edgyValue }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('add' as const),
      name: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'toString')),
      value: edgyValue,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('option' as const),
      name: fc.oneof(
        fc.string({ maxLength: 12 }),
        fc.constantFrom('beams', 'maxWords', 'max_words', 'alternatives', 'attention'),
      ),
      value: edgyValue,
    }),
  },
);

/** Applies a mutation; `optionsKey` names the nested options object ('options' on the worker, none on the edge). */
export function mutate(message: JsonObject, mutation: FieldMutation, optionsKey?: string): JsonObject {
  const out: JsonObject = { ...message };
  const keys = Object.keys(out);
  const keyAt = (i: number) => keys[i % keys.length] ?? 'type';
  switch (mutation.op) {
    case 'keep':
      break;
    case 'drop':
      delete out[keyAt(mutation.key)];
      break;
    case 'set':
      out[keyAt(mutation.key)] = mutation.value;
      break;
    case 'add':
      // defineProperty: `__proto__` must become an own key of the JSON, as a hostile peer would send it.
      Object.defineProperty(out, mutation.name, { value: mutation.value, enumerable: true, writable: true });
      break;
    case 'option': {
      if (optionsKey === undefined) {
        out[mutation.name] = mutation.value;
        break;
      }
      const options = typeof out[optionsKey] === 'object' && out[optionsKey] !== null ? out[optionsKey] : {};
      out[optionsKey] = { ...(options as JsonObject), [mutation.name]: mutation.value };
      break;
    }
  }
  return out;
}

/** Random text frames: JSON of any shape, or not JSON at all. */
export const junkText: fc.Arbitrary<string> = fc.oneof(
  fc.json({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom(
    '',
    '{',
    '[]',
    'null',
    '{"type":null}',
    '{"type":"caption"}',
    '{"type":"cancel","id":""}',
    '"caption"',
  ),
);

/** Random binary frames (empty included). */
export const junkBinary: fc.Arbitrary<Uint8Array> = fc.uint8Array({ maxLength: 300 });

/** The message's label for counting: its (possibly mutated) type. */
export function typeLabel(message: JsonObject): string {
  return typeof message.type === 'string' && message.type.length <= 12 ? message.type : '(other)';
}
