// Round trips over a deterministic sample of 0..1,000,000: every number written
// in digits or in words must read back as itself, alone and inside a sentence.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/bench/seeded-random.ts';
import { findCounts, formatCount, parseCount } from '../../src/extract/numbers.ts';

interface Style {
  /** "twenty-six" or "twenty six". */
  hyphen: boolean;
  /** British "one hundred and five", "two thousand and five". */
  and: boolean;
  /** "a hundred", "a thousand" for a leading one. */
  article: boolean;
}

const SMALL = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

function below100(n: number, style: Style): string {
  if (n < 20) return SMALL[n]!;
  const unit = n % 10;
  return TENS[Math.floor(n / 10)]! + (unit ? (style.hyphen ? '-' : ' ') + SMALL[unit]! : '');
}

function below1000(n: number, style: Style): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const head = hundreds ? `${SMALL[hundreds]!} hundred` : '';
  if (!rest) return head;
  return head ? `${head}${style.and ? ' and ' : ' '}${below100(rest, style)}` : below100(rest, style);
}

function toWords(n: number, style: Style): string {
  if (n === 0) return 'zero';
  const parts: string[] = [];
  let rest = n;
  for (const [scale, name] of [
    [1_000_000, 'million'],
    [1_000, 'thousand'],
  ] as const) {
    if (rest >= scale) {
      parts.push(`${below1000(Math.floor(rest / scale), style)} ${name}`);
      rest %= scale;
    }
  }
  if (rest) parts.push((style.and && parts.length && rest < 100 ? 'and ' : '') + below1000(rest, style));
  const words = parts.join(' ');
  return style.article ? words.replace(/^one (hundred|thousand|million)/, 'a $1') : words;
}

const PLAIN: Style = { hyphen: true, and: false, article: false };

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
