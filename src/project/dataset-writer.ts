// The datasets' files written as the derive goes, article by article, each
// to a temporary file beside its target (named as files.ts names them, so a
// killed run's are cleaned by the next), hashed as it is written for the
// manifest; swapFilesAtomically then swaps them in with the rest. Each file
// is one writeFile of the bytes as they come, copied into blocks of 64 KB.
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
import { closeSync, constants, openSync, readSync } from 'node:fs';
import { copyFile, mkdir, open, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetName } from '../datasets/schema.ts';
import { csvHeaderBytes, DATASET_NAMES, DatasetFramer } from '../datasets/serialize.ts';
import type { WrittenBytes } from '../datasets/serialize.ts';
import { FileHasher } from './file-hash.ts';
import { PrefixHasher } from './prefix-hasher.ts';
import type { FileDigest } from './previous-datasets.ts';
import { RangeList } from './range-list.ts';

/** Bytes a file may have waiting to be written before the derive waits for the disk. */
const WAITING_BYTES = 4 * 2 ** 20;

/**
 * A file's bytes are copied into blocks of this size, each written whole,
 * then used again. Queued as they came, the rows were views of their
 * article's cache entry, which they kept alive until written: long enough for
 * V8 to promote the entries, then free them only in a full collection. At
 * 100,000 articles those dead entries were some 60 MB of the derive's peak.
 */
const BLOCK = 2 ** 16;

/** Blocks a file keeps for its next bytes once written (more, after a wait for the disk, are left to be collected). */
const SPARE_BLOCKS = 16;

/** How far ahead a copied file's prefix must grow before the hasher is told. */
const HASH_STEP = 8 * 2 ** 20;

/** Bytes of a run of copied articles read at once (then waited for, as the rows written are: WAITING_BYTES). */
const RUN_READ = 2 ** 20;

/** Where one article's rows are in a dataset's two files: its JSON elements, then its CSV lines (each without the separator that follows). */
export type RowsRange = [id: string, jsonStart: number, jsonEnd: number, csvStart: number, csvEnd: number];

