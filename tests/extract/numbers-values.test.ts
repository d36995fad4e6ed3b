// findCounts and parseCount on one count at a time: the value, qualifier and
// bounds read from digits, numbers in words, "one", vague words, qualifiers and
// ranges; and formatCount. Every mention found is checked for the invariants of
// count-finder.ts.
import { describe, expect, it } from 'vitest';
import type { Qualifier } from '../../src/datasets/schema.ts';
import { QUALIFIERS } from '../../src/datasets/schema.ts';
import { QUALIFIER_PHRASES, VAGUE_COUNTS, formatCount, parseCount } from '../../src/extract/numbers.ts';
import { numberText, only, phrases } from './count-finder.ts';

describe('digits', () => {
  it.each([
    ['2,300', 2300],
    ['10,000', 10000],
    ['1,234,567', 1234567],
    ['9900', 9900],
    ['750', 750],
    ['0', 0],
    ['2.5 million', 2_500_000],
    ['1.2 thousand', 1200],
    ['1.15 million', 1_150_000],
    ['3 thousand', 3000],
    ['3 hundred thousand', 300_000],
    ['19 million', 19_000_000],
    ['3 dozen', 36],
    ['٢٣٠٠', 2300],
    ['٢٬٣٠٠', 2300],
    ['۱۲', 12],
  ])('%s → %d', (written, value) => {
    const text = `Officials said ${written} people were detained.`;
    const m = only(text);
    expect(m).toMatchObject({ phrase: written, value, qualifier: 'exact', low: value, high: value });
    expect(numberText(text, m)).toBe(written);
  });

  it.each(['2.5', '1,23', '2.300', '1.2.3'])('refuses the malformed or fractional %s', (written) => {
    expect(phrases(`The index stood at ${written} yesterday.`)).toEqual([]);
  });
});

describe('numbers in words', () => {
  it.each([
    ['eight', 8],
    ['zero', 0],
    ['twelve', 12],
    ['twenty-six', 26],
    ['twenty six', 26],
    ['ninety', 90],
    ['two thousand', 2000],
    ['two thousand three hundred', 2300],
    ['two thousand and five', 2005],
    ['one hundred and fifty', 150],
    ['three hundred fifty', 350],
    ['fifteen hundred', 1500],
    ['a hundred', 100],
    ['a hundred and fifty', 150],
    ['a thousand', 1000],
    ['a hundred thousand', 100_000],
    ['a million', 1_000_000],
    ['half a million', 500_000],
    ['one million two hundred thousand', 1_200_000],
    ['a dozen', 12],
    ['two dozen', 24],
    ['half a dozen', 6],
    ['a couple hundred', 200],
    ['Two thousand', 2000],
  ])('%s → %d', (written, value) => {
    const text = `Officials said ${written} people were detained.`;
    const m = only(text);
    expect(m).toMatchObject({ phrase: written, value, qualifier: 'exact', low: value, high: value });
    expect(parseCount(written)).toEqual({ value, qualifier: 'exact', low: value, high: value });
  });

  it('reads "a couple of" as 2 without taking "of" into the phrase', () => {
    expect(only('A couple of soldiers were hurt.')).toMatchObject({ phrase: 'A couple', value: 2 });
    expect(parseCount('a couple of')).toEqual({ value: 2, qualifier: 'exact', low: 2, high: 2 });
  });

  it('does not run a number on across a comma, a line break or an unrelated "and"', () => {
    expect(phrases('They killed two thousand, three hundred fled.')).toEqual(['two thousand', 'three hundred']);
    expect(phrases('two\nthousand')).toEqual(['two']);
    expect(phrases('five hundred and wounded ten')).toEqual(['five hundred', 'ten']);
  });
});

describe('"one"', () => {
  it.each([
    ['the body of one of them was found beheaded', 'one'],
    ['one person was killed', 'one'],
    ['One protester died in hospital', 'One'],
    ['at least one was killed', 'at least one'],
    ['only one police officer', 'one'],
    ['one of the protesters died', 'one'],
  ])('counts in "%s"', (text, phrase) => {
    expect(only(text)).toMatchObject({ phrase, value: 1 });
  });

  it.each([
    'Kazakhstan is one of the main producers in the world',
    'The republic is also one of the largest uranium producers in the world',
    "one of Kazakhstan's largest cities",
    'no one was hurt',
    'the one who spoke',
    'they helped one another',
    'at one point the crowd moved',
    'one was taken away',
  ])('is not a count in "%s"', (text) => {
    expect(phrases(text)).toEqual([]);
  });
});

