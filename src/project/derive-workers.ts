// Extraction on every core for large corpora. Extracting an article is pure
// and independent of the others (prepareArticle), so articles are sent in
// batches to worker threads (derive-worker.ts), each batch as soon as it is
// read (only the articles the extraction cache does not have): the workers
// start (about 0.5 s from their bundle, 1–1.5 s through tsx: loading the
// extraction code, compiling the gazetteer) while this thread lists and reads
// the articles, and extract while it reads the rest. An article goes as its
// file's bytes, which the worker parses again (some 30 µs): this thread then
// holds none of its text once the batch is posted. Articles kept here until
// their worker replied lived long enough to be promoted to the old generation
// and died there: at 10,000 articles this thread's heap grew to 120 MB of
// them now and then, some 70 MB above its usual, before a late full
// collection. Each worker validates and writes the rows it extracts (see
// src/datasets/prepare.ts) and hands them back as one cache entry
// (extract-cache.ts), moved without a copy; this thread stores it and keeps
// nothing: the datasets are assembled from the cache, in order.
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { GazetteerSource } from '../extract/gazetteer.ts';
import type { ValidatedInputs } from './extraction-inputs.ts';
import { startTsWorker } from './ts-worker.ts';

/**
 * The worker's code: its bundle when the command runs from one
 * (scripts/bundled.mjs makes both and says where it is), which starts in a
 * fraction of the time; else the TypeScript module beside this one.
 */
function startWorker(input: WorkerInput | null, bundle: string | undefined, heapMb: number | null): Worker {
  const limits = heapMb === null ? WORKER_LIMITS : { ...WORKER_LIMITS, maxOldGenerationSizeMb: heapMb };
  // The bundle is plain JavaScript: this process's flags (a TypeScript loader, when it runs through tsx) would only slow its start.
  if (bundle) return new Worker(pathToFileURL(bundle), { workerData: input, resourceLimits: limits, execArgv: [] });
  return startTsWorker(new URL('./derive-worker.ts', import.meta.url), input, limits);
}

/**
 * Below this many articles extraction stays on this thread. Warmed up, two
 * cores extract nearly twice as fast as one, but each worker warms up on its
 * own: it takes time to start, and its JIT spends seconds of CPU time
 * optimizing the extraction while its first articles run at half speed, so
 * the second core only pays from about here. Measured on the 2-core
 * machine, in-process vs two workers: 300 articles 3.0 vs 3.1–3.2 s;
 * 1,000: 6.4–7.3 s vs 6.7–7.4 s (CPU time 8.3–9.4 vs 12.8–14.3 s); 10,000
 * took 31–35 s with workers, against some 50 s at the in-process cost of
 * an article.
 */
export const WORKER_THRESHOLD = 2000;

/** What each worker starts from: the gazetteer files' text, which it compiles for itself (compiled objects cannot be posted). */
export interface WorkerInput {
  gazetteers: GazetteerSource[];
  /** The codebook files' text: the stances the cues are of, the measures counted. */
  codebooks: GazetteerSource[];
  /** The story's home country (see withHome). */
  home: string | null;
  /** The files as a derive of the same inputs validated them (extraction-inputs.ts): compiled without reading the YAML again. */
  validated?: ValidatedInputs;
  /** The gazetteer as a derive of the same inputs compiled it (gazetteer-image.ts): read rather than compiled. */
  image?: Uint8Array;
}

/** An article to extract: its file's path (the article's, and its messages') and bytes, which parse as an article. */
export interface ArticleFile {
  path: string;
  bytes: Uint8Array;
}

export interface WorkerTask {
  batch: number;
  files: ArticleFile[];
}

/** Each article's cache entry (encodeExtraction), null when one of its rows failed its schema. */
export type WorkerReply = { batch: number; entries: (Uint8Array | null)[] } | { batch: number; error: string };

/** Called once per extracted article (the item it was added as) with its cache entry. */
export type OnExtracted<T> = (item: T, entry: Uint8Array | null) => void;

export interface PoolOptions<T> {
  /** The worker's bundle, when the command runs from one. */
  bundle?: string | undefined;
  /** The workers' old generation (see WORKER_HEAP_MB); null for V8's own limit. */
  heapMb?: number | null;
  /**
   * An item's bytes again, for the batches of a worker that ran out of its
   * capped heap: they went to it and are not kept here. Rejects when they
   * are no longer the bytes added.
   */
  reread: (item: T) => Promise<Uint8Array>;
}

/** A batch sent: its items and their paths, to be read again if its worker is replaced. */
interface Batch<T> {
  items: T[];
  paths: string[];
}

export function defaultWorkers(articles: number): number {
  return articles >= WORKER_THRESHOLD ? availableParallelism() : 1;
}

