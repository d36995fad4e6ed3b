// Property: any count written in digits (with or without thousands separators)
// or in English words reads back as itself, alone, inside a sentence, and
// behind each qualifier. Seeded fast-check runs: a failure prints its seed and
// shrunk counterexample, and the same seed replays it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findCounts, formatCount, parseCount, QUALIFIER_PHRASES } from '../../src/extract/numbers.ts';
import { toWords } from '../extract/number-words.ts';
import type { WordStyle } from '../extract/number-words.ts';

// FUZZ_SEED / FUZZ_RUNS explore further by hand; the suite itself always runs the same cases.
const SEED = Number(process.env['FUZZ_SEED'] ?? 20220106);
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 400);

// ------------------------------------------------------------ the test oracle (words: tests/extract/number-words.ts)

/** Thousands separators, written independently of formatCount. */
function withSeparators(n: number): string {
  const digits = String(n);
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) groups.unshift(digits.slice(Math.max(0, end - 3), end));
  return groups.join(',');
}

// ------------------------------------------------------------ arbitraries

/** Uniform over magnitudes first (1 to `maxDigits` digits), so small counts are not drowned by large ones. */
const count = (maxDigits: number): fc.Arbitrary<number> =>
  fc
    .integer({ min: 1, max: maxDigits })
    .chain((d) => fc.integer({ min: d === 1 ? 0 : 10 ** (d - 1), max: 10 ** d - 1 }));

const style: fc.Arbitrary<WordStyle> = fc.record({ hyphen: fc.boolean(), and: fc.boolean(), article: fc.boolean() });

type Written = { n: number; text: string; how: 'separated' | 'plain' | 'words' };

// Plain digit runs longer than 7 are codes or phone numbers (a documented decision in numbers.ts).
const written: fc.Arbitrary<Written> = fc.oneof(
  count(12).map((n) => ({ n, text: withSeparators(n), how: 'separated' as const })),
  count(7).map((n) => ({ n, text: String(n), how: 'plain' as const })),
  // Counts that look like years: the year rules are where a count is most easily lost.
  fc.integer({ min: 1800, max: 2099 }).map((n) => ({ n, text: String(n), how: 'plain' as const })),
  fc.tuple(count(12), style).map(([n, s]) => ({ n, text: toWords(n, s), how: 'words' as const })),
);

const QUALIFIERS = [
  ['at least', 'at_least'],
  ['more than', 'more_than'],
  ['about', 'about'],
  ['up to', 'up_to'],
  ['fewer than', 'fewer_than'],
] as const;

/**
 * Every English qualifier numbers.ts knows, as the oracle of which qualifier each
 * means. "circa" is left out: "circa 1999" is rightly a year (numbers.ts lists
 * it among the year prepositions).
 */
const ALL_QUALIFIERS = QUALIFIER_PHRASES.filter(([words]) => /^[a-z ]+$/.test(words) && words !== 'circa');

