// A derive: a folder of articles → the datasets, with the editors' review
// applied and CHANGES.md saying what changed since the datasets that were
// there before, all written at once or not at all.
import { dirname, join, relative } from 'node:path';
import type { Article } from '../articles/article.ts';
import { diffDatasets, formatChangesMarkdown } from '../datasets/changes.ts';
import type { Changes } from '../datasets/changes.ts';
import { fileHashes, MANIFEST, serializeManifest } from '../datasets/fingerprint.ts';
import { EMPTY_REVIEW, parseReview } from '../datasets/review.ts';
import type { Review, ReviewOutcome, ReviewProblem } from '../datasets/review.ts';
import { sortArticles } from '../datasets/derive.ts';
import { assemblePrepared, prepareArticle } from '../datasets/prepare.ts';
import type { PreparedArticle } from '../datasets/prepare.ts';
import { DATASET_NAMES, validateDataset } from '../datasets/serialize.ts';
import type { Datasets } from '../datasets/serialize.ts';
import { GazetteerError, parseGazetteers, withHome } from '../extract/gazetteer.ts';
import { CodebookError, parseCodebooks } from '../extract/codebook.ts';
import type { Codebook, CodebookSource } from '../extract/codebook.ts';
import { schemasFor } from '../datasets/schema.ts';
import type { Gazetteer, GazetteerSource } from '../extract/gazetteer.ts';
import { fromExtractionMessage } from './diagnostic.ts';
import type { Diagnostic } from './diagnostic.ts';
import { CliError } from './errors.ts';
import { articleBytes, listArticles, loadArticleFiles, readArticleFiles, readOutputIfExists, readTextIfExists, writeFilesAtomically } from './files.ts';
import { datasetFolderState } from './dataset-folder.ts';
import { deriveFingerprint } from './derive-inputs.ts';
import { batchSize, defaultWorkers, ExtractionPool } from './derive-workers.ts';
import type { DeriveOptions } from './derive-inputs.ts';
import { createProgress } from './progress.ts';
import type { Progress } from './progress.ts';

/** The file beside the datasets that says what the last derive changed. */
export const CHANGES_FILE = 'CHANGES.md';

export interface DeriveSummary {
  articles: number;
  casualties: number;
  reactions: number;
  /** Extraction notes and review warnings (errors stop the derive instead). */
  diagnostics: Diagnostic[];
  changes: Changes;
  review: ReviewOutcome['counts'];
}

export interface DeriveEffects {
  /** The progress display for `total` articles; a bar on stderr when it is a terminal, by default. */
  progress?: (total: number) => Progress;
  /** Worker threads for the extraction; by default one per core on large corpora (see derive-workers.ts). */
  workers?: number;
  /** The derive worker's bundle, when the command runs from one (scripts/bundled.mjs). */
  workerBundle?: string;
}

const defaultProgress = (total: number) => createProgress(total, { stream: process.stderr, unit: 'articles', label: 'Deriving' });

