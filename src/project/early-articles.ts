// A derive's early worker (earlyPool), started as soon as the articles are
// listed, and the articles it can start on before the others are looked at.
// An article the last derive did not note (one added to the story) is read,
// parsed and, when the extraction cache does not have it, posted at once
// (the worker takes it once it knows its input); the derive then reads its
// notes and stats every other file (some 150 ms for 10,000) while the worker
// starts. The derive keys and parses it again as any other, and posts it
// only if it was not sent or was sent with other bytes; an article changed
// between the two reads stops the derive, as readSlotAgain does.
import type { ArticleSlot } from './article-slots.ts';
import { parseArticleBytes } from '../articles/article.ts';
import { changedWhileRead, readSlotAgain } from './article-slots.ts';
import { articleKey } from './derive-inputs.ts';
import { ExtractionPool, WORKER_THRESHOLD } from './derive-workers.ts';
import type { WorkerInput } from './derive-workers.ts';
import type { ExtractionCache } from './extract-cache.ts';
import { readArticleFileQuickly } from './files.ts';
import type { FileIndex } from './reuse.ts';

/** The early worker and what it is told, once this thread knows it (see earlyPool). */
export interface EarlyPool {
  pool: ExtractionPool<ArticleSlot>;
  inform(input: WorkerInput): void;
}

/**
 * A worker started before anything but the listing, when the derive runs from the
 * bundle (`bundle`) and on workers (`workers` asked for, or by default for a
 * large story): when a few articles are added to thousands, it starts and
 * extracts them while the derive keys the articles and copies the others'
 * rows, which on one thread come one after the other. It starts while the
 * derive works out its input (the inputs' files, what the cache has of
 * them), which it is then sent (`inform`). Null otherwise (through tsx a
 * worker takes longer to start than a few articles take to extract).
 */
export function earlyPool(articles: number, workers: number | undefined, bundle: string | undefined): EarlyPool | null {
  if (!bundle || (workers ?? (articles >= WORKER_THRESHOLD ? 2 : 1)) < 2) return null;
  let inform!: (input: WorkerInput) => void;
  const input = new Promise<WorkerInput>((resolve) => (inform = resolve));
  return { pool: new ExtractionPool<ArticleSlot>(input, 1, 1, { bundle, reread: readSlotAgain }), inform };
}

/** More articles than this not noted (a first derive, a story moved) are left to the derive's own pass. */
const FEW = 16;

/** Posts the few articles the last derive did not note, readable, parsed and not in the cache; each one's `sent` is the key of the bytes posted. */
export async function sendUnnoted(
  slots: readonly ArticleSlot[],
  index: FileIndex,
  cache: ExtractionCache,
  pool: ExtractionPool<ArticleSlot>,
): Promise<void> {
  const unnoted = slots.filter((slot) => !index.has(slot.name));
  if (unnoted.length === 0 || unnoted.length > FEW) return;
  for (const slot of unnoted) {
    const bytes = await readArticleFileQuickly(slot.path);
    if (!(bytes instanceof Uint8Array)) continue;
    if (!parseArticleBytes(bytes, slot.path).parsed.article) continue;
    const key = articleKey(slot.name, bytes);
    if (cache.has(key)) continue;
    slot.sent = key;
    slot.stored = false;
    pool.add(slot, { path: slot.path, bytes });
  }
}

/** Whether the article was posted already with the bytes the derive keyed; throws, at the file, when it changed since it was posted. */
export function alreadySent(slot: ArticleSlot): boolean {
  if (slot.sent === undefined) return false;
  if (slot.sent !== slot.key) throw changedWhileRead(slot);
  return true;
}
