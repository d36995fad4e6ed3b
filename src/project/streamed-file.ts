// One dataset file being written (dataset-writer.ts): the bytes handed to
// it, copied into blocks of 64 KB that one writeFile takes as they fill,
// hashed as they go (on this thread, or on the hasher's: prefix-hasher.ts);
// or a copy of the previous file, cut where the rows that stay end, with
// the rest written after it.
import { constants } from 'node:fs';
import { copyFile, open, truncate, writeFile } from 'node:fs/promises';
import { FileHasher } from './file-hash.ts';
import type { PrefixHasher } from './prefix-hasher.ts';
import type { FileDigest } from './previous-datasets.ts';

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

/** Writes a file's data out to the disk (a failure only means the kernel writes it out later, as it would anyway). */
async function writeOut(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/** One file being written: the bytes handed to it, copied into blocks that its writeFile takes as they fill. */
export class StreamedFile implements AsyncIterable<Uint8Array> {
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
