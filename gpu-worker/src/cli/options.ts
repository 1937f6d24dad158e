import { InvalidArgumentError } from 'commander';

/** Commander parser for options that must be positive integers (counts, sizes, beams). */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer');
  return n;
}
