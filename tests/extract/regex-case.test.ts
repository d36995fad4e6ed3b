import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withoutIgnoreCase } from '../../src/extract/regex-case.ts';

describe('withoutIgnoreCase', () => {
  it('writes each letter outside a class as its two cases, and keeps the other flags', () => {
    const re = withoutIgnoreCase(/\b(?:day|week)s?\s{0,3}[0-9,–-]+ ago(?=\W|$)/giy);
    expect(re.source).toBe(String.raw`\b(?:[dD][aA][yY]|[wW][eE][eE][kK])[sS]?\s{0,3}[0-9,–-]+ [aA][gG][oO](?=\W|$)`);
    expect(re.flags).toBe('gy');
  });

  it('writes the letters of a class, and a range of letters of one case, in both cases', () => {
    expect(withoutIgnoreCase(/organi[sz]e [^a-c0-9_]/i).source).toBe(
      '[oO][rR][gG][aA][nN][iI][sSzZ][eE] [^a-cA-C0-9_]',
    );
    expect(withoutIgnoreCase(/[\p-]/i).source).toBe('[pP-]');
  });

  it('writes a letter outside ASCII as every character `i` makes it equal to', () => {
    expect(withoutIgnoreCase(/día/i).source).toBe('[dD][íÍ][aA]');
    // Final and medial sigma, and the micro sign beside mu: more than two cases.
    expect(withoutIgnoreCase(/σ µ/i).source).toBe('[σΣς] [µΜμ]');
    // No upper case of one character (ß), or one in ASCII (the dotless ı, the long ſ): only itself.
    expect(withoutIgnoreCase(/straße ı ſ/i).source).toBe('[sS][tT][rR][aA]ß[eE] ı ſ');
  });

  it.each([
    ['no i', /day/],
    ['a unicode expression', /day/iu],
    ['a range across the letters', /[!-~]ay/i],
    ['a range across the cases', /[A-z]ay/i],
    ['a range beyond ASCII', /[à-ÿ]ay/i],
    ['a range from an escape', /[\w-z]ay/i],
    ['a character named by its code', /\u0064ay/i],
    ['a control character', /\cJday/i],
    ['a named group', /(?<unit>day)s?/i],
    ['a named backreference', /(?<u>d)\k<u>/i],
    ['a backreference', /(d)\1/i],
    ['an octal escape', new RegExp(String.raw`\101`, 'i')],
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
      '[a-c]',
      '[^A-C]',
      '[sz]',
      '[^sz\\d]',
      '[ké-]',
      'é',
      'ß',
      'σ',
      'µ',
      'İ',
      'ı',
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
          'σ',
          'ς',
          'Σ',
          'µ',
          'μ',
          'Μ',
          'c',
          'C',
          'z',
          'Z',
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