/** Writes a file's data out to the disk (a failure only means the kernel writes it out later, as it would anyway). */
async function writeOut(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/** The files a derive replaces, and where each article's rows are in them: what `reuse` copies from. */
export interface PreviousFiles {
  dir: string;
  /** Per dataset, in the files' order. */
  ranges: Record<DatasetName, RowsRange[]>;
  /** The digests of each file's 1 MiB pieces (FileHasher), by file name, where the stamp notes them. */
  digests: Record<string, Buffer>;
}

/** One file being written: the bytes handed to it, copied into blocks that its writeFile takes as they fill. */
class StreamedFile implements AsyncIterable<Uint8Array> {
  readonly #hash = new FileHasher();
  /** When the file is hashed on the hasher's thread (it starts as a copy, or `hashElsewhere`): its hash's id there. */
  #remote: number | null = null;
  done: Promise<void> = Promise.resolve();
  /** The block being filled, and how far. */
  #block: Buffer | null = null;
  #fill = 0;
  /** Full blocks waiting to be written, and their bytes. */
  #queue: Buffer[] = [];
  #queued = 0;
  /** Blocks written, to be filled again. */
  #spare: Buffer[] = [];
  #ended = false;
  #wake: (() => void) | null = null;
  #drained: (() => void) | null = null;

  /** The copy of the previous file the file starts as, made while the derive goes on (`copyOf`). */
  #copy: Promise<void> | null = null;
  /** Whether that copy is written out to the disk as soon as it is made, not once cut. */
  #writeOutNow = true;
  /** How much of that copy is known to stay, or of the file is written, told to the hasher (it hashes no further). */
  #told = 0;
  /** Where the bytes written so far end (after the copy's prefix). */
  #written = 0;

  constructor(
    readonly path: string,
    private readonly hasher: PrefixHasher,
  ) {}

  /**
   * The file will start as the first bytes of `from`, as many as `keep` is
   * told: the copy starts now, and its hash on the hasher's thread, as far as
   * is known to stay.
   */
  copyOf(from: string, digests: Buffer | undefined, whole: boolean): void {
    // A clone where the file system makes one (Btrfs, XFS, APFS: no bytes copied, whatever the size); a copy elsewhere.
    this.#copy = copyFile(from, this.path, constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE);
    this.#copy.catch(() => undefined);
    // Written out to the disk while the derive goes on, not when the file is renamed over the one it replaces: ext4 then
    // flushes a renamed file's new data first (its auto_da_alloc), some 80 ms for 200 MB, where a derive adding one article to thousands waited.
    // A copy to be cut short (`whole` false) is written out once cut (`start`): the rest, never written, is dropped with the cut.
    this.#writeOutNow = whole;
    if (whole) void this.#copy.then(() => writeOut(this.path)).catch(() => undefined);
    this.#remote = this.hasher.start(from, digests);
  }

  /**
   * The file hashed on the hasher's thread, not this one, though it starts
   * empty: when the derive has many rows to copy after a cut (an article
   * added early in the id order), this thread reads and writes them, and the
   * hasher reads them back as they are written.
   */
  hashElsewhere(): void {
    this.#remote ??= this.hasher.start(null);
  }

  /** At least the first `bytes` of the copy stay (told to the hasher a few megabytes at a time). */
  keep(bytes: number): void {
    if (this.#remote === null || bytes - this.#told < HASH_STEP) return;
    this.#told = bytes;
    this.hasher.advance(this.#remote, bytes);
  }

  /** Starts writing: after the first `prefix` bytes of the copy (all of it cut off for 0), or into a new file. */
  start(prefix: number | null): void {
    const copy = this.#copy;
    if (this.#remote !== null) {
      if (copy) this.hasher.advance(this.#remote, prefix ?? 0);
      this.hasher.follow(this.#remote, this.path);
      this.#told = this.#written = copy ? (prefix ?? 0) : 0;
    }
    this.done = (async () => {
      if (copy) {
        await copy;
        await truncate(this.path, prefix ?? 0);
        if (!this.#writeOutNow) void writeOut(this.path).catch(() => undefined);
      }
      await writeFile(this.path, this, { flag: copy ? 'a' : 'wx' });
    })();
    this.done.catch(() => undefined);
  }

  /** The hash of what was written (fileHash), and its pieces' digests. */
  async digest(): Promise<Required<FileDigest>> {
    if (this.#remote === null) {
      const { hash, pieces } = this.#hash.digest();
      return { hash, pieces: pieces.toString('hex') };
    }
    this.hasher.advance(this.#remote, this.#written);
    return await this.hasher.digest(this.#remote);
  }

  push(bytes: Uint8Array): void {
    for (let at = 0; at < bytes.byteLength;) {
      const block = (this.#block ??= this.#spare.pop() ?? Buffer.allocUnsafeSlow(BLOCK));
      const take = Math.min(BLOCK - this.#fill, bytes.byteLength - at);
      block.set(bytes.subarray(at, at + take), this.#fill);
      this.#fill += take;
      at += take;
      if (this.#fill === BLOCK) this.#seal();
    }
  }

  /**
   * Bytes that are the file's own from now on, written as they are rather
   * than copied into blocks: a run of copied rows, read a megabyte at a
   * time, goes to the disk in writes of that size.
   */
  pushOwned(bytes: Buffer): void {
    this.#seal();
    this.#queue.push(bytes);
    this.#queued += bytes.byteLength;
    this.#wake?.();
  }

  /** The block being filled, queued to be written (as far as it is filled). */
  #seal(): void {
    if (!this.#block || this.#fill === 0) return;
    this.#queue.push(this.#fill === BLOCK ? this.#block : this.#block.subarray(0, this.#fill));
    this.#queued += this.#fill;
    this.#block = null;
    this.#fill = 0;
    this.#wake?.();
  }

  /** Waits while too much is waiting (rejects when the write failed). */
  async drain(): Promise<void> {
    if (this.#queued < WAITING_BYTES) return;
    this.#wake?.();
    await Promise.race([new Promise<void>((resolve) => (this.#drained = resolve)), this.done]);
  }

  async end(): Promise<void> {
    this.#ended = true;
    this.#wake?.();
    // A copy still under way (a derive stopped before the file started) is finished first, so that removing the file removes it.
    await this.#copy?.catch(() => undefined);
    await this.done;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    for (;;) {
      if (this.#ended) this.#seal();
      const bytes = this.#queue.shift();
      if (bytes) {
        this.#queued -= bytes.byteLength;
        if (this.#queued < WAITING_BYTES) {
          this.#drained?.();
          this.#drained = null;
        }
        // Hashed as it goes to the disk; on the hasher's thread, read back once written.
        if (this.#remote === null) this.#hash.update(bytes);
        yield bytes;
        this.#written += bytes.byteLength;
        if (this.#remote !== null && this.#written - this.#told >= HASH_STEP) {
          this.#told = this.#written;
          this.hasher.advance(this.#remote, this.#written);
        }
        // writeFile asks for the next bytes once these are written: the block is free (bytes pushOwned are left to be collected).
        if (this.#spare.length < SPARE_BLOCKS && bytes.buffer.byteLength === BLOCK)
          this.#spare.push(Buffer.from(bytes.buffer, bytes.byteOffset, BLOCK));
        continue;
      }
      if (this.#ended) return;
      await new Promise<void>((resolve) => (this.#wake = resolve));
      this.#wake = null;
    }
  }
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
  /** Each article's index among the previous ranges, per dataset. */
  readonly #byId = new Map<DatasetName, Map<string, number>>();
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
      if (previous) this.#byId.set(name, new Map(previous.ranges[name].map((range, i) => [range[0], i])));
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
    const index = this.#byId.get(name)?.get(id);
    if (index === undefined) return true;
    const range = this.#previous!.ranges[name][index]!;
    const prefix = this.#prefix.get(name);
    if (prefix) {
      if (prefix.next !== index) return false;
      prefix.next += 1;
      prefix.pieces += 1;
      this.#advance(name, range);
      const files = this.#pairs.get(name)!;
      files.json.keep(range[2]);
      files.csv.keep(range[4] + 1);
      return true;
    }
    // After the cut: the article joins the run of copies it follows in the previous files, or starts one once the last is written.
    const run = this.#runs.get(name);
    if (run && run.last + 1 !== index) return false;
    if (run) run.last = index;
    else this.#runs.set(name, { first: index, last: index });
    this.#shifted(name, range);
    return true;
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

  #framed(name: DatasetName, piece: WrittenBytes, id: string): void {
    const at = this.#bytes[name];
    // After `[\n` or `,\n`; after the header or the last line's break.
    const jsonStart = at.json + 2;
    const range: RowsRange = [id, jsonStart, jsonStart + piece.json.byteLength, at.csv, at.csv + piece.csv.byteLength];
    this.#advance(name, range);
    this.#framers.get(name)!.add(piece);
  }

  /** A copied article's range, shifted to where its bytes will be once its run is written (each run's separators are the files' own). */
  #shifted(name: DatasetName, [id, jsonStart, jsonEnd, csvStart, csvEnd]: RowsRange): void {
    const at = this.#bytes[name];
    this.#advance(name, [id, at.json + 2, at.json + 2 + jsonEnd - jsonStart, at.csv, at.csv + csvEnd - csvStart]);
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

  /** The article's rows are at `range`: the files go on after them. */
  #advance(name: DatasetName, range: RowsRange): void {
    this.ranges[name].push(range);
    const at = this.#bytes[name];
    at.json = range[2];
    at.csv = range[4] + 1;
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