/** Articles per batch for `articles` articles on `workers` workers. */
export function batchSize(articles: number, workers: number): number {
  // Small batches keep the cores evenly busy to the end; not so small that posting dominates.
  return Math.max(1, Math.min(32, Math.ceil(articles / (workers * 8))));
}

/**
 * A worker's young generation, kept small: the memory of a large derive is
 * mostly the workers' heaps. Measured on 10,000 synthetic articles, two
 * workers, the whole process's peak: 96 MB young generations 540–560 MB,
 * 16 MB 425 MB, 8 MB 402 MB, for the same CPU time (46 s) each time.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8 };

/**
 * A worker's old generation, capped: left to itself V8 lets a busy heap grow
 * to several times what it holds before it collects. Measured on 10,000
 * synthetic articles, two workers, the whole process's peak: 468 MB without
 * a cap, 368 MB with this one, for 4% more CPU time. A worker that still runs
 * out (a huge article) is replaced by one without the cap, which extracts
 * its batches again (ExtractionPool), so the cap costs memory, never an
 * article.
 */
export const WORKER_HEAP_MB = 64;

/** Batches a worker is given at a time: the next is there when it finishes one, whatever this thread is doing. */
const IN_FLIGHT = 2;

/**
 * A pool of extraction workers. Articles are added as they are read; `done`
 * gives every article's extraction once `close` says no more will come. Any
 * failure (a worker that cannot start or throws, or `onArticle` throwing)
 * rejects `done` and stops every worker.
 */
export class ExtractionPool<T> {
  /** Each worker there is, and its batches sent and not yet back. */
  private readonly sent = new Map<Worker, number[]>();
  private readonly pending: WorkerTask[] = [];
  private readonly batches: Batch<T>[] = [];
  private readonly finished: [T, Uint8Array | null][] = [];
  private waiting: (() => void)[] = [];
  private current: { items: T[]; files: ArticleFile[] } = { items: [], files: [] };
  private outstanding = 0;
  private closed = false;
  private settled = false;
  private onArticle: OnExtracted<T> | null = null;
  private readonly heapMb: number | null;
  /** Workers that ran out of their capped heap and were replaced. */
  replaced = 0;
  private resolve!: () => void;
  private reject!: (error: unknown) => void;
  /** Resolves once every article is extracted and handed to `each`, once closed; rejects on the first failure. */
  readonly done: Promise<void>;

  /** The workers' input, once known; until then they are started without it, and sent it first (derive-worker.ts). */
  private input: WorkerInput | null = null;
  /** Workers started before the input was known, to be sent it. */
  private readonly uninformed: Worker[] = [];

  constructor(
    /** What the workers start from, or the promise of it: a worker then starts while the derive works it out. */
    input: WorkerInput | Promise<WorkerInput>,
    count: number,
    /** Articles per batch (see batchSize); may change before the first article is added. */
    public size: number,
    private readonly options: PoolOptions<T>,
  ) {
    this.heapMb = options.heapMb === undefined ? WORKER_HEAP_MB : options.heapMb;
    this.done = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    // A caller that gives up first (a bad article) must not see an unhandled rejection.
    this.done.catch(() => undefined);
    if (input instanceof Promise) {
      input.then(
        (known) => {
          this.input = known;
          for (const worker of this.uninformed.splice(0)) worker.postMessage(known);
          this.dispatch();
        },
        (error: unknown) => this.fail(error),
      );
    } else this.input = input;
    this.grow(count);
  }

  /** Starts workers until there are `count`: a pool started early with one grows once the articles to extract are known. */
  grow(count: number): void {
    while (this.sent.size < count && !this.settled) this.start(this.heapMb);
  }

  private start(heapMb: number | null): void {
    const worker = startWorker(this.input, this.options.bundle, heapMb);
    if (!this.input) this.uninformed.push(worker);
    this.sent.set(worker, []);
    worker.on('message', (reply: WorkerReply) => this.receive(worker, reply));
    worker.on('error', (error: Error & { code?: string }) => {
      if (error?.code === 'ERR_WORKER_OUT_OF_MEMORY' && heapMb !== null) this.replace(worker);
      else this.fail(error);
    });
    worker.on('exit', (code) => {
      if (this.sent.has(worker))
        this.fail(new Error(`A derive worker stopped (exit code ${code}) before the extraction was done`));
    });
  }

