import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as chrono from 'chrono-node';
import { dayParser, dayParserFor, parserNeeds, resolveAsOf, resolveDates } from '../../src/extract/dates.ts';
import { layoutOf, splitParagraphs, splitSentences } from '../../src/extract/sentences.ts';

/** The texts of the sentences of `text`. */
const textsOf = (text: string): string[] => splitSentences(text).map((s) => s.text);

const THURSDAY = '2022-01-06';
const FRIDAY = '2022-01-07';

function dates(text: string, published: string): string[] {
  return resolveDates(text, published).map((d) => d.date);
}

function phrases(text: string, published: string): string[] {
  return resolveDates(text, published).map((d) => d.phrase);
}

describe('resolveDates: weekdays', () => {
  it.each([
    ['Sunday', '2022-01-02'],
    ['Monday', '2022-01-03'],
    ['Tuesday', '2022-01-04'],
    ['Wednesday', '2022-01-05'],
    ['Thursday', '2022-01-06'],
    ['Friday', '2021-12-31'],
    ['Saturday', '2022-01-01'],
  ])('reads "on %s" in a Thursday article as %s', (weekday, date) => {
    expect(dates(`Police fired on ${weekday}.`, THURSDAY)).toEqual([date]);
  });

  it.each([
    ['Saturday', '2022-01-01'],
    ['Sunday', '2022-01-02'],
    ['Monday', '2022-01-03'],
    ['Tuesday', '2022-01-04'],
    ['Wednesday', '2022-01-05'],
    ['Thursday', '2022-01-06'],
    ['Friday', '2022-01-07'],
  ])('reads "on %s" in a Friday article as %s', (weekday, date) => {
    expect(dates(`Police fired on ${weekday}.`, FRIDAY)).toEqual([date]);
  });

  it.each([
    ['On Thursday, Blinken urged calm.', 'On Thursday', '2022-01-06'],
    ['Tokayev said on state television early Thursday.', 'Thursday', '2022-01-06'],
    ['Pashinyan wrote on Thursday night on Facebook.', 'on Thursday night', '2022-01-06'],
    ['A crowd occupied the airport on Wednesday afternoon.', 'on Wednesday afternoon', '2022-01-05'],
    ['It spread to Almaty on Tuesday evening.', 'on Tuesday evening', '2022-01-04'],
    ['in a statement issued Thursday - that she will', 'Thursday', '2022-01-06'],
  ])('reads %j as the day of its weekday', (text, phrase, date) => {
    expect(resolveDates(text, THURSDAY)).toEqual([
      { start: text.indexOf(phrase), end: text.indexOf(phrase) + phrase.length, phrase, date },
    ]);
  });

  it('reads "last Sunday" as the Sunday before publication', () => {
    expect(dates('And last Sunday, protests erupted.', THURSDAY)).toEqual(['2022-01-02']);
    expect(phrases('And last Sunday, protests erupted.', THURSDAY)).toEqual(['last Sunday']);
  });

  it('reads "last <weekday>" on that weekday as a week earlier', () => {
    expect(dates('It began last Thursday.', THURSDAY)).toEqual(['2021-12-30']);
    expect(dates('It began last Friday.', FRIDAY)).toEqual(['2021-12-31']);
  });

  it('reads "Friday morning" in a Friday article as that Friday', () => {
    expect(dates('Reporters saw – on Friday morning – armored carriers.', FRIDAY)).toEqual(['2022-01-07']);
  });
});

