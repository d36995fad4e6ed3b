// The datasets' files written as the derive goes, article by article, each
// to a temporary file beside its target (named as files.ts names them, so a
// killed run's are cleaned by the next), hashed as it is written for the
// manifest; swapFilesAtomically then swaps them in with the rest. Each file
// is one writeFile of the bytes as they come, copied into blocks of 64 KB
// (streamed-file.ts).
//
// An article whose rows are the very bytes the previous files hold for it
// (previous-datasets.ts, `reuse`) is not written again. Given the previous
// files, each file starts as a copy of its previous one (made by the kernel
// while the derive goes on, and hashed on another thread: prefix-hasher.ts),
// unless little of it is expected to stay (worthCopying); while every
// article so far is the previous file's next one, the copy only grows the
// prefix that stays, and the first article that is not cuts it there, the
// rest written after it. Adding one article to thousands at the end of the
// id order writes that article's rows after a copy. After the cut, copied
// articles that were next to each other in the previous files are read back
// as one run of bytes, a megabyte at a time (an article added or edited
// early in the id order shifts the rest of the files).
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetName } from '../datasets/schema.ts';
import { csvHeaderBytes, DATASET_NAMES, DatasetFramer } from '../datasets/serialize.ts';
import type { WrittenBytes } from '../datasets/serialize.ts';
import { PrefixHasher } from './prefix-hasher.ts';
import type { FileDigest } from './previous-datasets.ts';
import { RangeList } from './range-list.ts';
import { StreamedFile } from './streamed-file.ts';
import { stampLookup } from './range-lookup.ts';
import type { RangeLookup } from './range-lookup.ts';

/** Bytes of a run of copied articles read at once (then waited for, as the rows written are: StreamedFile.drain). */
const RUN_READ = 2 ** 20;

/** Where one article's rows are in a dataset's two files: its JSON elements, then its CSV lines (each without the separator that follows). */
export type RowsRange = [id: string, jsonStart: number, jsonEnd: number, csvStart: number, csvEnd: number];

/** The files a derive replaces, and where each article's rows are in them: what `reuse` copies from. */
export interface PreviousFiles {
  dir: string;
  /** Per dataset, in the files' order. */
  ranges: Record<DatasetName, RowsRange[]>;
  /** The digests of each file's 1 MiB pieces (FileHasher), by file name, where the stamp notes them. */
  digests: Record<string, Buffer>;
}

/** A dataset while its files are still a prefix of the previous ones: the next previous range, and the pieces in it. */
interface Prefix {
  next: number;
  pieces: number;
}

/** Copied articles after the cut, next to each other in the previous files: the first and last of their previous ranges, their bytes not yet written. */
interface Run {
  first: number;
  last: number;
}

/**
 * Whether a dataset's files should start as a copy of the previous ones:
 * when the rows of the `kept` first articles are at least COPY_SHARE of
 * them. The copy is the kernel's, made and written out to the disk while the
 * derive goes on, and costs this thread nothing; but cut short early (an
 * article added or edited near the start of the id order), most of it is
 * made and written out for nothing, and the rows after the cut are read and
 * written here all the same. Measured on 10,000 synthetic articles, an
 * article added first: 0.95–1.10 s without the copy, 1.16–1.64 s with it;
 * added halfway: 0.83–1.13 s with the copy, 1.02–1.42 s without.
 */
function worthCopying(previous: PreviousFiles, name: DatasetName, kept: number): boolean {
  const ranges = previous.ranges[name];
  const last = ranges.at(-1);
  if (!last) return false;
  // The previous files' articles, in order: every article has its row in `articles`.
  const articles = previous.ranges.articles;
  let k = 0;
  let prefix = 0;
  for (const [id, , jsonEnd] of ranges) {
    while (k < kept && k < articles.length && articles[k]![0] !== id) k += 1;
    if (k >= kept || k >= articles.length) break;
    prefix = jsonEnd;
  }
  return prefix >= last[2] * COPY_SHARE;
}

/** See worthCopying: between the two shares measured, nearer the first, for the copy costs this thread nothing. */
const COPY_SHARE = 1 / 8;