describe('vague words (CONTRACT §3 table and extensions)', () => {
  it('keeps the contract table', () => {
    expect(VAGUE_COUNTS).toMatchObject({
      several: { low: 3, high: 9 },
      few: { low: 3, high: 9 },
      tens: { low: 20, high: 99 },
      dozens: { low: 24, high: 99 },
      hundreds: { low: 200, high: 999 },
      thousands: { low: 2000, high: 9999 },
    });
  });

  it.each([
    ['several', 'several', 3, 9],
    ['Several', 'Several', 3, 9],
    ['a few', 'a few', 3, 9],
    ['tens', 'tens', 20, 99],
    ['dozens', 'dozens', 24, 99],
    ['Dozens', 'Dozens', 24, 99],
    ['hundreds', 'hundreds', 200, 999],
    ['thousands', 'thousands', 2000, 9999],
    ['tens of thousands', 'tens of thousands', 20_000, 99_999],
    ['hundreds of thousands', 'hundreds of thousands', 200_000, 999_999],
    ['many dozens', 'many dozens', 24, 99],
    ['many thousands', 'many thousands', 2000, 9999],
    ['dozens more', 'dozens', 24, 99],
    ['hundreds more', 'hundreds', 200, 999],
    ['a few hundred', 'a few hundred', 300, 999],
    ['several dozen', 'several dozen', 36, 119],
    ['several thousand', 'several thousand', 3000, 9999],
    ['millions', 'millions', 2_000_000, 9_999_999],
  ])('"%s" people → %s, %d–%d', (written, phrase, low, high) => {
    const text = `Police said ${written} people were detained.`;
    const m = only(text);
    expect(m).toMatchObject({ phrase, qualifier: 'vague', value: low, low, high });
    expect(numberText(text, m)).toBe(phrase);
  });

  it.each([
    ['العشرات', 20, 99],
    ['عشرات', 20, 99],
    ['والعشرات', 20, 99],
    ['المئات', 200, 999],
    ['الآلاف', 2000, 9999],
    ['آلاف', 2000, 9999],
    ['عشرات الآلاف', 20_000, 99_999],
  ])('Arabic %s → %d–%d', (written, low, high) => {
    const text = `أعلنت الشرطة تصفية ${written} من المشاركين`;
    expect(only(text)).toMatchObject({ phrase: written, qualifier: 'vague', value: low, low, high });
  });

  it('reads "thousands-strong" as thousands (the caller decides it is a crowd)', () => {
    expect(only('break up the thousands-strong protest')).toMatchObject({ phrase: 'thousands', value: 2000 });
  });

  it('leaves "many" to "how" in "How many thousands of people"', () => {
    const text = 'How many thousands of people took part in the protests was unclear.';
    expect(only(text)).toMatchObject({ phrase: 'thousands', qualifier: 'vague', value: 2000, high: 9999 });
  });

  it('keeps a qualified vague word vague, with the table bounds, qualifier in the phrase', () => {
    const text = 'at least dozens were killed';
    const m = only(text);
    expect(m).toMatchObject({ phrase: 'at least dozens', qualifier: 'vague', value: 24, low: 24, high: 99 });
    expect(numberText(text, m)).toBe('dozens');
    expect(parseCount('more than hundreds')).toEqual({ value: 200, qualifier: 'vague', low: 200, high: 999 });
  });

  it('does not read "many" or "few" alone as counts', () => {
    expect(phrases('Many Kazakhs use gas; few people objected.')).toEqual([]);
  });
});

describe('qualifiers', () => {
  const expected: [string, Qualifier][] = [
    ['at least', 'at_least'],
    ['no fewer than', 'at_least'],
    ['no less than', 'at_least'],
    ['more than', 'more_than'],
    ['over', 'more_than'],
    ['upwards of', 'more_than'],
    ['in excess of', 'more_than'],
    ['just over', 'more_than'],
    ['about', 'about'],
    ['around', 'about'],
    ['some', 'about'],
    ['nearly', 'about'],
    ['almost', 'about'],
    ['approximately', 'about'],
    ['roughly', 'about'],
    ['close to', 'about'],
    ['an estimated', 'about'],
    ['estimated', 'about'],
    ['estimated to be', 'about'],
    ['up to', 'up_to'],
    ['as many as', 'up_to'],
    ['at most', 'up_to'],
    ['fewer than', 'fewer_than'],
    ['less than', 'fewer_than'],
    ['under', 'fewer_than'],
  ];
  const bounds = (q: Qualifier, v: number): [number | null, number | null] =>
    q === 'at_least' || q === 'more_than' ? [v, null] : q === 'up_to' || q === 'fewer_than' ? [null, v] : [v, v];

  it.each(expected)('"%s" → %s', (words, qualifier) => {
    const text = `Reports said ${words} 1,200 people were detained.`;
    const m = only(text);
    const [low, high] = bounds(qualifier, 1200);
    expect(m).toMatchObject({ phrase: `${words} 1,200`, value: 1200, qualifier, low, high });
    expect(numberText(text, m)).toBe('1,200');
  });

  it.each(expected)('"%s" is case-insensitive at the start of a sentence', (words, qualifier) => {
    const cap = words[0]!.toUpperCase() + words.slice(1);
    expect(only(`${cap} eighteen were killed.`)).toMatchObject({ phrase: `${cap} eighteen`, qualifier, value: 18 });
  });

  it('maps every listed phrase to a real qualifier and reads each before a number', () => {
    for (const [words, qualifier] of QUALIFIER_PHRASES) {
      expect(QUALIFIERS).toContain(qualifier);
      expect(parseCount(`${words} 40`)).toMatchObject({ qualifier, value: 40 });
    }
  });

  it('reads no qualifier as exact', () => {
    expect(only('18 were killed')).toMatchObject({ qualifier: 'exact', low: 18, high: 18 });
  });

  it.each([
    ['more than two dozen', 'more_than', 24, 'two dozen'],
    ['more than a dozen', 'more_than', 12, 'a dozen'],
    ['at least a dozen', 'at_least', 12, 'a dozen'],
    ['nearly half a dozen', 'about', 6, 'half a dozen'],
    ['more than two thousand', 'more_than', 2000, 'two thousand'],
    ['More than 18', 'more_than', 18, '18'],
    ['at least one', 'at_least', 1, 'one'],
  ])('"%s" → %s %d (number part "%s")', (written, qualifier, value, numberPart) => {
    const text = `Officials said ${written} died.`;
    const m = only(text);
    expect(m).toMatchObject({ phrase: written, qualifier, value });
    expect(numberText(text, m)).toBe(numberPart);
  });

  it('reads Arabic qualifiers', () => {
    expect(only('نشرت السلطات نحو 50 مركبة')).toMatchObject({ phrase: 'نحو 50', qualifier: 'about', value: 50 });
    expect(only('قتل أكثر من ١٨ شخصا')).toMatchObject({ phrase: 'أكثر من ١٨', qualifier: 'more_than', value: 18 });
  });

  it('does not take a qualifier that is followed by no number', () => {
    expect(phrases('There are some crazy claims about the US being behind this.')).toEqual([]);
    expect(phrases('over the weekend, 18 people were hurt')).toEqual(['18']);
  });
});

