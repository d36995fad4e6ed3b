// The datasets a derive replaces, article by article, for CHANGES.md: never
// read whole. A folder whose manifest records the hash of every file was
// written by a derive: its JSON files are rows one per `  {` … `  }` block,
// in article order, so one pass (hashing each file, as dataset-folder.ts
// does, to trust it) notes where each article's rows are; an article is then
// read only when its rows may have changed, and compared first as bytes. A
// folder of an older newsbook (no file hashes) is read whole, as it was.
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { ArticleSide } from '../datasets/changes.ts';
import { MANIFEST, parseManifest } from '../datasets/fingerprint.ts';
import { fileHash, HASH_PIECE, hasherLike } from './file-hash.ts';
import { DATA_PACKAGE } from '../datasets/datapackage.ts';
import type { PackageSource } from '../datasets/datapackage.ts';
import { DATASETS } from '../datasets/schema.ts';
import type { ArticleRow, DatasetName } from '../datasets/schema.ts';
import { DATASET_NAMES } from '../datasets/serialize.ts';
import { validateDataset } from '../datasets/serialize.ts';
import type { Datasets } from '../datasets/serialize.ts';
import { datasetFolderState } from './dataset-folder.ts';
import { readOutputIfExists } from './files.ts';
import type { PreviousFiles, RowsRange } from './dataset-writer.ts';
import type { RangeList } from './range-list.ts';
import type { ReuseNotes } from './reuse.ts';
import { compare } from '../common/compare.ts';
import { mapLookup, mergedIds, stampLookup } from './range-lookup.ts';
import type { RangeLookup } from './range-lookup.ts';

export interface PreviousDatasets {
  /** Every article id the datasets name (front matter rows and the rows' `article`), sorted. */
  ids: string[];
  /** The stamp, when the files are the ones it notes (so its ranges and notes hold for them). */
  stamp: OutputStamp | null;
  /** An article's rows of a dataset as written (JSON elements joined by ROW_SEPARATOR); null when the folder was read whole. */
  json(id: string, name: DatasetName): Uint8Array | null;
  /** An article's rows. */
  side(id: string): Promise<ArticleSide>;
  /**
   * Each article's source as the data package there names it (packageSource
   * of its row), looked up by id: when the files are the ones the stamp
   * notes, the package among them; else null.
   */
  sources(): Promise<((id: string) => PackageSource | null) | null>;
  close(): Promise<void>;
}

const ROW = Buffer.from('\n  {\n');
const KEYS: Record<DatasetName, Buffer> = {
  casualties: Buffer.from('\n    "article": '),
  reactions: Buffer.from('\n    "article": '),
  articles: Buffer.from('\n    "id": '),
};
const NEWLINE = 0x0a;

/**
 * What a derive wrote, noted beside its extraction cache (stampPath): each
 * file's hash, size, inode and modification time, and where each article's
 * rows are in each JSON file. A file whose size, inode and time are those
 * noted is the file that was written (as git trusts its index): the next
 * derive neither hashes nor scans it again.
 */
export interface OutputStamp {
  manifest: string;
  files: Record<string, StampedFile>;
  /** Each article's rows in each dataset's files (RowsRange; a stamp of an older newsbook has the JSON range alone). */
  ranges: Record<DatasetName, (RowsRange | [id: string, start: number, end: number])[]>;
  /** What the next derive may take from here instead of its cache (reuse.ts); missing in an older stamp. */
  reuse?: ReuseNotes;
}

/**
 * A file as the stamp notes it. `pieces`: for a dataset's file, the hex
 * digests of its pieces (FileHasher), which the next derive takes for the
 * pieces it copies whole (missing in an older stamp).
 */
export interface StampedFile {
  hash: string;
  size: string;
  ino: string;
  mtimeNs: string;
  pieces?: string;
}

/** A file's hash, and its pieces' digests when they are to be noted. */
export type FileDigest = Pick<StampedFile, 'hash' | 'pieces'>;

