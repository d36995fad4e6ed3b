// A derive: a folder of articles → the datasets, with the editors' review
// applied and CHANGES.md saying what changed since the datasets that were
// there before, all written at once or not at all.
import { join } from 'node:path';
import { VFile } from 'vfile';
import { isError } from '../common/problems.ts';
import type { VFileMessage } from '../common/problems.ts';
import { serialMessages } from '../datasets/article-messages.ts';
import { ChangesBuilder, formatChangesMarkdown } from '../datasets/changes.ts';
import type { Changes } from '../datasets/changes.ts';
import { FingerprintHash, MANIFEST, serializeManifest } from '../datasets/fingerprint.ts';
import { DATA_PACKAGE, dataPackage, vocabularies } from '../datasets/datapackage.ts';
import { EMPTY_REVIEW, sortProblems } from '../datasets/review.ts';
import type { Review } from '../datasets/review.ts';
import type { ReviewOutcome } from '../datasets/review-apply.ts';
import { prepareArticle } from '../datasets/prepare.ts';
import type { PreparedArticle } from '../datasets/prepare.ts';
import { DATASET_NAMES } from '../datasets/serialize.ts';
import type { Gazetteer } from '../extract/gazetteer.ts';
import type { Codebook } from '../extract/codebook.ts';
import { loadReview } from './editor-files.ts';
import { compileInputs, readSources, workerInput } from './extraction-inputs.ts';
import type { Compiled, CompiledInputs, Sources } from './extraction-inputs.ts';
import { DatasetFilesWriter } from './dataset-writer.ts';
import { Assembly, copyRuns } from './assembly.ts';
import type { Assembled, Copy } from './assembly.ts';
import { keptFirst, notedTolls, notesGeneration } from './reuse.ts';
import { CliError } from './errors.ts';
import { plural } from '../common/plural.ts';
import { flatString } from './flat-string.ts';
import { decodeExtraction, encodeExtraction } from './extract-cache.ts';
import type { ExtractionCache } from './extract-cache.ts';
import { StampWriter } from './stamp-file.ts';
import type { CachedExtraction } from './extract-cache.ts';
import { listArticles, readArticleFileQuickly, swapFilesAtomically } from './files.ts';
import { articleProblems, inWindows, parseSlot, READ_AHEAD, readPending, readSlotAgain } from './article-slots.ts';
import type { ArticleSlot } from './article-slots.ts';
import type { FileContent } from './files.ts';
import { articleKey, deriveFingerprint } from './derive-inputs.ts';
import { batchSize, defaultWorkers, ExtractionPool, WORKER_THRESHOLD } from './derive-workers.ts';
import { fileHash } from './file-hash.ts';
import type { DeriveOptions } from './derive-inputs.ts';
import { makeStamp, reusableFiles } from './previous-datasets.ts';
import type { FileDigest } from './previous-datasets.ts';
import { createProgress } from './progress.ts';
import { alreadySent, earlyPool, sendUnnoted } from './early-articles.ts';
import { compare } from '../common/compare.ts';
import { followedBy } from './followed-by.ts';
import { startRun } from './derive-run.ts';
import type { DeriveEffects, Run } from './derive-run.ts';

/** The file beside the datasets that says what the last derive changed. */
export type { DeriveEffects } from './derive-run.ts';

export const CHANGES_FILE = 'CHANGES.md';

export interface DeriveSummary {
  articles: number;
  /** Of which extracted (the others came from the extraction cache). */
  extracted: number;
  /** Of which copied from the datasets that were there (their rows as they were: reuse.ts). */
  copied: number;
  casualties: number;
  reactions: number;
  /**
   * Extraction notes and review warnings (errors stop the derive instead),
   * made anew article by article each time they are read: the notes of a
   * large story (210,000 at 100,000 synthetic articles) are never all held
   * at once, as VFileMessages some 80 MB of them.
   */
  diagnostics: Iterable<VFileMessage>;
  changes: Changes;
  review: ReviewOutcome['counts'];
  /**
   * Resolves once the files the new datasets replaced, and their stamp, are
   * gone from the disk; never rejects. A derive ends as soon as its own files
   * are in place: a large story's previous datasets, hundreds of megabytes,
   * take the disk a moment to free (some 150 ms for those of 10,000 articles
   * on a disk that discards what is freed), which the command spends
   * printing its summary. Node does not exit before.
   */
  freed: Promise<void>;
}

