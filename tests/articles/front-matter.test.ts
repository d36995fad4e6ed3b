// parseFrontMatterYaml reads the usual front matter (`field: "text"`, a word,
// a date, null) itself, for speed, and leaves anything else to the YAML
// parser (parseWithYaml): what it gives must be what the parser gives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { parseFrontMatterYaml, parseWithYaml } from '../../src/articles/front-matter.ts';
import type { VFileMessage } from '../../src/common/problems.ts';

// Problems as plain data, to compare the two ways message for message.
const plain = (problems: readonly VFileMessage[]) =>
  problems.map((m) => ({
    file: m.file,
    line: m.line,
    column: m.column,
    fatal: m.fatal,
    reason: m.reason,
    ruleId: m.ruleId,
  }));
const viaParser = (yaml: string, line: number) => {
  const parsed = parseWithYaml(yaml, line, new VFile({ path: 'a/007.md' }));
  return { data: parsed.data, positions: parsed.positions, problems: plain(parsed.problems) };
};
const direct = (yaml: string, line: number) => {
  const parsed = parseFrontMatterYaml(yaml, line, new VFile({ path: 'a/007.md' }));
  return { data: parsed.data, positions: parsed.positions, problems: plain(parsed.problems) };
};

const KEYS = [
  'id',
  'title',
  'outlet',
  'url',
  'published',
  'published_basis',
  'language',
  'translated_from',
  'desk',
  'proto',
  '__proto__',
  'a_b',
];
const WORDS = [
  'null',
  'Null',
  'NULL',
  'true',
  'True',
  'false',
  'FALSE',
  'yes',
  'no',
  'on',
  'off',
  'NaN',
  'nan',
  'Infinity',
  'inf',
  'en',
  'ar',
  'stated',
  'x-1',
  'a_b',
  'e5',
  'E1',
  'y',
  'n',
  'Z',
];
const DATES = ['2022-01-06', '2022-13-45', '0000-00-00', '2022-1-6', '20220106'];
const OTHERS = [
  '~',
  '.inf',
  '.NaN',
  '0x1F',
  '0o17',
  '1e3',
  '12',
  '-3',
  '+4',
  '1_000',
  "'single'",
  '"esc\\"aped"',
  '"tab\\t"',
  '[]',
  '{}',
  '|',
  '>',
  '&a',
  '*a',
  '!tag x',
  '"',
  '',
  ' ',
  'a: b',
  'a #b',
  '"a" # c',
  '"\u00e9\u0645\u{1F600}"',
];

const value = fc.oneof(
  fc.constantFrom(...WORDS, ...DATES, ...OTHERS),
  fc.string({ maxLength: 12 }).map((s) => `"${s}"`),
  fc.string({ maxLength: 8 }),
);
const line = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...KEYS), value).map(([k, v]) => `${k}: ${v}`) },
  { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
);

describe('parseFrontMatterYaml', () => {
  it('gives what the YAML parser gives: values, positions and problems', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 5 }), (lines, first) => {
        const yaml = lines.join('\n');
        expect(direct(yaml, first)).toEqual(viaParser(yaml, first));
      }),
      { numRuns: 3000, seed: 11 },
    );
  });

  it('reads the front matter of the articles as the parser does', () => {
    const yaml =
      'id: "000"\ntitle: "Kazakhstan: “unrest”, 2022"\noutlet: null\npublished: 2022-01-06\nlanguage: en\ntranslated_from: null';
    expect(direct(yaml, 2)).toEqual(viaParser(yaml, 2));
    expect(direct(yaml, 2).data).toMatchObject({ id: '000', outlet: null, published: '2022-01-06', language: 'en' });
  });

  it('reports an alias to nothing where it is, rather than failing', () => {
    expect(direct('title: "A"\nid: *a', 2)).toEqual({
      data: {},
      positions: expect.any(Map),
      problems: [
        {
          file: 'a/007.md',
          line: 3,
          column: 5,
          fatal: true,
          reason: expect.stringMatching(/^Cannot parse the front matter: Unresolved alias/),
          ruleId: 'front-matter-yaml',
        },
      ],
    });
  });
});