/** Where the stamp of the datasets in `out` is kept, in the extraction cache's folder. */
export function stampPath(cacheRoot: string, out: string): string {
  return join(cacheRoot, 'outputs', `${createHash('sha256').update(resolve(out)).digest('hex').slice(0, 32)}.json`);
}

/** A stamp as a derive makes it: its ranges as the derive noted them, written as OutputStamp's arrays (stamp-file.ts). */
export type MadeStamp = Omit<OutputStamp, 'ranges'> & { ranges: Record<DatasetName, RangeList> };

/** The stamp of the files now in `out` (the manifest's hashes, and the ranges the derive noted as it wrote them); null when one cannot be looked at. */
export function makeStamp(
  out: string,
  manifestText: string,
  digests: Record<string, FileDigest>,
  ranges: Record<DatasetName, RangeList>,
  reuse: ReuseNotes,
): MadeStamp | null {
  return restamp(out, { manifest: fileHash(manifestText), files: {}, ranges, reuse }, digests);
}

/**
 * A stamp noting the files now in `dir` instead (the same bytes, moved
 * there); null when one cannot be looked at. Looked at here, at once: Node's file system threads are then
 * writing the copied datasets out to the disk (dataset-writer.ts), and a
 * look through them waited for that, some 50 ms a derive.
 */
export function restamp<S extends Pick<OutputStamp, 'files'>>(
  dir: string,
  stamp: S,
  digests: Record<string, FileDigest>,
): S | null {
  const files: OutputStamp['files'] = {};
  try {
    for (const [name, { hash, pieces }] of Object.entries(digests)) {
      const s = statSync(join(dir, name), { bigint: true });
      files[name] = { hash, size: String(s.size), ino: String(s.ino), mtimeNs: String(s.mtimeNs) };
      if (pieces !== undefined) files[name].pieces = pieces;
    }
  } catch {
    return null;
  }
  return { ...stamp, files };
}

/** The ranges of the stamp, when every file of `manifest` is the one it notes. */
function stampedRanges(
  dir: string,
  manifestText: string,
  files: Record<string, string>,
  stamp: OutputStamp | null,
): Record<DatasetName, RangeLookup> | null {
  if (stamp === null || stamp.manifest !== fileHash(manifestText)) return null;
  if (!Object.entries(files).every(([name, hash]) => stamp.files[name]?.hash === hash)) return null;
  if (!stampedFilesThere(dir, stamp, Object.keys(files))) return null;
  const ranges = {} as Record<DatasetName, RangeLookup>;
  for (const name of DATASET_NAMES) ranges[name] = stampLookup(stamp.ranges[name] ?? []);
  return ranges;
}

/**
 * Whether the files of `names` (by default every file the stamp notes) are
 * in `dir` as the stamp noted them: the same size, inode and modification
 * time. When they are not, the stamp's notes of articles can copy nothing.
 */
export function stampedFilesThere(
  dir: string,
  stamp: OutputStamp,
  names: readonly string[] = Object.keys(stamp.files),
): boolean {
  return names.every((name) => {
    const noted = stamp.files[name];
    if (noted === undefined) return false;
    let s;
    try {
      s = statSync(join(dir, name), { bigint: true, throwIfNoEntry: false });
    } catch {
      return false;
    }
    return (
      s !== undefined &&
      noted.size === String(s.size) &&
      noted.ino === String(s.ino) &&
      noted.mtimeNs === String(s.mtimeNs)
    );
  });
}

