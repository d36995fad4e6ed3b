import { describe, expect, it } from 'vitest';
import { parseArticleFiles } from '../../src/articles/collection.ts';

const article = (id: string, body = 'Some text.') =>
  `---\nid: "${id}"\ntitle: "T"\noutlet: null\nurl: null\npublished: 2022-01-06\npublished_basis: stated\npublished_note: null\nlanguage: en\ntranslated_from: null\n---\n${body}\n`;
const file = (path: string, text: string | Uint8Array) => ({
  path,
  bytes: typeof text === 'string' ? new TextEncoder().encode(text) : text,
});

describe('parseArticleFiles', () => {
  it('names the file that already has a duplicated id', () => {
    const { articles, problems } = parseArticleFiles([
      file('a/005.md', article('004')),
      file('a/004.md', article('004')),
    ]);
    expect(articles.map((a) => a.meta.id)).toEqual(['004']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      file: 'a/005.md',
      line: 2,
      column: 5,
      fatal: true,
      ruleId: 'article-duplicate-id',
      source: 'newsbook',
      reason: 'Unexpected duplicate id `004`: 004.md already has it; expected `005` to match the file name',
    });
  });

  it('points at the first byte that is not UTF-8, and at the NUL of a binary file', () => {
    const latin1 = new Uint8Array([
      ...new TextEncoder().encode(article('001', 'Line one.\nCaf').slice(0, -1)),
      0xe9,
      0x0a,
    ]);
    const binary = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]);
    const { problems } = parseArticleFiles([file('a/001.md', latin1), file('a/002.md', binary)]);
    expect(problems.map((p) => [p.file, p.line, p.column, p.ruleId])).toEqual([
      ['a/001.md', 13, 4, 'article-encoding'],
      ['a/002.md', 1, 1, 'article-encoding'],
    ]);
    expect(problems[0]?.reason).toBe(
      'Unexpected byte 0xE9, not UTF-8: expected an article saved as UTF-8 text (re-save it as UTF-8 in the editor)',
    );
    expect(problems[1]?.reason).toContain('Unexpected binary file');
  });
});