const defaultProgress = (total: number) =>
  createProgress(total, { stream: process.stderr, unit: 'articles', label: 'Deriving' });

/** Up to this many articles not noted by the last derive are looked up in the cache one by one, rather than by listing it (its shard folders). */
const FEW_UNNOTED = 256;

/**
 * Up to this many articles to extract, each one's cache entry is also kept
 * for the assembly, which then does not wait for it to be written to the
 * cache: when an article is added to thousands, Node's file system threads
 * are copying the previous datasets (dataset-writer.ts), and the entry's
 * writes waited behind them, up to some 120 ms. (More are assembled from the
 * cache, so that the entries of a large story are never all held.)
 */
const KEPT_ENTRIES = 64;

/** Derives and writes; throws CliError (writing nothing) when any input is bad. */
export async function derive(options: DeriveOptions, effects: DeriveEffects = {}): Promise<DeriveSummary> {
  const listing = await listArticles(options.articles);
  const names = 'names' in listing ? listing.names : [];
  const early = earlyPool(names.length, effects.workers, effects.workerBundle);
  let sources: Sources;
  try {
    sources = await readSources(options);
  } catch (error) {
    await early?.pool.terminate();
    throw error;
  }
  const run = await startRun(options, effects, sources, early);
  try {
    const image = { read: run.image, keep: !run.temporaryCache };
    const inputs = compileInputs(options, sources, run.knownInputs, run.validated, image);
    // Validated now: kept for the next derive of these inputs.
    if (!inputs.problem && !run.validated) run.stored.push(run.cache.putInputs(inputs.validated));
    const { slots, keyed } = await keyArticles(run, names);
    const pending = await extractPending(run, slots, inputs);
    // Hashed once the articles to extract are on their way: an article added to thousands reaches its worker sooner.
    const fingerprintHash = new FingerprintHash();
    for (const slot of keyed) fingerprintHash.add(`articles/${slot.name}`, slot.key);
    // Compiled here (the inputs are new, or this thread extracted): kept for the next derive of these inputs.
    const made = inputs.problem ? null : inputs.newImage();
    if (made) run.stored.push(run.cache.putGazetteerImage(made));
    const diagnostics = articleProblems(slots);
    if (diagnostics.some(isError)) {
      throw new CliError(
        `Cannot derive: ${plural(diagnostics.filter(isError).length, 'article problem')}; nothing was written`,
        diagnostics,
      );
    }
    if (inputs.problem) throw inputs.problem;
    const { codebook } = inputs;
    const review = options.review === null ? EMPTY_REVIEW : await loadReview(options.review, codebook);
    // Many articles on the workers: the assembly waits for them to end, so that their heaps and its own are never held at once (a large derive's peak).
    if (pending >= WORKER_THRESHOLD) await run.extracted();

    // 3. The datasets, article by article in id order: from the cache (an article extracted now once its entry is there), the review applied, written as they come, compared with the previous ones.
    const articles = slots.filter((s) => s.id !== null).sort((a, b) => compare(a.id!, b.id!));
    const { assembly, reviewProblems } = await assemble(run, articles, inputs, review);
    await run.extracted();
    const finished = run.changes!.finish();
    const { freed } = await writeDerived(run, codebook, assembly, finished, fingerprintHash);
    return {
      articles: articles.length,
      extracted: pending,
      copied: assembly.copied,
      casualties: finished.counts.after.casualties,
      reactions: finished.counts.after.reactions,
      // The derive itself never needs them: the CLI prints them, the report only the warnings and errors.
      diagnostics: followedBy(assembly.diagnostics(), reviewProblems),
      changes: finished,
      review: assembly.reviewCounts,
      freed,
    };
  } finally {
    await run.close();
  }
}

