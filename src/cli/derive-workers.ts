// Extraction on every core for large corpora. Extracting an article is pure
// and independent of the others (deriveArticle), so the sorted articles are
// cut into batches that worker threads (derive-worker.ts) take one at a time;
// the rows come back, are put in article order and assembled on this thread
// exactly as deriveDatasets does, so the bytes are the same as in-process.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { Article } from '../articles/article.ts';
import { assembleDerived, deriveDatasets, sortArticles } from '../datasets/derive.ts';
import type { ArticleDerivation, DeriveDatasetsOptions, Derived } from '../datasets/derive.ts';
import type { Gazetteer } from '../extract/gazetteer.ts';
import { ROOT } from './paths.ts';
import { startTsWorker } from './ts-worker.ts';

// From the repository, not from this module: it may run from a bundle elsewhere (scripts/bundled.mjs).
const WORKER = pathToFileURL(join(ROOT, 'src/cli/derive-worker.ts'));

/**
 * Below this many articles extraction stays on this thread. A worker takes
 * 1–1.5 s to start (tsx, the extraction code, compiling the gazetteer) and
 * runs its first few hundred articles at half speed while its JIT warms up, so
 * the second core only pays from about here. Measured with `derive()` on the
 * 2-core machine, in-process vs two workers: 300 articles 5.7–6.4 s vs
 * 7.9–9.4 s; 1,000: 13.2–13.8 vs 13.8–15.1 s; 2,000: 23.6 vs 22.6 s;
 * 10,000: 105 vs 65 s.
 */
export const WORKER_THRESHOLD = 2000;

/** The gazetteer compiled here (for the review) and the text the workers compile it from: compiled objects cannot be posted. */
export interface GazetteerSource {
  gazetteer: Gazetteer;
  text: string;
  path: string;
}

export interface WorkerInput {
  gazetteerText: string;
  gazetteerPath: string;
}

export interface WorkerTask {
  batch: number;
  articles: Article[];
}

export type WorkerReply = { batch: number; derivations: ArticleDerivation[] } | { batch: number; error: string };

export interface ParallelDeriveOptions extends DeriveDatasetsOptions {
  /** Worker threads; by default one per core from WORKER_THRESHOLD articles, none below. 1 or less: in-process. */
  workers?: number | undefined;
}

export function defaultWorkers(articles: number): number {
  return articles >= WORKER_THRESHOLD ? availableParallelism() : 1;
}

/** deriveDatasets, with the extraction spread over worker threads when there are enough articles to pay for them. */
export async function deriveDatasetsInParallel(articles: readonly Article[], source: GazetteerSource, options: ParallelDeriveOptions = {}): Promise<Derived> {
  const workers = Math.min(options.workers ?? defaultWorkers(articles.length), articles.length);
  if (workers <= 1) return deriveDatasets(articles, source.gazetteer, options);
  const sorted = sortArticles(articles);
  const derivations = await extractInWorkers(sorted, source, workers, options.onArticle);
  return assembleDerived(sorted, derivations, source.gazetteer, options.review);
}

/** Every article's rows, in the order of `articles`. Rejects (stopping every worker) when one fails. */
export function extractInWorkers(articles: readonly Article[], source: Omit<GazetteerSource, 'gazetteer'>, count: number, onArticle?: (article: Article) => void): Promise<ArticleDerivation[]> {
  // Small batches keep the cores evenly busy to the end; not so small that posting dominates.
  const size = Math.max(1, Math.min(32, Math.ceil(articles.length / (count * 8))));
  const batches: Article[][] = [];
  for (let i = 0; i < articles.length; i += size) batches.push(articles.slice(i, i + size));
  const results: ArticleDerivation[][] = new Array<ArticleDerivation[]>(batches.length);
  const input: WorkerInput = { gazetteerText: source.text, gazetteerPath: source.path };
  const pool = Array.from({ length: Math.min(count, batches.length) }, () => startTsWorker(WORKER, input));
  let next = 0;
  let done = 0;
  let settled = false;

  return new Promise((resolve, reject) => {
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      void Promise.all(pool.map((worker) => worker.terminate())).then(() => (error === undefined ? resolve(results.flat()) : reject(error)));
    };
    const send = (worker: Worker) => {
      if (next >= batches.length) return;
      const task: WorkerTask = { batch: next, articles: batches[next]! };
      next += 1;
      worker.postMessage(task);
    };
    for (const worker of pool) {
      worker.on('message', (reply: WorkerReply) => {
        if (settled) return;
        if ('error' in reply) return finish(new Error(`Extraction failed in a worker thread: ${reply.error}`));
        results[reply.batch] = reply.derivations;
        try {
          for (const article of batches[reply.batch]!) onArticle?.(article);
        } catch (error) {
          return finish(error);
        }
        done += 1;
        if (done === batches.length) return finish();
        send(worker);
      });
      worker.on('error', (error) => finish(error));
      worker.on('exit', (code) => finish(new Error(`A derive worker stopped (exit code ${code}) before the extraction was done`)));
      send(worker);
    }
  });
}
