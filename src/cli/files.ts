// File I/O for the commands: reading articles and writing outputs atomically,
// so a failed run never leaves a half-written file where a good one stood.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeArticle, parseArticle } from '../articles/article.ts';
import type { Article } from '../articles/article.ts';
import { fromArticleProblem } from './diagnostic.ts';
import type { Diagnostic } from './diagnostic.ts';

export interface LoadedArticles {
  articles: Article[];
  diagnostics: Diagnostic[];
}

export async function loadArticles(dir: string): Promise<LoadedArticles> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.md')).sort();
  } catch {
    return { articles: [], diagnostics: [{ path: dir, line: 1, column: 1, severity: 'error', reason: 'Cannot read the articles folder', ruleId: 'articles-folder' }] };
  }
  const articles: Article[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const text = decodeArticle(await readFile(path));
    if (typeof text !== 'string') {
      diagnostics.push(fromArticleProblem(path, text));
      continue;
    }
    const parsed = parseArticle(text, path);
    if (parsed.article) articles.push(parsed.article);
    else diagnostics.push(...parsed.problems.map((problem) => fromArticleProblem(path, problem)));
  }
  return { articles, diagnostics };
}

/**
 * Writes every file to a temporary name first and renames only once all are
 * written: a failure part-way leaves the previous files exactly as they were.
 */
export async function writeFilesAtomically(dir: string, files: ReadonlyMap<string, string>): Promise<void> {
  await mkdir(dir, { recursive: true });
  const suffix = `.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const staged: [string, string][] = [];
  try {
    for (const [name, content] of files) {
      const target = join(dir, name);
      await writeFile(target + suffix, content);
      staged.push([target + suffix, target]);
    }
  } catch (error) {
    await Promise.all(staged.map(([temp]) => rm(temp, { force: true })));
    throw error;
  }
  for (const [temp, target] of staged) await rename(temp, target);
}

export async function readTextIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