/**
 * 1. Every article's key (its bytes hashed, one window at a time, none kept;
 * or as noted, for a file that is the one noted): the cache's key and the
 * fingerprint's.
 */
async function keyArticles(
  run: Run,
  names: readonly string[],
): Promise<{ slots: ArticleSlot[]; keyed: ArticleSlot[] }> {
  const { index } = run;
  const slots: ArticleSlot[] = names.map((name) => ({
    name,
    path: flatString(join(run.options.articles, name)),
    key: '',
    problems: [],
    claimed: null,
    id: null,
  }));
  if (run.pool) await sendUnnoted(slots, index, run.cache, run.pool);
  const notedArticles = (run.notedArticles = run.readNotes?.() ?? null);
  // The files that are the ones noted are keyed at once; only the others are read, a window at a time.
  const toRead: ArticleSlot[] = [];
  for (const slot of slots) {
    const key = index.known(slot.name, slot.path);
    if (key === null) toRead.push(slot);
    else slot.key = key;
  }
  await inWindows(
    toRead,
    READ_AHEAD,
    (slot) => readArticleFileQuickly(slot.path),
    (slot, read) => {
      if (!(read instanceof Uint8Array)) slot.problems = [read];
      else index.note(slot.name, (slot.key = articleKey(slot.name, read)));
    },
  );
  const unnoted: ArticleSlot[] = [];
  // The articles read without a problem, which the fingerprint takes (their keys).
  const keyed = slots.filter((slot) => slot.problems.length === 0);
  for (const slot of keyed) {
    // An article whose rows the datasets hold as they are (or a cached article parsed under this name, below): its id is its name.
    const id = slot.name.slice(0, -3);
    if (notedArticles?.[id]?.key === slot.key) slot.id = slot.claimed = id;
    else unnoted.push(slot);
  }
  // Looked up one by one when they are few (an article added): listing every entry of the cache took some 100 ms of such a derive.
  const known = unnoted.length > FEW_UNNOTED ? await run.cache.keys() : null;
  for (const slot of unnoted)
    if (known ? known.has(slot.key) : run.cache.has(slot.key)) slot.id = slot.claimed = slot.name.slice(0, -3);
  return { slots, keyed };
}

/**
 * 2. The articles neither cached nor noted read again, parsed, and handed to
 * the extraction: on worker threads when there are many (or when a worker was
 * started early), else here. Each one's `stored` says whether its cache entry
 * is there to assemble yet. How many.
 */
async function extractPending(run: Run, slots: ArticleSlot[], inputs: CompiledInputs): Promise<number> {
  const { effects, cache } = run;
  const pending = slots.filter((s) => s.problems.length === 0 && s.id === null);
  const progress = (run.progress = (effects.progress ?? defaultProgress)(
    slots.filter((s) => s.id !== null).length + pending.length,
  ));
  // A slot's name is its path from the articles folder (a file in it, as listed): what the progress shows.
  for (const slot of slots) if (slot.id !== null) progress.tick(slot.name);
  const keep = pending.length <= KEPT_ENTRIES;
  const ready = (slot: ArticleSlot): void => {
    slot.stored = true;
    slot.waiting?.();
  };
  const store = (slot: ArticleSlot, entry: Uint8Array | null): void => {
    if (entry === null) slot.invalid = true;
    else if (keep) {
      slot.entry = entry;
      ready(slot);
    }
    const stored = entry === null ? Promise.resolve() : cache.put(slot.key, entry);
    if (entry !== null) run.stored.push(stored);
    void stored.then(() => ready(slot));
    progress.tick(slot.name);
  };
  const pool = workerPool(run, inputs, pending.length);
  if (pool) {
    pool.each(store);
    // The worker parses the article again from its bytes: this thread keeps none of its text (see derive-workers.ts).
    await readPending(pending, async (slot, _article, bytes) => {
      if (alreadySent(slot)) return;
      slot.stored = false;
      pool.add(slot, { path: slot.path, bytes });
      await pool.ready();
    });
    // Every article is in: the last batch goes out, short as it may be.
    pool.close();
  } else {
    await readPending(pending, (slot, article) => {
      if (inputs.problem === null) {
        slot.stored = false;
        store(slot, encodeExtraction(article, prepareArticle(article, inputs.gazetteer())));
      }
    });
  }
  return pending.length;
}