/** What each qualifier must give for n: CONTRACT §3 and numbers.ts's `reading`. */
function expected(qualifier: (typeof ALL_QUALIFIERS)[number][1] | 'exact', n: number) {
  switch (qualifier) {
    case 'at_least':
    case 'more_than':
      return { value: n, qualifier, low: n, high: null };
    case 'up_to':
    case 'fewer_than':
      return { value: n, qualifier, low: null, high: n };
    default:
      return { value: n, qualifier, low: n, high: n };
  }
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** Sentences with a slot for the count phrase; `initial` ones capitalise it. */
const TEMPLATES: readonly { initial: boolean; make: (count: string) => string }[] = [
  { initial: false, make: (c) => `Police said ${c} people were detained.` },
  { initial: false, make: (c) => `The ministry reported that ${c} protesters had been arrested on Friday.` },
  { initial: false, make: (c) => `On Thursday, officials said ${c} people had died in Almaty.` },
  { initial: false, make: (c) => `“${c} people were injured,” the health ministry said.` },
  { initial: true, make: (c) => `${c} people were detained, police said.` },
];

/** The sentence, and the phrase as it stands in it. */
function place(template: (typeof TEMPLATES)[number], phrase: string): { sentence: string; phrase: string } {
  const written = template.initial ? capitalise(phrase) : phrase;
  return { sentence: template.make(written), phrase: written };
}

const PARAMS = { seed: SEED, numRuns: RUNS } as const;

describe('the oracle', () => {
  it.each([
    [0, { hyphen: true, and: false, article: false }, 'zero'],
    [26, { hyphen: true, and: false, article: false }, 'twenty-six'],
    [26, { hyphen: false, and: false, article: false }, 'twenty six'],
    [105, { hyphen: true, and: true, article: true }, 'a hundred and five'],
    [2005, { hyphen: true, and: true, article: false }, 'two thousand and five'],
    [1_000_000, { hyphen: true, and: false, article: true }, 'a million'],
    [3_000_000_021, { hyphen: false, and: true, article: false }, 'three billion and twenty one'],
  ])('toWords(%d) = %s', (n, s, words) => expect(toWords(n, s)).toBe(words));

  it('withSeparators agrees with formatCount', () => {
    fc.assert(
      fc.property(count(15), (n) => withSeparators(n) === formatCount(n)),
      PARAMS,
    );
  });
});

describe('parseCount reads any count back as itself', () => {
  it('digits with and without separators, and words', () => {
    fc.assert(
      fc.property(written, ({ n, text }) => {
        expect(parseCount(text)).toEqual(expected('exact', n));
      }),
      PARAMS,
    );
  });

  it('parseCount(formatCount(n)) === n', () => {
    fc.assert(
      fc.property(count(15), (n) => parseCount(formatCount(n))?.value === n),
      PARAMS,
    );
  });

  it('behind each qualifier, with the right bounds', () => {
    fc.assert(
      fc.property(written, fc.constantFrom(...QUALIFIERS), ({ n, text }, [words, qualifier]) => {
        expect(parseCount(`${words} ${text}`)).toEqual(expected(qualifier, n));
      }),
      PARAMS,
    );
  });
});

describe('findCounts finds any count, exactly once, inside a sentence', () => {
  // Regression (fixed): findCounts('Police said that one person was killed.') used to
  // return [] because numbers.ts listed "that" among ONE_DETERMINERS ("that one"), so
  // "one" after the conjunction "that" ("said that one person …") was never a count.
  // Pinned below as an explicit example so every run replays it.
  it('as written, with its offsets', () => {
    fc.assert(
      fc.property(written, fc.constantFrom(...TEMPLATES), ({ n, text }, template) => {
        const { sentence, phrase } = place(template, text);
        const found = findCounts(sentence);
        expect(found).toHaveLength(1);
        const [m] = found;
        expect({ value: m!.value, qualifier: m!.qualifier, low: m!.low, high: m!.high }).toEqual(expected('exact', n));
        expect(m!.phrase).toBe(phrase);
        expect(sentence.slice(m!.start, m!.end)).toBe(phrase);
        expect(sentence.slice(m!.numberStart, m!.numberEnd)).toBe(phrase);
      }),
      { ...PARAMS, examples: [[{ n: 1, text: 'one', how: 'words' }, TEMPLATES[1]!]] },
    );
  });

  it('behind each qualifier, the phrase including it', () => {
    fc.assert(
      fc.property(
        written,
        fc.constantFrom(...QUALIFIERS),
        fc.constantFrom(...TEMPLATES),
        ({ n, text }, [words, qualifier], template) => {
          const { sentence, phrase } = place(template, `${words} ${text}`);
          const found = findCounts(sentence);
          expect(found).toHaveLength(1);
          const [m] = found;
          expect({ value: m!.value, qualifier: m!.qualifier, low: m!.low, high: m!.high }).toEqual(
            expected(qualifier, n),
          );
          expect(m!.phrase).toBe(phrase);
          expect(sentence.slice(m!.start, m!.end)).toBe(phrase);
          expect(sentence.slice(m!.numberStart, m!.numberEnd)).toBe(text);
        },
      ),
      PARAMS,
    );
  });

  // Regression (fixed): findCounts('Police said close to 2000 people were detained.') used
  // to return [] because the "to" of the qualifier "close to" counted as a year
  // preposition ("to 2000"), so a count of 1800–2099 in plain digits after "close to"
  // was read as a year. Pinned as an explicit example.
  it('behind every English qualifier numbers.ts knows', () => {
    fc.assert(
      fc.property(
        written,
        fc.constantFrom(...ALL_QUALIFIERS),
        fc.constantFrom(...TEMPLATES),
        ({ n, text }, [words, qualifier], template) => {
          const { sentence, phrase } = place(template, `${words} ${text}`);
          const found = findCounts(sentence);
          expect(found).toHaveLength(1);
          const [m] = found;
          expect({ value: m!.value, qualifier: m!.qualifier, low: m!.low, high: m!.high }).toEqual(
            expected(qualifier, n),
          );
          expect(m!.phrase).toBe(phrase);
          expect(parseCount(`${words} ${text}`)).toEqual(expected(qualifier, n));
        },
      ),
      { ...PARAMS, examples: [[{ n: 2000, text: '2000', how: 'plain' }, ['close to', 'about'], TEMPLATES[0]!]] },
    );
  });
});