describe('resolveDates: relative days', () => {
  it.each([
    ['yesterday', '2022-01-06'],
    ['Yesterday', '2022-01-06'],
    ['today', '2022-01-07'],
    ['the day before yesterday', '2022-01-05'],
    ['three days ago', '2022-01-04'],
    ['2 days ago', '2022-01-05'],
    ['last night', '2022-01-06'],
    ['tonight', '2022-01-07'],
  ])('reads %j in a Friday article as %s', (phrase, date) => {
    expect(resolveDates(`Police said ${phrase} that calm had returned.`, FRIDAY)).toEqual([
      { start: 12, end: 12 + phrase.length, phrase, date },
    ]);
  });

  it('crosses month and year boundaries in UTC', () => {
    expect(dates('It was announced yesterday.', '2022-03-01')).toEqual(['2022-02-28']);
    expect(dates('It was announced yesterday.', '2024-03-01')).toEqual(['2024-02-29']);
    expect(dates('It began on Friday.', '2022-01-01')).toEqual(['2021-12-31']);
    expect(dates('It was announced the day before yesterday.', '2022-01-01')).toEqual(['2021-12-30']);
  });

  it.each([
    ['Yesterday, Thursday, the German government advised against travel.', 'Yesterday, Thursday', FRIDAY, '2022-01-06'],
    ['Tokayev said today, Friday, that order was restored.', 'today, Friday', FRIDAY, '2022-01-07'],
    [
      'the protests escalated the day before yesterday, Wednesday, when',
      'the day before yesterday, Wednesday',
      FRIDAY,
      '2022-01-05',
    ],
  ])('reads the compound %j as one day', (text, phrase, published, date) => {
    const start = text.indexOf(phrase);
    expect(resolveDates(text, published)).toEqual([{ start, end: start + phrase.length, phrase, date }]);
  });
});

describe('resolveDates: explicit dates', () => {
  it.each([
    ['Jan 6 2022', '2022-01-06'],
    ['January 5, 2022', '2022-01-05'],
    ['5 January', '2022-01-05'],
    ['January 3', '2022-01-03'],
    ['the 2nd of January', '2022-01-02'],
    ['7 October 2002', '2002-10-07'],
    ['the fifth of January', '2022-01-05'],
    ['January third', '2022-01-03'],
  ])('reads %j as %s', (phrase, date) => {
    const text = `The decree of ${phrase} stands.`;
    const [day] = resolveDates(text, THURSDAY);
    expect(day!.date).toBe(date);
    expect(text.slice(day!.start, day!.end)).toBe(day!.phrase);
    expect(day!.phrase).toContain(phrase.replace(/^the /, ''));
  });

  it('finds no day in a month named without one', () => {
    expect(dates('Protests began in January and peaked in December 2021.', THURSDAY)).toEqual([]);
    expect(dates('It was declared on the day the decree was signed.', THURSDAY)).toEqual([]);
  });

  it('puts a date far ahead in the publication year into the year before', () => {
    expect(dates('Prices rose on December 30.', THURSDAY)).toEqual(['2021-12-30']);
    expect(dates('Prices rose on 15 November.', THURSDAY)).toEqual(['2021-11-15']);
  });

  it('keeps the publication year for a date up to two months ahead (and then drops it as future)', () => {
    expect(dates('Prices rose on December 30.', '2022-12-31')).toEqual(['2022-12-30']);
    expect(dates('The vote is on February 20.', THURSDAY)).toEqual([]);
  });

  it('gives both days of a past range', () => {
    expect(dates('Protests ran from 2 to 4 January.', THURSDAY)).toEqual(['2022-01-02', '2022-01-04']);
  });

  it('keeps the Arabic passage out: chrono reads English only', () => {
    expect(dates('وأعلن رئيس كازاخستان أمس الأربعاء حالة الطوارئ', THURSDAY)).toEqual([]);
  });
});