/** Resolves once the slot's cache entry is there for the assembly (`stored`); rejects when the pool fails first (a worker that fails stops the assembly waiting for it). */
function whenStored(slot: ArticleSlot, pool: ExtractionPool<ArticleSlot> | undefined): Promise<void> | void {
  if (slot.stored !== false) return;
  return new Promise<void>((resolve, reject) => {
    slot.waiting = resolve;
    pool?.done.catch(reject);
  });
}

/** The pool the pending articles go to (the one started early, grown for many), or null to extract them here. */
function workerPool(run: Run, inputs: CompiledInputs, pending: number): ExtractionPool<ArticleSlot> | null {
  const { options, effects } = run;
  const workers = Math.min(effects.workers ?? defaultWorkers(pending), pending);
  const input = workerInput(inputs, options.home, inputs.problem ? null : inputs.validated, run.image);
  if (inputs.problem || !input || pending === 0 || (workers < 2 && !run.pool)) {
    if (run.pool) run.retired = run.pool.terminate();
    delete run.pool;
    return null;
  }
  const size = batchSize(pending, workers);
  const pool = (run.pool ??= new ExtractionPool(input, workers, size, {
    bundle: effects.workerBundle,
    reread: readSlotAgain,
  }));
  // The one started early: as many workers as the articles now call for, and their batch size.
  pool.size = size;
  pool.grow(workers);
  return pool;
}

