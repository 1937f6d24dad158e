/**
 * Which views to render for the catalogue's 3-D models: one job per instance that has a model, its views under
 * `<outRoot>/<safe instance id>/`.
 */
import { join } from 'node:path';
import type { SourceInstance } from '../source-instance.ts';
import type { RenderJob } from './render-views.ts';

/** "sweethome3d:Blend Swap CC-0#bookcase" → "sweethome3d_Blend_Swap_CC-0_bookcase": a folder name on any disk. */
export function safeInstanceId(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]/g, '_');
}

export function renderJobs(
  instances: readonly SourceInstance[],
  outRoot: string,
  views: number,
  seed: number,
): RenderJob[] {
  const folders = new Map<string, string>();
  const jobs: RenderJob[] = [];
  for (const instance of instances) {
    if (instance.model === undefined) continue;
    const folder = safeInstanceId(instance.id);
    // Two instances in one folder would share (and overwrite) views: refuse rather than mix objects.
    const other = folders.get(folder);
    if (other !== undefined) throw new Error(`${instance.id} and ${other} would both render into ${folder}/`);
    folders.set(folder, instance.id);
    jobs.push({
      instanceId: instance.id,
      objPath: instance.model,
      rotation: instance.modelRotation,
      dimensions: instance.dimensionsCm,
      outDir: join(outRoot, folder),
      views,
      seed,
    });
  }
  return jobs;
}
