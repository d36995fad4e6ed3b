// A folder of article files → the articles, or every problem with its file,
// line and column: encoding, front matter, empty bodies, and ids claimed by
// two files (which names the file that has the id already). Pure: the caller
// reads the bytes.
import { claimedId, decodeArticle, parseArticle } from './article.ts';
import type { Article, ArticleProblem } from './article.ts';

export interface ArticleFile {
  path: string;
  bytes: Uint8Array;
}

export interface FileProblem extends ArticleProblem {
  path: string;
}

export interface ParsedArticles {
  /** In file-name order. */
  articles: Article[];
  problems: FileProblem[];
}

export function parseArticleFiles(files: readonly ArticleFile[]): ParsedArticles {
  const sorted = [...files].sort((a, b) => compare(a.path, b.path));
  const articles: Article[] = [];
  const problems: FileProblem[] = [];
  // Which file first claimed each id: the owner is the file named after it, else the first in order.
  const texts = sorted.map((file) => ({ file, text: decodeArticle(file.bytes) }));
  const owners = new Map<string, string>();
  for (const { file, text } of texts) {
    const id = typeof text === 'string' ? claimedId(text) : null;
    if (id === null) continue;
    if (!owners.has(id) || baseName(file.path) === `${id}.md`) owners.set(id, file.path);
  }
  for (const { file, text } of texts) {
    if (typeof text !== 'string') {
      problems.push({ path: file.path, ...text });
      continue;
    }
    const parsed = parseArticle(text, file.path);
    if (parsed.article) {
      articles.push(parsed.article);
      continue;
    }
    for (const problem of parsed.problems) {
      const id = problem.ruleId === 'front-matter-id' ? claimedId(text) : null;
      const owner = id === null ? undefined : owners.get(id);
      if (id !== null && owner !== undefined && owner !== file.path) {
        problems.push({
          ...problem,
          path: file.path,
          reason: `Unexpected duplicate id \`${id}\`: ${baseName(owner)} already has it; expected \`${baseName(file.path).replace(/\.md$/, '')}\` to match the file name`,
          ruleId: 'article-duplicate-id',
        });
      } else {
        problems.push({ ...problem, path: file.path });
      }
    }
  }
  return { articles, problems };
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
