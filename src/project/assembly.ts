// The datasets put together article by article, in id order: each article's
// review entries applied to its rows alone (the review matches rows within
// their article), its rows written, and its change since the previous
// datasets noted. Gives exactly what assemblePrepared and diffDatasets give
// for the whole datasets at once. An article whose rows the previous
// datasets hold as they are (reuse.ts) is copied from them, not read.
import { tollCandidates } from '../datasets/changes.ts';
import type { ArticleSide, ChangesBuilder } from '../datasets/changes.ts';
import { reviewContext } from '../datasets/derive.ts';
import type { Review } from '../datasets/review.ts';
import { applyReview } from '../datasets/review-apply.ts';
import type { ReviewOutcome } from '../datasets/review-apply.ts';
import { writeArticleRows } from '../datasets/prepare.ts';
import type { PreparedArticle, PreparedRows } from '../datasets/prepare.ts';
import { schemasFor } from '../datasets/schema.ts';
import type { ArticleRow, CasualtyRow, DatasetName, DatasetSchemas, ReactionRow } from '../datasets/schema.ts';
import { DATASET_NAMES } from '../datasets/serialize.ts';
import type { WrittenBytes } from '../datasets/serialize.ts';
import type { Gazetteer } from '../extract/gazetteer.ts';
import type { Codebook } from '../extract/codebook.ts';
import type { DatasetFilesWriter } from './dataset-writer.ts';
import type { VFile } from 'vfile';
import type { VFileMessage } from '../common/problems.ts';
import { toVFileMessages } from '../datasets/article-messages.ts';
import type { SerialMessage } from '../datasets/article-messages.ts';
import type { CachedExtraction } from './extract-cache.ts';
import { parseRows } from './previous-datasets.ts';
import type { PreviousDatasets } from './previous-datasets.ts';
import { isTollStandIn, NO_MESSAGES, notedMessages, notedTollStandIns, noteArticle, tollStandIns } from './reuse.ts';
import type { ArticleNote } from './reuse.ts';
import { compare } from '../common/compare.ts';
import { packageSource } from '../datasets/datapackage.ts';
import type { PackageSource } from '../datasets/datapackage.ts';
import { flatString } from './flat-string.ts';

/** An article as the assembly takes it: its extraction (cached, or extracted here). */
export type Assembled = CachedExtraction & { prepared?: PreparedArticle };

/** An article whose rows are copied from the previous datasets, with the note `reusable` gave for it. */
export interface Copy {
  file: AssembledFile;
  note: ArticleNote;
}

/** Copies after which the assembly lets the files' reads and writes, and the workers' replies, be taken in. */
const COPIES_AT_ONCE = 1024;

/** The article file an assembled article came from. */
export interface AssembledFile {
  id: string;
  path: string;
  /** articleKey of its bytes. */
  key: string;
}

export class Assembly {
  /** Each article's messages, as its note (reuse.ts) or its cache entry holds them: VFileMessages only when asked for (`diagnostics`), once the datasets are written. */
  readonly #messages: [path: string, messages: string | readonly SerialMessage[]][] = [];
  readonly reviewProblems: VFileMessage[] = [];
  readonly reviewCounts: ReviewOutcome['counts'] = { rejected: 0, corrected: 0, confirmed: 0 };
  /** Articles whose rows were copied from the previous datasets. */
  copied = 0;
  readonly #entries = new Map<string, Review>();
  readonly #written: Record<DatasetName, number> = { casualties: 0, reactions: 0, articles: 0 };
  readonly #previousIds: string[];
  #nextPrevious = 0;
  /** The datasets' schemas, with the story's own measures and stances (its codebook). */
  readonly #schemas: DatasetSchemas;
  /** The notes of the previous datasets, when their rows can be copied (same extraction inputs, files as noted). */
  readonly #reusable: Record<string, ArticleNote>;
  /** Whether a toll candidate stood in for a row of a copied article (see `#tollRow`). */
  #anyStandIn = false;
  /** Whether the changes start from the last derive's tolls (seedTolls): the copied articles' candidates are not read. */
  #tollsSeeded = false;
  /** Each article as the data package names it among its sources (all that is kept of its front matter). */
  readonly sources: PackageSource[] = [];
  /** The copied articles' sources as the previous data package names them (PreviousDatasets.sources); undefined until the first copy. */
  #previousSources: ((id: string) => PackageSource | null) | null | undefined;
  #chain: Promise<void> = Promise.resolve();

  /** The gazetteer, compiled on first use: only a review entry to apply needs it. */
  readonly #gazetteer: () => Gazetteer;
  #context: ReturnType<typeof reviewContext> | null = null;

