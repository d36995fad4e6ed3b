// One derive's run: its extraction cache, what the last derive noted of the
// datasets it replaces (their stamp), and what must be closed or removed
// however the derive ends. derive.ts takes it through its steps.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChangesBuilder } from '../datasets/changes.ts';
import type { DatasetFilesWriter } from './dataset-writer.ts';
import type { DeriveOptions } from './derive-inputs.ts';
import { extractionInputsHash } from './derive-inputs.ts';
import type { ExtractionPool } from './derive-workers.ts';
import type { EarlyPool } from './early-articles.ts';
import { cacheRoot, ExtractionCache } from './extract-cache.ts';
import { workerInput } from './extraction-inputs.ts';
import type { Sources, ValidatedInputs } from './extraction-inputs.ts';
import type { ArticleSlot } from './article-slots.ts';
import { openPreviousDatasets, stampedFilesThere, stampPath } from './previous-datasets.ts';
import type { PreviousDatasets } from './previous-datasets.ts';
import type { Progress } from './progress.ts';
import { FileIndex, notesGeneration } from './reuse.ts';
import type { ArticleNote } from './reuse.ts';
import { readStampFirst } from './stamp-file.ts';
import type { StampWriter } from './stamp-file.ts';

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

/** One derive's state: its cache, what the last derive noted, and what must be closed or removed however it ends. */
export interface Run {
  options: DeriveOptions;
  effects: DeriveEffects;
  cache: ExtractionCache;
  temporaryCache: string | null;
  stamp: string;
  /** The folder of the datasets this derive replaces (DeriveOptions.replaces, or `out`). */
  replaces: string;
  /** The datasets this derive replaces, looked over (not read) while the articles are read. */
  previous: Promise<PreviousDatasets | null>;
  index: FileIndex;
  /** The gazetteer and codebook as the last derive of these inputs validated them (ValidatedInputs), or null. */
  validated: ValidatedInputs | null;
  /** The gazetteer as a derive of these inputs compiled it (gazetteer-image.ts), or null. */
  image: Uint8Array | null;
  /**
   * The last derive's notes of articles whose rows it copied or took from the
   * cache (reuse.ts); null when of other extraction inputs, or until read
   * (once the articles added are on their way: keyArticles).
   */
  notedArticles: Record<string, ArticleNote> | null;
  /**
   * Reads those notes (once); null when the last derive noted its articles
   * with other extraction inputs, or its datasets are not there as it wrote
   * them (removed, moved, edited): the notes then serve to copy nothing, and
   * their bytes go at once (some 85 MB for 100,000 articles).
   */
  readNotes: (() => Record<string, ArticleNote>) | null;
  /** Whether the last derive noted its articles with these very extraction inputs (compileInputs' `known`). */
  knownInputs: boolean;
  progress?: Progress;
  pool?: ExtractionPool<ArticleSlot>;
  /** The pool started early and not needed, stopping. */
  retired?: Promise<void>;
  stored: Promise<void>[];
  writer?: DatasetFilesWriter | null;
  /** The stamp of the datasets being written, its notes of articles written as they are assembled (none with a temporary cache). */
  stampWriter?: StampWriter | null;
  changes?: ChangesBuilder;
  /** Waits for the extraction to end (the workers, the cache's writes); the same promise each time. */
  extracted(): Promise<void>;
  close(): Promise<void>;
}

/** The run; the early worker (earlyPool), if any, is sent its input as soon as the cache says what it has of these inputs, or stopped when there is none. */
export async function startRun(
  options: DeriveOptions,
  effects: DeriveEffects,
  sources: Sources,
  early: EarlyPool | null,
): Promise<Run> {
  let pool = early?.pool ?? null;
  let temporaryCache: string | null = null;
  try {
    temporaryCache = effects.cache === null ? await mkdtemp(join(tmpdir(), 'newsbook-extract-')) : null;
    const cache = new ExtractionCache(
      temporaryCache ?? effects.cache ?? cacheRoot(options.code),
      await extractionInputsHash(options),
    );
    const [validated, image] = await Promise.all([cache.inputs(), cache.gazetteerImage()]);
    const input = workerInput(sources, options.home, validated, image);
    if (input) early?.inform(input);
    else if (pool) {
      // No base gazetteer or codebook: the derive says so later; the worker has nothing to start from.
      await pool.terminate();
      pool = null;
    }
    return await newRun(options, effects, { cache, temporaryCache, validated, image, pool });
  } catch (error) {
    await pool?.terminate();
    if (temporaryCache) await rm(temporaryCache, { recursive: true, force: true });
    throw error;
  }
}

async function newRun(
  options: DeriveOptions,
  effects: DeriveEffects,
  started: Pick<Run, 'cache' | 'temporaryCache' | 'validated' | 'image'> & { pool: ExtractionPool<ArticleSlot> | null },
): Promise<Run> {
  const { cache, temporaryCache, validated, image, pool } = started;
  const replaces = options.replaces ?? options.out;
  // The stamp of the datasets replaced is read; this derive's is written for `out` (moveStamp follows the files).
  const stamp = stampPath(cache.root, options.out);
  const read = await readStampFirst(stampPath(cache.root, replaces));
  const noted = read?.stamp ?? null;
  const knownInputs = noted?.reuse?.generation === notesGeneration(cache.generation);
  const previous = openPreviousDatasets(replaces, noted);
  previous.catch(() => undefined);
  let ended: Promise<void> | undefined;
  const run: Run = {
    options,
    effects,
    cache,
    temporaryCache,
    validated,
    image,
    stamp,
    previous,
    index: new FileIndex(noted?.reuse?.files),
    notedArticles: null,
    // Notes of other extraction inputs, or of datasets no longer there as written, are never read, nor their bytes kept.
    readNotes: knownInputs && stampedFilesThere(replaces, noted!) ? read!.notes : null,
    knownInputs,
    replaces,
    ...(pool ? { pool } : {}),
    stored: [],
    extracted() {
      ended ??= (async () => {
        if (run.pool) {
          run.pool.close();
          await run.pool.done;
        }
        await Promise.all(run.stored);
        run.progress?.done();
      })();
      return ended;
    },
    async close() {
      if (run.pool) await run.pool.terminate();
      await run.retired;
      if (run.writer) await run.writer.abort();
      run.stampWriter?.abort();
      await (await previous.catch(() => null))?.close().catch(() => undefined);
      if (temporaryCache) await rm(temporaryCache, { recursive: true, force: true });
    },
  };
  return run;
}
