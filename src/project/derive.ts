// A derive: a folder of articles → the datasets, with the editors' review
// applied and CHANGES.md saying what changed since the datasets that were
// there before, all written at once or not at all.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { VFile } from 'vfile';
import { decodeArticle, readArticle } from '../articles/article.ts';
import type { Article } from '../articles/article.ts';
import { isError } from '../common/problems.ts';
import type { VFileMessage } from '../common/problems.ts';
import { serialMessages, toVFileMessages } from '../datasets/article-messages.ts';
import { duplicateIdProblem } from '../articles/collection.ts';
import { ChangesBuilder, formatChangesMarkdown, tollCandidates } from '../datasets/changes.ts';
import type { ArticleSide, Changes } from '../datasets/changes.ts';
import { fileHash, FingerprintHash, MANIFEST, serializeManifest } from '../datasets/fingerprint.ts';
import { DATA_PACKAGE, dataPackage, vocabularies } from '../datasets/datapackage.ts';
import { EMPTY_REVIEW, sortProblems } from '../datasets/review.ts';
import type { Review } from '../datasets/review.ts';
import { applyReview } from '../datasets/review-apply.ts';
import type { ReviewOutcome } from '../datasets/review-apply.ts';
import { reviewContext } from '../datasets/derive.ts';
import { prepareArticle, writeArticleRows } from '../datasets/prepare.ts';
import type { PreparedArticle, PreparedRows } from '../datasets/prepare.ts';
import { schemasFor } from '../datasets/schema.ts';
import type { ArticleRow, CasualtyRow, DatasetName, DatasetSchemas, ReactionRow } from '../datasets/schema.ts';
import { DATASET_NAMES } from '../datasets/serialize.ts';
import type { WrittenBytes } from '../datasets/serialize.ts';
import { withHome } from '../extract/gazetteer.ts';
import type { Gazetteer } from '../extract/gazetteer.ts';
import { compileCodebook, compileGazetteer, loadReview, readGazetteerSources } from './editor-files.ts';
import { DatasetFilesWriter } from './dataset-writer.ts';
import { CliError } from './errors.ts';
import { decodeExtraction, encodeExtraction, ExtractionCache, readStamp, writeStamp } from './extract-cache.ts';
import type { CachedExtraction } from './extract-cache.ts';
import { listArticles, readArticleFile, readArticleFileQuickly, writeFilesAtomically } from './files.ts';
import type { FileContent } from './files.ts';
import { articleKey, deriveFingerprint, extractionInputsHash } from './derive-inputs.ts';
import { batchSize, defaultWorkers, ExtractionPool } from './derive-workers.ts';
import type { DeriveOptions } from './derive-inputs.ts';
import { projectLayout } from './layout.ts';
import { makeStamp, openPreviousDatasets, parseRows, stampPath } from './previous-datasets.ts';
import type { PreviousDatasets } from './previous-datasets.ts';
import { createProgress } from './progress.ts';
import type { Progress } from './progress.ts';

/** The file beside the datasets that says what the last derive changed. */
export const CHANGES_FILE = 'CHANGES.md';

export interface DeriveSummary {
  articles: number;
  /** Of which extracted (the others came from the extraction cache). */
  extracted: number;
  casualties: number;
  reactions: number;
  /** Extraction notes and review warnings (errors stop the derive instead). */
  diagnostics: VFileMessage[];
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
  /**
   * Where extracted articles are cached (extract-cache.ts): by default
   * `extract/` in the project's cache folder; null for none (a temporary one,
   * removed after: everything is extracted).
   */
  cache?: string | null;
}

const defaultProgress = (total: number) =>
  createProgress(total, { stream: process.stderr, unit: 'articles', label: 'Deriving' });

/** Articles read or their cache looked up at a time. */
const READ_AHEAD = 32;