  constructor(
    inputs: { codebook: Codebook; gazetteer: () => Gazetteer },
    review: Review,
    /** The review's file, which its problems are reported on. */
    private readonly reviewFile: VFile,
    private readonly writer: DatasetFilesWriter,
    private readonly changes: ChangesBuilder,
    private readonly previous: PreviousDatasets | null,
    /** The previous datasets' notes, when the writer copies from their files (see `reusable`). */
    reusable: Record<string, ArticleNote> | null,
    /** What the next derive may reuse of each article written here (reuse.ts), in id order, as they come. */
    private readonly noted: (id: string, note: ArticleNote) => void,
  ) {
    for (const dataset of ['casualties', 'reactions'] as const) {
      for (const entry of review[dataset] as Review[typeof dataset]) {
        let mine = this.#entries.get(entry.article);
        if (!mine) this.#entries.set(entry.article, (mine = { casualties: [], reactions: [] }));
        (mine[dataset] as (typeof entry)[]).push(entry);
      }
    }
    this.#previousIds = previous?.ids ?? [];
    this.#schemas = schemasFor(inputs.codebook);
    this.#gazetteer = inputs.gazetteer;
    this.#reusable = reusable ?? {};
  }

  /**
   * Every article's messages, in id order, as VFileMessages made one article
   * at a time, each time they are read. Only the messages are kept for them:
   * not the assembly, whose files' ranges go once the datasets are written.
   */
  diagnostics(): Iterable<VFileMessage> {
    const all = this.#messages;
    return {
      *[Symbol.iterator]() {
        for (const [path, messages] of all)
          yield* toVFileMessages(path, typeof messages === 'string' ? notedMessages(messages) : messages);
      },
    };
  }

  /** The note to copy the article's rows by, when they are in the previous datasets as they are and no review entry is for it. */
  reusable(id: string, key: string): ArticleNote | null {
    const note = this.#reusable[id];
    return note && note.key === key && !this.#entries.has(id) ? note : null;
  }

  /**
   * The changes seeded with the tolls the last derive chose (`noted`, from
   * its stamp: reuse.ts) when every one is of an article copied here (in
   * `items`, copyRuns'): then no copied article's toll candidates are read,
   * some 40 ms of an article added to 10,000. Before any article.
   */
  seedTolls(noted: unknown, items: readonly (readonly Copy[] | object)[]): void {
    const tolls = notedTollStandIns(noted);
    if (tolls === null) return;
    // The tolls' articles, crossed off as they are found among the copies (a few, not a set of every copy).
    const uncopied = new Set(tolls.map((toll) => toll.article));
    for (const item of items) if (Array.isArray(item)) for (const { file } of item as Copy[]) uncopied.delete(file.id);
    if (uncopied.size > 0) return;
    this.changes.seed(tolls);
    this.#tollsSeeded = true;
    this.#anyStandIn ||= tolls.length > 0;
  }

  /** The next article, in id order; waits while the files catch up. */
  async queue(file: AssembledFile, assembled: Assembled): Promise<void> {
    this.#chain = this.#chain.then(() => this.#article(file, assembled));
    await this.#chain;
  }

