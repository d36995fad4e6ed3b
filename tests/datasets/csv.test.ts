import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/datasets/csv.ts';

describe('toCsv', () => {
  it('quotes only what needs quoting and writes null as an empty cell', () => {
    const csv = toCsv(['a', 'b', 'c'], [
      { a: 'plain', b: 12, c: null },
      { a: 'with, comma', b: 'say "hi"', c: 'two\nlines' },
      { a: ' padded', b: 0, c: false },
    ]);
    expect(csv).toBe('a,b,c\nplain,12,\n"with, comma","say ""hi""","two\nlines"\n" padded",0,false\n');
  });
});