  /** A worker that ran out of its capped heap: one without the cap takes its place and its batches, first, read again. */
  private replace(worker: Worker): void {
    const batches = this.sent.get(worker) ?? [];
    this.sent.delete(worker);
    if (this.settled) return;
    this.replaced += 1;
    this.start(null);
    const again = batches.map(async (batch): Promise<WorkerTask> => {
      const { items, paths } = this.batches[batch]!;
      const bytes = await Promise.all(items.map((item) => this.options.reread(item)));
      return { batch, files: paths.map((path, i) => ({ path, bytes: bytes[i]! })) };
    });
    Promise.all(again).then(
      (tasks) => {
        if (this.settled) return;
        this.pending.unshift(...tasks);
        this.dispatch();
      },
      (error: unknown) => this.fail(error),
    );
  }

  /** One more article to extract: `item` stands for it in `each`. */
  add(item: T, file: ArticleFile): void {
    if (this.closed) throw new Error('ExtractionPool: add after close');
    this.current.items.push(item);
    this.current.files.push(file);
    if (this.current.items.length >= this.size) this.flush();
  }

  /**
   * Resolves when the workers are short of articles: a caller that reads
   * faster than they extract waits here, so that the articles waiting are a
   * few batches, never the whole corpus.
   */
  async ready(): Promise<void> {
    while (this.pending.length >= this.sent.size && !this.settled)
      await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  /** No more articles: `done` resolves once those added are extracted. */
  close(): void {
    this.closed = true;
    this.flush();
    this.settle();
  }

  /** Called once per extracted article, those already done included (in the order they came back). */
  each(onArticle: OnExtracted<T>): void {
    this.onArticle = onArticle;
    try {
      for (const [item, entry] of this.finished.splice(0)) onArticle(item, entry);
    } catch (error) {
      this.fail(error);
    }
  }

  /** Stops every worker; `done` rejects if it has not resolved. */
  async terminate(): Promise<void> {
    this.fail(new Error('ExtractionPool: terminated'));
    await this.terminateAll();
  }

  private flush(): void {
    const { items, files } = this.current;
    if (items.length === 0) return;
    this.current = { items: [], files: [] };
    this.pending.push({ batch: this.batches.length, files });
    this.batches.push({ items, paths: files.map((file) => file.path) });
    this.outstanding += 1;
    this.dispatch();
  }

  private dispatch(): void {
    // To the worker with the fewest batches on hand, once the workers know what to extract with.
    while (this.pending.length > 0 && !this.settled && this.input) {
      let best: number[] | null = null;
      let to: Worker | null = null;
      for (const [worker, sent] of this.sent)
        if (sent.length < IN_FLIGHT && (best === null || sent.length < best.length)) [best, to] = [sent, worker];
      if (best === null || to === null) return;
      const task = this.pending.shift()!;
      best.push(task.batch);
      to.postMessage(task);
    }
    for (const resolve of this.waiting.splice(0)) resolve();
  }

  private receive(worker: Worker, reply: WorkerReply): void {
    if (this.settled) return;
    if ('error' in reply) return this.fail(new Error(`Extraction failed in a worker thread: ${reply.error}`));
    const sent = this.sent.get(worker);
    sent?.splice(sent.indexOf(reply.batch), 1);
    this.dispatch();
    const { items } = this.batches[reply.batch]!;
    this.batches[reply.batch] = { items: [], paths: [] };
    try {
      items.forEach((item, i) => {
        const entry = reply.entries[i] ?? null;
        if (this.onArticle) this.onArticle(item, entry);
        else this.finished.push([item, entry]);
      });
    } catch (error) {
      return this.fail(error);
    }
    this.outstanding -= 1;
    this.settle();
  }

  private settle(): void {
    if (!this.closed || this.outstanding > 0 || this.settled) return;
    this.settled = true;
    void this.terminateAll().then(() => this.resolve());
  }

  private async terminateAll(): Promise<void> {
    await Promise.all([...this.sent.keys()].map((w) => w.terminate()));
  }

  private fail(error: unknown): void {
    if (this.settled) return;
    this.settled = true;
    for (const resolve of this.waiting.splice(0)) resolve();
    void this.terminateAll().then(() => this.reject(error));
  }
}

/** Every article's cache entry (extract-cache.ts), in the order of `files`, on `count` workers. Rejects (stopping every worker) when one fails. */
export async function extractInWorkers(
  files: readonly ArticleFile[],
  input: WorkerInput,
  count: number,
  /** The first workers' old generation (see WORKER_HEAP_MB). */
  heapMb: number | null = WORKER_HEAP_MB,
): Promise<(Uint8Array | null)[]> {
  const pool = new ExtractionPool<number>(
    input,
    Math.max(1, Math.min(count, files.length)),
    batchSize(files.length, count),
    { heapMb, reread: async (i) => files[i]!.bytes },
  );
  const results: (Uint8Array | null)[] = files.map(() => null);
  pool.each((i, entry) => {
    results[i] = entry;
  });
  files.forEach((file, i) => pool.add(i, file));
  pool.close();
  await pool.done;
  return results;
}
