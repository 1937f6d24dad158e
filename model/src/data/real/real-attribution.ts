/**
 * The attribution for the real-world pictures a data set draws on, generated from the catalogue's per-picture
 * licence, author and origin (never written by hand): CC-BY pictures are credited one by one, public-domain and
 * CC0 ones counted per source. Appended to the data set's ATTRIBUTION.md, which export copies into the model.
 */
import type { PlannedInstance } from './instance-plan.ts';
import { isTrainableLicence } from './source-instance.ts';

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

export function realAttribution(instances: readonly PlannedInstance[]): string {
  const training = instances.filter((p) => p.split !== 'test' && isTrainableLicence(p.instance.licence));
  const evaluation = instances.filter((p) => p.split === 'test');
  const counts = new Map<string, number>();
  for (const { instance } of training) {
    const key = `${instance.source}|${instance.licence}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const lines = [
    '',
    '## Real-world pictures (generated from the catalogue by `npm run data`)',
    '',
    'Photos, 3-D models and drawings from Debian packages (model/src/data/real/sources), used for the train and val',
    'splits under the licences below. Pictures under other licences (CC-BY-SA, GPL) are used only in test splits and',
    'never train a model. Objects were cut out or rendered, scaled, relit, composited onto other photos, blurred,',
    'noised and JPEG-compressed.',
    '',
    '| source | licence | pictures in train/val |',
    '| --- | --- | --- |',
    ...[...counts].sort().map(([key, n]) => {
      const [source, licence] = key.split('|');
      return `| ${source} | ${licence} | ${n} |`;
    }),
    '',
    `Test splits also use ${evaluation.length} held-out pictures (their licences are listed in each split's scenes file).`,
    '',
    '### Credits for pictures under CC-BY licences',
    '',
    '| picture | author | licence | from |',
    '| --- | --- | --- | --- |',
    ...training
      .filter(({ instance }) => instance.licence.startsWith('CC-BY'))
      .sort((a, b) => a.instance.id.localeCompare(b.instance.id))
      .map(
        ({ instance }) =>
          `| ${cell(instance.name)} | ${cell(instance.author || 'not named')} | ${instance.licence} | ${cell(instance.origin)} |`,
      ),
    '',
  ];
  return lines.join('\n');
}
