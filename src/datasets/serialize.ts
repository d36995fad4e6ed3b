// Datasets → file contents, and file contents → validated rows. Both directions
// go through the one schema of each dataset.
import { VFile } from 'vfile';
import { fail } from '../common/problems.ts';
import type { VFileMessage } from '../common/problems.ts';
import { csvHeader, csvLine } from './csv.ts';
import { DATASETS } from './schema.ts';
import type { DatasetSchemas } from './schema.ts';
import type { ArticleRow, CasualtyRow, DatasetName, ReactionRow } from './schema.ts';

export interface Datasets {
  casualties: CasualtyRow[];
  reactions: ReactionRow[];
  articles: ArticleRow[];
}

export const DATASET_NAMES = Object.keys(DATASETS) as DatasetName[];

/** Every dataset as `<name>.json` and `<name>.csv`, keys in the contract's field order. */
export function serializeDatasets(datasets: Datasets, schemas: DatasetSchemas = DATASETS): Map<string, string> {
  const files = new Map<string, string>();
  const text = new TextDecoder();
  for (const name of DATASET_NAMES) {
    const { json, csv } = datasetFiles(
      name,
      (datasets[name] as unknown[]).map((row, i) => {
        const written = writeRow(name, row, i, schemas);
        return { json: utf8.encode(written.json), csv: utf8.encode(written.csv) };
      }),
    );
    files.set(`${name}.json`, text.decode(json));
    files.set(`${name}.csv`, text.decode(csv));
  }
  return files;
}

/** A row, or a run of rows, written: JSON elements joined by ROW_SEPARATOR and CSV lines joined by `\n`, as UTF-8. */
export interface WrittenBytes {
  json: Uint8Array;
  csv: Uint8Array;
}

/**
 * One dataset's two files from its rows written in order (see WrittenBytes):
 * `<name>.json` exactly as `JSON.stringify(rows, null, 2)` and a line break,
 * `<name>.csv` exactly as `toCsv`. Both the derive (src/datasets/prepare.ts)
 * and serializeDatasets frame the files here.
 */
export function datasetFiles(name: DatasetName, pieces: readonly WrittenBytes[]): WrittenBytes {
  const json: Uint8Array[] = [];
  const csv: Uint8Array[] = [];
  const framer = new DatasetFramer(
    name,
    (bytes) => json.push(bytes),
    (bytes) => csv.push(bytes),
  );
  for (const piece of pieces) framer.add(piece);
  framer.end();
  return { json: Buffer.concat(json), csv: Buffer.concat(csv) };
}

/**
 * datasetFiles one piece at a time, each file's bytes handed to its sink as
 * they come: the derive streams a dataset to its file article by article
 * (src/project/dataset-writer.ts) and never holds it whole.
 */
export class DatasetFramer {
  #pieces = 0;

  /**
   * `after`: the pieces already in the files, when they start as a copy of
   * an earlier file's first pieces (dataset-writer.ts): no header, and the
   * next piece after a separator.
   */
  constructor(
    name: DatasetName,
    private readonly json: (bytes: Uint8Array) => void,
    private readonly csv: (bytes: Uint8Array) => void,
    after = 0,
  ) {
    this.#pieces = after;
    if (after === 0) csv(utf8.encode(`${CSV_HEADERS[name]}\n`));
  }

