// The articles a derive's early worker (derive.ts: earlyPool) can start on
// before the others are looked at. An article the last derive did not note
// (one added to the story) is read, parsed and, when the extraction cache
// does not have it, posted at once; the derive then stats every other file
// (some 150 ms for 10,000) while the worker starts. The derive keys and
// parses it again as any other, and posts it only if it was not sent or was
// sent with other bytes; an article changed between the two reads stops the
// derive, as readSlotAgain does.
import type { ArticleSlot } from './article-slots.ts';
import { changedWhileRead, parseArticleBytes } from './article-slots.ts';
import { articleKey } from './derive-inputs.ts';
import type { ExtractionPool } from './derive-workers.ts';
import type { ExtractionCache } from './extract-cache.ts';
import { readArticleFileQuickly } from './files.ts';
import type { FileIndex } from './reuse.ts';

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
    const file = parseArticleBytes(bytes, slot.path);
    if (!('parsed' in file) || !file.parsed.article) continue;
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