  /**
   * The next articles, in id order, whose rows are copied: one after the
   * other, waiting only when their rows must be read or written, which those
   * of a prefix the files keep never are (an article added to thousands).
   */
  async copy(copies: readonly Copy[]): Promise<void> {
    this.#chain = this.#chain.then(async () => {
      // Read once: null (no data package to take them from) is an answer too.
      if (this.#previousSources === undefined)
        this.#previousSources = this.previous ? await this.previous.sources() : null;
      // The writer takes the rows of as many as it can in one pass per dataset; those of the others, one article at a time.
      const taken = {} as Record<DatasetName, number>;
      for (const name of DATASET_NAMES)
        taken[name] = this.writer.reusedRun(
          name,
          copies.length,
          (k) => copies[k]!.file.id,
          (k) => copies[k]!.note.counts[name],
        );
      for (const [i, { file, note }] of copies.entries()) {
        const waiting = this.#copied(file, note, i, taken);
        if (waiting) await waiting;
        if (i % COPIES_AT_ONCE === COPIES_AT_ONCE - 1) await new Promise(setImmediate);
      }
    });
    await this.#chain;
  }

  /**
   * Reads back now the rows of the copied tolls chosen so far (see finish),
   * in time the assembly would spend waiting for an article still being
   * extracted (one added to thousands): finish has then few or none to read.
   */
  async settleTolls(): Promise<void> {
    this.#chain = this.#chain.then(() => this.#settleTolls());
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
    await this.#settleTolls();
  }

  /** The tolls chosen so far that stand in for a copied article's row, replaced by that row (a row replaced before is kept). */
  async #settleTolls(): Promise<void> {
    if (this.#anyStandIn) await this.changes.replaceTollRows((row) => this.#tollRow(row));
  }

  /**
   * An article whose rows are copied from the previous datasets: the same
   * rows, so no change. It is the `at`-th of its run, of which the writer
   * took the first `taken` of each dataset already (reusedRun). A promise
   * only when it must wait.
   */
  #copied(
    file: AssembledFile,
    note: ArticleNote,
    at: number,
    taken: Readonly<Record<DatasetName, number>>,
  ): Promise<void> | void {
    const id = file.id;
    if (this.#goneBefore(id)) return this.#gone(id).then(() => this.#copied(file, note, at, taken));
    this.copied += 1;
    this.#keepMessages(file.path, note.diagnostics);
    const unread: DatasetName[] = [];
    for (const name of DATASET_NAMES) {
      this.#written[name] += note.counts[name];
      if (at >= taken[name] && !this.writer.reused(name, id)) unread.push(name);
    }
    const source = this.#previousSources?.(id);
    if (source) this.sources.push(source);
    else {
      // Parsed, not validated: the row is the one this derive's writer checked (the data package takes a few strings of it).
      // Decoded where it was read, not copied first.
      const row = this.#previousJson(id, 'articles');
      if (row.byteLength > 0)
        this.#source(JSON.parse(Buffer.from(row.buffer, row.byteOffset, row.byteLength).toString()) as ArticleRow);
    }
    this.noted(id, note);
    if (this.#previousIds[this.#nextPrevious] === id) this.#nextPrevious += 1;
    const tolls = this.#tollsSeeded ? [] : tollStandIns(id, note);
    this.#anyStandIn ||= tolls.length > 0;
    this.changes.same(id, note.counts, tolls);
    if (unread.length > 0)
      return (async () => {
        for (const name of unread) await this.writer.reuse(name, id);
      })();
  }

  /** The row a stand-in stands for: the copied article's toll candidate of its measure and group. */
  async #tollRow(row: CasualtyRow): Promise<CasualtyRow> {
    if (!isTollStandIn(row)) return row;
    const rows = parseRows('casualties', this.#previousJson(row.article, 'casualties')) as CasualtyRow[];
    const found = tollCandidates(rows).find((r) => r.measure === row.measure && r.group === row.group);
    if (!found) throw new Error(`Cannot read the toll of ${row.article} back from the previous datasets`);
    return found;
  }

  /** A copied article's rows as the previous files hold them (their notes are only taken when those files are read by ranges). */
  #previousJson(id: string, name: DatasetName): Uint8Array {
    const json = this.previous!.json(id, name);
    if (json === null) throw new Error(`Cannot read the rows of ${id} back from the previous ${name}`);
    return json;
  }

  async #article(file: AssembledFile, extracted: CachedExtraction & { prepared?: PreparedArticle }): Promise<void> {
    const id = extracted.id;
    await this.#gone(id);
    const mine = this.#entries.get(id);
    this.#entries.delete(id);
    const pieces = {} as Record<DatasetName, WrittenBytes | null>;
    let after: ArticleSide | null = null;
    let tolls = extracted.tolls;
    const counts = { ...extracted.counts };
    if (mine || extracted.prepared) {
      this.#keepMessages(file.path, extracted.diagnostics);
      const reviewed = this.#reviewed(extracted, mine);
      for (const name of DATASET_NAMES) {
        pieces[name] = reviewed.pieces[name];
        counts[name] = reviewed.rows[name].length;
      }
      after = {
        meta: (reviewed.rows.articles[0] as ArticleSide['meta']) ?? null,
        casualties: reviewed.rows.casualties,
        reactions: reviewed.rows.reactions,
      };
      tolls = tollCandidates(reviewed.rows.casualties);
    } else {
      for (const name of DATASET_NAMES) pieces[name] = extracted.counts[name] > 0 ? extracted.written[name] : null;
      // Its rows are its cache entry's: the next derive may copy them. Its messages are kept as the note's JSON.
      const note = noteArticle(file.key, counts, tolls, extracted.diagnostics);
      this.#keepMessages(file.path, note.diagnostics);
      this.noted(id, note);
    }
    for (const name of DATASET_NAMES) {
      this.#written[name] += counts[name];
      await this.writer.add(name, pieces[name], id);
    }
    await this.#compare(id, pieces, counts, tolls, after);
  }

  /** The article's rows with its review entries applied, written. */
  #reviewed(
    extracted: CachedExtraction & { prepared?: PreparedArticle },
    mine: Review | undefined,
  ): {
    rows: { casualties: CasualtyRow[]; reactions: ReactionRow[]; articles: unknown[] };
    pieces: Record<DatasetName, WrittenBytes | null>;
  } {
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
    const pieces = {} as Record<DatasetName, WrittenBytes | null>;
    for (const name of DATASET_NAMES) {
      const { piece, next } = writeArticleRows(name, prepared[name], rows[name], 0, this.#written[name], this.#schemas);
      if (next !== rows[name].length)
        throw new Error(`Cannot write ${name}: the review gave back rows that were not extracted`);
      pieces[name] = piece;
    }
    return { rows, pieces };
  }

  /** What changed: nothing, when its rows are the very bytes they were. */
  async #compare(
    id: string,
    pieces: Record<DatasetName, WrittenBytes | null>,
    counts: Record<DatasetName, number>,
    tolls: CasualtyRow[],
    after: ArticleSide | null,
  ): Promise<void> {
    const json = (name: DatasetName) => pieces[name]?.json ?? EMPTY;
    const meta = parseRows('articles', json('articles'))[0] as ArticleRow | undefined;
    if (meta) this.#source(meta);
    const wasThere = this.#previousIds[this.#nextPrevious] === id;
    if (wasThere) this.#nextPrevious += 1;
    if (!this.changes.hadBefore) return this.changes.added(id, counts, tolls);
    if (wasThere && this.previous) {
      let same = true;
      for (const name of DATASET_NAMES) {
        const old = this.previous.json(id, name);
        if (old === null || !Buffer.from(old.buffer, old.byteOffset, old.byteLength).equals(json(name))) same = false;
        if (!same) break;
      }
      if (same) return this.changes.same(id, counts, tolls);
    }
    after ??= {
      meta: meta ?? null,
      casualties: parseRows('casualties', json('casualties')) as CasualtyRow[],
      reactions: parseRows('reactions', json('reactions')) as ReactionRow[],
    };
    this.changes.article(id, wasThere && this.previous ? await this.previous.side(id) : NOTHING, after);
  }

  /** An article's messages, kept for `diagnostics` (none when it has none). */
  #keepMessages(path: string, messages: string | readonly SerialMessage[]): void {
    if (typeof messages === 'string' ? messages !== NO_MESSAGES : messages.length > 0)
      this.#messages.push([path, messages]);
  }

  #source(article: ArticleRow): void {
    const source = packageSource(article);
    // One run of characters, not the pieces of its template: one source is held for each article to the end.
    flatString(source.title);
    this.sources.push(source);
  }

  /** Whether an article of the previous datasets before `id` is gone (#gone has some to note). */
  #goneBefore(id: string): boolean {
    return this.#nextPrevious < this.#previousIds.length && compare(this.#previousIds[this.#nextPrevious]!, id) < 0;
  }

  /** The previous datasets' articles before `id` (all that are left, for null): gone. */
  async #gone(id: string | null): Promise<void> {
    while (this.#nextPrevious < this.#previousIds.length && (id === null || this.#goneBefore(id))) {
      const gone = this.#previousIds[this.#nextPrevious++]!;
      this.changes.article(gone, await this.previous!.side(gone), NOTHING);
    }
  }

  #review(
    rows: { casualties: CasualtyRow[]; reactions: ReactionRow[] },
    mine: Review,
  ): { casualties: CasualtyRow[]; reactions: ReactionRow[] } {
    // No entry: the rows stay as they are, and the gazetteer (which only a correction needs) is not compiled for them.
    if (mine.casualties.length === 0 && mine.reactions.length === 0) return rows;
    const outcome = applyReview(rows, mine, (this.#context ??= reviewContext(this.#gazetteer())), this.reviewFile);
    for (const problem of outcome.problems) this.reviewProblems.push(problem);
    this.reviewCounts.rejected += outcome.counts.rejected;
    this.reviewCounts.corrected += outcome.counts.corrected;
    this.reviewCounts.confirmed += outcome.counts.confirmed;
    return outcome;
  }
}

const EMPTY = new Uint8Array(0);
const NOTHING: ArticleSide = { meta: null, casualties: [], reactions: [] };

/** The articles (each with its id), each one run of those whose rows are copied (Assembly.copy) or alone, to extract or take from the cache. */
export function copyRuns<T extends { id: string | null; path: string; key: string }>(
  articles: readonly T[],
  assembly: Assembly,
): (T | Copy[])[] {
  const items: (T | Copy[])[] = [];
  let run: Copy[] | null = null;
  for (const slot of articles) {
    const note = assembly.reusable(slot.id!, slot.key);
    if (!note) {
      items.push(slot);
      run = null;
      continue;
    }
    if (!run) items.push((run = []));
    run.push({ file: { id: slot.id!, path: slot.path, key: slot.key }, note });
  }
  return items;
}
