// The derive's rows, validated and written where they are extracted.
//
// Every row written to a dataset is validated by its dataset's one zod schema
// (src/datasets/schema.ts), and every row read back is validated by it again
// (serialize.ts): that rule stands. What changes is where the writing check
// runs. On a large corpus the extraction runs on worker threads
// (src/project/derive-workers.ts) while this thread waits; validating and writing
// some 250,000 rows here afterwards took longer than anything but the
// extraction. So each article's rows are validated with the same schema, and
// written as their JSON elements and CSV lines, by the thread that extracted
// them (prepareArticle), in parallel; this thread then only checks what cannot
// be checked there, the rows the editors' review changed (assemblePrepared):
// those are validated and written here, with the same schema and writer. A
// row that fails the schema where it was extracted is written here too, so
// that the error names its row in the finished dataset exactly as a check of
// the whole dataset would. The bytes are those of serializeDatasets.
import type { Article } from '../articles/article.ts';
import type { Gazetteer } from '../extract/gazetteer.ts';
import type { Message } from '../extract/types.ts';
import { assembleDerived, deriveArticle } from './derive.ts';
import type { Derived } from './derive.ts';
import { EMPTY_REVIEW } from './review.ts';
import type { Review } from './review.ts';
import type { ArticleRow, CasualtyRow, DatasetName, ReactionRow } from './schema.ts';
import { DATASETS, schemasFor } from './schema.ts';
import type { DatasetSchemas } from './schema.ts';
import { checkRow, datasetFiles, DATASET_NAMES, ROW_SEPARATOR, writeRow } from './serialize.ts';
import type { WrittenBytes } from './serialize.ts';

/** One dataset's rows of one article, validated and written. */
export interface PreparedRows<R> {
  /**
   * The rows as the schema gives them back (so with `reviewed: false`), or,
   * when one of them fails it, as they were extracted.
   */
  rows: R[];
  /** Whether every row passed the schema. */
  valid: boolean;
  /** Their JSON elements joined by ROW_SEPARATOR, as UTF-8; empty when there are none or one failed. */
  json: Uint8Array;
  /** Their CSV lines joined by `\n`, as UTF-8; likewise. */
  csv: Uint8Array;
  /** Set by packForPosting: every row's `quote` was left out, to be read again from the body (unpackPosted). */
  quotesFromBody?: true;
}

/** An article's extraction, ready to be written: its rows of every dataset, and its messages. */
export interface PreparedArticle {
  casualties: PreparedRows<CasualtyRow>;
  reactions: PreparedRows<ReactionRow>;
  /** Its row of the `articles` dataset: the front matter. */
  articles: PreparedRows<ArticleRow>;
  messages: Message[];
}

/** Extracts one article (deriveArticle) and validates and writes its rows. Pure. */
export function prepareArticle(article: Article, gazetteer: Gazetteer): PreparedArticle {
  const derived = deriveArticle(article, gazetteer);
  const schemas = schemasFor(gazetteer.codebook);
  return {
    casualties: prepareRows('casualties', derived.casualties, schemas),
    reactions: prepareRows('reactions', derived.reactions, schemas),
    articles: prepareRows('articles', [article.meta], schemas),
    messages: derived.messages,
  };
}

const utf8 = new TextEncoder();
const EMPTY = new Uint8Array(0);

/** Validates and writes one dataset's rows of one article; when one fails its schema, they are kept as given, unwritten. */
export function prepareRows<R>(name: DatasetName, rows: R[], schemas: DatasetSchemas = DATASETS): PreparedRows<R> {
  const data: R[] = [];
  const json: string[] = [];
  const csv: string[] = [];
  for (const row of rows) {
    const written = checkRow(name, row, schemas);
    if ('reason' in written) return { rows, valid: false, json: EMPTY, csv: EMPTY };
    data.push(written.data as R);
    json.push(written.json);
    csv.push(written.csv);
  }
  // Each its own buffer (never a slice of a shared pool), so that a worker can hand it over without a copy.
  return {
    rows: data,
    valid: true,
    json: data.length > 0 ? utf8.encode(json.join(ROW_SEPARATOR)) : EMPTY,
    csv: data.length > 0 ? utf8.encode(csv.join('\n')) : EMPTY,
  };
}

/**
 * A prepared article as a worker posts it: the quotes, most of what the rows
 * weigh and each the very text of the body at the row's offsets, are left out
 * of the rows that came from the body (all of them, unless one is invalid)
 * and read from the body again on arrival (unpackPosted): less to copy
 * between the threads, and a quote there is then a view of the body, not a
 * copy of it. Changes the rows in place: they are not used after posting.
 */
export function packForPosting(prepared: PreparedArticle, body: string): PreparedArticle {
  for (const rows of [prepared.casualties, prepared.reactions] as PreparedRows<{
    quote?: unknown;
    start?: unknown;
    end?: unknown;
  }>[]) {
    if (
      rows.rows.length === 0 ||
      !rows.rows.every(
        (r) => typeof r.start === 'number' && typeof r.end === 'number' && r.quote === body.slice(r.start, r.end),
      )
    )
      continue;
    for (const row of rows.rows) row.quote = '';
    rows.quotesFromBody = true;
  }
  return prepared;
}