export class DatasetFilesWriter {
  readonly #files = new Map<string, StreamedFile>();
  /** Each dataset's two files, looked up once per article and dataset as rows are copied. */
  readonly #pairs = new Map<DatasetName, { json: StreamedFile; csv: StreamedFile }>();
  readonly #framers = new Map<DatasetName, DatasetFramer>();
  readonly #prefix = new Map<DatasetName, Prefix>();
  readonly #runs = new Map<DatasetName, Run>();
  readonly #previous: PreviousFiles | null;
  /** The previous ranges by id, per dataset, made when one is first looked up (#indexOf). */
  readonly #lookups = new Map<DatasetName, RangeLookup>();
  /** The previous files, opened when a run is first read from them. */
  readonly #fds = new Map<string, number>();
  readonly #hasher = new PrefixHasher();
  readonly #bytes: Record<DatasetName, { json: number; csv: number }> = {
    casualties: { json: 0, csv: 0 },
    reactions: { json: 0, csv: 0 },
    articles: { json: 0, csv: 0 },
  };

  /** Where each article's rows are in each dataset's files, as they were written (the next derive's PreviousFiles, through the stamp). */
  readonly ranges: Record<DatasetName, RangeList> = {
    casualties: new RangeList(),
    reactions: new RangeList(),
    articles: new RangeList(),
  };

  private constructor(dir: string, previous: PreviousFiles | null, kept: number) {
    this.#previous = previous;
    const suffix = `.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    for (const name of DATASET_NAMES) {
      for (const ext of ['json', 'csv'])
        this.#files.set(`${name}.${ext}`, new StreamedFile(join(dir, `${name}.${ext}${suffix}`), this.#hasher));
      this.#pairs.set(name, { json: this.#files.get(`${name}.json`)!, csv: this.#files.get(`${name}.csv`)! });
      const files = this.#pairs.get(name)!;
      if (previous && worthCopying(previous, name, kept)) {
        this.#prefix.set(name, { next: 0, pieces: 0 });
        // Whether every previous article is expected to stay first (one added after them all), so the copy stays whole.
        const whole = kept >= previous.ranges.articles.length;
        files.json.copyOf(join(previous.dir, `${name}.json`), previous.digests[`${name}.json`], whole);
        files.csv.copyOf(join(previous.dir, `${name}.csv`), previous.digests[`${name}.csv`], whole);
      } else {
        if (previous) {
          files.json.hashElsewhere();
          files.csv.hashElsewhere();
        }
        this.#begin(name, 0);
      }
    }
  }

  /**
   * Starts the six files in `dir` (made when missing), in the datasets' order;
   * `previous`: the files `reuse` copies from. `kept`: how many of their first
   * articles are expected to stay first, as they are (see worthCopying).
   */
  static async open(dir: string, previous: PreviousFiles | null = null, kept = Infinity): Promise<DatasetFilesWriter> {
    await mkdir(dir, { recursive: true });
    return new DatasetFilesWriter(dir, previous, kept);
  }

  /** One article's rows of a dataset (nothing for none). */
  async add(name: DatasetName, piece: WrittenBytes | null, id = ''): Promise<void> {
    if (piece && (piece.json.byteLength > 0 || piece.csv.byteLength > 0)) {
      this.#materialize(name);
      await this.#writeRun(name);
      this.#framed(name, piece, id);
    }
    await this.#drain(name);
  }

  /**
   * `reuse` when it has nothing to read or write now (the files are still
   * the previous ones' prefix, the article's rows follow the run of copies
   * gathered, which is written later, or the files hold no rows of the
   * article): true when the rows are copied, false when `reuse` must copy
   * them.
   */
  reused(name: DatasetName, id: string): boolean {
    // A run of one, whose rows the previous files hold where they are, or nowhere.
    return (
      this.reusedRun(
        name,
        1,
        () => id,
        () => (this.#indexOf(name, id) === undefined ? 0 : 1),
      ) === 1
    );
  }

  /**
   * `reused` for the next `count` copied articles (the k-th's id and number
   * of rows in the dataset, as its note says), in one pass: how many of them,
   * from the first, it took; `reuse` takes the next, whose rows must be
   * copied now. At 10,000 articles, `reused` for each article and dataset
   * took some 80 ms of a derive adding one of them.
   */
  reusedRun(name: DatasetName, count: number, idAt: (k: number) => string, rowsAt: (k: number) => number): number {
    const previous = this.#previous;
    if (!previous) return count;
    const ranges = previous.ranges[name];
    const prefix = this.#prefix.get(name);
    const run = this.#runs.get(name);
    // The previous range the next article's must be: after the prefix, or after the run; unknown (-1) until a run starts.
    let start = prefix ? prefix.next : run ? run.last + 1 : -1;
    let next = start;
    let k = 0;
    for (; k < count; k += 1) {
      const id = idAt(k);
      if (next >= 0 && ranges[next]?.[0] === id) {
        next += 1;
        continue;
      }
      // None of its rows in this dataset: `reused` finds no range of it, and copies nothing.
      if (rowsAt(k) === 0) continue;
      if (next >= 0) break;
      // After the cut, with no run gathered: a run starts at the article's range, wherever it is.
      const index = this.#indexOf(name, id);
      if (index === undefined) break;
      start = index;
      next = index + 1;
    }
    if (next <= start) return k;
    if (prefix) {
      for (let i = start; i < next; i += 1) {
        const r = ranges[i]!;
        this.#advance(name, r[0], r[1], r[2], r[3], r[4]);
      }
      const last = ranges[next - 1]!;
      prefix.pieces += next - start;
      prefix.next = next;
      const files = this.#pairs.get(name)!;
      files.json.keep(last[2]);
      files.csv.keep(last[4] + 1);
      return k;
    }
    // Where each range will be once the run is written (each run's separators are the files' own).
    for (let i = start; i < next; i += 1) {
      const [id, jsonStart, jsonEnd, csvStart, csvEnd] = ranges[i]!;
      this.#next(name, id, jsonEnd - jsonStart, csvEnd - csvStart);
    }
    if (run) run.last = next - 1;
    else this.#runs.set(name, { first: start, last: next - 1 });
    return k;
  }

  /** One article's rows of a dataset, the very bytes the previous files hold for it (none when they hold none). */
  async reuse(name: DatasetName, id: string): Promise<void> {
    if (this.reused(name, id)) return;
    this.#materialize(name);
    await this.#writeRun(name);
    if (!this.reused(name, id)) throw new Error(`Cannot copy the rows of ${id} in ${name}`);
  }

  /**
   * Finishes every file: each one's path, hash and pieces' digests
   * (FileDigest), by file name, in the datasets' order. `meanwhile`: work of
   * the caller's, done once every byte is handed to the files, while they go
   * to the disk and are hashed (this thread would only wait).
   */
  async end(meanwhile?: () => void): Promise<Map<string, Required<FileDigest> & { path: string }>> {
    // The last runs of all six files at once: each file's writes are one after the other, Node's file system threads several at a time.
    await Promise.all(
      DATASET_NAMES.map((name) => {
        this.#materialize(name);
        return this.#writeRun(name);
      }),
    );
    for (const framer of this.#framers.values()) framer.end();
    meanwhile?.();
    const done = new Map<string, Required<FileDigest> & { path: string }>();
    for (const [name, file] of this.#files) {
      await file.end();
      done.set(name, { path: file.path, ...(await file.digest()) });
    }
    this.#closeFiles();
    await this.#hasher.close();
    return done;
  }

  /** Stops and removes every file (a derive that stops). */
  async abort(): Promise<void> {
    for (const file of this.#files.values()) {
      await file.end().catch(() => undefined);
      await rm(file.path, { force: true });
    }
    try {
      this.#closeFiles();
    } catch {
      // Closed or not, the derive stops.
    }
    await this.#hasher.close();
  }

  /** The article's index among the dataset's previous ranges; undefined when they hold none of its rows. */
  #indexOf(name: DatasetName, id: string): number | undefined {
    const previous = this.#previous;
    if (!previous) return undefined;
    let lookup = this.#lookups.get(name);
    if (!lookup) this.#lookups.set(name, (lookup = stampLookup(previous.ranges[name])));
    return lookup.get(id)?.[2];
  }

  #framed(name: DatasetName, piece: WrittenBytes, id: string): void {
    this.#next(name, id, piece.json.byteLength, piece.csv.byteLength);
    this.#framers.get(name)!.add(piece);
  }

  /** The run of copied articles the dataset has, its bytes read from the previous files and written, as the files' next piece. */
  async #writeRun(name: DatasetName): Promise<void> {
    const run = this.#runs.get(name);
    if (!run) return;
    this.#runs.delete(name);
    const ranges = this.#previous!.ranges[name];
    const [first, last] = [ranges[run.first]!, ranges[run.last]!];
    const files = this.#pairs.get(name)!;
    const framer = this.#framers.get(name)!;
    framer.openCopied();
    await Promise.all([
      this.#copyBytes(`${name}.json`, files.json, first[1], last[2]),
      this.#copyBytes(`${name}.csv`, files.csv, first[3], last[4]),
    ]);
    framer.closeCopied(run.last - run.first + 1);
  }

  /** The previous file's bytes from `start` to `end`, written to `to` a block at a time. */
  async #copyBytes(file: string, to: StreamedFile, start: number, end: number): Promise<void> {
    let fd = this.#fds.get(file);
    if (fd === undefined) this.#fds.set(file, (fd = openSync(join(this.#previous!.dir, file), 'r')));
    for (let at = start; at < end;) {
      // A buffer of its own for each read, handed over to the file.
      const bytes = Buffer.allocUnsafeSlow(Math.min(RUN_READ, end - at));
      const read = readSync(fd, bytes, 0, bytes.byteLength, at);
      if (read === 0) throw new Error(`Cannot copy rows from the previous ${file}: it is shorter than noted`);
      to.pushOwned(bytes.subarray(0, read));
      at += read;
      await to.drain();
      // Closed meanwhile: the derive stopped (the other file of the run failed), its files removed.
      if (this.#fds.get(file) !== fd) return;
    }
  }

  /** The article's rows are at these offsets: the files go on after them. */
  #advance(name: DatasetName, id: string, jsonStart: number, jsonEnd: number, csvStart: number, csvEnd: number): void {
    this.ranges[name].add(id, jsonStart, jsonEnd, csvStart, csvEnd);
    const at = this.#bytes[name];
    at.json = jsonEnd;
    at.csv = csvEnd + 1;
  }

  /** The article's rows, of these lengths, next in the files: after `[\n` or `,\n`; after the header or the last line's break. */
  #next(name: DatasetName, id: string, jsonLength: number, csvLength: number): void {
    const at = this.#bytes[name];
    const jsonStart = at.json + 2;
    this.#advance(name, id, jsonStart, jsonStart + jsonLength, at.csv, at.csv + csvLength);
  }

  /** The dataset's files started, when they are still a prefix of the previous ones: copies of those, cut after the prefix. */
  #materialize(name: DatasetName): void {
    const prefix = this.#prefix.get(name);
    if (!prefix) return;
    this.#prefix.delete(name);
    this.#begin(name, prefix.pieces);
  }

  /** Starts a dataset's files after its first `pieces` articles, copied (none: the files start with their header). */
  #begin(name: DatasetName, pieces: number): void {
    const { json, csv } = this.#pairs.get(name)!;
    if (pieces === 0) this.#bytes[name] = { json: 0, csv: csvHeaderBytes(name) };
    const copied = this.#previous !== null;
    json.start(copied ? (pieces === 0 ? 0 : this.#bytes[name].json) : null);
    csv.start(copied ? (pieces === 0 ? 0 : this.#bytes[name].csv) : null);
    this.#framers.set(
      name,
      new DatasetFramer(
        name,
        (b) => json.push(b),
        (b) => csv.push(b),
        pieces,
      ),
    );
  }

  async #drain(name: DatasetName): Promise<void> {
    if (this.#prefix.has(name)) return;
    const files = this.#pairs.get(name)!;
    await files.json.drain();
    await files.csv.drain();
  }

  #closeFiles(): void {
    const fds = [...this.#fds.values()];
    this.#fds.clear();
    for (const fd of fds) closeSync(fd);
  }
}
