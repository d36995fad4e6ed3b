// Peacekeepers a state has in a region are none it sends: "Russia, which has
// peacekeepers in the region, said it was ready to mediate" is an offer to
// mediate, not troops sent. Read against the base gazetteer and codebook.
import { describe, expect, it } from 'vitest';
import { reactionReader } from './reaction-reader.ts';

const { read } = reactionReader('2025-08-12');

describe('troops a state keeps where it is', () => {
  it('are not sent', () => {
    expect(read('Russia, which has peacekeepers in the region, said it was ready to mediate.')).toEqual([
      'Russia:urges_dialogue',
    ]);
    expect(read('Russia, which has had some 2,000 peacekeepers in the region since 2020, urged restraint.')).toEqual([
      'Russia:urges_restraint',
    ]);
    expect(read('Armenia, which keeps a peacekeeping force in the area, urged restraint.')).toEqual([
      'Armenia:urges_restraint',
    ]);
  });

  it('while troops sent, or peacekeepers that arrive, still are', () => {
    expect(read('Russia has sent peacekeepers to the region.')).toEqual(['Russia:sends_troops']);
    expect(read('CSTO peacekeepers arrived in Almaty on Friday, the alliance said.')).toEqual([
      'Collective Security Treaty Organization:sends_troops',
    ]);
    expect(read('Belarus has deployed a peacekeeping contingent to Kazakhstan.')).toEqual(['Belarus:sends_troops']);
  });
});
