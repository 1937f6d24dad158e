import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCatalogue, type SourceReader } from '../../../src/data/real/catalogue.ts';
import type { SourceInstance } from '../../../src/data/real/source-instance.ts';

const cacheDir = fileURLToPath(new URL('../../../../data/sources', import.meta.url));

function instance(id: string): SourceInstance {
  return {
    id,
    source: 'fake',
    kind: 'photo',
    name: id,
    keywords: [],
    licence: 'CC0-1.0',
    author: '',
    origin: '',
    file: `/nowhere/${id}.png`,
    cutout: false,
  };
}

function countingReader(source: string, ids: string[]): SourceReader & { calls: number } {
  const reader = {
    source,
    calls: 0,
    read: () => {
      reader.calls++;
      return { instances: ids.map(instance), backgrounds: [] };
    },
  };
  return reader;
}

describe('buildCatalogue', () => {
  const scratchDir = mkdtempSync(join(tmpdir(), 'catalogue-'));
  afterAll(() => rmSync(scratchDir, { recursive: true, force: true }));

  it('reuses catalogue.json on a second call and rebuilds when the readers change', async () => {
    const fake = countingReader('fake', ['fake:a', 'fake:b']);
    const first = await buildCatalogue(scratchDir, undefined, [fake]);
    const second = await buildCatalogue(scratchDir, undefined, [fake]);
    expect(fake.calls).toBe(1);
    expect(second).toEqual(first);
    expect(second.instances.map((i) => i.id)).toEqual(['fake:a', 'fake:b']);
    const other = countingReader('other', ['other:c']);
    const third = await buildCatalogue(scratchDir, undefined, [fake, other]);
    expect([fake.calls, other.calls]).toEqual([2, 1]);
    expect(third.sources).toEqual(['fake', 'other']);
  });

  it('refuses two pictures under one id', async () => {
    const twice = countingReader('twice', ['twice:a', 'twice:a']);
    await expect(buildCatalogue(join(scratchDir, 'twice'), undefined, [twice])).rejects.toThrow(/twice:a/);
  });

  it('writes every source of the real catalogue under the repository data folder, then reuses it', async () => {
    const sources: string[] = [];
    const catalogue = await buildCatalogue(cacheDir, (p) => sources.push(p.source));
    const written = statSync(join(cacheDir, 'catalogue.json')).mtimeMs;
    expect(catalogue.sources).toEqual(expect.arrayContaining(['sweethome3d', 'openclipart']));
    const again = await buildCatalogue(cacheDir);
    expect(statSync(join(cacheDir, 'catalogue.json')).mtimeMs).toBe(written);
    expect(again.instances.length).toBe(catalogue.instances.length);
    const ids = new Set(catalogue.instances.map((i) => i.id));
    expect(ids.has('sweethome3d:Blend Swap CC-0#armchair')).toBe(true);
    expect(ids.has('openclipart:food/fruit/an_apple_01.svg')).toBe(true);
  });
});
