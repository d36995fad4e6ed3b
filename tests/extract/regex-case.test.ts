import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withoutIgnoreCase } from '../../src/extract/regex-case.ts';

describe('withoutIgnoreCase', () => {
  it('writes each letter outside a class as its two cases, and keeps the other flags', () => {
    const re = withoutIgnoreCase(/\b(?:day|week)s?\s{0,3}[0-9,–-]+ ago(?=\W|$)/giy);
    expect(re.source).toBe(String.raw`\b(?:[dD][aA][yY]|[wW][eE][eE][kK])[sS]?\s{0,3}[0-9,–-]+ [aA][gG][oO](?=\W|$)`);
    expect(re.flags).toBe('gy');
  });

  it.each([
    ['no i', /day/],
    ['a unicode expression', /day/iu],
    ['a letter in a class', /[a-c]ay/i],
    ['a range across the letters', /[!-~]ay/i],
    ['a character named by its code', /\u0064ay/i],
    ['a control character', /\cJday/i],
    ['a named group', /(?<unit>day)s?/i],
    ['a named backreference', /(?<u>d)\k<u>/i],
    ['a backreference', /(d)\1/i],
    ['an octal escape', new RegExp(String.raw`\101`, 'i')],
    ['an escaped letter in a class', /[\p]/i],
    ['a letter outside ASCII', /día/i],
    ['a letter with a two-letter upper case', /straße/i],
  ])('keeps %s as it is', (_, re) => {
    expect(withoutIgnoreCase(re)).toBe(re);
  });

  // Letters, escapes, classes and quantifiers, and characters that case
  // folding treats specially (the Kelvin sign, the long s, dotted and dotless
  // i, ß, the dashes): the expression written without `i` finds exactly what
  // it found.
  it('finds the same matches as the expression with `i`', () => {
    const atom = fc.constantFrom(
      'a',
      'K',
      's',
      'i',
      'day',
      'Ago',
      '\\s',
      '\\W',
      '\\w',
      '\\b',
      '\\d',
      '.',
      '[0-9]',
      '[^\\s]',
      '[,;–-]',
      '[!-/]',
      '–',
      '“',
      '(?:about|around)',
      '(x|y)',
      '(?=\\W|$)',
      '(?!the)',
      '(?<=on )',
      '\\p',
      '\\e',
      '[\\B]',
      '(a)\\1',
    );
    const quantifier = fc.constantFrom('', '', '?', '*', '+', '{0,3}', '{2}', '*?');
    const pattern = fc
      .array(fc.tuple(atom, quantifier), { minLength: 1, maxLength: 6 })
      .map((parts) => parts.map(([a, q]) => (a.length === 1 && q ? `(?:${a})${q}` : `(?:${a})${q}`)).join(''));
    const text = fc
      .array(
        fc.constantFrom(
          'p',
          'P',
          'e',
          'E',
          'b',
          'B',
          'a',
          'A',
          'k',
          'K',
          '\u212a',
          's',
          'S',
          '\u017f',
          'i',
          'I',
          'İ',
          'ı',
          'ß',
          'é',
          'É',
          ' ',
          '–',
          '“',
          'day',
          'DAYS',
          'ago',
          '3',
          'about',
          'X',
          'y',
        ),
        {
          maxLength: 30,
        },
      )
      .map((pieces) => pieces.join(''));
    const matches = (re: RegExp, s: string) => [...s.matchAll(re)].map((m) => [m.index, m[0]]);
    let written = 0;
    fc.assert(
      fc.property(pattern, text, (source, s) => {
        const re = new RegExp(source, 'gi');
        const without = withoutIgnoreCase(re);
        if (without !== re) written += 1;
        expect(matches(without, s)).toEqual(matches(re, s));
      }),
      { numRuns: 3000, seed: 11 },
    );
    // Most are written without `i` (those with a backreference or \B in a class are kept).
    expect(written).toBeGreaterThan(2000);
  });
});
