// Who gave a figure, as wire copy credits it: the source named in the
// sentence, the one a relay cites, or the last one named for "she added".
import { describe, expect, it } from 'vitest';
import { findAttribution, homeOffice, normalize } from '../../src/extract/attribution.ts';

const source = (sentence: string, earlier: string | readonly string[] | null = null) =>
  findAttribution(sentence, earlier).source;

describe('findAttribution: a source named in the sentence', () => {
  it.each([
    ['Eighteen officers were killed, the Interior Ministry said.', 'Interior Ministry'],
    ['The Interior Ministry said on Thursday that 18 officers had been killed.', 'Interior Ministry'],
    ['According to Khabar 24, 18 officers were killed.', 'Khabar 24'],
    ['At least 164 people were killed, according to the Health Ministry.', 'Health Ministry'],
    ['State television reported that 164 people had been killed.', 'state television'],
    ['The death toll rose to 164, state media said.', 'state media'],
    ['Reuters reporters saw at least two bodies in the street.', 'Reuters'],
    ['Police said 26 rioters had been killed.', 'police'],
    ['Officials said three people died.', 'officials'],
    ['Interfax news agency said eight officers died.', 'Interfax'],
    ['A spokesman for the fire brigade told reporters that 20 bodies had not been identified.', 'fire brigade'],
    ['The fire department said 12 people were rescued.', 'fire department'],
    [
      'The Kenya National Commission on Human Rights said 400 people had been injured.',
      'Kenya National Commission on Human Rights',
    ],
    ['Police on Monday said 26 rioters had been killed.', 'police'],
    ['Dozens were killed, police spokeswoman Saltanat Azirbek told state channel Khabar 24.', 'police'],
    ['Three journalists were detained, the Committee to Protect Journalists said.', 'Committee to Protect Journalists'],
    ['Rights group Human Rights Watch said at least four of the dead were journalists.', 'Human Rights Watch'],
    ['Up to 40 people may have been killed, a local activist said.', 'local activist'],
    ['Nearly 10,000 people were detained, the president’s office said.', 'president’s office'],
  ])('%s → %s', (sentence, expected) => {
    expect(source(sentence)).toBe(expected);
  });

  it('a relay citing a source credits the source: "citing the health ministry"', () => {
    expect(source('Khabar 24 reported, citing the health ministry, that 164 people had died.')).toBe('Health Ministry');
    expect(
      source('There are also 317 injured, the Sputnik news agency reported, citing the Ministry of the Interior.'),
    ).toBe('Interior Ministry');
  });

  it('the owner of a post: "a post on the Health Ministry’s Telegram channel said"', () => {
    expect(source('A post on the Health Ministry’s Telegram channel said 164 people had died.')).toBe(
      'Health Ministry',
    );
  });

  it('remembers a named source for the sentences that follow', () => {
    expect(findAttribution('The Interior Ministry said 18 officers had been killed.', null)).toEqual({
      source: 'Interior Ministry',
      named: 'Interior Ministry',
    });
  });

  it('remembers the subject of a verb the speech verb is joined to, for "it said" next', () => {
    const earlier = ['regional health department'];
    const joined = findAttribution(
      "Azerbaijan's defence ministry denied targeting civilians and said its forces had only responded to fire.",
      earlier,
    );
    expect(joined).toEqual({ source: "Azerbaijan's defence ministry", named: "Azerbaijan's defence ministry" });
    expect(source('It said two of its soldiers had been killed.', [...earlier, joined.named!])).toBe(
      "Azerbaijan's defence ministry",
    );
    expect(source('Police arrested 12 people and said three officers were injured.')).toBe('police');
    // Not a verb of the subject's: "shells hit the market and witnesses said" names the witnesses.
    expect(source('Shells destroyed the market and witnesses said 30 people died.')).toBe('witnesses');
  });

  it('no source → null, and nothing to remember', () => {
    expect(findAttribution('Some 190 have been reported injured in the clashes.', 'Interior Ministry')).toEqual({
      source: null,
      named: null,
    });
  });

  it('a sentence without a speech verb has no source', () => {
    expect(source('In Almaty, dozens of people were killed on Wednesday.')).toBeNull();
  });
});

describe('findAttribution: a source referred back to', () => {
  it('"she added" → the last named source', () => {
    expect(source('She added that 2,200 people were injured.', ['Reuters', 'Health Ministry'])).toBe('Health Ministry');
  });

  it('"the ministry said" → the latest ministry, even with another source named since', () => {
    expect(source('The ministry said 2,300 people had been arrested.', ['Interior Ministry', 'Reuters'])).toBe(
      'Interior Ministry',
    );
  });

  it('"the ministry said" with no ministry named before stays "ministry"', () => {
    expect(source('The ministry said 2,300 people had been arrested.', ['Reuters'])).toBe('ministry');
  });

  it('"the statement said" → whoever spoke last', () => {
    expect(source('The statement said 26 rioters were killed.', ['Interior Ministry'])).toBe('Interior Ministry');
  });

  it('accepts a single earlier source, as before', () => {
    expect(source('He said dozens of the attackers were eliminated.', 'police')).toBe('police');
  });
});

describe('homeOffice', () => {
  const home = ['Kazakhstan', 'Kazakh', 'Kazakhstani'];
  it.each([
    ['Kazakh Interior Ministry', 'Interior Ministry'],
    ['Kazakhstan’s Health Ministry', 'Health Ministry'],
    ['Kazakh police', 'police'],
    ['Kazakhstani National Guard', 'National Guard'],
    ['Russian Defence Ministry', 'Russian Defence Ministry'],
    ['Kazakh authorities', 'Kazakh authorities'],
  ])('the story at home in Kazakhstan: %s → %s', (raw, expected) => {
    expect(homeOffice({ source: raw, named: raw }, home)).toEqual({ source: expected, named: expected });
  });

  it('leaves every name as it is in a story without a home', () => {
    expect(homeOffice({ source: 'Kazakh Interior Ministry', named: null }, [])).toEqual({
      source: 'Kazakh Interior Ministry',
      named: null,
    });
  });
});

describe('normalize', () => {
  it.each([
    ['the Ministry of the Interior', 'Interior Ministry'],
    ['Ministry of Internal Affairs', 'Interior Ministry'],
    ['the Kazakh Interior Ministry', 'Kazakh Interior Ministry'],
    ['the health ministry', 'Health Ministry'],
    ['the country’s health ministry', 'Health Ministry'],
    ['Kazakh police spokesman Saltanat Azirbek', 'Kazakh police'],
    ['the Interior Ministry’s press service', 'Interior Ministry'],
    ['local police chief Kanat Taimerdenov', 'local police'],
    ['Deputy Health Minister Ajer Ghinat', 'Deputy Health Minister'],
    ['what the local authorities announced yesterday', 'local authorities'],
    ['Kazakh authorities', 'Kazakh authorities'],
    ['the Russian Defence Ministry', 'Russian Defence Ministry'],
    ['State television', 'state television'],
    ['Reuters reporters', 'Reuters'],
    ['the Russian Information Agency', 'Russian Information Agency'],
  ])('%s → %s', (raw, expected) => {
    expect(normalize(raw)).toBe(expected);
  });
});