/** Derives and writes; throws CliError (writing nothing) when any input is bad. */
export async function derive(options: DeriveOptions, effects: DeriveEffects = {}): Promise<DeriveSummary> {
  const listing = await listArticles(options.articles);
  const names = 'names' in listing ? listing.names : [];
  const gazetteerSources = await readGazetteerSources(options.gazetteers);
  const codebookSources = await readGazetteerSources(options.codebooks);
  // Compiled here, and checked, before any extraction; their problems are reported after the articles' (as they always were).
  let gazetteer: Gazetteer | CliError;
  try {
    const codebook = compileCodebook(codebookSources, options.codebooks[0] ?? 'codebook.yaml');
    gazetteer = withHome(
      compileGazetteer(gazetteerSources, options.gazetteers[0] ?? 'gazetteer.yaml', codebook),
      options.home,
    );
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    gazetteer = error;
  }
  const temporaryCache = effects.cache === null ? await mkdtemp(join(tmpdir(), 'newsbook-extract-')) : null;
  const cache = new ExtractionCache(
    temporaryCache ?? effects.cache ?? join(projectLayout(options.code).cache, 'extract'),
    await extractionInputsHash(options),
  );
  // The datasets this derive replaces, looked over (not read) while the articles are read.
  const stamp = stampPath(cache.root, options.out);
  const previous = readStamp(stamp).then((noted) => openPreviousDatasets(options.out, noted));
  previous.catch(() => undefined);
  let pool: ExtractionPool | null = null;
  let writer: DatasetFilesWriter | null = null;
  try {
    // 1. Every article's bytes hashed, one window at a time (none is kept): the cache's key and the fingerprint.
    const known = await cache.keys();
    const fingerprintHash = new FingerprintHash();
    const slots: ArticleSlot[] = names.map((name) => ({
      name,
      path: join(options.articles, name),
      key: '',
      problems: [],
      claimed: null,
      id: null,
    }));
    await inWindows(
      slots,
      READ_AHEAD,
      (slot) => readArticleFileQuickly(slot.path),
      (slot, read) => {
        if (!(read instanceof Uint8Array)) {
          slot.problems = [read];
          return;
        }
        slot.key = articleKey(slot.name, read);
        fingerprintHash.add(`articles/${slot.name}`, slot.key);
        // A cached article parsed under this name: its id is its name.
        if (known.has(slot.key)) slot.id = slot.claimed = slot.name.slice(0, -3);
      },
    );
    const pending = slots.filter((s) => s.problems.length === 0 && s.id === null);
    const cachedCount = slots.filter((s) => s.id !== null).length;

    // 2. The others read again, parsed, and extracted: on worker threads when there are many.
    const progress = (effects.progress ?? defaultProgress)(cachedCount + pending.length);
    for (const slot of slots) if (slot.id !== null) progress.tick(relative(options.articles, slot.path));
    const stored: Promise<void>[] = [];
    const store = (slot: ArticleSlot, entry: Uint8Array | null) => {
      if (entry === null) slot.invalid = true;
      else stored.push(cache.put(slot.key, entry));
      progress.tick(relative(options.articles, slot.path));
    };
    const workers = Math.min(effects.workers ?? defaultWorkers(pending.length), pending.length);
    if (workers > 1 && !(gazetteer instanceof CliError)) {
      pool = new ExtractionPool(
        { gazetteers: gazetteerSources!, codebooks: codebookSources ?? [], home: options.home },
        workers,
        batchSize(pending.length, workers),
        effects.workerBundle,
      );
      const byArticle = new Map<Article, ArticleSlot>();
      pool.each((article, entry) => {
        store(byArticle.get(article)!, entry);
        byArticle.delete(article);
      });
      const into = pool;
      await readPending(pending, async (slot, article) => {
        byArticle.set(article, slot);
        into.add(article);
        await into.ready();
      });
    } else {
      const compiled = gazetteer;
      await readPending(pending, (slot, article) => {
        if (!(compiled instanceof CliError)) store(slot, encodeExtraction(article, prepareArticle(article, compiled)));
      });
    }
    const diagnostics = articleProblems(slots);
    if (diagnostics.some(isError)) {
      throw new CliError(
        `Cannot derive: ${count(diagnostics.filter(isError).length, 'article problem')}; nothing was written`,
        diagnostics,
      );
    }
    if (gazetteer instanceof CliError) throw gazetteer;
    const review = options.review === null ? EMPTY_REVIEW : await loadReview(options.review, gazetteer.codebook);
    if (pool) {
      pool.close();
      await pool.done;
    }
    await Promise.all(stored);
    progress.done();

    // 3. The datasets, article by article in id order: from the cache, the review applied, written as they come, compared with the previous ones.
    const articles = slots.filter((s) => s.id !== null).sort((a, b) => compare(a.id!, b.id!));
    const before = await previous;
    const changes = new ChangesBuilder(before !== null);
    writer = await DatasetFilesWriter.open(options.out);
    const reviewFile = new VFile(options.review === null ? {} : { path: options.review });
    const assembly = new Assembly(gazetteer, review, reviewFile, writer, changes, before);
    await inWindows(
      articles,
      READ_AHEAD,
      (slot) => extraction(slot, cache, gazetteer as Gazetteer),
      (slot, extracted) => assembly.queue(slot, extracted),
    );
    await assembly.finish();
    await before?.close();
    const reviewProblems = options.review === null ? [] : sortProblems(assembly.reviewProblems);
    if (reviewProblems.some(isError)) {
      throw new CliError(
        'Cannot derive: the review file has entries that cannot be applied; nothing was written',
        reviewProblems,
      );
    }
    const finished = changes.finish();
    const files = await writer.end();
    const out = new Map<string, FileContent>([...files].map(([name, file]) => [name, { from: file.path }]));
    out.set(CHANGES_FILE, formatChangesMarkdown(finished));
    // The datasets described (datapackage.ts): it belongs with them, so its hash is in the manifest.
    const description = dataPackage(
      options.story ?? { name: null, title: null, description: null },
      assembly.articles,
      vocabularies(gazetteer.codebook),
    );
    out.set(DATA_PACKAGE, description);
    // Every article was read (an unreadable one stopped the derive above). The
    // manifest comes last, with the hash of every other file: it is swapped in
    // last, and a folder whose files do not match it is never reused.
    // CHANGES.md, a note for the editors that depends on what was there before, is left out: the datasets are what must belong together.
    const inputs = await deriveFingerprint(options, fingerprintHash);
    const hashes = {
      ...Object.fromEntries([...files].map(([name, file]) => [name, file.hash])),
      [DATA_PACKAGE]: fileHash(description),
    };
    const manifest = serializeManifest({ inputs, files: hashes });
    out.set(MANIFEST, manifest);
    await writeFilesAtomically(options.out, out);
    const ranges = writer.ranges;
    writer = null;
    if (!temporaryCache)
      await writeStamp(stamp, await makeStamp(options.out, manifest, hashes, ranges).catch(() => null));
    await cache.removeOthers();
    return {
      articles: articles.length,
      extracted: pending.length,
      casualties: finished.counts.after.casualties,
      reactions: finished.counts.after.reactions,
      diagnostics: [...assembly.diagnostics, ...reviewProblems],
      changes: finished,
      review: assembly.reviewCounts,
    };
  } finally {
    if (pool) await pool.terminate();
    if (writer) await writer.abort();
    await (await previous.catch(() => null))?.close().catch(() => undefined);
    if (temporaryCache) await rm(temporaryCache, { recursive: true, force: true });
  }
}