/** 3. The datasets written article by article (assembly.ts), and the review's problems, which stop the derive when any is an error. */
async function assemble(
  run: Run,
  articles: readonly ArticleSlot[],
  inputs: Compiled,
  review: Review,
): Promise<{ assembly: Assembly; reviewProblems: VFileMessage[] }> {
  const { options, cache } = run;
  const before = await run.previous;
  const changes = (run.changes = new ChangesBuilder(before !== null));
  const notes = run.notedArticles;
  const copyable = notes && reusableFiles(before, run.replaces);
  const writer = (run.writer = await DatasetFilesWriter.open(
    options.out,
    copyable,
    copyable ? keptFirst(articles, copyable.ranges.articles, notes) : 0,
  ));
  const reviewFile = new VFile(options.review === null ? {} : { path: options.review });
  const stamp = (run.stampWriter = run.temporaryCache ? null : new StampWriter(run.stamp));
  const assembly = new Assembly(inputs, review, reviewFile, writer, changes, before, copyable && notes, (id, note) =>
    stamp?.note(id, note),
  );
  const items = copyRuns(articles, assembly);
  assembly.seedTolls(before?.stamp?.reuse?.tolls, items);
  // The article after each run of copies.
  const after = new Map<Copy[], ArticleSlot>();
  items.forEach((item, i) => {
    const next = items[i + 1];
    if (Array.isArray(item) && next && !Array.isArray(next)) after.set(item, next);
  });
  await inWindows(
    items,
    READ_AHEAD,
    async (item): Promise<Assembled | null> => {
      if (Array.isArray(item)) return null;
      await whenStored(item, run.pool);
      return await extraction(item, cache, inputs.gazetteer);
    },
    async (item, assembled) => {
      if (!Array.isArray(item)) return assembly.queue({ id: item.id!, path: item.path, key: item.key }, assembled!);
      await assembly.copy(item);
      // The assembly would only wait for that article, still being extracted: the tolls' rows are read meanwhile.
      if (after.get(item)?.stored === false) await assembly.settleTolls();
    },
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
  return { assembly, reviewProblems };
}

/** The datasets, CHANGES.md, the data package and the manifest swapped in together; then the stamp of what was written, for the next derive. The previous files are still being removed (`freed`). */
async function writeDerived(
  run: Run,
  codebook: Codebook,
  assembly: Assembly,
  finished: Changes,
  fingerprintHash: FingerprintHash,
): Promise<{ freed: Promise<void> }> {
  const { options, cache, writer } = run;
  // The cache's bookkeeping, while the files' hashes are finished: after the swap, the disk is busy freeing the previous files.
  const othersRemoved = cache.removeOthers();
  // Awaited below; a derive that stops before must not leave its failure unhandled.
  othersRemoved.catch(() => undefined);
  const ranges = writer!.ranges;
  // The notes of the articles are in the stamp already, written as they were assembled; its ranges and file notes,
  // final now, are written while the files go to the disk, which this thread mostly waits for.
  const reuse = {
    generation: notesGeneration(cache.generation),
    files: run.index.notes,
    articles: {},
    tolls: notedTolls(finished.tolls),
  };
  const files = await writer!.end(() => run.stampWriter?.begin({ ranges, reuse }));
  const out = new Map<string, FileContent>([...files].map(([name, file]) => [name, { from: file.path }]));
  out.set(CHANGES_FILE, formatChangesMarkdown(finished));
  // The datasets described (datapackage.ts): it belongs with them, so its hash is in the manifest.
  const description = dataPackage(
    options.story ?? { name: null, title: null, description: null },
    assembly.sources,
    vocabularies(codebook),
  );
  out.set(DATA_PACKAGE, description);
  // Every article was read (an unreadable one stopped the derive above). The
  // manifest comes last, with the hash of every other file: it is swapped in
  // last, and a folder whose files do not match it is never reused.
  // CHANGES.md, a note for the editors that depends on what was there before, is left out: the datasets are what must belong together.
  const inputs = await deriveFingerprint(options, fingerprintHash);
  const digests: Record<string, FileDigest> = {
    ...Object.fromEntries(files),
    [DATA_PACKAGE]: { hash: fileHash(description) },
  };
  const manifest = serializeManifest({
    inputs,
    files: Object.fromEntries(Object.entries(digests).map(([name, { hash }]) => [name, hash])),
  });
  out.set(MANIFEST, manifest);
  await othersRemoved;
  const { backupsRemoved } = await swapFilesAtomically(options.out, out);
  run.writer = null;
  const stampReplaced = run.stampWriter?.finish(makeStamp(options.out, manifest, digests, ranges, reuse));
  run.stampWriter = null;
  // Awaited by no one here (see DeriveSummary.freed).
  return { freed: Promise.all([backupsRemoved, stampReplaced]).then(() => undefined) };
}

/** An article's extraction: from the cache, or extracted here (a row that fails its schema, a cache entry gone or damaged). */
async function extraction(
  slot: ArticleSlot,
  cache: ExtractionCache,
  gazetteer: () => Gazetteer,
): Promise<CachedExtraction & { prepared?: PreparedArticle }> {
  if (!slot.invalid) {
    const cached = slot.entry ? decodeExtraction(slot.entry) : cache.get(slot.key);
    delete slot.entry;
    if (cached) return cached;
  }
  // The very bytes keyed: a file changed since stops the derive at it (readSlotAgain).
  const article = parseSlot(slot, await readSlotAgain(slot));
  if (!article)
    throw new CliError(
      `Cannot derive: ${plural(slot.problems.length, 'article problem')}; nothing was written`,
      slot.problems,
    );
  const prepared = prepareArticle(article, gazetteer());
  const entry = encodeExtraction(article, prepared);
  if (entry) {
    // An entry damaged on the disk is written again, or every later derive would extract the article anew.
    await cache.put(slot.key, entry);
    return decodeExtraction(entry)!;
  }
  const written = Object.fromEntries(
    DATASET_NAMES.map((name) => [name, { json: prepared[name].json, csv: prepared[name].csv }]),
  ) as CachedExtraction['written'];
  const counts = Object.fromEntries(
    DATASET_NAMES.map((name) => [name, prepared[name].rows.length]),
  ) as CachedExtraction['counts'];
  const diagnostics = serialMessages(article, prepared.messages);
  return { id: article.meta.id, counts, written, diagnostics, tolls: [], prepared };
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
