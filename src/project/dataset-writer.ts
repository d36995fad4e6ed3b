// The datasets' files written as the derive goes, article by article, each
// to a temporary file beside its target (named as files.ts names them, so a
// killed run's are cleaned by the next), hashed as it is written for the
// manifest; writeFilesAtomically then moves them into place with the rest.
import { createHash, randomBytes } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { mkdir, open, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetName } from '../datasets/schema.ts';
import { DATASET_NAMES, DatasetFramer } from '../datasets/serialize.ts';
import type { WrittenBytes } from '../datasets/serialize.ts';

/** Bytes gathered before a write. */
const FLUSH_BYTES = 2 ** 20;

class StreamedFile {
  readonly hash: Hash = createHash('sha256');
  #pending: Uint8Array[] = [];
  #size = 0;

  constructor(
    readonly path: string,
    private readonly handle: FileHandle,
  ) {}

  push(bytes: Uint8Array): void {
    this.hash.update(bytes);
    this.#pending.push(bytes);
    this.#size += bytes.byteLength;
  }

  get pending(): number {
    return this.#size;
  }

  async flush(): Promise<void> {
    if (this.#size === 0) return;
    const bytes = Buffer.concat(this.#pending);
    this.#pending = [];
    this.#size = 0;
    await this.handle.write(bytes);
  }

  async close(): Promise<void> {
    await this.flush();
    await this.handle.close();
  }
}

export class DatasetFilesWriter {
  readonly #files = new Map<string, StreamedFile>();
  readonly #framers = new Map<DatasetName, DatasetFramer>();

  private constructor() {}

  /** Opens the six files in `dir` (made when missing). */
  static async open(dir: string): Promise<DatasetFilesWriter> {
    await mkdir(dir, { recursive: true });
    const writer = new DatasetFilesWriter();
    const suffix = `.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      for (const name of DATASET_NAMES) {
        for (const ext of ['json', 'csv']) {
          const path = join(dir, `${name}.${ext}${suffix}`);
          writer.#files.set(`${name}.${ext}`, new StreamedFile(path, await open(path, 'wx')));
        }
        writer.#framers.set(name, new DatasetFramer(name, (b) => writer.#files.get(`${name}.json`)!.push(b), (b) => writer.#files.get(`${name}.csv`)!.push(b)));
      }
    } catch (error) {
      await writer.abort();
      throw error;
    }
    return writer;
  }

  /** One article's rows of a dataset (nothing for none). */
  async add(name: DatasetName, piece: WrittenBytes | null): Promise<void> {
    if (piece) this.#framers.get(name)!.add(piece);
    for (const file of [this.#files.get(`${name}.json`)!, this.#files.get(`${name}.csv`)!]) if (file.pending >= FLUSH_BYTES) await file.flush();
  }

  /** Closes every file: each one's path and hash (`sha256:<hex>`), by file name, in the datasets' order. */
  async end(): Promise<Map<string, { path: string; hash: string }>> {
    for (const framer of this.#framers.values()) framer.end();
    const done = new Map<string, { path: string; hash: string }>();
    for (const [name, file] of this.#files) {
      await file.close();
      done.set(name, { path: file.path, hash: `sha256:${file.hash.digest('hex')}` });
    }
    return done;
  }

  /** Closes and removes every file (a derive that stops). */
  async abort(): Promise<void> {
    for (const file of this.#files.values()) {
      await file.close().catch(() => undefined);
      await rm(file.path, { force: true });
    }
  }
}
