/**
 * A reliability diagram as SVG (sharp turns it into PNG): per score bin, the share of right captions (bars)
 * against the bin's mean score; a calibrated score puts every bar on the diagonal. One panel per score, so
 * reliability and the old confidence are seen side by side.
 */
import type { CalibrationBin } from './ranking-metrics.ts';

export interface DiagramPanel {
  title: string;
  bins: readonly CalibrationBin[];
  ece: number | null;
  auroc: number | null;
}

const SIZE = 300;
const MARGIN = 44;
const PANEL = SIZE + 2 * MARGIN;

const fmt = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(3));
const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function panel(p: DiagramPanel, offsetX: number): string {
  const x = (v: number): number => offsetX + MARGIN + v * SIZE;
  const y = (v: number): number => MARGIN + (1 - v) * SIZE;
  const total = p.bins.reduce((n, b) => n + b.count, 0);
  const parts = [
    `<rect x="${x(0)}" y="${y(1)}" width="${SIZE}" height="${SIZE}" fill="#fafafa" stroke="#888"/>`,
    `<line x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(1)}" stroke="#aaa" stroke-dasharray="4 3"/>`,
  ];
  for (const b of p.bins) {
    if (b.accuracy === null || b.meanScore === null) continue;
    const width = (b.upper - b.lower) * SIZE;
    // Bar: accuracy; its shade says how many captions the bin holds; tick: the bin's mean score.
    const shade = 0.25 + 0.75 * Math.sqrt(b.count / Math.max(1, total));
    parts.push(
      `<rect x="${x(b.lower) + 1}" y="${y(b.accuracy)}" width="${width - 2}" height="${b.accuracy * SIZE}" fill="#2b6cb0" fill-opacity="${shade.toFixed(2)}"/>`,
      `<line x1="${x(b.lower) + 1}" y1="${y(b.meanScore)}" x2="${x(b.upper) - 1}" y2="${y(b.meanScore)}" stroke="#c53030" stroke-width="2"/>`,
    );
  }
  for (const v of [0, 0.5, 1]) {
    parts.push(
      `<text x="${x(v)}" y="${y(0) + 16}" font-size="11" text-anchor="middle">${v}</text>`,
      `<text x="${x(0) - 6}" y="${y(v) + 4}" font-size="11" text-anchor="end">${v}</text>`,
    );
  }
  parts.push(
    `<text x="${x(0.5)}" y="${MARGIN - 22}" font-size="13" font-weight="bold" text-anchor="middle">${escapeXml(p.title)}</text>`,
    `<text x="${x(0.5)}" y="${MARGIN - 7}" font-size="11" text-anchor="middle">ECE ${fmt(p.ece)} · AUROC ${fmt(p.auroc)} · ${total} captions</text>`,
    `<text x="${x(0.5)}" y="${y(0) + 32}" font-size="11" text-anchor="middle">score (bin; red: mean score)</text>`,
    `<text x="${x(0) - 30}" y="${y(0.5)}" font-size="11" text-anchor="middle" transform="rotate(-90 ${x(0) - 30} ${y(0.5)})">share right</text>`,
  );
  return parts.join('\n');
}

export function reliabilityDiagramSvg(heading: string, panels: readonly DiagramPanel[]): string {
  const width = PANEL * panels.length;
  const height = PANEL + 24;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="DejaVu Sans, sans-serif">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${width / 2}" y="${height - 6}" font-size="12" text-anchor="middle">${escapeXml(heading)}</text>`,
    ...panels.map((p, i) => panel(p, i * PANEL)),
    '</svg>',
  ].join('\n');
}
