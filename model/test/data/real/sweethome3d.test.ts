import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { isTrainableLicence, type SourceInstance } from '../../../src/data/real/source-instance.ts';
import { readSweetHome3d } from '../../../src/data/real/sources/sweethome3d.ts';

const cacheDir = fileURLToPath(new URL('../../../../data/sources', import.meta.url));

describe('Sweet Home 3D furniture', () => {
  let byId: Map<string, SourceInstance>;
  beforeAll(() => {
    byId = new Map(readSweetHome3d(cacheDir).map((i) => [i.id, i]));
  });

  it('lists every catalogue item of the five libraries as a render', () => {
    expect(byId.size).toBe(820);
    expect(new Set([...byId.values()].map((i) => i.kind))).toEqual(new Set(['render']));
    expect([...byId.values()].every((i) => isTrainableLicence(i.licence))).toBe(true);
  });

  it('reads name, category, creator and the library licence', () => {
    expect(byId.get('sweethome3d:Blend Swap CC-0#armchair')).toMatchObject({
      name: 'Armchair',
      keywords: ['Office', 'Seat'],
      licence: 'CC0-1.0',
      author: 'Absfrm',
      origin: 'http://www.blendswap.com/blends/view/54641',
      cutout: true,
      dimensionsCm: { width: 59.4, depth: 62.7, height: 105 },
    });
    expect(byId.get('sweethome3d:Kator Legaz#bathroom-tissue')).toMatchObject({
      name: 'Toilet paper dispenser',
      keywords: ['Bathroom'],
      licence: 'CC-BY-3.0-US',
      author: 'Andrew Kator & Jennifer Legaz',
    });
    expect(byId.get('sweethome3d:Reallusion#female01')).toMatchObject({
      name: 'Female',
      keywords: ['Characters', 'Human', 'Woman', 'People'],
      licence: 'CC-BY-3.0-US',
    });
    expect(byId.get('sweethome3d:Scopia#air-mattress')).toMatchObject({
      licence: 'CC-BY-3.0',
      author: 'Emmanuel Puybaret / eTeks and Scopia Visual Interfaces Systems, s.l.',
    });
  });

  it("records a model's own Blend Swap licence where it is stricter than its library's", () => {
    // Filed in the CC-0 library, but its BLENDSWAP licence file says CC-BY 3.0.
    expect(byId.get('sweethome3d:Blend Swap CC-0#winchesterSofa')).toMatchObject({
      name: 'Winchester sofa',
      licence: 'CC-BY-3.0',
      author: 'Gnanasaireddy',
    });
  });

  it('extracts the icon with alpha and the OBJ model with its materials beside it', async () => {
    const armchair = byId.get('sweethome3d:Blend Swap CC-0#armchair');
    expect(armchair?.model).toMatch(/blendswap-cc-0\/armchair\/armchair\.obj$/);
    const icon = await sharp(armchair?.file).metadata();
    expect([icon.width, icon.height, icon.hasAlpha]).toEqual([128, 128, true]);
    const model = armchair?.model ?? '';
    expect(existsSync(model)).toBe(true);
    expect(existsSync(join(dirname(model), 'armchair.mtl'))).toBe(true);
  });

  it('keeps the rotation that stands a model upright', () => {
    const rotated = [...byId.values()].filter((i) => i.modelRotation);
    expect(rotated).toHaveLength(33);
    expect(rotated.every((i) => i.modelRotation?.length === 9)).toBe(true);
    expect(byId.get('sweethome3d:Kator Legaz#flashlight')?.modelRotation).toEqual([
      1, 0, 0, 0, 0, 1, 0, -1, 0,
    ]);
  });
});
