// Cases tried per category, printed by each hostile test file when it ends so the run shows how much was tried.

/** Multiplies every fuzzing run count: `HOSTILE_SCALE=20 npx vitest run tests/test/hostile` for a long soak. */
export const HOSTILE_SCALE = Math.max(1, Number(process.env.HOSTILE_SCALE ?? '1') || 1);

/** A run count for fast-check, scaled by `HOSTILE_SCALE`. */
export const runs = (base: number): number => base * HOSTILE_SCALE;

export class CaseCounter {
  readonly #counts = new Map<string, number>();

  constructor(readonly title: string) {}

  add(category: string, n = 1): void {
    this.#counts.set(category, (this.#counts.get(category) ?? 0) + n);
  }

  get(category: string): number {
    return this.#counts.get(category) ?? 0;
  }

  /** A table of categories and counts, with the total, for the test output. */
  report(): string {
    const rows = [...this.#counts.entries()].sort(([a], [b]) => a.localeCompare(b));
    const total = rows.reduce((sum, [, n]) => sum + n, 0);
    const width = Math.max(8, ...rows.map(([name]) => name.length));
    const lines = rows.map(([name, n]) => `  ${name.padEnd(width)}  ${String(n).padStart(6)}`);
    return [
      `${this.title}: cases tried per category (HOSTILE_SCALE=${HOSTILE_SCALE})`,
      ...lines,
      `  ${'total'.padEnd(width)}  ${String(total).padStart(6)}`,
    ].join('\n');
  }
}