  /** One article's rows (a piece with no rows adds nothing). */
  add(piece: WrittenBytes): void {
    if (piece.json.byteLength === 0 && piece.csv.byteLength === 0) return;
    this.json(this.#pieces === 0 ? OPEN : SEPARATOR);
    this.json(piece.json);
    this.csv(piece.csv);
    this.csv(LINE_BREAK);
    this.#pieces += 1;
  }

  /**
   * Pieces whose bytes the caller writes between this and `closeCopied`:
   * a run of pieces copied from a file this framer's kind wrote, their own
   * separators and line breaks within them; the separator before the first.
   */
  openCopied(): void {
    this.json(this.#pieces === 0 ? OPEN : SEPARATOR);
  }

  /** The end of `count` pieces written since `openCopied`: the line break after the last. */
  closeCopied(count: number): void {
    this.csv(LINE_BREAK);
    this.#pieces += count;
  }

  end(): void {
    this.json(this.#pieces === 0 ? NO_ROWS : CLOSE);
  }
}

/** A row as the files hold it: its JSON element (indented as in `<name>.json`) and its CSV line, neither with a separator. */
export interface WrittenRow {
  /** The row as the schema gives it back (`reviewed` defaulted), in the contract's field order. */
  data: Record<string, unknown>;
  json: string;
  csv: string;
}

/**
 * Validates one row with its dataset's schema and writes it. Every row written
 * goes through here, wherever it is written (see `src/datasets/prepare.ts`).
 */
export function checkRow(
  name: DatasetName,
  row: unknown,
  schemas: DatasetSchemas = DATASETS,
): WrittenRow | VFileMessage {
  const { schema, fields } = schemas[name];
  const parsed = schema.safeParse(row);
  if (!parsed.success) {
    // The first issue the schema found, on no file: the row is not written yet (writeRow names it).
    const issue = parsed.error.issues[0];
    return fail(
      new VFile(),
      `field \`${String(issue?.path[0] ?? '')}\`: ${String(issue?.message)}`,
      null,
      'row-schema',
    );
  }
  const data = inFieldOrder(fields, parsed.data as Record<string, unknown>);
  return { data, json: jsonElement(name, data), csv: csvLine(fields, data) };
}

/** The row with exactly `fields` as its keys, in that order: itself when it has them already (as the schema gives them back). */
function inFieldOrder(fields: readonly string[], row: Record<string, unknown>): Record<string, unknown> {
  let i = 0;
  for (const key in row) {
    if (key !== fields[i]) break;
    i += 1;
  }
  if (i === fields.length && Object.keys(row).length === fields.length) return row;
  const data: Record<string, unknown> = {};
  for (const field of fields) data[field] = row[field];
  return data;
}

/** checkRow, throwing the error a write of the dataset reports for its row `index` (0-based). */
export function writeRow(
  name: DatasetName,
  row: unknown,
  index: number,
  schemas: DatasetSchemas = DATASETS,
): WrittenRow {
  const written = checkRow(name, row, schemas);
  if ('reason' in written) throw new Error(`Cannot write ${name}: row ${index + 1}, ${written.reason}`);
  return written;
}

/** Between two rows' elements in `<name>.json`. */
export const ROW_SEPARATOR = ',\n';

const CSV_HEADERS: Readonly<Record<DatasetName, string>> = {
  casualties: csvHeader(DATASETS.casualties.fields),
  reactions: csvHeader(DATASETS.reactions.fields),
  articles: csvHeader(DATASETS.articles.fields),
};

const utf8 = new TextEncoder();

/** The bytes before the first row's line in `<name>.csv`. */
export function csvHeaderBytes(name: DatasetName): number {
  return utf8.encode(`${CSV_HEADERS[name]}\n`).byteLength;
}

const OPEN = utf8.encode('[\n');
const CLOSE = utf8.encode('\n]\n');
const NO_ROWS = utf8.encode('[]\n');
const SEPARATOR = utf8.encode(ROW_SEPARATOR);
const LINE_BREAK = utf8.encode('\n');

/** Parses and validates one `<name>.json`; throws the first problem (a VFileMessage, at the row's line in the file). */
export function parseDataset<N extends DatasetName>(
  name: N,
  text: string,
  path: string,
  schemas: DatasetSchemas = DATASETS,
): Datasets[N] {
  const { rows, problems } = validateDataset(name, text, path, schemas);
  if (problems[0]) throw problems[0];
  return rows;
}

/** Like parseDataset, but gives every bad row (first problem of each) instead of stopping at the first. */
export function validateDataset<N extends DatasetName>(
  name: N,
  text: string,
  path: string,
  schemas: DatasetSchemas = DATASETS,
): { rows: Datasets[N]; problems: VFileMessage[] } {
  // The datasets are the derive's files, not an editor's; their problems are reported at their rows all the same.
  const file = new VFile({ path });
  const problem = (reason: string, line = 1) => fail(file, reason, { line, column: 1 }, 'dataset-schema');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { rows: [], problems: [problem(`Cannot parse ${name}: ${(error as Error).message}`)] };
  }
  if (!Array.isArray(data)) return { rows: [], problems: [problem(`Unexpected ${name}: expected an array of rows`)] };
  const { schema } = schemas[name];
  const rows: unknown[] = [];
  const problems: VFileMessage[] = [];
  const lines = rowLines(text);
  data.forEach((row, i) => {
    const parsed = schema.safeParse(row);
    if (parsed.success) {
      rows.push(parsed.data);
      return;
    }
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? '');
    problems.push(
      problem(`Unexpected row ${i + 1} of ${name}${field ? `, field \`${field}\`` : ''}: ${issue?.message}`, lines[i]),
    );
  });
  return { rows: rows as Datasets[N], problems };
}

/** The 1-based line where each row starts: rows are written one object per `  {` line. */
export function rowLines(text: string): number[] {
  const lines: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (line === '  {') lines.push(i + 1);
  });
  return lines;
}

/**
 * One row as an element of `JSON.stringify(rows, null, 2)`: two spaces deeper
 * than `JSON.stringify(row, null, 2)`. A row of the contract has every field,
 * in order, each a string, number, boolean or null: each value is written on
 * its own, as stringify would. Anything else is left to stringify.
 */
function jsonElement(name: DatasetName, row: Record<string, unknown>): string {
  const { fields } = DATASETS[name];
  const prefixes = KEY_PREFIXES[name];
  let out = '  {';
  let i = 0;
  for (const key in row) {
    const value = row[key];
    if (
      key !== fields[i] ||
      (value !== null && typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
    ) {
      return `  ${JSON.stringify(row, null, 2).replaceAll('\n', '\n  ')}`;
    }
    out +=
      prefixes[i]! +
      (typeof value === 'boolean' ? (value ? 'true' : 'false') : value === null ? 'null' : JSON.stringify(value));
    i += 1;
  }
  return i === 0 ? '  {}' : `${out}\n  }`;
}

/** Each field's key as the JSON of a row writes it, with the line break and comma before it. */
const KEY_PREFIXES: Readonly<Record<DatasetName, readonly string[]>> = {
  casualties: keyPrefixes(DATASETS.casualties.fields),
  reactions: keyPrefixes(DATASETS.reactions.fields),
  articles: keyPrefixes(DATASETS.articles.fields),
};

function keyPrefixes(fields: readonly string[]): string[] {
  return fields.map((field, i) => `${i === 0 ? '' : ','}\n    ${JSON.stringify(field)}: `);
}
