// What a derivation depends on, and whether the datasets on disk are still
// what it would give. Kept apart from derive.ts so that `npm run report` can
// answer "up to date?" without loading the extraction code.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fingerprint, FingerprintHash, MANIFEST, parseManifest } from '../datasets/fingerprint.ts';
import { datasetFolderState } from './dataset-folder.ts';
import { CliError } from './errors.ts';
import { readArticleFile, readTextIfExists } from './files.ts';
import type { StoryConfig } from './config.ts';
import { extractionCode } from './layout.ts';
import type { PackageStory } from '../datasets/datapackage.ts';

/** Everything a derive reads and where it writes. */
export interface DeriveOptions {
  /** newsbook's own folder: its extraction code is part of what the datasets depend on. */
  code: string;
  articles: string;
  out: string;
  /**
   * The folder of the datasets this derive replaces, when it writes them
   * elsewhere first (`npm run report` derives into a staging folder): what
   * CHANGES.md compares with and rows are copied from. By default `out`.
   */
  replaces?: string;
  /** The gazetteer files, the base one first; a missing extension is no extension. */
  gazetteers: readonly string[];
  /** The codebook files, the base one first; a missing extension is no extension. */
  codebooks: readonly string[];
  /** The editors' decisions; null, or a missing file, means no review. */
  review: string | null;
  /** The story's home country, a gazetteer actor: its own offices are written without its name in `attribution`. */
  home: string | null;
  /** The story the datasets are of, named in their data package; left out for a derive of any folder. */
  story?: PackageStory;
}

/** A story's derive: its articles, its review and its gazetteer additions. */
export function storyDeriveOptions(config: StoryConfig): DeriveOptions {
  return {
    code: config.code,
    articles: config.articles,
    out: config.derived,
    gazetteers: config.gazetteers,
    codebooks: config.codebooks,
    review: config.review,
    home: config.home,
    story: { name: config.slug, title: config.title, description: config.description },
  };
}

/**
 * Everything the datasets depend on: the articles, the gazetteer, the review,
 * the extraction code and its libraries. `articles`: the article files as the
 * derive read them (every `*.md` by name), so that they are not read twice;
 * or a FingerprintHash they were added to as `articles/<name>` (their
 * articleKey), in order, as they were read (the derive holds none of them to
 * hash at the end). Each article counts by its articleKey, the hash the
 * extraction cache knows it by: its bytes are hashed once.
 */
export async function deriveFingerprint(
  options: DeriveOptions,
  articles?: ReadonlyMap<string, Uint8Array> | FingerprintHash,
): Promise<string> {
  const entries: [string, string | Uint8Array][] = [...(await extractionInputs(options))];
  entries.push(['review.yaml', (options.review === null ? null : await readTextIfExists(options.review)) ?? '']);
  // The data package names the story: a new title makes it out of date.
  if (options.story) entries.push(['story', JSON.stringify(options.story)]);
  if (articles instanceof FingerprintHash) {
    // Every other entry's name sorts after `articles/…`.
    for (const [name, content] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) articles.add(name, content);
    return articles.digest();
  }
  if (articles) {
    for (const [name, bytes] of articles) entries.push([`articles/${name}`, articleKey(name, bytes)]);
  } else {
    for (const name of (await readdir(options.articles)).filter((n) => n.endsWith('.md'))) {
      const path = join(options.articles, name);
      const bytes = await readArticleFile(path);
      if (!(bytes instanceof Uint8Array)) throw new CliError(`Cannot read the article ${name}`, [bytes]);
      entries.push([`articles/${name}`, articleKey(name, bytes)]);
    }
  }
  return fingerprint(entries);
}

/** The key of an article: its file name and its bytes (the same bytes under another name are another article: its id is its name). */
export function articleKey(name: string, bytes: Uint8Array): string {
  return createHash('sha256').update(`${name}\0${bytes.byteLength}\0`).update(bytes).digest('hex');
}

/**
 * The hash of what one article's extraction depends on besides its own bytes:
 * the cache of extracted articles (extract-cache.ts) is kept under it. The
 * review is not in it: it is applied after, to every article.
 */
export async function extractionInputsHash(options: DeriveOptions): Promise<string> {
  return fingerprint(await extractionInputs(options));
}

/** The entries of the fingerprint that the extraction of every article depends on: the gazetteer, the codebook, the home country, the extraction code, its libraries. */
async function extractionInputs(options: DeriveOptions): Promise<[string, string | Uint8Array][]> {
  const entries: [string, string | Uint8Array][] = [];
  // The base gazetteer keeps the name it always had, so a story without additions keeps its fingerprint.
  for (const [i, path] of options.gazetteers.entries()) {
    const text = await readTextIfExists(path);
    if (i === 0 || text !== null) entries.push([i === 0 ? 'gazetteer.yaml' : `gazetteer-${i}.yaml`, text ?? '']);
  }
  for (const [i, path] of options.codebooks.entries()) {
    const text = await readTextIfExists(path);
    if (i === 0 || text !== null) entries.push([i === 0 ? 'codebook.yaml' : `codebook-${i}.yaml`, text ?? '']);
  }
  if (options.home !== null) entries.push(['home', options.home]);
  const code = extractionCode(options.code);
  for (const dir of code.dirs) {
    const names = (await readdir(dir, { recursive: true })).filter((name) => name.endsWith('.ts'));
    // Read all at once, kept in their order: one after the other, the hundred files took some 30 ms of every derive.
    const files = await Promise.all(names.map((name) => readFile(join(dir, name))));
    names.forEach((name, i) =>
      entries.push([relative(options.code, join(dir, name)).replaceAll('\\', '/'), files[i]!]),
    );
  }
  const pkg = JSON.parse(await readFile(code.packageJson, 'utf8')) as { dependencies: Record<string, string> };
  for (const lib of ['chrono-node', 'yaml', 'zod']) entries.push([`lib/${lib}`, pkg.dependencies[lib] ?? '']);
  return entries;
}

/**
 * Whether the datasets are what a derive would give: their manifest names
 * the inputs as they are now, and every file is the one the derive wrote with
 * it (dataset-folder.ts). False when an input cannot be read (the derive then says why).
 */
export async function isUpToDate(options: DeriveOptions): Promise<boolean> {
  return (await datasetsState(options)) === 'up-to-date';
}

/** isUpToDate, saying why not: `inconsistent` when the folder's files do not belong together (a write killed half-way). */
export async function datasetsState(options: DeriveOptions): Promise<'up-to-date' | 'stale' | 'inconsistent'> {
  const folder = await datasetFolderState(options.out);
  if (folder.consistent === false) return 'inconsistent';
  return folder.consistent === true && (await manifestMatchesInputs(options)) ? 'up-to-date' : 'stale';
}

/** Whether the manifest names the inputs as they are now (whatever the files beside it); false when an input cannot be read. */
export async function manifestMatchesInputs(options: DeriveOptions): Promise<boolean> {
  try {
    const manifest = parseManifest(await readTextIfExists(join(options.out, MANIFEST)));
    return manifest !== null && manifest.inputs === (await deriveFingerprint(options));
  } catch (error) {
    if (error instanceof CliError || typeof (error as NodeJS.ErrnoException).code === 'string') return false;
    throw error;
  }
}