describe('ranges', () => {
  it.each([
    ['between 100 and 200', '100 and 200', 100, 200],
    ['100-200', '100-200', 100, 200],
    ['100–200', '100–200', 100, 200],
    ['100 to 200', '100 to 200', 100, 200],
    ['two or three', 'two or three', 2, 3],
    ['2 to 3 million', '2 to 3 million', 2_000_000, 3_000_000],
    ['between 20 and 30 thousand', '20 and 30 thousand', 20_000, 30_000],
    ['two or three dozen', 'two or three dozen', 24, 36],
  ])('"%s" is one mention, about, value = low', (written, numberPart, low, high) => {
    const text = `Officials said ${written} people were detained.`;
    const m = only(text);
    expect(m).toMatchObject({ phrase: written, qualifier: 'about', value: low, low, high });
    expect(numberText(text, m)).toBe(numberPart);
  });

  it('reads "from 8 to 18" as a change: two mentions', () => {
    expect(phrases('The toll rose from 8 to 18 people.')).toEqual(['8', '18']);
  });

  it('does not make a range of a descending pair', () => {
    expect(phrases('between 200 and 100 people')).toEqual(['200', '100']);
  });

  it.each([
    'on 5 to 19 January',
    'from 5 to 19 January',
    'between 5 and 19 January',
    'from 2014-2022',
    'من 5 إلى 19 كانون الثاني/ يناير',
  ])('refuses the date or year span "%s"', (text) => {
    expect(phrases(text)).toEqual([]);
  });
});

describe('parseCount', () => {
  it.each([
    ['more than two thousand', { value: 2000, qualifier: 'more_than', low: 2000, high: null }],
    ['2,300', { value: 2300, qualifier: 'exact', low: 2300, high: 2300 }],
    ['dozens', { value: 24, qualifier: 'vague', low: 24, high: 99 }],
    ['dozens more', { value: 24, qualifier: 'vague', low: 24, high: 99 }],
    ['at least a dozen', { value: 12, qualifier: 'at_least', low: 12, high: null }],
    ['some 190', { value: 190, qualifier: 'about', low: 190, high: 190 }],
    ['up to 40', { value: 40, qualifier: 'up_to', low: null, high: 40 }],
    ['fewer than 10', { value: 10, qualifier: 'fewer_than', low: null, high: 10 }],
    ['between 100 and 200', { value: 100, qualifier: 'about', low: 100, high: 200 }],
    ['  tens of thousands ', { value: 20_000, qualifier: 'vague', low: 20_000, high: 99_999 }],
    ['2019', { value: 2019, qualifier: 'exact', low: 2019, high: 2019 }],
    ['one', { value: 1, qualifier: 'exact', low: 1, high: 1 }],
  ])('%s', (phrase, reading) => {
    expect(parseCount(phrase)).toEqual(reading);
  });

  it.each(['', 'the', '18 people', 'COVID-19', 'more than', 'two thousand three hundred years', 'a', '2.5'])(
    'refuses "%s", which is not exactly one count',
    (phrase) => {
      expect(parseCount(phrase)).toBeNull();
    },
  );
});

describe('formatCount', () => {
  it.each([
    [0, '0'],
    [7, '7'],
    [999, '999'],
    [1000, '1,000'],
    [2300, '2,300'],
    [1234567, '1,234,567'],
  ])('%d → %s', (n, s) => {
    expect(formatCount(n)).toBe(s);
  });
});
