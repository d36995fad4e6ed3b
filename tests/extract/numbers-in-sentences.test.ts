// findCounts on numbers in running text: what is not a count (dates, years,
// times, durations, ages, ordinals, money, codes, names) and the counts kept
// beside them, "one" after "that", several counts in one sentence, and the
// offsets of each mention. Every mention found is checked for the invariants of
// count-finder.ts.
import { describe, expect, it } from 'vitest';
import { findCounts } from '../../src/extract/numbers.ts';
import { counts, numberText, only, phrases } from './count-finder.ts';

describe('not counts', () => {
  const cases: Record<string, string[]> = {
    dates: [
      'until January 19',
      'Jan 6 2022',
      'on Jan. 6 the crowd grew',
      'on 5 January',
      'on the 5 of January',
      'the 17th of May 1992',
      'on 5 to 19 January',
      '— Nabila Massrali (@NabilaEUspox) January 5, 2022',
      'يشار إلى أن المنظمة انبثق في الـ7 من تشرين الأول/أكتوبر 2002',
      'في الـ17 من مايو 1992',
      'on 5/1/2022',
    ],
    years: ['in 2019', 'in 2022', 'since 1991', 'the 2019 election', 'in 2019 protesters gathered', 'the 1990s'],
    times: [
      'at 10 p.m.',
      'at 10 pm',
      'at 10:30',
      'at 9 a.m. local time',
      "at ten o'clock",
      'Video duration 02 minutes 54 seconds',
    ],
    durations: [
      'for six months',
      'a temporary 180-day moratorium',
      'two days ago',
      'for days or weeks',
      'within 24 hours',
      'a three-week curfew',
      'a few days ago',
      'two more days',
      'for a couple of weeks',
      'dozens of years',
      'منذ 3 أيام',
    ],
    ages: ['aged 35', 'a 35-year-old man', 'he was 35 years old', 'at the age of 35', 'a man, 35 years of age'],
    ordinals: [
      'the first battalion',
      'the ninth of January',
      'the 7th unit',
      'the 17th',
      'the twenty-first day',
      'the twenty first time',
    ],
    percentages: ['5%', 'rose 5 %', 'five percent', '5 per cent', '٥٪'],
    money: [
      '$5 million',
      'US$5',
      '10 dollars',
      '100 tenge',
      '€20',
      'USD 40',
      'two million dollars',
      'thousands of dollars',
    ],
    measures: ['A few hundred meters away', '70 km from Almaty', 'three times higher', 'tens of thousands of tonnes'],
    codes: [
      'https://t.co/sB3nDarrw9',
      'COVID-19',
      'the G7 summit',
      'an A320 jet',
      'told Khabar 24 channel',
      'Channel 4 reported',
      'flight 370',
      'dial +77012345678',
      'open 24/7',
      'lost 3-0',
      '#5',
      'phone 87012345678',
    ],
    pronouns: [
      'one of the main producers',
      'no one',
      'that one was worse',
      'he chose that one.',
      'that one in Almaty',
      'the one who fled',
    ],
  };

  for (const [kind, texts] of Object.entries(cases)) {
    it.each(texts)(`${kind}: "%s"`, (text) => {
      expect(phrases(text)).toEqual([]);
    });
  }

  it.each([
    ['On January 19, 2022, 18 people were killed.', ['18']],
    ['Since 2019, 400 people were arrested in 2022.', ['400']],
    ['In the 24 hours since, 62 people were hospitalised.', ['62']],
    ['Aged 35, he was one of 400 detainees.', ['one', '400']],
    ['the $5 million fund paid 300 families', ['300']],
    ['the 5% rise brought 5,000 people out', ['5,000']],
    ['he told Khabar 24 that 18 had died', ['18']],
    ['COVID-19 killed 12 people', ['12']],
  ])('keeps the count beside an exclusion: "%s"', (text, expected) => {
    expect(phrases(text)).toEqual(expected);
  });

  it('treats 1800–2099 as a count only with a count noun or a strong qualifier', () => {
    expect(only('police said 2000 people were detained')).toMatchObject({ value: 2000 });
    expect(only('more than 2000 were detained')).toMatchObject({ qualifier: 'more_than', value: 2000 });
    expect(only('officials said 1500 of them were freed')).toMatchObject({ value: 1500 });
    expect(phrases('around 2019 things changed')).toEqual([]);
    expect(only('9900 were detained')).toMatchObject({ value: 9900 });
  });

  it('reads a year-like count after a qualifier ending in a preposition, when a count noun follows', () => {
    const text = 'Police said close to 2000 people were detained.';
    const m = only(text);
    expect(m).toMatchObject({ phrase: 'close to 2000', qualifier: 'about', value: 2000, low: 2000, high: 2000 });
    expect(numberText(text, m)).toBe('2000');
    expect(only('officials put the toll at an estimated 1900 dead')).toMatchObject({
      phrase: 'an estimated 1900',
      qualifier: 'about',
    });
    expect(only('around 2000 protesters gathered')).toMatchObject({
      phrase: 'around 2000',
      qualifier: 'about',
      value: 2000,
    });
  });

  it.each([
    'in 2019',
    'since 2000',
    'the 2019 election',
    'in 2019 protesters gathered',
    'around 2019 things changed',
    'close to 2000',
    'up from 1995 levels',
    'it rose to 2021 highs',
  ])('still reads "%s" as a year', (text) => {
    expect(phrases(text)).toEqual([]);
  });

  it.each([
    ['Kazakhstan Says 164 Killed', '164'],
    ['Police Say 26 Killed', '26'],
    ['UN Says 164 Dead', '164'],
    ['Almaty Mayor Says 18 Officers Dead', '18'],
    ['Ministry Reports 2,300 Detained', '2,300'],
  ])('reads a count after a capitalised word when a count noun follows (Title Case headline "%s")', (text, phrase) => {
    expect(phrases(text)).toEqual([phrase]);
  });

  it.each([
    'told Khabar 24 channel',
    'Channel 4 News reported',
    'the Kazakhstan 2050 strategy',
    'the Apollo 13 mission',
  ])('still reads a capitalised word and a number with no count noun after it as a name: "%s"', (text) => {
    expect(phrases(text)).toEqual([]);
  });

  it('does not take a sentence-initial or weekday word for a name', () => {
    expect(phrases('Yesterday 18 people died.')).toEqual(['18']);
    expect(phrases('On Thursday 18 people died.')).toEqual(['18']);
    expect(phrases('He said. Police 18 were hurt')).toEqual(['18']);
  });

  it('keeps a count after a month when it cannot be a day', () => {
    expect(phrases('In January 500 people were detained.')).toEqual(['500']);
  });
});

