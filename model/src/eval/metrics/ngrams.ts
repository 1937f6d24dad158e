/**
 * N-gram counts as pycocoevalcap's `precook` builds them: orders 1..maxOrder, each order's n-grams in order of
 * first appearance. Keeping Python's insertion order makes the floating-point sums in CIDEr-D run in the same
 * order as the reference.
 */

/** counts[k] maps an n-gram of order k + 1 (tokens joined by one space) to its count. */
export type NgramCounts = readonly ReadonlyMap<string, number>[];

export function countNgrams(tokens: readonly string[], maxOrder: number): NgramCounts {
  const counts: Map<string, number>[] = [];
  for (let order = 1; order <= maxOrder; order++) {
    const ofOrder = new Map<string, number>();
    for (let start = 0; start + order <= tokens.length; start++) {
      // Tokens never contain spaces (they come from a whitespace split), so the joined key is unambiguous.
      const ngram = tokens.slice(start, start + order).join(' ');
      ofOrder.set(ngram, (ofOrder.get(ngram) ?? 0) + 1);
    }
    counts.push(ofOrder);
  }
  return counts;
}
