// File I/O for the commands: reading articles and writing outputs atomically,
// so a failed run never leaves a half-written file where a good one stood.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArticleFiles } from '../articles/collection.ts';
import type { Article } from '../articles/article.ts';
import { fromArticleProblem } from './diagnostic.ts';
import type { Diagnostic } from './diagnostic.ts';

export interface LoadedArticles {
  articles: Article[];
  diagnostics: Diagnostic[];
}

/** Reads every `*.md` of a folder; the problems (encoding, front matter, duplicate ids…) as diagnostics. */
export async function loadArticles(dir: string): Promise<LoadedArticles> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.md')).sort();
  } catch {
    return { articles: [], diagnostics: [{ path: dir, line: 1, column: 1, severity: 'error', reason: 'Cannot read the articles folder: expected a folder of `*.md` articles', ruleId: 'articles-folder' }] };
  }
  const files = await Promise.all(names.map(async (name) => ({ path: join(dir, name), bytes: await readFile(join(dir, name)) })));
  const { articles, problems } = parseArticleFiles(files);
  return { articles, diagnostics: problems.map((problem) => fromArticleProblem(problem.path, problem)) };
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
