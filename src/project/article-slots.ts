// One article file as the derive goes through it (ArticleSlot): read,
// parsed, its problems gathered in file order; and the bounded read-ahead the
// derive goes through the articles with (inWindows).
import { parseArticleBytes } from '../articles/article.ts';
import type { Article } from '../articles/article.ts';
import { duplicateIdProblem } from '../articles/collection.ts';
import { reportAt } from '../common/problems.ts';
import type { VFileMessage } from '../common/problems.ts';
import { articleKey } from './derive-inputs.ts';
import { CliError } from './errors.ts';
import { readArticleFileQuickly } from './files.ts';

/** Articles read or their cache looked up at a time. */
export const READ_AHEAD = 32;

/** One article file as the derive goes through it. */
export interface ArticleSlot {
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
  /** Once handed to the extraction: whether its cache entry is there for the assembly (written to the cache, or kept: `entry`), or it was found invalid. */
  stored?: boolean;
  /** The assembly waiting for its entry (see `stored`). */
  waiting?: () => void;
  /** Its cache entry as extracted, kept for the assembly when only a few articles are (see derive.ts). */
  entry?: Uint8Array;
  /** The key of the bytes posted to the extraction before the derive looked at the other files (early-articles.ts). */
  sent?: string;
}

/** Reads, decodes and parses the articles not in the cache, in order, handing each good one over with its bytes. */
export async function readPending(
  slots: readonly ArticleSlot[],
  onArticle: (slot: ArticleSlot, article: Article, bytes: Uint8Array) => void | Promise<void>,
): Promise<void> {
  await inWindows(
    slots,
    READ_AHEAD,
    (slot) => readArticleFileQuickly(slot.path),
    async (slot, read) => {
      const parsed = parseSlot(slot, read);
      if (parsed) await onArticle(slot, parsed, read as Uint8Array);
    },
  );
}

/** A slot's file read again, for a worker that must extract it again (ExtractionPool); rejects, at the file, when it changed meanwhile. */
export async function readSlotAgain(slot: ArticleSlot): Promise<Uint8Array> {
  const read = await readArticleFileQuickly(slot.path);
  if (read instanceof Uint8Array && articleKey(slot.name, read) === slot.key) return read;
  throw changedWhileRead(slot);
}

/** The error of an article whose bytes are not those the derive read before. */
export function changedWhileRead(slot: ArticleSlot): CliError {
  const problem = reportAt(
    slot.path,
    'error',
    'Unexpected change to the article while the derive read it: expected it to stay as it was until the derive ends',
    { line: 1, column: 1 },
    'article-changed',
  );
  return new CliError('Cannot derive: an article changed while it was read; nothing was written (derive again)', [
    problem,
  ]);
}

export function parseSlot(slot: ArticleSlot, read: Uint8Array | VFileMessage): Article | null {
  if (!(read instanceof Uint8Array)) {
    slot.problems = [read];
    return null;
  }
  const { parsed, claimedId } = parseArticleBytes(read, slot.path);
  slot.claimed = claimedId;
  if (!parsed.article) {
    slot.problems = parsed.problems;
    return null;
  }
  slot.id = parsed.article.meta.id;
  return parsed.article;
}

/** Every file's problems, in file order, a claimed id another file owns named as a duplicate (as ArticleFilesReader does). */
export function articleProblems(slots: readonly ArticleSlot[]): VFileMessage[] {
  const owners = new Map<string, string>();
  for (const slot of slots) {
    const id = slot.claimed;
    if (id !== null && (!owners.has(id) || slot.name === `${id}.md`)) owners.set(id, slot.path);
  }
  return slots.flatMap((slot) =>
    slot.problems.map((problem) => duplicateIdProblem(problem, slot.path, slot.claimed, owners)),
  );
}

/**
 * `work` on every item, up to `width` at a time, and `then` on each result in
 * the items' order (awaited before the window moves on): a bounded read-ahead.
 */
export async function inWindows<T, R>(
  items: readonly T[],
  width: number,
  work: (item: T) => Promise<R>,
  then: (item: T, result: R) => void | Promise<void>,
): Promise<void> {
  const running: Promise<R>[] = [];
  let next = 0;
  for (let i = 0; i < items.length; i += 1) {
    while (next < items.length && next < i + width) {
      const result = work(items[next++]!);
      // Each is awaited in turn below, its failure thrown then; one that fails while an earlier one is awaited, or
      // after the first failure ended the loop, would otherwise be an unhandled rejection (which stops Node).
      result.catch(() => undefined);
      running.push(result);
    }
    await then(items[i]!, await running.shift()!);
  }
}
