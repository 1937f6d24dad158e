const METRICS = [
  'Bleu_1',
  'Bleu_2',
  'Bleu_3',
  'Bleu_4',
  'ROUGE_L',
  'CIDEr',
  'objectRecall',
  'chairI',
  'chairS',
  'countAccuracy',
] as const;

function cell(value: unknown): string {
  return typeof value === 'number' ? value.toFixed(4) : value === null ? 'n/a' : String(value ?? '');
}

/** A plain-text table of an evaluation report: the model's scores and, when present, the baseline's. */
export function formatScores(report: Record<string, unknown>): string {
  const baseline = report.baseline as Record<string, unknown> | undefined;
  const lines = [
    `${report.model} on ${report.split}: ${report.images} images, ${report.decoding}, ${report.seconds} s`,
    `${'metric'.padEnd(14)}${'model'.padStart(10)}${baseline ? 'baseline'.padStart(10) : ''}`,
  ];
  for (const metric of METRICS) {
    lines.push(
      `${metric.padEnd(14)}${cell(report[metric]).padStart(10)}${baseline ? cell(baseline[metric]).padStart(10) : ''}`,
    );
  }
  if (baseline) lines.push(`baseline caption: "${baseline.caption}"`);
  return `${lines.join('\n')}\n`;
}