/** Derives and writes; throws CliError (writing nothing) when any input is bad. */
export async function derive(options: DeriveOptions, effects: DeriveEffects = {}): Promise<DeriveSummary> {
  const listing = await listArticles(options.articles);
  const names = 'names' in listing ? listing.names : [];
  // Large corpora are extracted on worker threads (derive-workers.ts), started
  // first so that they are ready by the time the first articles are read, which
  // go to them as soon as they are. The gazetteer is read once, here: the
  // workers compile its text, and this thread compiles and checks it below (a
  // broken one stops the workers), so every input's errors are reported in
  // the same order as in-process.
  const workers = Math.min(effects.workers ?? defaultWorkers(names.length), names.length);
  const gazetteerSources = await readGazetteerSources(options.gazetteers);
  const codebookSources = await readGazetteerSources(options.codebooks);
  const codebook = compileCodebook(codebookSources, options.codebooks[0] ?? 'codebook.yaml');
  const pool =
    workers <= 1 || gazetteerSources === null
      ? null
      : new ExtractionPool({ gazetteers: gazetteerSources, codebooks: codebookSources ?? [], home: options.home }, workers, batchSize(names.length, workers), effects.workerBundle);
  // The datasets this derive replaces, read while the workers start and the articles are read.
  const previous = readPreviousDatasets(options.out, codebook);
  previous.catch(() => undefined);
  try {
    const contents = 'names' in listing ? await readArticleFiles(listing) : new Map<string, Uint8Array>();
    const { articles, diagnostics } = 'names' in listing ? await loadArticleFiles(listing, contents, pool ? (article) => pool.add(article) : undefined) : { articles: [], diagnostics: listing.diagnostics };
    if (diagnostics.some((d) => d.severity === 'error')) {
      throw new CliError(`Cannot derive: ${count(diagnostics.filter((d) => d.severity === 'error').length, 'article problem')}; nothing was written`, diagnostics);
    }
    const gazetteer = withHome(compileGazetteer(gazetteerSources, options.gazetteers[0] ?? 'gazetteer.yaml', codebook), options.home);
    const review = options.review === null ? EMPTY_REVIEW : await loadReview(options.review, codebook);

    const progress = (effects.progress ?? defaultProgress)(articles.length);
    const onArticle = (article: Article) => progress.tick(relative(options.articles, article.path));
    const sorted = sortArticles(articles);
    let prepared: PreparedArticle[];
    if (pool) {
      pool.each(onArticle);
      pool.close();
      const results = await pool.done;
      prepared = sorted.map((article) => results.get(article)!);
    } else {
      prepared = sorted.map((article) => {
        const p = prepareArticle(article, gazetteer);
        onArticle(article);
        return p;
      });
    }
    progress.done();
    const assembled = assemblePrepared(sorted, prepared, gazetteer, review);
    const derived = assembled.derived;
    const reviewProblems = options.review === null ? [] : reviewDiagnostics(options.review, derived.reviewProblems);
    if (reviewProblems.some((d) => d.severity === 'error')) {
      throw new CliError('Cannot derive: the review file has entries that cannot be applied; nothing was written', reviewProblems);
    }

    const changes = diffDatasets(await previous, derived.datasets);
    const out: Map<string, string | Uint8Array> = assembled.files();
    out.set(CHANGES_FILE, formatChangesMarkdown(changes));
    // Every article was read (an unreadable one stopped the derive above). The
    // manifest comes last, with the hash of every other file: it is swapped in
    // last, and a folder whose files do not match it is never reused.
    const inputs = await deriveFingerprint(options, articleBytes(contents)!);
    // CHANGES.md, a note for the editors that depends on what was there before, is left out: the datasets are what must belong together.
    out.set(MANIFEST, serializeManifest({ inputs, files: fileHashes(new Map([...out].filter(([name]) => name !== CHANGES_FILE))) }));
    await writeFilesAtomically(options.out, out);
    return {
      articles: articles.length,
      casualties: derived.datasets.casualties.length,
      reactions: derived.datasets.reactions.length,
      diagnostics: [...derived.messages.map((m) => fromExtractionMessage(m.article, m)), ...reviewProblems],
      changes,
      review: derived.reviewCounts,
    };
  } finally {
    if (pool) await pool.terminate();
  }
}

/** The gazetteer compiled from its files (the base one, then a story's additions); throws CliError, with every problem's place, when it is missing or has errors. */
export async function loadGazetteer(paths: readonly string[], codebooks: readonly string[] = [join(dirname(paths[0] ?? 'gazetteer.yaml'), 'codebook.yaml')]): Promise<Gazetteer> {
  const codebook = await loadCodebook(codebooks);
  return compileGazetteer(await readGazetteerSources(paths), paths[0] ?? 'gazetteer.yaml', codebook);
}

