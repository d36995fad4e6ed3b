// What a derivation depends on, and whether the datasets on disk are still
// what it would give. Kept apart from derive.ts so that `npm run report` can
// answer "up to date?" without loading the extraction code.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fingerprint, MANIFEST, parseManifest } from '../datasets/fingerprint.ts';
import { datasetFolderState } from './dataset-folder.ts';
import { CliError } from './errors.ts';
import { readArticleFile, readTextIfExists } from './files.ts';
import { PATHS, ROOT } from './paths.ts';

export interface DeriveOptions {
  articles: string;
  out: string;
  gazetteer: string;
  /** The editors' decisions; data/review.yaml when not given. A missing file means no review. */
  review?: string | undefined;
}


export const DEFAULT_DERIVE_OPTIONS: DeriveOptions = { articles: PATHS.articles, out: PATHS.derived, gazetteer: PATHS.gazetteer, review: PATHS.review };

/**
 * Everything the datasets depend on: the articles, the gazetteer, the review,
 * the extraction code and its libraries. `articles`: the article files as the
 * derive read them (every `*.md` by name), so that they are not read twice.
 */
export async function deriveFingerprint(options: DeriveOptions, articles?: ReadonlyMap<string, Uint8Array>): Promise<string> {
  const entries: [string, string | Uint8Array][] = [];
  if (articles) {
    for (const [name, bytes] of articles) entries.push([`articles/${name}`, bytes]);
  } else {
    for (const name of (await readdir(options.articles)).filter((n) => n.endsWith('.md'))) {
      const path = join(options.articles, name);
      const bytes = await readArticleFile(path);
      if (!(bytes instanceof Uint8Array)) throw new CliError(`Cannot read the article ${name}`, [{ path, ...bytes, severity: 'error' }]);
      entries.push([`articles/${name}`, bytes]);
    }
  }
  entries.push(['gazetteer.yaml', (await readTextIfExists(options.gazetteer)) ?? '']);
  entries.push(['review.yaml', (await readTextIfExists(options.review ?? PATHS.review)) ?? '']);
  for (const dir of PATHS.extractionCode) {
    for (const name of await readdir(dir, { recursive: true })) {
      if (name.endsWith('.ts')) entries.push([relative(ROOT, join(dir, name)).replaceAll('\\', '/'), await readFile(join(dir, name))]);
    }
  }
  const pkg = JSON.parse(await readFile(PATHS.packageJson, 'utf8')) as { dependencies: Record<string, string> };
  for (const lib of ['chrono-node', 'yaml', 'zod']) entries.push([`lib/${lib}`, pkg.dependencies[lib] ?? '']);
  return fingerprint(entries);
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
