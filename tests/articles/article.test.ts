import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeArticle, parseArticle } from '../../src/articles/article.ts';
import { loadArticles } from '../../src/project/files.ts';
import { PATHS } from '../story.ts';

// The texts as received, kept in the repository beside the articles made from them.
const SOURCES = join(PATHS.articles, '../sources');

const valid = `---
id: "007"
title: "A title"
outlet: null
url: null
published: 2022-01-06
published_basis: stated
published_note: null
language: en
translated_from: null
desk: world
---
Body line one.
Body line two.
`;

describe('parseArticle', () => {
  it('reads the front matter and keeps the body verbatim, less the final newline', () => {
    const { article, problems } = parseArticle(valid, 'data/kazakhstan-unrest/articles/007.md');
    expect(problems).toEqual([]);
    expect(article?.meta).toEqual({
      id: '007',
      title: 'A title',
      outlet: null,
      url: null,
      published: '2022-01-06',
      published_basis: 'stated',
      published_note: null,
      language: 'en',
      translated_from: null,
    });
    expect(article?.body).toBe('Body line one.\nBody line two.');
    expect(article?.bodyLine).toBe(13);
  });

  it('reports a bad field at its own line and column, naming the field', () => {
    const { problems } = parseArticle(valid.replace('published: 2022-01-06', 'published: 2022-13-45'), 'a/007.md');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      line: 6,
      column: 12,
      reason: expect.stringContaining('`published`'),
      ruleId: 'front-matter-field',
    });
    expect(problems[0]?.reason).toContain('`published`');
  });

  it('reports a missing field at the closing fence', () => {
    const { problems } = parseArticle(valid.replace('title: "A title"\n', ''), 'a/007.md');
    expect(problems[0]).toMatchObject({ line: 11, column: 1, reason: expect.stringContaining('`title`') });
    expect(problems[0]?.reason).toBe('Missing field `title` in the front matter');
  });

  it('reports broken YAML with its position', () => {
    const { problems } = parseArticle(valid.replace('title: "A title"', 'title: "A title'), 'a/007.md');
    expect(problems[0]?.ruleId).toBe('front-matter-yaml');
    expect(problems[0]?.line).toBeGreaterThanOrEqual(3);
  });

  it('explains an unquoted numeric id', () => {
    const { problems } = parseArticle(valid.replace('id: "007"', 'id: 007'), 'a/007.md');
    expect(problems[0]).toMatchObject({ file: 'a/007.md', line: 2, column: 5, fatal: true });
    expect(problems[0]?.reason).toContain('id: "007"');
  });

  it('requires the id to match the file name', () => {
    const { problems } = parseArticle(valid, 'a/008.md');
    expect(problems[0]).toMatchObject({ file: 'a/008.md', ruleId: 'front-matter-id' });
  });

  it('refuses a file without front matter, or without its closing fence', () => {
    expect(parseArticle('Just text.\n', 'a/007.md').problems[0]).toMatchObject({
      line: 1,
      column: 1,
      ruleId: 'front-matter-missing',
    });
    expect(parseArticle('---\nid: "007"\nBody\n', 'a/007.md').problems[0]).toMatchObject({
      ruleId: 'front-matter-unclosed',
    });
  });

  it('refuses an empty body', () => {
    expect(parseArticle(valid.replace(/---\nBody[\s\S]*$/, '---\n\n'), 'a/007.md').problems[0]).toMatchObject({
      ruleId: 'article-empty',
    });
  });

  it('refuses binary files and invalid UTF-8', () => {
    expect(decodeArticle(new Uint8Array([0x2d, 0x00, 0x2d]), 'a/007.md')).toMatchObject({
      file: 'a/007.md',
      fatal: true,
      ruleId: 'article-encoding',
    });
    expect(decodeArticle(new Uint8Array([0x2d, 0xff, 0xfe]), 'a/007.md')).toMatchObject({ ruleId: 'article-encoding' });
    expect(decodeArticle(new TextEncoder().encode('\uFEFF---'), 'a/007.md')).toBe('---');
  });
});

