// The preview's use of the derive's extraction cache (project/extract-cache.ts):
// an article the derive (or an earlier preview) extracted with the same
// gazetteer, codebook, home country and code is read from there instead of
// extracted again, and an article the preview extracts is put there, so the
// next `npm run report` or `npm run derive` finds it done. The cache's
// folder is named for those inputs: an edit of the gazetteer, the codebook
// or the home country moves to another (`reset`).
import { basename } from 'node:path';
import type { Article } from '../articles/article.ts';
import type { PreparedArticle } from '../datasets/prepare.ts';
import type { CasualtyRow, ReactionRow } from '../datasets/schema.ts';
import type { DeriveOptions } from '../project/derive-inputs.ts';
import { articleKey, extractionInputsHash } from '../project/derive-inputs.ts';
import type { VFileMessage } from '../common/problems.ts';
import { toVFileMessages } from '../datasets/article-messages.ts';
import { cacheRoot, encodeExtraction, ExtractionCache } from '../project/extract-cache.ts';
import { parseRows } from '../project/previous-datasets.ts';

/** An article's rows as extracted (before the review), and its extraction's warnings. */
export interface CachedRows {
  casualties: CasualtyRow[];
  reactions: ReactionRow[];
  warnings: VFileMessage[];
}

export class PreviewCache {
  #cache: Promise<ExtractionCache | null> | null = null;

  /**
   * `options`: the story's derive options as they are now (its home country
   * follows the narrative); `root`: the cache's folder, by default the
   * project's (cacheRoot), as the derive's.
   */
  constructor(
    private readonly options: () => DeriveOptions,
    private readonly root?: string,
  ) {}

  /** The gazetteer, the codebook or the home country changed: the entries of their new generation from now on. */
  reset(): void {
    this.#cache = null;
  }

  /** The article's rows from the cache, when it holds this very file's extraction. */
  async get(path: string, bytes: Uint8Array): Promise<CachedRows | null> {
    const cache = await this.#current();
    const entry = cache?.get(articleKey(basename(path), bytes));
    if (!entry) return null;
    return {
      casualties: parseRows('casualties', entry.written.casualties.json) as CasualtyRow[],
      reactions: parseRows('reactions', entry.written.reactions.json) as ReactionRow[],
      warnings: toVFileMessages(
        path,
        entry.diagnostics.filter((d) => d.severity !== 'info'),
      ),
    };
  }

  /** Keeps an article's extraction for the derive (a row that fails its schema is not kept: the derive reports it). */
  async put(path: string, bytes: Uint8Array, article: Article, prepared: PreparedArticle): Promise<void> {
    const cache = await this.#current();
    const entry = encodeExtraction(article, prepared);
    if (cache && entry) await cache.put(articleKey(basename(path), bytes), entry);
  }

  /** The cache of the inputs as they are; null when they cannot be read (the preview shows why elsewhere). */
  #current(): Promise<ExtractionCache | null> {
    const options = this.options();
    this.#cache ??= extractionInputsHash(options)
      .then((hash) => new ExtractionCache(this.root ?? cacheRoot(options.code), hash))
      .catch(() => null);
    return this.#cache;
  }
}