/** One article file as the derive goes through it. */
interface ArticleSlot {
  name: string;
  path: string;
  /** articleKey of its bytes ('' when unreadable). */
  key: string;
  /** Why it cannot be read or parsed. */
  problems: VFileMessage[];
  /** The id its front matter claims (for the duplicate-id message). */
  claimed: string | null;
  /** Its id, once it parsed (or was found in the cache). */
  id: string | null;
  /** One of its rows failed its schema: not cached, extracted again to report it. */
  invalid?: true;
}

/** Reads, decodes and parses the articles not in the cache, in order, handing each good one over. */
async function readPending(
  slots: readonly ArticleSlot[],
  onArticle: (slot: ArticleSlot, article: Article) => void | Promise<void>,
): Promise<void> {
  await inWindows(
    slots,
    READ_AHEAD,
    (slot) => readArticleFileQuickly(slot.path),
    async (slot, read) => {
      const parsed = parseSlot(slot, read);
      if (parsed) await onArticle(slot, parsed);
    },
  );
}

function parseSlot(slot: ArticleSlot, read: Uint8Array | VFileMessage): Article | null {
  const text = read instanceof Uint8Array ? decodeArticle(read, slot.path) : read;
  if (typeof text !== 'string') {
    slot.problems = [text];
    return null;
  }
  const { parsed, claimedId } = readArticle(text, slot.path);
  slot.claimed = claimedId;
  if (!parsed.article) {
    slot.problems = parsed.problems;
    return null;
  }
  slot.id = parsed.article.meta.id;
  return parsed.article;
}

/** Every file's problems, in file order, a claimed id another file owns named as a duplicate (as ArticleFilesReader does). */
function articleProblems(slots: readonly ArticleSlot[]): VFileMessage[] {
  const owners = new Map<string, string>();
  for (const slot of slots) {
    const id = slot.claimed;
    if (id !== null && (!owners.has(id) || slot.name === `${id}.md`)) owners.set(id, slot.path);
  }
  return slots.flatMap((slot) =>
    slot.problems.map((problem) => duplicateIdProblem(problem, slot.path, slot.claimed, owners)),
  );
}

