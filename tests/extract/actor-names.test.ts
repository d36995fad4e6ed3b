import { describe, expect, it } from 'vitest';
import { readActorWords } from '../../src/extract/actor-names.ts';

const gazetteer = (actors: string) => ({ path: 'gazetteer.yaml', text: `actors:\n${actors}` });

describe("the gazetteer's words for its actors", () => {
  it('reads short names and adjectives, and what it can of a broken file', () => {
    const words = readActorWords([
      gazetteer('  - name: Kazakhstan\n    adjective: Kazakh\n  - name: CSTO\n    short: " CSTO "\n'),
      { path: 'story.yaml', text: 'actors: [unclosed' },
    ]);
    expect([...words]).toEqual([
      ['Kazakhstan', { adjective: 'Kazakh', short: null }],
      ['CSTO', { adjective: null, short: 'CSTO' }],
    ]);
  });

  it('reads the same files once, and an edited file afresh', () => {
    const before = gazetteer('  - name: Nepal\n');
    const words = readActorWords([before]);
    // The dev server asks at every rebuild: the same text is not parsed again.
    expect(readActorWords([{ ...before, text: `${before.text}` }])).toBe(words);
    const edited = readActorWords([gazetteer('  - name: Nepal\n  - name: India\n    adjective: Indian\n')]);
    expect([...edited.keys()]).toEqual(['Nepal', 'India']);
    expect(readActorWords([before, gazetteer('  - name: India\n')]).has('India')).toBe(true);
  });
});
