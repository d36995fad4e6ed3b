// The datasets' files written as the derive goes, article by article, each
// to a temporary file beside its target (named as files.ts names them, so a
// killed run's are cleaned by the next), hashed as it is written for the
// manifest; writeFilesAtomically then swaps them in with the rest. Each file
// is one writeFile of the bytes as they come, a few megabytes at a time.
import { createHash, randomBytes } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetName } from '../datasets/schema.ts';
import { DATASET_NAMES, DatasetFramer } from '../datasets/serialize.ts';
import type { WrittenBytes } from '../datasets/serialize.ts';

/** Bytes a file may have waiting to be written before the derive waits for the disk. */
const WAITING_BYTES = 4 * 2 ** 20;

/** One file being written: the bytes handed to it, taken by its writeFile as they come. */
class StreamedFile implements AsyncIterable<Uint8Array> {
  readonly hash: Hash = createHash('sha256');
  readonly done: Promise<void>;
  #queue: Uint8Array[] = [];
  #queued = 0;
  #ended = false;
  #wake: (() => void) | null = null;
  #drained: (() => void) | null = null;

  constructor(readonly path: string) {
    this.done = writeFile(path, this, { flag: 'wx' });
    this.done.catch(() => undefined);
  }

  push(bytes: Uint8Array): void {
    this.hash.update(bytes);
    this.#queue.push(bytes);
    this.#queued += bytes.byteLength;
    if (this.#queued >= 2 ** 16) this.#wake?.();
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
    await this.done;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    for (;;) {
      if (this.#queued > 0 && (this.#queued >= 2 ** 16 || this.#ended)) {
        const bytes = Buffer.concat(this.#queue);
        this.#queue = [];
        this.#queued = 0;
        this.#drained?.();
        this.#drained = null;
        yield bytes;
        continue;
      }
      if (this.#ended) return;
      await new Promise<void>((resolve) => (this.#wake = resolve));
      this.#wake = null;
    }
  }
}

export class DatasetFilesWriter {
  readonly #files = new Map<string, StreamedFile>();
  readonly #framers = new Map<DatasetName, DatasetFramer>();

  /** Starts the six files in `dir` (made when missing), in the datasets' order. */
  static async open(dir: string): Promise<DatasetFilesWriter> {
    await mkdir(dir, { recursive: true });
    const writer = new DatasetFilesWriter();
    const suffix = `.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    for (const name of DATASET_NAMES) {
      for (const ext of ['json', 'csv'])
        writer.#files.set(`${name}.${ext}`, new StreamedFile(join(dir, `${name}.${ext}${suffix}`)));
      writer.#framers.set(
        name,
        new DatasetFramer(
          name,
          (b) => writer.#files.get(`${name}.json`)!.push(b),
          (b) => writer.#files.get(`${name}.csv`)!.push(b),
        ),
      );
    }
    return writer;
  }

  /** Where each article's rows are in each JSON file (previous-datasets.ts), as they were written. */
  readonly ranges: Record<DatasetName, [id: string, start: number, end: number][]> = {
    casualties: [],
    reactions: [],
    articles: [],
  };
  readonly #jsonBytes: Record<DatasetName, number> = { casualties: 0, reactions: 0, articles: 0 };

  /** One article's rows of a dataset (nothing for none). */
  async add(name: DatasetName, piece: WrittenBytes | null, id = ''): Promise<void> {
    if (piece && (piece.json.byteLength > 0 || piece.csv.byteLength > 0)) {
      // After `[\n` or `,\n`.
      const start = this.#jsonBytes[name] + 2;
      this.ranges[name].push([id, start, start + piece.json.byteLength]);
      this.#jsonBytes[name] = start + piece.json.byteLength;
      this.#framers.get(name)!.add(piece);
    }
    await this.#files.get(`${name}.json`)!.drain();
    await this.#files.get(`${name}.csv`)!.drain();
  }

  /** Finishes every file: each one's path and hash (`sha256:<hex>`), by file name, in the datasets' order. */
  async end(): Promise<Map<string, { path: string; hash: string }>> {
    for (const framer of this.#framers.values()) framer.end();
    const done = new Map<string, { path: string; hash: string }>();
    for (const [name, file] of this.#files) {
      await file.end();
      done.set(name, { path: file.path, hash: `sha256:${file.hash.digest('hex')}` });
    }
    return done;
  }

  /** Stops and removes every file (a derive that stops). */
  async abort(): Promise<void> {
    for (const file of this.#files.values()) {
      await file.end().catch(() => undefined);
      await rm(file.path, { force: true });
    }
  }
}