/** An article's extraction: from the cache, or extracted here (a row that fails its schema, a cache entry gone). */
async function extraction(
  slot: ArticleSlot,
  cache: ExtractionCache,
  gazetteer: Gazetteer,
): Promise<CachedExtraction & { prepared?: PreparedArticle }> {
  if (!slot.invalid) {
    const cached = cache.get(slot.key);
    if (cached) return cached;
  }
  const read = await readArticleFile(slot.path);
  const article = parseSlot(slot, read);
  if (!article) throw new CliError(`Cannot derive: ${slot.path} changed while it was derived; nothing was written`);
  const prepared = prepareArticle(article, gazetteer);
  const entry = encodeExtraction(article, prepared);
  if (entry) return decodeExtraction(entry)!;
  const written = Object.fromEntries(
    DATASET_NAMES.map((name) => [name, { json: prepared[name].json, csv: prepared[name].csv }]),
  ) as CachedExtraction['written'];
  const counts = Object.fromEntries(
    DATASET_NAMES.map((name) => [name, prepared[name].rows.length]),
  ) as CachedExtraction['counts'];
  const diagnostics = serialMessages(article, prepared.messages);
  return { id: article.meta.id, counts, written, diagnostics, tolls: [], prepared };
}

/**
 * The datasets put together article by article, in id order: each article's
 * review entries applied to its rows alone (the review matches rows within
 * their article), its rows written, and its change since the previous
 * datasets noted. Gives exactly what assemblePrepared and diffDatasets give
 * for the whole datasets at once.
 */