/** The previous datasets' files, when the derive may copy rows from them: they are the files their stamp notes, and it notes where every article's rows are in every file. */
export function reusableFiles(before: PreviousDatasets | null, dir: string): PreviousFiles | null {
  const stamp = before?.stamp;
  if (!stamp) return null;
  const ranges = {} as PreviousFiles['ranges'];
  for (const name of DATASET_NAMES) {
    const noted = stamp.ranges[name] ?? [];
    if (!noted.every((range): range is RowsRange => range.length === 5)) return null;
    ranges[name] = noted;
  }
  const digests: PreviousFiles['digests'] = {};
  for (const [name, file] of Object.entries(stamp.files)) {
    const noted = notedDigests(file);
    if (noted) digests[name] = noted;
  }
  return { dir, ranges, digests };
}

/** The digests of a file's pieces as its stamp notes them, when they are as many as its size has pieces. */
function notedDigests(file: StampedFile): Buffer | null {
  if (typeof file.pieces !== 'string' || !/^(?:[0-9a-f]{64})*$/.test(file.pieces)) return null;
  const digests = Buffer.from(file.pieces, 'hex');
  return digests.byteLength / 32 === Math.ceil(Number(file.size) / HASH_PIECE) ? digests : null;
}

/** The previous datasets in `dir`; null when there are none, or they do not belong together, or cannot be read. `stamp`: what the last derive noted of them. */
export async function openPreviousDatasets(
  dir: string,
  stamp: OutputStamp | null = null,
): Promise<PreviousDatasets | null> {
  const manifestText = await readOutputIfExists(join(dir, MANIFEST)).catch(() => null);
  const manifest = parseManifest(manifestText);
  if (manifest === null || manifest.files === undefined) {
    const whole = await readPreviousDatasets(dir);
    return whole === null ? null : inMemory(whole);
  }
  const stamped = stampedRanges(dir, manifestText!, manifest.files, stamp);
  const ranges = stamped ?? ({} as Record<DatasetName, RangeLookup>);
  for (const [file, hash] of DATASET_NAMES.every((name) => ranges[name]) ? [] : Object.entries(manifest.files)) {
    const name = DATASET_NAMES.find((n) => file === `${n}.json`);
    const scanned = await scanFile(join(dir, file), name, hash).catch(() => null);
    if (scanned === null || scanned.hash !== hash) return null;
    if (name) {
      if (scanned.ranges === null) {
        // Not the layout a derive writes: read whole.
        const whole = await readPreviousDatasets(dir);
        return whole === null ? null : inMemory(whole);
      }
      ranges[name] = mapLookup(scanned.ranges);
    }
  }
  if (!DATASET_NAMES.every((name) => ranges[name])) return null;
  const readers = new Map<DatasetName, BlockReader>();
  for (const name of DATASET_NAMES) readers.set(name, new BlockReader(openSync(join(dir, `${name}.json`), 'r')));
  const ids = mergedIds(DATASET_NAMES.map((name) => ranges[name]));
  const json = (id: string, name: DatasetName): Uint8Array => {
    const range = ranges[name].get(id);
    return range ? readers.get(name)!.read(range[0], range[1]) : new Uint8Array(0);
  };
  return {
    ids,
    stamp: stamped ? stamp : null,
    json,
    async side(id) {
      const rows = {} as Record<DatasetName, unknown[]>;
      for (const name of DATASET_NAMES) rows[name] = parseRows(name, json(id, name));
      return {
        meta: (rows.articles[0] as ArticleRow | undefined) ?? null,
        casualties: rows.casualties as ArticleSide['casualties'],
        reactions: rows.reactions as ArticleSide['reactions'],
      };
    },
    async sources() {
      const sources = stamped ? await packageSources(dir, ranges.articles.size) : null;
      return sources && ((id) => sources[ranges.articles.get(id)?.[2] ?? -1] ?? null);
    },
    async close() {
      for (const reader of readers.values()) reader.close();
    },
  };
}

/**
 * The sources of the data package in `dir`, one for each article of its
 * articles.json, in that order (as a derive writes them); null when they are
 * not. A derive adding an article to thousands takes the others' from here,
 * rather than parsing each one's row again (some 80 ms of such a derive).
 */