describe('"one" after the conjunction "that"', () => {
  it.each([
    ['Police said that one person was killed.', 'one'],
    ['Officials confirmed that one officer died.', 'one'],
    ['The ministry said that one of them was a police officer.', 'one'],
    ['Reports said that at least one protester was shot.', 'at least one'],
  ])('"%s" → %s', (text, phrase) => {
    expect(only(text)).toMatchObject({ phrase, value: 1 });
  });
});

describe('several counts in one sentence', () => {
  it.each([
    ['She added that the death toll rose to 18 dead and 748 wounded.', ['18', '748']],
    ['“26 armed criminals were liquidated and more than 3,000 others were arrested,”', ['26', 'more than 3,000']],
    [
      '“more than two thousand people were injured, 400 of whom were admitted to Hospital and 62 people in intensive care,”',
      ['more than two thousand', '400', '62'],
    ],
    ['18 police and National Guard personnel were killed and wounded. About 750 others.', ['18', 'About 750']],
    [
      '“dozens” of demonstrators were killed by the police and more than two thousand others were injured',
      ['dozens', 'more than two thousand'],
    ],
    ['More than 18 security personnel were also killed and hundreds more wounded', ['More than 18', 'hundreds']],
  ])('%s', (text, expected) => {
    expect(phrases(text)).toEqual(expected);
  });

  it('reads the seed sentences with their values', () => {
    const text =
      'The police later opened fire after the protesters, estimated to be 5,000, refused to disperse. Some 190 have been reported injured in the clashes.';
    expect(counts(text).map(({ phrase, value, qualifier }) => ({ phrase, value, qualifier }))).toEqual([
      { phrase: 'estimated to be 5,000', value: 5000, qualifier: 'about' },
      { phrase: 'Some 190', value: 190, qualifier: 'about' },
    ]);
  });
});

describe('offsets', () => {
  it('counts UTF-16 code units, surrogate pairs included', () => {
    const text = '👉 Some 190 were hurt; 👉👉 dozens fled';
    const [a, b] = counts(text);
    expect(a).toMatchObject({ start: 3, end: 11, numberStart: 8, numberEnd: 11, phrase: 'Some 190' });
    expect(b).toMatchObject({ start: 28, end: 34, phrase: 'dozens' });
  });

  it('gives the number part without the qualifier or "between"', () => {
    const text = 'X: more than two thousand; between 10 and 20.';
    const [a, b] = counts(text);
    expect(a).toMatchObject({ start: 3, end: 25, numberStart: 13, numberEnd: 25 });
    expect(b).toMatchObject({ start: 27, numberStart: 35, end: 44, phrase: 'between 10 and 20' });
  });

  it('works in right-to-left text', () => {
    const text = 'هذا وأعلنت شرطة ألما أتا عن “تصفية العشرات من المشاركين';
    const m = only(text);
    expect(m.start).toBe(text.indexOf('العشرات'));
    expect(m.end).toBe(m.start + 'العشرات'.length);
  });

  it('returns nothing for empty or number-free text', () => {
    expect(findCounts('')).toEqual([]);
    expect(findCounts('Leave a Reply')).toEqual([]);
  });
});
