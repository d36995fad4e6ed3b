// Who "it", "he" and "they" stand for when a sentence names its speaker with
// a name the gazetteer does not know: that speaker, not the actor of the
// sentence before. Read against the base gazetteer and codebook.
import { describe, expect, it } from 'vitest';
import { reactionReader } from './reaction-reader.ts';

const { extract, read } = reactionReader('2025-11-05');

const BEFORE = 'The European Union said it was releasing 200,000 euros in humanitarian funding.';

describe('a pronoun after a speaker the gazetteer does not know', () => {
  it('stands for that speaker: the cue has no actor, and says so, rather than going to the actor before', () => {
    for (const [sentence, stance] of [
      ['The Foo Bar Relief Agency said it had deployed a disaster assessment team.', 'sends_aid'],
      ['On Thursday, the Himalayan Society of Engineers said it was ready to help.', 'offers_help'],
      ['Dhan Bahadur Khadka said he was deeply concerned by the violence.', 'expresses_concern'],
      ['The Foo Fund and the Bar Trust said they had sent tents and blankets.', 'sends_aid'],
    ] as const) {
      const { rows, messages } = extract(`${BEFORE} ${sentence}`);
      expect(
        rows.map((r) => `${r.actor}:${r.stance}`),
        sentence,
      ).toEqual(['European Union:sends_aid']);
      expect(
        messages.map((m) => m.reason),
        sentence,
      ).toContainEqual(expect.stringMatching(new RegExp(`\\(${stance}\\) has no actor the text names$`)));
    }
  });

  it('leaves a speaker the gazetteer knows, by name, alias, institution or pronoun, to stand for itself', () => {
    expect(read(`${BEFORE} The Japan International Cooperation Agency said it would send a team of doctors.`)).toEqual([
      'European Union:sends_aid',
      'Japan:offers_help',
    ]);
    expect(read(`${BEFORE} Japan's Foreign Ministry said it would send a team of doctors.`)).toEqual([
      'European Union:sends_aid',
      'Japan:offers_help',
    ]);
    expect(read(`${BEFORE} Doctors Without Borders said it had sent two medical teams.`)).toEqual([
      'European Union:sends_aid',
      'Médecins Sans Frontières:sends_aid',
    ]);
    // Not a name: "the agency" and "officials" are the actor before, as they were.
    expect(read(`${BEFORE} The agency said it had also sent tents.`)).toEqual([
      'European Union:sends_aid',
      'European Union:sends_aid',
    ]);
  });

  it('reads the US aid agency as the United States, and goods announced as help offered', () => {
    expect(
      read(`${BEFORE} The United States Agency for International Development said it had deployed a disaster team.`),
    ).toEqual(['European Union:sends_aid', 'United States:sends_aid']);
    expect(read('USAID said it had airlifted tents and blankets to Nepalgunj.')).toEqual(['United States:sends_aid']);
    expect(
      read(
        'Japan announced emergency relief goods, including tents and sleeping pads, and Germany said it was ready to help.',
      ),
    ).toEqual(['Japan:offers_help', 'Germany:offers_help']);
  });
});