describe('resolveDates: future references are left out', () => {
  it.each([
    ['the talks with Russia scheduled for next Monday', THURSDAY],
    ['canceled its flights to Kazakhstan until Sunday, the ninth of January', FRIDAY],
    ['He also declared a state of emergency until January 19.', THURSDAY],
    ['a state of emergency from 5 to 19 January', THURSDAY],
    ['Tokayev will speak tomorrow.', THURSDAY],
    ['Tokayev will speak tomorrow, Saturday.', FRIDAY],
    ['They meet the day after tomorrow.', THURSDAY],
    ['They meet next Thursday.', THURSDAY],
    ['The ban runs till Monday.', FRIDAY],
    ['It will hold the coming Saturday.', FRIDAY],
  ])('%j', (text, published) => {
    expect(resolveDates(text, published)).toEqual([]);
  });

  it('keeps the past days of a sentence that also names a future one', () => {
    expect(dates('On Wednesday he declared a state of emergency until January 19.', THURSDAY)).toEqual(['2022-01-05']);
  });
});

describe('resolveDates: not days', () => {
  it.each([
    'that Tokayev had requested this week',
    'riots that broke out over the weekend',
    'the increase in fuel prices at the beginning of this year',
    'set fuel prices for a period of six months',
    'a temporary 180-day moratorium',
    'will remain in Kazakhstan for days or weeks',
    'exchanges of fire for two days',
    'the largest wave of protests in years',
    'that rocked Kazakhstan a few days ago',
    'in office since 2019',
    'Video duration 02 minutes 54 seconds',
    'published videos that night',
    'in January',
  ])('%j', (text) => {
    expect(resolveDates(text, THURSDAY)).toEqual([]);
  });
});

describe('resolveDates: bare numbers after a day word', () => {
  it('does not read "Friday 26" as a time', () => {
    const text = 'The ministry said on Friday 26 armed criminals were killed.';
    expect(resolveDates(text, FRIDAY)).toEqual([{ start: 18, end: 27, phrase: 'on Friday', date: '2022-01-07' }]);
  });

  it('does not read "Wednesday 18" as a time', () => {
    const text = 'The ministry added Wednesday 18 police were killed.';
    expect(resolveDates(text, FRIDAY)).toEqual([{ start: 19, end: 28, phrase: 'Wednesday', date: '2022-01-05' }]);
  });

  it('still reads a weekday followed by a month as a date', () => {
    expect(dates('It began on Wednesday 5 January.', FRIDAY)).toEqual(['2022-01-05']);
  });
});

describe('resolveDates: shape', () => {
  it('gives the days in text order with phrases that slice out of the text', () => {
    const text = 'On Tuesday the decree came; yesterday, the troops; on Sunday, the protests.';
    const days = resolveDates(text, FRIDAY);
    expect(days.map((d) => [d.phrase, d.date])).toEqual([
      ['On Tuesday', '2022-01-04'],
      ['yesterday', '2022-01-06'],
      ['on Sunday', '2022-01-02'],
    ]);
    for (const d of days) expect(text.slice(d.start, d.end)).toBe(d.phrase);
  });

  it('gives nothing for a text without dates', () => {
    expect(resolveDates('Police fired tear gas.', FRIDAY)).toEqual([]);
  });

  it.each(['2022-1-7', '07/01/2022', '2022-02-30', ''])('rejects the publication date %j', (published) => {
    expect(() => resolveDates('on Friday', published)).toThrow(RangeError);
    expect(() => resolveAsOf('on Friday', ['on Friday'], published)).toThrow(RangeError);
  });
});

describe('resolveDates: independent of the local time zone', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  const text =
    'Yesterday, Thursday, it began. On Wednesday it spread; the day before yesterday, Wednesday, it grew; ' +
    'last Sunday it started; on 5 January the cabinet fell; talks are set for next Monday.';
  const expected = ['2022-01-06', '2022-01-05', '2022-01-05', '2022-01-02', '2022-01-05'];

  // Kiritimati is UTC+14, Pago Pago UTC−11, St John's UTC−3:30, Kathmandu UTC+5:45.
  it.each(['UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/St_Johns', 'Asia/Kathmandu'])(
    'resolves the same days in %s',
    (zone) => {
      process.env.TZ = zone;
      const offset = new Date(Date.UTC(2022, 0, 7, 12)).getTimezoneOffset();
      // Guard: the zone really took effect, or this test would prove nothing.
      expect(offset).toBe(
        {
          UTC: 0,
          'Pacific/Kiritimati': -840,
          'Pacific/Pago_Pago': 660,
          'America/St_Johns': 210,
          'Asia/Kathmandu': -345,
        }[zone],
      );
      expect(dates(text, FRIDAY)).toEqual(expected);
      expect(resolveAsOf('No date here.', ['No date here.', ...textsOf(text)], FRIDAY)).toBe('2022-01-06');
    },
  );
});

