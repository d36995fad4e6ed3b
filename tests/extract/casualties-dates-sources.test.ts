// The casualty extraction on wire-copy sentences written for these tests (none
// is from the seed articles): the day a figure holds for (as_of) and the source
// it is attributed to. Every row's quote must sit at its offsets in the body
// (CONTRACT §5).
import { describe, expect, it } from 'vitest';
import { extractCasualties } from '../../src/extract/casualties.ts';
import { PUBLISHED, extract, row } from './casualty-rows.ts';

describe('as_of', () => {
  it('a weekday in the sentence: the latest such day on or before publication', () => {
    expect(extract('On Wednesday, 12 people were injured in Almaty.')).toEqual([
      row('injured', 'all', '12', 12, 'exact', { as_of: '2022-01-05' }),
    ]);
  });

  it('the weekday of publication is publication day, not a week earlier', () => {
    expect(extract('Police said on Friday that 40 people had been detained.')).toEqual([
      row('arrested', 'all', '40', 40, 'exact', { attribution: 'police' }),
    ]);
  });

  it('a weekday only in the paragraph', () => {
    const body = 'Clashes resumed in Almaty on Wednesday. The Interior Ministry said 12 people were injured.';
    expect(extract(body)).toEqual([
      row('injured', 'all', '12', 12, 'exact', { as_of: '2022-01-05', attribution: 'Interior Ministry' }),
    ]);
  });

  it('a weekday in another paragraph does not count', () => {
    const body = 'Clashes resumed in Almaty on Wednesday.\n\nThe Interior Ministry said 12 people were injured.';
    expect(extract(body)).toEqual([row('injured', 'all', '12', 12, 'exact', { attribution: 'Interior Ministry' })]);
  });

  it('"yesterday" = publication − 1', () => {
    expect(extract('Yesterday 40 people were detained in Shymkent.')).toEqual([
      row('arrested', 'all', '40', 40, 'exact', { as_of: '2022-01-06' }),
    ]);
  });

  it('no day named → publication', () => {
    expect(extract('Forty people were detained in Shymkent.', '2022-01-10')).toEqual([
      row('arrested', 'all', 'Forty', 40, 'exact', { as_of: '2022-01-10' }),
    ]);
  });
});

describe('attribution', () => {
  it('"the Interior Ministry said"', () => {
    expect(extract('Eighteen officers have been killed, the Interior Ministry said.')).toMatchObject([
      { attribution: 'Interior Ministry' },
    ]);
  });

  it('"the Ministry of Internal Affairs" is the Interior Ministry', () => {
    expect(extract('According to the Ministry of Internal Affairs, 18 officers died.')).toMatchObject([
      { attribution: 'Interior Ministry' },
    ]);
  });

  it('"according to Khabar 24"', () => {
    expect(extract('According to Khabar 24, 18 officers were killed.')).toMatchObject([
      { attribution: 'Khabar 24', value: 18 },
    ]);
  });

  it('"she added" → the last named source', () => {
    const body = 'The Health Ministry said 164 people had died. She added that 2,200 people were injured.';
    expect(extract(body).map((r) => r.attribution)).toEqual(['Health Ministry', 'Health Ministry']);
  });

  it('"citing the health ministry": the source, not the relay', () => {
    expect(extract('Khabar 24 reported, citing the health ministry, that 164 people had died.')).toMatchObject([
      { attribution: 'Health Ministry' },
    ]);
  });

  it('"state television reported"', () => {
    expect(extract('State television reported that 164 people had been killed.')).toMatchObject([
      { attribution: 'state television' },
    ]);
  });

  it('"Reuters reporters saw"', () => {
    expect(extract('Reuters reporters saw at least two bodies in the street.')).toEqual([
      row('killed', 'all', 'at least two', 2, 'at_least', { attribution: 'Reuters' }),
    ]);
  });

  it('"Kazakh police spokesman <name>" → police, in a story at home in Kazakhstan', () => {
    const body =
      'Kazakh police spokesman Saltanat Azirbek told state television that dozens of attackers were liquidated.';
    expect(
      extractCasualties({ id: 't', body, published: PUBLISHED, home: ['Kazakhstan', 'Kazakh'] }).rows,
    ).toMatchObject([{ attribution: 'police', group: 'protesters' }]);
    expect(extract(body)).toMatchObject([{ attribution: 'Kazakh police' }]);
  });

  it('no source named → null', () => {
    expect(extract('Some 190 have been reported injured in the clashes.')).toMatchObject([{ attribution: null }]);
  });
});