describe('the seed articles', () => {
  it('all load without problems', async () => {
    const { articles, diagnostics } = await loadArticles(PATHS.articles);
    expect(diagnostics).toEqual([]);
    expect(articles.map((a) => a.meta.id)).toEqual(['000', '001', '002', '003', '004']);
  });

  it('have bodies byte-identical to the source texts, so offsets stay true', async () => {
    const { articles } = await loadArticles(PATHS.articles);
    const sources = readdirSync(SOURCES).filter((name) => name.endsWith('.txt'));
    expect(sources).toHaveLength(articles.length);
    for (const article of articles) {
      const source = sources.find((name) => name.startsWith(`${article.meta.id}_`));
      expect(source, article.meta.id).toBeDefined();
      const bytes = readFileSync(join(SOURCES, source ?? ''));
      const expected = bytes.at(-1) === 0x0a ? bytes.subarray(0, -1) : bytes;
      expect(Buffer.from(article.body, 'utf8').equals(expected), `${article.meta.id} differs from ${source}`).toBe(
        true,
      );
    }
  });
});

describe('language tags (issue 14, item 2)', () => {
  it('reports a `translated_from` that is not BCP 47 at its line, naming the field', () => {
    const { problems } = parseArticle(
      valid.replace('translated_from: null', 'translated_from: "not a language!"'),
      'a/007.md',
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      line: 10,
      column: 18,
      reason: expect.stringContaining('`translated_from`'),
      ruleId: 'front-matter-field',
    });
    expect(problems[0]?.reason).toMatch(
      /^Unexpected value "not a language!" for field `translated_from`: expected a BCP 47 language tag/,
    );
  });

  it('reports a `language` that is not BCP 47', () => {
    const { problems } = parseArticle(valid.replace('language: en', 'language: english!'), 'a/007.md');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 9, column: 11, reason: expect.stringContaining('`language`') });
  });

  it('accepts the tags editors write', () => {
    for (const tag of ['en', 'ar', 'pt-BR', 'zh-Hant', 'sr-Latn-RS', 'kk']) {
      expect(
        parseArticle(valid.replace('translated_from: null', `translated_from: ${tag}`), 'a/007.md').problems,
      ).toEqual([]);
    }
  });
});

describe('front-matter details (issue 14, item 11)', () => {
  it('accepts only an http(s) `url`', () => {
    const { problems } = parseArticle(valid.replace('url: null', 'url: "javascript:alert(1)"'), 'a/007.md');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 5, column: 6, reason: expect.stringContaining('`url`') });
    expect(problems[0]?.reason).toContain('expected an http(s) address');
    expect(parseArticle(valid.replace('url: null', 'url: "https://example.com/a?b=1"'), 'a/007.md').problems).toEqual(
      [],
    );
  });

  it('gives one error for a `published` that is no date', () => {
    const { problems } = parseArticle(valid.replace('published: 2022-01-06', 'published: "yesterday"'), 'a/007.md');
    expect(problems).toHaveLength(1);
    expect(problems[0]?.reason).toContain('expected an ISO date (YYYY-MM-DD)');
  });

  it('reports an unterminated quote where the quote opens, not at the end of the front matter', () => {
    const { problems } = parseArticle(valid.replace('title: "A title"', 'title: "A title'), 'a/007.md');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 3, column: 8, ruleId: 'front-matter-yaml' });
    expect(problems[0]?.reason).toMatch(/^Cannot parse the front matter: .*quote/);
  });

  it('reports an unterminated single quote where it opens', () => {
    const { problems } = parseArticle(valid.replace('outlet: null', "outlet: 'Reuters"), 'a/007.md');
    expect(problems[0]).toMatchObject({ line: 4, column: 9, ruleId: 'front-matter-yaml' });
  });
});
