import { describe, expect, it } from 'vitest';
import { OBJECT_CLASSES } from '../../../src/data/classes.ts';
import { pluralOf, singularOf } from '../../../src/data/real/english-plural.ts';
import { planInstances, splitKey } from '../../../src/data/real/instance-plan.ts';
import { classifyName, REAL_CANDIDATES } from '../../../src/data/real/real-classes.ts';
import type { SourceInstance } from '../../../src/data/real/source-instance.ts';

describe('classifyName', () => {
  it.each([
    ['Office chair', 'chair'],
    ['chair cushion', 'cushion'], // the head noun is the last one
    ['fire-hydrant', 'fire-hydrant'],
    ['Bunch_of_Grapes', 'bunch-of-grapes'], // an emoji class serves real pictures too
    ['screwDriver', 'screwdriver'], // camel case, and the longer phrase beats "screw"
    ['Cup', 'cup'], // a class's own name beats the emoji synonyms (coffee cup, trophy)
    ['Flower pot', 'potted-plant'],
    ['3-seat sofa', 'sofa'],
    ['Spoons', 'spoon'],
    ['Cavallo', 'horse'], // an Open Clip Art title in Italian
    ['plier', 'pair-of-pliers'],
  ])('%s -> %s', (name, id) => {
    expect(classifyName(name)).toBe(id);
  });

  it.each(['Female', 'Sitting boy', 'aiga_symbol_signs', 'Etiquette Icons', 'Rubiks cube'])(
    'refuses %s (a person, a symbol, or no class)',
    (name) => {
      expect(classifyName(name)).toBeNull();
    },
  );

  it('has no candidate that duplicates an emoji class name', () => {
    const emoji = new Set(OBJECT_CLASSES.map((c) => c.name));
    expect(REAL_CANDIDATES.filter((c) => emoji.has(c.name))).toEqual([]);
  });
});

describe('plurals', () => {
  it.each([
    ['bench', 'benches'],
    ['knife', 'knives'],
    ['battery', 'batteries'],
    ['fire hydrant', 'fire hydrants'],
    ['goose', 'geese'],
  ])('%s / %s', (one, many) => {
    expect(pluralOf(one)).toBe(many);
    expect(singularOf(many.split(' ').at(-1) ?? '')).toBe(one.split(' ').at(-1));
  });
  it('leaves words that only look plural', () => {
    expect(['glass', 'bus', 'scissors', 'cactus'].map(singularOf)).toEqual([
      'glass',
      'bus',
      'scissors',
      'cactus',
    ]);
  });
});

function instance(id: string, name: string, licence = 'CC0-1.0'): SourceInstance {
  return {
    id,
    source: 'test',
    kind: 'drawn',
    name,
    keywords: [],
    licence,
    author: '',
    origin: '',
    file: `/x/${id}.svg`,
    cutout: true,
  };
}

describe('planInstances', () => {
  const chairs = Array.from({ length: 40 }, (_, i) => instance(`test:chair-${i}`, 'Chair'));
  const kites = [instance('test:kite-0', 'Kite'), instance('test:kite-1', 'Kite')];

  it('holds out about a quarter of instances and never moves one when others are added', () => {
    const before = planInstances(chairs);
    const after = planInstances([
      ...chairs,
      ...Array.from({ length: 30 }, (_, i) => instance(`test:b-${i}`, 'Chair')),
    ]);
    const splitOf = new Map(after.instances.map((p) => [p.instance.id, p.split]));
    for (const p of before.instances) expect(splitOf.get(p.instance.id), p.instance.id).toBe(p.split);
    const held = before.instances.filter((p) => p.split !== 'train').length;
    expect(held).toBeGreaterThan(4);
    expect(held).toBeLessThan(20);
  });

  it('keeps a candidate class only with three training instances, and sends share-alike art to test only', () => {
    const plan = planInstances([...chairs, ...kites, instance('test:sa', 'Chair', 'CC-BY-SA-4.0')]);
    const ids = plan.vocabulary.map((c) => c.id);
    expect(ids).toContain('chair');
    expect(ids).not.toContain('kite');
    expect(ids.slice(0, OBJECT_CLASSES.length)).toEqual(OBJECT_CLASSES.map((c) => c.id));
    expect(plan.instances.find((p) => p.instance.id === 'test:sa')?.split).toBe('test');
    expect(plan.instances.some((p) => p.classId === 'kite')).toBe(false);
  });

  it('keeps colour and black-and-white copies of one drawing, and a source group, in one split', () => {
    const colour = { ...instance('openclipart:a.svg', 'Ice Cream Cone (2 Scoop)'), source: 'openclipart' };
    const mono = {
      ...instance('openclipart:b.svg', 'Ice Cream Cone (2 Scoop) (B and W)'),
      source: 'openclipart',
    };
    expect(splitKey(colour)).toBe(splitKey(mono));
    expect(splitKey({ ...instance('scratch:dog2-a', 'dog'), group: 'dog2' })).toBe('test:dog2');
    const many = Array.from({ length: 40 }, (_, i) => [
      { ...instance(`openclipart:c${i}.svg`, `Chair ${'x'.repeat(i)}`), source: 'openclipart' },
      { ...instance(`openclipart:d${i}.svg`, `Chair ${'x'.repeat(i)} (B and W)`), source: 'openclipart' },
    ]).flat();
    const splitOf = new Map(planInstances(many).instances.map((p) => [p.instance.id, p.split]));
    for (let i = 0; i < 40; i++)
      expect(splitOf.get(`openclipart:c${i}.svg`)).toBe(splitOf.get(`openclipart:d${i}.svg`));
  });
});
