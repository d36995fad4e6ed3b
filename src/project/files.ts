// File I/O for the commands: reading articles and writing outputs atomically,
// so a failed run never leaves a half-written file where a good one stood.
import { randomBytes } from 'node:crypto';
import { copyFile, link, mkdir, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { ArticleFilesReader } from '../articles/collection.ts';
import type { Article } from '../articles/article.ts';
import {
  ANY_SIZE,
  MAX_ARTICLE_BYTES,
  MAX_TEXT_FILE_BYTES,
  readRegularFile,
  readRegularFileSync,
} from '../articles/read-regular-file.ts';
import { reportAt } from '../common/problems.ts';
import type { VFileMessage } from '../common/problems.ts';
import { CliError } from './errors.ts';
import { removeStaleLeftovers } from './leftovers.ts';
import { writeError } from './write-error.ts';

export interface LoadedArticles {
  articles: Article[];
  diagnostics: VFileMessage[];
}

/** Reads every `*.md` of a folder; the problems (encoding, front matter, duplicate ids…) as diagnostics. */
export async function loadArticles(dir: string): Promise<LoadedArticles> {
  const listed = await listArticles(dir);
  return 'names' in listed
    ? loadArticleFiles(listed, await readArticleFiles(listed))
    : { articles: [], diagnostics: listed.diagnostics };
}

/** The `*.md` files of an articles folder, by name, or why the folder cannot be read. */
export type ArticleListing = { dir: string; names: string[] } | { diagnostics: VFileMessage[] };

export async function listArticles(dir: string): Promise<ArticleListing> {
  try {
    return { dir, names: (await readdir(dir)).filter((name) => name.endsWith('.md')).sort() };
  } catch {
    const reason = 'Cannot read the articles folder: expected a folder of `*.md` articles';
    return { diagnostics: [reportAt(dir, 'error', reason, { line: 1, column: 1 }, 'articles-folder')] };
  }
}

/** The bytes of every article listed, by name, or why it is no regular file that can be read (src/articles/read-regular-file.ts). */
export async function readArticleFiles(listing: {
  dir: string;
  names: string[];
}): Promise<Map<string, Uint8Array | VFileMessage>> {
  const files = await Promise.all(
    listing.names.map(async (name) => [name, await readArticleFile(join(listing.dir, name))] as const),
  );
  return new Map(files);
}

/** One article's bytes, or why it cannot be read (a folder, a FIFO, a device, a symlink loop, too large…) at 1:1. */
/** A file the tools wrote (a dataset): readTextIfExists with no size limit. */
export function readOutputIfExists(path: string): Promise<string | null> {
  return readTextIfExists(path, ANY_SIZE);
}

/** readArticleFile, at once when the file is a regular one within the limit (see readRegularFileSync). */
export async function readArticleFileQuickly(path: string): Promise<Uint8Array | VFileMessage> {
  return readRegularFileSync(path, MAX_ARTICLE_BYTES) ?? readArticleFile(path);
}

export async function readArticleFile(path: string): Promise<Uint8Array | VFileMessage> {
  const read = await readRegularFile(path, MAX_ARTICLE_BYTES);
  if (read instanceof Uint8Array) return read;
  return reportAt(
    path,
    'error',
    read.reason.replace('expected a regular file', 'expected an article, a regular `.md` file'),
    { line: 1, column: 1 },
    read.missing ? 'article-missing' : 'article-file',
  );
}

/** The articles' bytes when every one could be read (what the fingerprint hashes); null otherwise. */
export function articleBytes(contents: ReadonlyMap<string, Uint8Array | VFileMessage>): Map<string, Uint8Array> | null {
  const bytes = new Map<string, Uint8Array>();
  for (const [name, content] of contents) {
    if (!(content instanceof Uint8Array)) return null;
    bytes.set(name, content);
  }
  return bytes;
}

/**
 * The articles of files read by readArticleFiles. With `onArticle`, each good
 * article is handed over as soon as it is read (the derive's workers start
 * extracting it), and other work gets to run every few files.
 */
export async function loadArticleFiles(
  listing: { dir: string; names: string[] },
  contents: ReadonlyMap<string, Uint8Array | VFileMessage>,
  onArticle?: (article: Article) => void,
): Promise<LoadedArticles> {
  const reader = new ArticleFilesReader(
    listing.names.map((name) => {
      const content = contents.get(name)!;
      return content instanceof Uint8Array
        ? { path: join(listing.dir, name), bytes: content }
        : { path: join(listing.dir, name), bytes: new Uint8Array(), unreadable: content };
    }),
    onArticle,
  );
  while (reader.read(onArticle ? 32 : Infinity)) await new Promise((resolve) => setImmediate(resolve));
  const { articles, problems } = reader.result();
  return { articles, diagnostics: problems };
}

/**
 * The file operations an atomic write uses: node:fs/promises by default; a
 * test passes one that fails at a chosen step to prove nothing is left half-done.
 */
export interface WriteFs {
  mkdir(path: string, options: { recursive: true }): Promise<string | undefined>;
  writeFile(path: string, data: string | Uint8Array | NodeJS.ReadableStream): Promise<void>;
  link(existingPath: string, newPath: string): Promise<void>;
  copyFile(source: string, destination: string): Promise<void>;
  rename(oldPath: string, newPath: string): Promise<void>;
  rm(path: string, options: { force: true }): Promise<void>;
  rmdir(path: string): Promise<void>;
}

export const NODE_FS: WriteFs = { mkdir, writeFile, link, copyFile, rename, rm, rmdir };

/** A file already written (a dataset the derive streamed to disk, a staged one): moved into place instead of written. */
export interface WrittenFile {
  from: string;
}

export type FileContent = string | Uint8Array | WrittenFile;

/** Files to write into one folder: name → content. */
export interface FileGroup {
  dir: string;
  files: ReadonlyMap<string, FileContent>;
}

/**
 * Replaces `files` in `dir` all together or not at all (a failure part-way
 * leaves the previous files exactly as they were, and no temporary file
 * behind), as writeFileGroupsAtomically does; but returns as soon as the new
 * files are in place, with the removal of the previous ones under way
 * (`backupsRemoved`, which never rejects): a large story's previous datasets
 * take a moment to free, which the derive spends writing its stamp.
 */
export async function swapFilesAtomically(
  dir: string,
  files: ReadonlyMap<string, FileContent>,
  fs: WriteFs = NODE_FS,
): Promise<{ backupsRemoved: Promise<void> }> {
  return swapFileGroups([{ dir, files }], fs);
}

interface Staged {
  target: string;
  temp: string;
  backup: string;
  content: FileContent;
  /** The previous file is kept under `backup`. */
  backedUp: boolean;
  /** `temp` has been renamed over `target`. */
  committed: boolean;
}

/**
 * Replaces files in one or more folders (the datasets and the page) all
 * together or not at all:
 * 1. every new content is written to a temporary file beside its target;
 * 2. every target that exists is kept under a backup name, as a hard link (a
 *    copy where links are not supported), so the target itself is not touched;
 * 3. the temporary files are renamed over their targets, one by one;
 * 4. the backups are removed.
 * The files are swapped in the order given: the derive gives its manifest
 * last, so that a kill part-way through step 3 leaves a folder whose
 * manifest does not match its files (src/project/dataset-folder.ts), and the
 * next write removes the temporary files and backups it left.
 * A failure in 1 or 2 removes what was made: the targets were never touched. A
 * failure in 3 first moves every backup back over its target (and removes the
 * new files that replaced nothing), so the folders hold exactly the previous
 * files again; then the error is thrown. Folders this call had to create are
 * removed again when they stay empty.
 */
export async function writeFileGroupsAtomically(groups: readonly FileGroup[], fs: WriteFs = NODE_FS): Promise<void> {
  await (
    await swapFileGroups(groups, fs)
  ).backupsRemoved;
}

/** Steps 1–3 of writeFileGroupsAtomically; step 4 under way. */
async function swapFileGroups(groups: readonly FileGroup[], fs: WriteFs): Promise<{ backupsRemoved: Promise<void> }> {
  const suffix = `.${process.pid}.${randomBytes(4).toString('hex')}`;
  const staged: Staged[] = [];
  for (const { dir, files } of groups) {
    for (const [name, content] of files) {
      const target = join(dir, name);
      if (staged.some((s) => s.target === target))
        throw new Error(`writeFileGroupsAtomically: ${target} is given twice`);
      // A file written beside its target already (the derive's datasets) is its own temporary file.
      const temp =
        isWritten(content) && dirname(content.from) === dirname(target) ? content.from : `${target}${suffix}.tmp`;
      staged.push({ target, temp, backup: `${target}${suffix}.bak`, content, backedUp: false, committed: false });
    }
  }
  // What a write killed earlier left in these folders (its process is gone): removed first.
  for (const dir of new Set(staged.map((s) => dirname(s.target))))
    await removeStaleLeftovers(dir, (path) => fs.rm(path, { force: true }));
  const created: string[] = [];
  // What is being written, for the message when it fails.
  let at: { path: string; what: 'write' | 'folder' } = { path: '', what: 'write' };
  try {
    for (const dir of new Set(staged.map((s) => dirname(s.target)))) {
      at = { path: dir, what: 'folder' };
      const first = await fs.mkdir(dir, { recursive: true });
      if (first !== undefined) created.push(dir, first);
    }
    for (const s of staged) {
      at = { path: s.target, what: 'write' };
      await writeContent(fs, s.temp, s.content);
    }
    for (const s of staged) {
      at = { path: s.target, what: 'write' };
      s.backedUp = await keepBackup(fs, s);
    }
    for (const s of staged) {
      at = { path: s.target, what: 'write' };
      await fs.rename(s.temp, s.target);
      s.committed = true;
    }
  } catch (error) {
    await rollBack(fs, staged, created);
    throw writeError(error, at.path, at.what);
  }
  const backups = staged.filter((s) => s.backedUp).map((s) => s.backup);
  return { backupsRemoved: removeEach(fs, backups) };
}

async function removeEach(fs: WriteFs, paths: readonly string[]): Promise<void> {
  await Promise.all(paths.map((path) => fs.rm(path, { force: true }).catch(() => undefined)));
}

/** Writes one new content to its temporary file: a file written elsewhere (a staging folder) is copied there by the kernel, never held whole. */
async function writeContent(fs: WriteFs, temp: string, content: FileContent): Promise<void> {
  if (!isWritten(content)) return fs.writeFile(temp, content);
  if (content.from !== temp) await fs.copyFile(content.from, temp);
}

function isWritten(content: FileContent): content is WrittenFile {
  return typeof content !== 'string' && !(content instanceof Uint8Array);
}

/** Keeps the file at `target` under `backup`; false when there is none. */
async function keepBackup(fs: WriteFs, s: Staged): Promise<boolean> {
  try {
    await fs.link(s.target, s.backup);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return false;
    if (!NO_LINKS.has(code ?? '')) throw error;
  }
  // No hard links here (some network and FAT file systems): a copy does as well.
  await fs.copyFile(s.target, s.backup);
  return true;
}

/** The errors of a file system that cannot make hard links. */
const NO_LINKS: ReadonlySet<string> = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

/** Puts the previous files back and removes every temporary file; never throws (the caller rethrows the first error). */
async function rollBack(fs: WriteFs, staged: readonly Staged[], created: readonly string[]): Promise<void> {
  const attempt = (step: () => Promise<void>) => step().catch(() => undefined);
  for (const s of staged) {
    if (s.committed) {
      await attempt(() => (s.backedUp ? fs.rename(s.backup, s.target) : fs.rm(s.target, { force: true })));
    } else {
      await attempt(() => fs.rm(s.temp, { force: true }));
      if (s.backedUp) await attempt(() => fs.rm(s.backup, { force: true }));
    }
  }
  // Folders made by this call, deepest first; rmdir refuses any that is not empty.
  for (let i = 0; i < created.length; i += 2) {
    const [dir, top] = [created[i]!, created[i + 1]!];
    for (let d = dir; ; d = dirname(d)) {
      if (
        (await fs.rmdir(d).then(
          () => true,
          () => false,
        )) === false ||
        d === top ||
        dirname(d) === d
      )
        break;
    }
  }
}

/**
 * A text file an editor writes (narrative, gazetteer, review, timeline): null
 * when there is none; a CliError naming it when it is no regular file that
 * can be read (a folder, a FIFO, a device, a symlink loop, too large).
 */
export async function readTextIfExists(path: string, maxBytes = MAX_TEXT_FILE_BYTES): Promise<string | null> {
  const read = await readRegularFile(path, maxBytes);
  if (read instanceof Uint8Array) return Buffer.from(read.buffer, read.byteOffset, read.byteLength).toString('utf8');
  if (read.missing) return null;
  throw new CliError(
    `Cannot read ${relative(process.cwd(), path) || path}: ${read.reason.replace(/^./, (c) => c.toLowerCase())}`,
    [reportAt(path, 'error', read.reason, { line: 1, column: 1 }, 'file-unreadable')],
  );
}
