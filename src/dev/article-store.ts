// The story's articles as the preview holds them: each file's last good
// version, its rows as extracted and as reviewed, and its problems. An edit
// re-derives that article alone, and the review applies article by article,
// exactly as the derive applies it to the whole datasets.
import { basename } from 'node:path';
import { VFile } from 'vfile';
import { parseArticleBytes } from '../articles/article.ts';
import type { Article } from '../articles/article.ts';
import type { Review } from '../datasets/review.ts';
import type { CasualtyRow, ReactionRow } from '../datasets/schema.ts';
import type { Gazetteer } from '../extract/gazetteer.ts';
import type { Message } from '../extract/types.ts';
import type { VFileMessage } from '../common/problems.ts';
import { articleMessages } from '../datasets/article-messages.ts';
import { readArticleFile } from '../project/files.ts';
import { at } from './editor-files.ts';
import { loadExtraction } from './extraction.ts';
import type { PreviewCache } from './preview-cache.ts';
import { compare } from '../common/compare.ts';

export interface Rows {
  casualties: CasualtyRow[];
  reactions: ReactionRow[];
}

export interface ArticleEntry {
  path: string;
  bytes: Buffer;
  /** The last version that parsed. */
  article: Article | null;
  /** Its rows as extracted, before the review: null when they came from the derived datasets. */
  raw: Rows | null;
  /** Its rows with the review applied: what the page shows. */
  rows: Rows | null;
  /** Problems of the file as it is now (the last good rows stay in the page meanwhile). */
  problems: VFileMessage[];
  /** The review's entries for this article that cannot be applied, or match no row. */
  reviewProblems: VFileMessage[];
}

/** What reading a file did: nothing, the file is gone (`removed`: it had rows), or it is new or changed. */
export type ReadOutcome = { kind: 'same' } | { kind: 'gone'; removed: boolean } | { kind: 'read'; entry: ArticleEntry };

/** What the review needs: the gazetteer (actor types), the review, and its file for the problems' places. */
export interface ReviewInput {
  gazetteer: Gazetteer;
  review: Review | null;
  path: string;
}

export class ArticleStore {
  readonly #entries = new Map<string, ArticleEntry>();

  /** `cache`: the derive's extraction cache, to read articles from and put them in. */
  constructor(readonly cache: PreviewCache | null = null) {}

