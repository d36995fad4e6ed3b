import { describe, expect, it } from 'vitest';
import { isArabic } from '../../src/extract/text-fold.ts';

describe('isArabic', () => {
  it('finds every character of the Arabic script, and no other (its quick test of blocks rules out none of them)', () => {
    const script = /\p{Script=Arabic}/u;
    const wrong: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp += 1) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      if (isArabic(ch) !== script.test(ch)) wrong.push(cp.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it('reads a whole text: an Arabic word among Latin ones and curly quotes, and none', () => {
    expect(isArabic('Tokayev said “order” was restored in ألماتي on Friday.')).toBe(true);
    expect(isArabic('Tokayev said “order” was restored — in Almaty, on Friday.')).toBe(false);
    expect(isArabic('A name beyond the BMP: 𞸀.')).toBe(true);
    expect(isArabic('An emoji beyond the BMP: 😀.')).toBe(false);
  });
});