/** Puts back the quotes packForPosting left out, from the same body. */
export function unpackPosted(prepared: PreparedArticle, body: string): PreparedArticle {
  for (const rows of [prepared.casualties, prepared.reactions] as PreparedRows<{
    quote?: unknown;
    start: number;
    end: number;
  }>[]) {
    if (!rows.quotesFromBody) continue;
    for (const row of rows.rows) row.quote = body.slice(row.start, row.end);
    delete rows.quotesFromBody;
  }
  return prepared;
}

/** The buffers of a prepared article, for a worker's transfer list. */
export function preparedBuffers(prepared: PreparedArticle): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const name of DATASET_NAMES) {
    for (const bytes of [prepared[name].json, prepared[name].csv])
      if (bytes.byteLength > 0) buffers.push(bytes.buffer as ArrayBuffer);
  }
  return buffers;
}

export interface AssembledDerive {
  derived: Derived;
  /**
   * Every dataset as `<name>.json` and `<name>.csv`, byte for byte what
   * serializeDatasets(derived.datasets) gives; throws as it would on a row
   * that fails its schema.
   */
  files(): Map<string, Uint8Array>;
}

/**
 * assembleDerived for prepared articles (`prepared[i]` is `sorted[i]`'s): the
 * datasets with the review applied, and their files.
 */
export function assemblePrepared(
  sorted: readonly Article[],
  prepared: readonly PreparedArticle[],
  gazetteer: Gazetteer,
  review: Review = EMPTY_REVIEW,
): AssembledDerive {
  const derivations = prepared.map((p) => ({
    casualties: p.casualties.rows,
    reactions: p.reactions.rows,
    messages: p.messages,
  }));
  const derived = assembleDerived(sorted, derivations, gazetteer, review);
  const { datasets } = derived;
  return {
    derived,
    files: () => {
      const files = new Map<string, Uint8Array>();
      for (const name of DATASET_NAMES) {
        const rows = prepared.map((p) => p[name] as PreparedRows<{ id?: string }>);
        // The review leaves the articles' front matter alone: their rows are the ones prepared.
        const { json, csv } = writeDataset(
          name,
          rows,
          name === 'articles' ? rows.flatMap((r) => r.rows) : datasets[name],
          schemasFor(gazetteer.codebook),
        );
        files.set(`${name}.json`, json);
        files.set(`${name}.csv`, csv);
      }
      return files;
    },
  };
}

/**
 * One dataset's files from its articles' prepared rows and the rows the
 * review gave back (in the same order, less the rejected ones). An article
 * whose rows the review left as they were (the very objects) keeps what was
 * written for it; the rows of any other article are validated and written
 * here, numbered as they stand in the finished dataset.
 */
function writeDataset(
  name: DatasetName,
  prepared: readonly PreparedRows<{ id?: string }>[],
  rows: readonly unknown[],
  schemas: DatasetSchemas,
): WrittenBytes {
  const pieces: WrittenBytes[] = [];
  let next = 0;
  for (const p of prepared) {
    const written = writeArticleRows(name, p, rows, next, 0, schemas);
    next = written.next;
    if (written.piece) pieces.push(written.piece);
  }
  if (next !== rows.length) throw new Error(`Cannot write ${name}: the review gave back rows that were not extracted`);
  return datasetFiles(name, pieces);
}

/**
 * One article's part of writeDataset: its prepared rows `p` against the
 * reviewed rows from `first` on (`rows[first]` is the first of this
 * article's, when the review kept any). Gives the bytes to write (null: no
 * rows) and where the next article's rows start. The derive calls it article
 * by article, with each article's reviewed rows alone (`first` 0, and
 * `offset` their place in the whole dataset, for the error).
 */
export function writeArticleRows(
  name: DatasetName,
  p: PreparedRows<{ id?: string }>,
  rows: readonly unknown[],
  first: number,
  offset = 0,
  schemas: DatasetSchemas = DATASETS,
): { piece: WrittenBytes | null; next: number } {
  let next = first;
  let kept = p.valid;
  // The review keeps the order of the rows and their ids: rejected rows are left out, decided ones replaced.
  for (const row of p.rows) {
    const out = rows[next] as { id?: string } | undefined;
    if (out === row) next += 1;
    else {
      kept = false;
      if (out !== undefined && out.id === row.id) next += 1;
    }
  }
  if (kept) return { piece: p.rows.length > 0 ? p : null, next };
  const json: string[] = [];
  const csv: string[] = [];
  for (let i = first; i < next; i += 1) {
    const written = writeRow(name, rows[i], offset + i, schemas);
    json.push(written.json);
    csv.push(written.csv);
  }
  return {
    piece: next > first ? { json: utf8.encode(json.join(ROW_SEPARATOR)), csv: utf8.encode(csv.join('\n')) } : null,
    next,
  };
}