async function packageSources(dir: string, articles: number): Promise<PackageSource[] | null> {
  const text = await readOutputIfExists(join(dir, DATA_PACKAGE)).catch(() => null);
  try {
    const sources = text === null ? null : (JSON.parse(text) as { sources?: unknown }).sources;
    return Array.isArray(sources) && sources.length === articles ? (sources as PackageSource[]) : null;
  } catch {
    return null;
  }
}

/**
 * Reads ranges of a file in blocks of a few megabytes where the derive asks
 * for them in the order of the file (each article's rows, one after the
 * other), so that one read serves hundreds; a range asked for out of that
 * order is read alone. The file is opened, read and closed at once, not
 * through Node's file system threads: when an article is added to
 * thousands, those are copying the previous datasets (dataset-writer.ts),
 * and each open waited behind the copies, up to some 70 ms.
 */
export class BlockReader {
  #block: Buffer = Buffer.alloc(0);
  #at = 0;
  /** Where the last range asked for ended: -1 before the first. */
  #end = -1;

  #closed = false;

  /** `fd`: the file, open for reading (openSync); the reader closes it. */
  constructor(readonly fd: number) {}

  /**
   * Closes the file, once: a derive closes the previous datasets once they
   * are assembled, and again when it stops on a later failure (writing the
   * files). Closed a second time, the number would close whatever file holds
   * it by then: a write still under way, or the next derive's gazetteer,
   * which then failed to read with EBADF.
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    closeSync(this.fd);
  }

  /**
   * The bytes from `start` to `end`, read at once: a block read every few
   * megabytes blocks less than an await for each article's rows, most of
   * which are in the block already. A range that does not follow the last
   * one (the few tolls read back after an article is added to thousands,
   * scattered over a file of tens of megabytes) is read alone: a block for
   * each took some 60 ms of such a derive.
   */
  read(start: number, end: number): Uint8Array {
    const follows = this.#end >= 0 && start >= this.#end && start - this.#end <= NEAR_BYTES;
    this.#end = end;
    if (start < this.#at || end > this.#at + this.#block.byteLength) {
      const block = Buffer.allocUnsafe(follows ? Math.max(BLOCK_BYTES, end - start) : end - start);
      this.#block = block.subarray(0, readSync(this.fd, block, 0, block.byteLength, start));
      this.#at = start;
    }
    return this.#block.subarray(start - this.#at, end - this.#at);
  }
}

const BLOCK_BYTES = 4 * 2 ** 20;

/** A range that starts no further than this after the last one follows it (the rows of an article gone may lie between). */
const NEAR_BYTES = 2 ** 16;

/** An article's rows as written, read back and validated (as validateDataset does: the rows as the schema gives them). */
export function parseRows(name: DatasetName, json: Uint8Array): unknown[] {
  if (json.byteLength === 0) return [];
  const data = JSON.parse(
    `[${Buffer.from(json.buffer, json.byteOffset, json.byteLength).toString('utf8')}]`,
  ) as unknown[];
  const { schema } = DATASETS[name];
  return data.map((row) => {
    const parsed = schema.safeParse(row);
    return parsed.success ? parsed.data : row;
  });
}

/**
 * One file's hash, in the layout of the manifest's (`recorded`), and, for a
 * dataset's JSON (`name`), where each article's rows are: from its first
 * row's `  {` to its last row's `  }`. `ranges` is null when the file is not
 * laid out as a derive writes it (an article's rows apart, a row without its
 * key).
 */
