// A folder of article files → the articles, or every problem with its file,
// line and column: encoding, front matter, empty bodies, and ids claimed by
// two files (which names the file that has the id already). Pure: the caller
// reads the bytes.
import { reportAt } from '../common/problems.ts';
import type { VFileMessage } from '../common/problems.ts';
import { parseArticleBytes } from './article.ts';
import type { Article, ParsedArticle } from './article.ts';
import { compare } from '../common/compare.ts';

export interface ArticleFile {
  path: string;
  bytes: Uint8Array;
  /** Why the file could not be read (not a regular file, too large): then `bytes` is empty. */
  unreadable?: VFileMessage;
}

export interface ParsedArticles {
  /** In file-name order. */
  articles: Article[];
  /** Each on the VFile of its article's path. */
  problems: VFileMessage[];
}

export function parseArticleFiles(files: readonly ArticleFile[]): ParsedArticles {
  const reader = new ArticleFilesReader(files);
  while (reader.read(Infinity));
  return reader.result();
}

/**
 * parseArticleFiles a few files at a time, so that a caller can do other work
 * in between (the derive hands each article to its extraction workers as soon
 * as it is read), and see each article as soon as it is read.
 */
export class ArticleFilesReader {
  private readonly sorted: readonly ArticleFile[];
  /** Each file read: why it could not be read, or its article (or problems) and the id its front matter claims. */
  private readonly read_: (
    { file: ArticleFile; problem: VFileMessage } | { file: ArticleFile; parsed: ParsedArticle; id: string | null }
  )[] = [];
  /** Which file first claimed each id: the owner is the file named after it, else the first in order. */
  private readonly owners = new Map<string, string>();

  constructor(
    files: readonly ArticleFile[],
    private readonly onArticle?: (article: Article) => void,
  ) {
    this.sorted = [...files].sort((a, b) => compare(a.path, b.path));
  }

  /** Reads up to `count` more files; false when every file has been read. */
  read(count: number): boolean {
    for (let n = 0; n < count && this.read_.length < this.sorted.length; n += 1) {
      const file = this.sorted[this.read_.length]!;
      if (file.unreadable) {
        this.read_.push({ file, problem: file.unreadable });
        continue;
      }
      // The front matter is read once, for both the article and the id it claims (none when the bytes cannot be decoded).
      const { parsed, claimedId: id } = parseArticleBytes(file.bytes, file.path);
      if (id !== null && (!this.owners.has(id) || baseName(file.path) === `${id}.md`)) this.owners.set(id, file.path);
      this.read_.push({ file, parsed, id });
      if (parsed.article) this.onArticle?.(parsed.article);
    }
    return this.read_.length < this.sorted.length;
  }

  /** The articles and problems of every file (all must have been read). */
  result(): ParsedArticles {
    const articles: Article[] = [];
    const problems: VFileMessage[] = [];
    for (const entry of this.read_) {
      const { file } = entry;
      if ('problem' in entry) {
        problems.push(entry.problem);
        continue;
      }
      const { parsed, id: claimed } = entry;
      if (parsed.article) {
        articles.push(parsed.article);
        continue;
      }
      for (const problem of parsed.problems)
        problems.push(duplicateIdProblem(problem, file.path, claimed, this.owners));
    }
    return { articles, problems };
  }
}

/**
 * A problem of the file at `path`: an id that does not match the file name,
 * when another file owns that id (`owners`: the file named after it, else the
 * first to claim it), is named a duplicate.
 */
export function duplicateIdProblem(
  problem: VFileMessage,
  path: string,
  claimed: string | null,
  owners: ReadonlyMap<string, string>,
): VFileMessage {
  const id = problem.ruleId === 'front-matter-id' ? claimed : null;
  const owner = id === null ? undefined : owners.get(id);
  if (id === null || owner === undefined || owner === path) return problem;
  return reportAt(
    path,
    'error',
    `Unexpected duplicate id \`${id}\`: ${baseName(owner)} already has it; expected \`${baseName(path).replace(/\.md$/, '')}\` to match the file name`,
    problem.place,
    'article-duplicate-id',
  );
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