/** The codebook from its files (the base one, then a story's additions); throws CliError, with every problem's place, when it is missing or has errors. */
export async function loadCodebook(paths: readonly string[]): Promise<Codebook> {
  return compileCodebook(await readGazetteerSources(paths), paths[0] ?? 'codebook.yaml');
}

/** loadCodebook for files already read (null: the base file is missing). */
function compileCodebook(sources: readonly CodebookSource[] | null, base: string): Codebook {
  if (sources === null) throw new CliError(`Cannot read the codebook ${base}`, [{ path: base, line: 1, column: 1, severity: 'error', reason: 'Missing codebook file: expected the measures and stances in YAML', ruleId: 'codebook' }]);
  try {
    return parseCodebooks(sources);
  } catch (error) {
    if (!(error instanceof CodebookError)) throw error;
    throw new CliError(
      'Cannot derive: the codebook has errors; nothing was written',
      error.issues.map((issue) => ({
        path: issue.file,
        line: issue.line,
        column: issue.column,
        severity: 'error' as const,
        reason: issue.path ? `${issue.reason} (at \`${issue.path}\`)` : issue.reason,
        ruleId: 'codebook',
      })),
    );
  }
}

/** The text of the gazetteer (or codebook) files that exist; null when the base one (the first) is missing. */
export async function readGazetteerSources(paths: readonly string[]): Promise<GazetteerSource[] | null> {
  const sources: GazetteerSource[] = [];
  for (const [i, path] of paths.entries()) {
    const text = await readTextIfExists(path);
    if (text !== null) sources.push({ text, path });
    else if (i === 0) return null;
  }
  return sources;
}

/** loadGazetteer for files already read (null: the base file is missing). */
function compileGazetteer(sources: readonly GazetteerSource[] | null, base: string, codebook: Codebook): Gazetteer {
  if (sources === null) throw new CliError(`Cannot read the gazetteer ${base}`, [{ path: base, line: 1, column: 1, severity: 'error', reason: 'Missing gazetteer file: expected the actors and people in YAML', ruleId: 'gazetteer' }]);
  try {
    return parseGazetteers(sources, codebook);
  } catch (error) {
    if (!(error instanceof GazetteerError)) throw error;
    throw new CliError(
      'Cannot derive: the gazetteer has errors; nothing was written',
      error.issues.map((issue) => ({
        path: issue.file,
        line: issue.line,
        column: issue.column,
        severity: 'error' as const,
        reason: issue.path ? `${issue.reason} (at \`${issue.path}\`)` : issue.reason,
        ruleId: 'gazetteer',
      })),
    );
  }
}

/** The review file, validated; a missing file is an empty review. Throws CliError with positions when it is invalid. */
export async function loadReview(path: string, codebook?: Codebook): Promise<Review> {
  const text = await readTextIfExists(path);
  if (text === null) return EMPTY_REVIEW;
  const { review, problems } = parseReview(text, codebook);
  if (problems.length > 0) throw new CliError('Cannot derive: the review file has errors; nothing was written', reviewDiagnostics(path, problems));
  return review;
}

export function reviewDiagnostics(path: string, problems: readonly ReviewProblem[]): Diagnostic[] {
  return problems.map((p) => ({ path, line: p.line, column: p.column, severity: p.severity, reason: p.reason, ruleId: p.ruleId }));
}

/** The datasets a derive is about to replace, or null when there are none (or they cannot be read, or do not belong together). */
export async function readPreviousDatasets(dir: string, codebook?: Codebook): Promise<Datasets | null> {
  if ((await datasetFolderState(dir)).consistent === false) return null;
  const datasets: Partial<Record<keyof Datasets, unknown[]>> = {};
  for (const name of DATASET_NAMES) {
    const path = join(dir, `${name}.json`);
    const text = await readOutputIfExists(path).catch(() => null);
    if (text === null) return null;
    const { rows, problems } = validateDataset(name, text, path, codebook ? schemasFor(codebook) : undefined);
    if (problems.length > 0) return null;
    datasets[name] = rows;
  }
  return datasets as Datasets;
}

function count(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}