class Assembly {
  readonly diagnostics: VFileMessage[] = [];
  readonly reviewProblems: VFileMessage[] = [];
  readonly reviewCounts = { rejected: 0, corrected: 0, confirmed: 0 };
  readonly #entries = new Map<string, Review>();
  readonly #written: Record<DatasetName, number> = { casualties: 0, reactions: 0, articles: 0 };
  readonly #previousIds: string[];
  #nextPrevious = 0;
  /** The datasets' schemas, with the story's own measures and stances (its codebook). */
  readonly #schemas: DatasetSchemas;
  /** Each article's front matter, for the data package's sources. */
  readonly articles: ArticleRow[] = [];
  #chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly gazetteer: Gazetteer,
    review: Review,
    /** The review's file, which its problems are reported on. */
    private readonly reviewFile: VFile,
    private readonly writer: DatasetFilesWriter,
    private readonly changes: ChangesBuilder,
    private readonly previous: PreviousDatasets | null,
  ) {
    for (const dataset of ['casualties', 'reactions'] as const) {
      for (const entry of review[dataset] as Review[typeof dataset]) {
        let mine = this.#entries.get(entry.article);
        if (!mine) this.#entries.set(entry.article, (mine = { casualties: [], reactions: [] }));
        (mine[dataset] as (typeof entry)[]).push(entry);
      }
    }
    this.#previousIds = previous?.ids ?? [];
    this.#schemas = schemasFor(gazetteer.codebook);
  }

  /** The next article, in id order; waits while the files catch up. */
  async queue(slot: ArticleSlot, extracted: CachedExtraction & { prepared?: PreparedArticle }): Promise<void> {
    this.#chain = this.#chain.then(() => this.#article(slot, extracted));
    await this.#chain;
  }

  async finish(): Promise<void> {
    await this.#chain;
    await this.#gone(null);
    // Entries for articles that are not there: each matches no row.
    const rest: Review = { casualties: [], reactions: [] };
    for (const mine of this.#entries.values()) {
      rest.casualties.push(...mine.casualties);
      rest.reactions.push(...mine.reactions);
    }
    this.#review({ casualties: [], reactions: [] }, rest);
  }

  async #article(slot: ArticleSlot, extracted: CachedExtraction & { prepared?: PreparedArticle }): Promise<void> {
    const id = extracted.id;
    await this.#gone(id);
    // The cache's plain messages (extract-cache.ts) become the article's VFileMessages here, as they are read.
    for (const message of toVFileMessages(slot.path, extracted.diagnostics)) this.diagnostics.push(message);
    const mine = this.#entries.get(id);
    this.#entries.delete(id);
    const pieces = {} as Record<DatasetName, WrittenBytes | null>;
    let after: ArticleSide | null = null;
    let tolls = extracted.tolls;
    const counts = { ...extracted.counts };
    if (mine || extracted.prepared) {
      // The rows themselves: read back from what was written (or as extracted, when one failed its schema).
      const prepared = {} as Record<DatasetName, PreparedRows<{ id?: string }>>;
      for (const name of DATASET_NAMES) {
        const written = extracted.written[name];
        prepared[name] = extracted.prepared?.[name] ?? {
          rows: parseRows(name, written.json) as { id?: string }[],
          valid: true,
          json: written.json,
          csv: written.csv,
        };
      }
      const reviewed = this.#review(
        { casualties: prepared.casualties.rows as CasualtyRow[], reactions: prepared.reactions.rows as ReactionRow[] },
        mine ?? { casualties: [], reactions: [] },
      );
      const rows = { casualties: reviewed.casualties, reactions: reviewed.reactions, articles: prepared.articles.rows };
      for (const name of DATASET_NAMES) {
        const { piece, next } = writeArticleRows(
          name,
          prepared[name],
          rows[name],
          0,
          this.#written[name],
          this.#schemas,
        );
        if (next !== rows[name].length)
          throw new Error(`Cannot write ${name}: the review gave back rows that were not extracted`);
        pieces[name] = piece;
        counts[name] = rows[name].length;
      }
      after = {
        meta: (rows.articles[0] as ArticleSide['meta']) ?? null,
        casualties: rows.casualties,
        reactions: rows.reactions,
      };
      tolls = tollCandidates(rows.casualties);
    } else {
      for (const name of DATASET_NAMES) pieces[name] = extracted.counts[name] > 0 ? extracted.written[name] : null;
    }
    for (const name of DATASET_NAMES) {
      this.#written[name] += counts[name];
      await this.writer.add(name, pieces[name], id);
    }
    // What changed: nothing, when its rows are the very bytes they were.
    const json = (name: DatasetName) => pieces[name]?.json ?? EMPTY;
    const meta = parseRows('articles', json('articles'))[0] as ArticleRow | undefined;
    if (meta) this.articles.push(meta);
    const wasThere = this.#previousIds[this.#nextPrevious] === id;
    if (wasThere) this.#nextPrevious += 1;
    if (!this.changes.hadBefore) return this.changes.added(id, counts, tolls);
    if (wasThere && this.previous) {
      let same = true;
      for (const name of DATASET_NAMES) {
        const old = await this.previous.json(id, name);
        if (old === null || !Buffer.from(old.buffer, old.byteOffset, old.byteLength).equals(json(name))) same = false;
        if (!same) break;
      }
      if (same) return this.changes.same(id, counts, tolls);
    }
    after ??= {
      meta: (parseRows('articles', json('articles'))[0] as ArticleSide['meta']) ?? null,
      casualties: parseRows('casualties', json('casualties')) as CasualtyRow[],
      reactions: parseRows('reactions', json('reactions')) as ReactionRow[],
    };
    this.changes.article(id, wasThere && this.previous ? await this.previous.side(id) : NOTHING, after);
  }

  /** The previous datasets' articles before `id` (all that are left, for null): gone. */
  async #gone(id: string | null): Promise<void> {
    while (
      this.#nextPrevious < this.#previousIds.length &&
      (id === null || compare(this.#previousIds[this.#nextPrevious]!, id) < 0)
    ) {
      const gone = this.#previousIds[this.#nextPrevious++]!;
      this.changes.article(gone, await this.previous!.side(gone), NOTHING);
    }
  }

  #review(
    rows: { casualties: CasualtyRow[]; reactions: ReactionRow[] },
    mine: Review,
  ): { casualties: CasualtyRow[]; reactions: ReactionRow[] } {
    const outcome = applyReview(rows, mine, reviewContext(this.gazetteer), this.reviewFile);
    for (const problem of outcome.problems) this.reviewProblems.push(problem);
    this.reviewCounts.rejected += outcome.counts.rejected;
    this.reviewCounts.corrected += outcome.counts.corrected;
    this.reviewCounts.confirmed += outcome.counts.confirmed;
    return outcome;
  }
}

const EMPTY = new Uint8Array(0);
const NOTHING: ArticleSide = { meta: null, casualties: [], reactions: [] };

/**
 * `work` on every item, up to `width` at a time, and `then` on each result in
 * the items' order (awaited before the window moves on): a bounded read-ahead.
 */
async function inWindows<T, R>(
  items: readonly T[],
  width: number,
  work: (item: T) => Promise<R>,
  then: (item: T, result: R) => void | Promise<void>,
): Promise<void> {
  const running: Promise<R>[] = [];
  let next = 0;
  for (let i = 0; i < items.length; i += 1) {
    while (next < items.length && next < i + width) running.push(work(items[next++]!));
    await then(items[i]!, await running.shift()!);
  }
}

export {
  compileCodebook,
  compileGazetteer,
  loadCodebook,
  loadGazetteer,
  loadReview,
  readGazetteerSources,
} from './editor-files.ts';
export { readPreviousDatasets } from './previous-datasets.ts';

function count(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