  /** Every entry, in file order. */
  all(): ArticleEntry[] {
    return [...this.#entries.values()].sort((a, b) => compare(a.path, b.path));
  }

  /** The articles' bodies by id, for checking quotes. */
  bodies(): Map<string, string> {
    return new Map(this.all().flatMap((e) => (e.article ? [[e.article.meta.id, e.article.body] as const] : [])));
  }

  /** Reads one article file and parses it; a file that no longer parses keeps its last good rows. */
  async read(path: string): Promise<ReadOutcome> {
    const key = basename(path, '.md');
    const entry = this.#entries.get(key);
    // Only a regular file is read: a FIFO, a folder or a link to a device is a problem at its path, never a wait.
    const read = await readArticleFile(path);
    if (!(read instanceof Uint8Array) && read.ruleId === 'article-missing') {
      if (!entry) return { kind: 'same' };
      this.#entries.delete(key);
      return { kind: 'gone', removed: entry.rows !== null };
    }
    const bytes =
      read instanceof Uint8Array ? Buffer.from(read.buffer, read.byteOffset, read.byteLength) : Buffer.alloc(0);
    if (
      entry &&
      read instanceof Uint8Array &&
      entry.bytes.equals(bytes) &&
      entry.problems.every((p) => p.ruleId !== 'article-file')
    )
      return { kind: 'same' };
    const next: ArticleEntry = entry ?? {
      path,
      bytes,
      article: null,
      raw: null,
      rows: null,
      problems: [],
      reviewProblems: [],
    };
    next.bytes = bytes;
    this.#entries.set(key, next);
    const parsed =
      read instanceof Uint8Array ? parseArticleBytes(bytes, path).parsed : { article: null, problems: [read] };
    next.problems = parsed.problems;
    if (parsed.article !== null) next.article = parsed.article;
    return { kind: 'read', entry: next };
  }

  /**
   * Derives one article's rows (ids numbered for that article only), from
   * the derive's cache when it holds them, then applies its review; its
   * warnings, and whether its rows came from the cache.
   */
  async derive(
    entry: ArticleEntry,
    review: ReviewInput,
  ): Promise<{ warnings: VFileMessage[]; cached: boolean } | null> {
    if (!entry.article) return null;
    const cached = await this.cache?.get(entry.path, entry.bytes);
    if (cached) {
      entry.raw = { casualties: cached.casualties, reactions: cached.reactions };
      await this.applyReview(entry, review);
      return { warnings: cached.warnings, cached: true };
    }
    const { prepareArticle } = await loadExtraction();
    let derived: ReturnType<typeof prepareArticle>;
    try {
      derived = prepareArticle(entry.article, review.gazetteer);
    } catch (error) {
      // An extraction bug on this text: shown on the article; its last rows stay.
      entry.problems = [
        at(
          entry.path,
          `Unexpected internal error while deriving this article: ${(error as Error)?.message ?? String(error)}`,
          'internal-error',
        ),
      ];
      return null;
    }
    // The rows as the schema gives them back, as the datasets (and the cache) hold them.
    entry.raw = { casualties: derived.casualties.rows, reactions: derived.reactions.rows };
    await this.cache?.put(entry.path, entry.bytes, entry.article, derived);
    await this.applyReview(entry, review);
    return { warnings: warnings(entry.article, derived.messages), cached: false };
  }

  /** The reactions alone derived again (a gazetteer edit: casualties do not depend on it); their warnings. */
  async deriveReactions(entry: ArticleEntry, review: ReviewInput): Promise<VFileMessage[]> {
    const article = entry.article!;
    const { extractReactions, withCameo } = await loadExtraction();
    const extracted = extractReactions(
      { id: article.meta.id, body: article.body, published: article.meta.published },
      review.gazetteer,
    );
    const reactions = extracted.rows.map((row, i) =>
      withCameo({ id: `${article.meta.id}-r${i + 1}`, ...row }, review.gazetteer),
    );
    if (entry.raw) {
      entry.raw = { casualties: entry.raw.casualties, reactions };
      await this.applyReview(entry, review);
    } else if (entry.rows) {
      // Casualties read from the derived datasets are reviewed already: the review of the reactions only.
      const reviewed = await this.applyReview(entry, review, { casualties: [], reactions }, 'reactions');
      entry.rows = { casualties: entry.rows.casualties, reactions: reviewed?.reactions ?? reactions };
    }
    return warnings(article, extracted.messages);
  }

  /** The review's entries for this article applied to `rows` (its extracted rows by default). */
  async applyReview(
    entry: ArticleEntry,
    input: ReviewInput,
    rows: Rows | null = entry.raw,
    only?: 'reactions',
  ): Promise<Rows | null> {
    if (!entry.article || !rows) return null;
    const { applyReview, reviewContext } = await loadExtraction();
    const id = entry.article.meta.id;
    const review = input.review ?? { casualties: [], reactions: [] };
    const mine: Review = {
      casualties: only === 'reactions' ? [] : review.casualties.filter((e) => e.article === id),
      reactions: review.reactions.filter((e) => e.article === id),
    };
    const outcome = applyReview(rows, mine, reviewContext(input.gazetteer), new VFile({ path: input.path }));
    entry.reviewProblems = outcome.problems;
    const reviewed = { casualties: outcome.casualties, reactions: outcome.reactions };
    if (rows === entry.raw) entry.rows = reviewed;
    return reviewed;
  }

  /** The entries with rows, by article id: the datasets in the derive's order. */
  withRows(): (ArticleEntry & { article: Article; rows: Rows })[] {
    return [...this.#entries.values()]
      .filter((e): e is ArticleEntry & { article: Article; rows: Rows } => e.article !== null && e.rows !== null)
      .sort((a, b) => compare(a.article.meta.id, b.article.meta.id));
  }
}

function warnings(article: Article, messages: readonly Message[]): VFileMessage[] {
  return articleMessages(
    article,
    messages.filter((m) => m.severity !== 'info'),
  );
}
