// "did you mean …?" for misspelt names: the closest valid one by edit distance.
export function closest(input: string, candidates: Iterable<string>): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(input.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  // Beyond half the word, a suggestion is noise rather than help.
  return best !== null && bestDistance <= Math.max(2, Math.ceil(input.length / 2)) ? best : null;
}

export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** "expected one of `a`, `b` (did you mean `b`?)" */
export function expected(input: string, candidates: readonly string[]): string {
  const list = candidates.map((c) => `\`${c}\``).join(', ');
  const guess = closest(input, candidates);
  return `expected one of ${list}${guess ? ` (did you mean \`${guess}\`?)` : ''}`;
}