describe('resolveAsOf', () => {
  const paragraph = [
    'On Tuesday, a decree was signed.',
    'Police said 18 officers died.',
    'On Wednesday, the cabinet resigned.',
  ];

  it('takes the latest day named in the sentence', () => {
    expect(resolveAsOf('On Tuesday and on Wednesday, 18 officers died.', paragraph, THURSDAY)).toBe('2022-01-05');
    expect(resolveAsOf('On Wednesday and on Tuesday, 18 officers died.', paragraph, THURSDAY)).toBe('2022-01-05');
  });

  it('prefers the sentence’s own day over a later one in the paragraph', () => {
    expect(resolveAsOf('On Tuesday, a decree was signed.', paragraph, THURSDAY)).toBe('2022-01-04');
  });

  it('falls back on the latest day named in the paragraph', () => {
    expect(resolveAsOf('Police said 18 officers died.', paragraph, THURSDAY)).toBe('2022-01-05');
  });

  it('reads each sentence once, for itself and for the others of its paragraph, and never the paragraph whole', () => {
    const days = new Map<string, string | null>();
    expect(resolveAsOf('Police said 18 officers died.', paragraph, THURSDAY, days)).toBe('2022-01-05');
    expect(resolveAsOf('On Tuesday, a decree was signed.', paragraph, THURSDAY, days)).toBe('2022-01-04');
    expect([...days]).toEqual([
      ['Police said 18 officers died.', null],
      ['On Tuesday, a decree was signed.', '2022-01-04'],
      ['On Wednesday, the cabinet resigned.', '2022-01-05'],
    ]);
  });

  it('falls back on the publication date', () => {
    expect(resolveAsOf('Police said 18 officers died.', ['Police said 18 officers died.'], THURSDAY)).toBe(THURSDAY);
  });

  it('ignores future days at every level', () => {
    const sentence = 'Talks are set for next Monday.';
    expect(resolveAsOf(sentence, [sentence, 'Yesterday, police said 18 died.'], FRIDAY)).toBe('2022-01-06');
    expect(resolveAsOf(sentence, [sentence], FRIDAY)).toBe(FRIDAY);
  });
});

describe('resolveAsOf over the real articles', () => {
  function article(id: string): { body: string; published: string } {
    const raw = readFileSync(new URL(`../../data/kazakhstan-unrest/articles/${id}.md`, import.meta.url), 'utf8');
    const published = /^published: (\d{4}-\d{2}-\d{2})$/m.exec(raw)![1]!;
    return {
      body: raw
        .split(/^---\n/m)
        .slice(2)
        .join('---\n')
        .replace(/\n$/, ''),
      published,
    };
  }

  function asOf(id: string, start: string): string {
    const { body, published } = article(id);
    const sentence = splitSentences(body).find((s) => s.text.startsWith(start));
    expect(sentence, start).toBeDefined();
    return resolveAsOf(sentence!.text, layoutOf(body).paragraphSentences[sentence!.paragraph]!, published);
  }

  it.each([
    ['000', 'She added that the death toll', '2022-01-06'],
    ['000', 'And last Sunday, protests erupted', '2022-01-02'],
    ['000', 'Psaki added in her daily press statement', '2022-01-06'],
    ['001', 'Yesterday, Thursday, the Organization of Islamic Cooperation', '2022-01-06'],
    ['001', 'The Ministry of the Interior said that “26 armed criminals', '2022-01-07'],
    ['001', 'The confrontations between the security forces', '2022-01-05'],
    ['002', 'More than 18 security personnel were also killed', '2022-01-06'],
    ['002', 'Deputy Health Minister Ajer Ghinat', '2022-01-06'],
    ['003', 'Furthermore, Kazakh media outlets reported', '2022-01-06'],
    ['003', 'The police later opened fire', '2022-01-04'],
    ['004', 'There are also 317 injured', '2022-01-05'],
    ['004', 'The unprecedented protests in Kazakhstan', '2022-01-05'],
  ])('%s “%s…” is as of %s', (id, start, date) => {
    expect(asOf(id, start)).toBe(date);
  });
});

