// A figure corrected away beside the one that replaces it, in one sentence:
// the old one retracted (never drawn as a toll), the new one reported.
import { describe, expect, it } from 'vitest';
import { extractCasualties } from '../../src/extract/casualties.ts';

/** "measure value status" per row, in order. */
const read = (body: string): string[] =>
  extractCasualties({ id: 't', body, published: '2025-11-09' }).rows.map((r) => `${r.measure} ${r.value} ${r.status}`);

describe('a figure corrected in the sentence that gives its replacement', () => {
  it('retracts the earlier figure and reports the new one', () => {
    expect(
      read(
        'The government has put the number of dead at 153, revising its earlier figure of 157 after it found duplicate entries.',
      ),
    ).toEqual(['killed 153 reported', 'killed 157 retracted']);
    expect(read('Police revised down the initial count of 62 dead; 58 people were killed, they said.')).toEqual([
      'killed 62 retracted',
      'killed 58 reported',
    ]);
  });

  it('leaves an earlier toll that was raised, not corrected, as reported', () => {
    expect(read('The death toll rose to 157, up from an earlier figure of 128 killed.')).toEqual([
      'killed 157 reported',
      'killed 128 reported',
    ]);
  });
});