async function scanFile(
  path: string,
  name: DatasetName | undefined,
  recorded: string,
): Promise<{ hash: string; ranges: Map<string, [number, number]> | null }> {
  const hash = hasherLike(recorded);
  const starts: [string, number][] = [];
  const seen = new Set<string>();
  let ok = name !== undefined;
  let carry: Buffer = Buffer.alloc(0);
  let carryAt = 0;
  let size = 0;
  let head: Buffer | null = null;
  let tail = Buffer.alloc(0);
  for await (const chunk of createReadStream(path, { highWaterMark: 4 * 2 ** 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.byteLength;
    head ??= Buffer.from(chunk.subarray(0, 8));
    tail = Buffer.concat([tail, chunk]).subarray(-3);
    if (!ok || !name) continue;
    const buffer = carry.byteLength > 0 ? Buffer.concat([carry, chunk]) : chunk;
    let pos = 0;
    let keep = -1;
    for (;;) {
      const p = buffer.indexOf(ROW, pos);
      if (p === -1) {
        keep = Math.max(pos, buffer.byteLength - ROW.byteLength + 1);
        break;
      }
      const k = buffer.indexOf(KEYS[name], p + ROW.byteLength - 1);
      const e = k === -1 ? -1 : buffer.indexOf(NEWLINE, k + KEYS[name].byteLength);
      if (e === -1) {
        keep = p;
        if (buffer.byteLength - p > 2 ** 20) ok = false;
        break;
      }
      // The key must be this row's (before its closing `  }`).
      const close = buffer.indexOf('\n  }', p + 1);
      if (close !== -1 && close < k) {
        ok = false;
        break;
      }
      const id = JSON.parse(buffer.toString('utf8', k + KEYS[name].byteLength, e).replace(/,$/, '')) as unknown;
      if (typeof id !== 'string') {
        ok = false;
        break;
      }
      if (starts.at(-1)?.[0] !== id) {
        if (seen.has(id)) {
          ok = false;
          break;
        }
        seen.add(id);
        starts.push([id, carryAt + p + 1]);
      }
      pos = e;
    }
    carry = ok ? Buffer.from(buffer.subarray(keep)) : Buffer.alloc(0);
    carryAt += keep;
  }
  const digest = hash.digest();
  if (!ok || !name) return { hash: digest, ranges: null };
  const empty = starts.length === 0;
  if (
    empty
      ? size !== 3 || head?.toString() !== '[]\n'
      : !head?.toString().startsWith('[\n  {') || tail.toString() !== '\n]\n'
  )
    return { hash: digest, ranges: null };
  const ranges = new Map<string, [number, number]>();
  starts.forEach(([id, start], i) => ranges.set(id, [start, i + 1 < starts.length ? starts[i + 1]![1] - 2 : size - 3]));
  return { hash: digest, ranges };
}

/** The previous datasets read whole (a folder without file hashes), by article. */
function inMemory(datasets: Datasets): PreviousDatasets {
  const sides = new Map<string, ArticleSide>();
  const side = (id: string) => {
    let s = sides.get(id);
    if (!s) sides.set(id, (s = { meta: null, casualties: [], reactions: [] }));
    return s;
  };
  for (const row of datasets.articles) side(row.id).meta ??= row;
  for (const row of datasets.casualties) side(row.article).casualties.push(row);
  for (const row of datasets.reactions) side(row.article).reactions.push(row);
  return {
    ids: [...sides.keys()].sort(compare),
    stamp: null,
    json: () => null,
    side: async (id) => sides.get(id) ?? { meta: null, casualties: [], reactions: [] },
    sources: async () => null,
    close: async () => undefined,
  };
}

/** The datasets a derive is about to replace, whole, or null when there are none (or they cannot be read, or do not belong together). */
export async function readPreviousDatasets(dir: string): Promise<Datasets | null> {
  if ((await datasetFolderState(dir)).consistent === false) return null;
  const datasets: Partial<Record<keyof Datasets, unknown[]>> = {};
  for (const name of DATASET_NAMES) {
    const path = join(dir, `${name}.json`);
    const text = await readOutputIfExists(path).catch(() => null);
    if (text === null) return null;
    const { rows, problems } = validateDataset(name, text, path);
    if (problems.length > 0) return null;
    datasets[name] = rows;
  }
  return datasets as Datasets;
}
