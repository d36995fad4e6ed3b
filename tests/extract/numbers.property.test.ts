// Round trips over a deterministic sample of 0..1,000,000: every number written
// in digits or in words must read back as itself, alone and inside a sentence.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/bench/seeded-random.ts';
import { findCounts, formatCount, parseCount } from '../../src/extract/numbers.ts';
import { toWords } from './number-words.ts';
import type { WordStyle } from './number-words.ts';

const PLAIN: WordStyle = { hyphen: true, and: false, article: false };

function sample(count: number, seed: number): number[] {
  const random = seededRandom(seed);
  const edges = [
    0, 1, 9, 10, 11, 19, 20, 21, 99, 100, 101, 110, 999, 1000, 1001, 1099, 1800, 2019, 2099, 9999, 10_000, 99_999,
    100_000, 100_001, 999_999, 1_000_000,
  ];
  const drawn = Array.from({ length: count }, () => {
    // Uniform over magnitudes first, so small numbers are not drowned by large ones.
    const digits = 1 + Math.floor(random() * 6);
    return Math.floor(random() * 10 ** digits);
  });
  return [...edges, ...drawn];
}

describe('toWords (the test oracle itself)', () => {
  it.each([
    [0, PLAIN, 'zero'],
    [26, PLAIN, 'twenty-six'],
    [26, { ...PLAIN, hyphen: false }, 'twenty six'],
    [150, { ...PLAIN, and: true }, 'one hundred and fifty'],
    [150, { ...PLAIN, and: true, article: true }, 'a hundred and fifty'],
    [2005, { ...PLAIN, and: true }, 'two thousand and five'],
    [2300, PLAIN, 'two thousand three hundred'],
    [1_000_000, { ...PLAIN, article: true }, 'a million'],
    [999_999, PLAIN, 'nine hundred ninety-nine thousand nine hundred ninety-nine'],
  ])('%d → %s', (n, style, words) => {
    expect(toWords(n, style)).toBe(words);
  });
});

describe('round trips over 0..1,000,000', () => {
  const numbers = sample(3000, 20220106);
  const random = seededRandom(7);
  const styles = numbers.map(() => ({ hyphen: random() < 0.5, and: random() < 0.5, article: random() < 0.5 }));

  it('parseCount(toWords(n)) === n', () => {
    const wrong = numbers.filter((n, k) => parseCount(toWords(n, styles[k]!))?.value !== n);
    expect(wrong.map((n, k) => `${n}: ${toWords(n, styles[k]!)}`)).toEqual([]);
  });

  it('parseCount(formatCount(n)) === n', () => {
    const wrong = numbers.filter((n) => parseCount(formatCount(n))?.value !== n);
    expect(wrong).toEqual([]);
  });

  it('findCounts reads n back from a sentence, in digits with and without separators and in words', () => {
    const problems: string[] = [];
    numbers.forEach((n, k) => {
      for (const written of [formatCount(n), String(n), toWords(n, styles[k]!)]) {
        const text = `Officials said ${written} people were detained.`;
        const found = findCounts(text);
        const m = found[0];
        const ok =
          found.length === 1 &&
          m !== undefined &&
          m.value === n &&
          m.qualifier === 'exact' &&
          m.phrase === written &&
          text.slice(m.start, m.end) === written;
        if (!ok) problems.push(`${written} → ${JSON.stringify(found)}`);
      }
    });
    expect(problems).toEqual([]);
  });

  it('keeps the qualifier and its bounds in front of any n', () => {
    const wrong = numbers.filter((n) => {
      const r = parseCount(`at least ${formatCount(n)}`);
      const s = parseCount(`up to ${formatCount(n)}`);
      return !(
        r?.qualifier === 'at_least' &&
        r.low === n &&
        r.high === null &&
        s?.qualifier === 'up_to' &&
        s.high === n &&
        s.low === null
      );
    });
    expect(wrong).toEqual([]);
  });
});