// dayParserFor runs only the chrono parsers whose required words a text
// contains (a speed-up of the derive): it must find exactly what every parser
// finds, and must still know each parser (a chrono upgrade that changes an
// expression makes that parser run always: right, but slow).
describe('dayParserFor: the same results as every parser', () => {
  const reference = { instant: new Date('2022-01-07T12:00:00Z'), timezone: 0 };
  const found = (parser: typeof dayParser, text: string) =>
    parser.parse(text, reference).map((r) => ({
      index: r.index,
      text: r.text,
      start: r.start.date().toISOString(),
      end: r.end?.date().toISOString() ?? null,
    }));
  const texts = ['000', '001', '002', '003', '004'].flatMap((id) => {
    const raw = readFileSync(new URL(`../../data/kazakhstan-unrest/articles/${id}.md`, import.meta.url), 'utf8');
    const body = raw
      .split(/^---\n/m)
      .slice(2)
      .join('---\n');
    return [...splitParagraphs(body).map((p) => p.text), ...splitSentences(body).map((s) => s.text)];
  });

  it('knows the expression of every parser but one it should always run', () => {
    expect(parserNeeds.filter((needs) => needs === null)).toHaveLength(parserNeeds.length - 16);
  });

  it('on every paragraph and sentence of the articles', () => {
    for (const text of texts) expect(found(dayParserFor(text), text), text).toEqual(found(dayParser, text));
  });

  // dayParser's expressions are chrono's written without `i` (regex-case.ts).
  it('as chrono’s own parsers, on every text of the articles and the phrases', () => {
    const chronos = chrono.casual.clone();
    chronos.parsers = chronos.parsers.filter((p) => p.constructor.name !== 'ENTimeExpressionParser');
    expect(dayParser.parsers.map((p) => p.constructor.name)).toEqual(chronos.parsers.map((p) => p.constructor.name));
    // Most are written without `i` (the rest name characters outside ASCII).
    const without = dayParser.parsers.filter((p) => !p.pattern({ option: {} } as never).flags.includes('i'));
    expect(without.length).toBeGreaterThan(12);
    const cases = [...texts, ...texts.map((t) => t.toUpperCase()), 'THREE DAYS AGO, on Jan. 5th', 'Two Weeks Later'];
    for (const text of cases) expect(found(dayParser, text), text).toEqual(found(chronos, text));
  });

  it('on date phrases and the words of the articles, recombined', () => {
    const phrases = [
      'on Monday',
      'last week',
      '3 days ago',
      'two weeks later',
      'Jan 5',
      '5th of January',
      '2022-01-05',
      '1/5/2022',
      '01/2022',
      'this morning',
      'at noon',
      'yesterday',
      'tonight',
      'end of month',
      'next Friday',
      'from now',
      'the past month',
      '+2 days',
      'Dec. 31',
      'January 2022',
    ];
    const words = texts.join(' ').split(/\s+/).slice(0, 2000);
    const piece = fc.oneof(fc.constantFrom(...phrases), fc.constantFrom(...words), fc.string({ maxLength: 6 }));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        const text = pieces.join(' ');
        expect(found(dayParserFor(text), text)).toEqual(found(dayParser, text));
      }),
      { numRuns: 1500, seed: 7 },
    );
  });
});
