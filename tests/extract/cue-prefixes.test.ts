// How a cue can begin (prefixesOf), read off its expression: the first three
// characters, case-folded; the rest of the expression is not read once they are known.
import { describe, expect, it } from 'vitest';
import { ANY, prefixesOf } from '../../src/extract/cue-prefixes.ts';

const sorted = (source: string): string[] | null => {
  const prefixes = prefixesOf(source);
  return prefixes === null ? null : [...prefixes].sort();
};

describe('prefixesOf', () => {
  it('reads the first characters of each alternative, case-folded', () => {
    expect(sorted(String.raw`\b(?:Condemn|deplor)(?:s|ed)?`)).toEqual(['con', 'dep']);
    expect(sorted(String.raw`\bur?ge[ds]`)).toEqual(['uge', 'urg']);
    expect(sorted(String.raw`(?:a|the) (?:call|plea)`)).toEqual(['a c', 'a p', 'the']);
  });

  it('takes a class or a dot as any character, and a short match as short', () => {
    expect(sorted(String.raw`\b\w+ly condemn`)).toEqual([ANY + ANY + ANY, ANY + ANY + 'l', ANY + 'ly'].sort());
    expect(sorted('ab?')).toEqual(['a', 'ab']);
  });

  it('stops reading where every prefix is whole, whatever follows', () => {
    // A cue with `{actor}` goes on with the alternation of every alias; a back reference would not be read.
    const aliases = Array.from({ length: 2000 }, (_, i) => `Actor${i}`).join('|');
    expect(sorted(String.raw`\bsupport(?:s|ed)? (?:the )?(?:${aliases})\b`)).toEqual(['sup']);
    expect(sorted(String.raw`\b(?:sent|send) (\w+) and \1`)).toEqual(['sen']);
    expect(sorted(String.raw`\bstand(?:s|ing)? (?:with|by|\(behind\)|[(|)]) (?:a|b)|\bpray`)).toEqual(['pra', 'sta']);
  });

  it('is null when it cannot tell', () => {
    expect(prefixesOf(String.raw`(\w)\1x`)).toBeNull();
    expect(prefixesOf(String.raw`(?<name>a)`)).not.toBeNull();
    expect(prefixesOf(String.raw`(?x)`)).toBeNull();
  });
});
