// Hashes the datasets' files that start as a copy of the previous ones
// (dataset-writer.ts), on a thread of its own, as fileHash does (by pieces
// of 1 MiB): the copied prefix, most of the file (hundreds of megabytes in a
// large story), is hashed there while this thread goes through the articles,
// as far as the prefix is known to stay. A piece of the prefix that stays
// whole is the previous file's, whose digest the stamp noted: taken, not read
// (an article added at the end of 10,000 then reads about a megabyte a file,
// not 230 MB). The bytes written after the prefix are read back there from
// the new file as they are written (`follow`), never posted: a derive that
// shifts the rows of thousands of articles writes faster than the thread
// hashes, and bytes posted to it queued there (some 200 MB more at 100,000
// articles). A file that does not start as a copy may be hashed there too,
// from its own bytes alone. Plain JavaScript evaluated as the worker's code:
// nothing to load or bundle.
//
// It runs at the priority of the rest (tried: at the lowest, it fell behind,
// and a derive adding one article to 10,000 then waited for its hashes at
// the end: a median of 1,170 ms against 1,068 over 20 runs each).
import { Worker } from 'node:worker_threads';
import { HASH_PIECE, PIECES_HASH } from './file-hash.ts';
import type { FileDigest } from './previous-datasets.ts';

const SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
const PIECE = ${HASH_PIECE};
const files = new Map();
const block = Buffer.allocUnsafe(PIECE);
function hashTo(file, limit) {
  if (file.follow !== null) {
    if (file.fd !== null) closeSync(file.fd);
    // Not closed twice at the end, should the open fail.
    file.fd = null;
    file.path = file.follow;
    file.follow = null;
    file.copied = null;
    file.fd = openSync(file.path, 'r');
  }
  while (file.at < limit) {
    // A whole piece of the copy, not its last, whose digest the stamp noted: taken, not read.
    const k = file.at / PIECE;
    if (file.copied !== null && file.filled === 0 && file.at + PIECE <= limit && (k + 1) * 32 < file.copied.length) {
      file.digests.push(file.copied.subarray(k * 32, k * 32 + 32));
      file.at += PIECE;
      continue;
    }
    const read = readSync(file.fd, block, 0, Math.min(PIECE - file.filled, limit - file.at), file.at);
    if (read === 0) throw new Error(file.path + ' is shorter than the derive noted');
    file.piece.update(block.subarray(0, read));
    file.filled += read;
    file.at += read;
    if (file.filled === PIECE) close(file);
  }
}
function close(file) {
  file.digests.push(file.piece.digest());
  file.piece = createHash('sha256');
  file.filled = 0;
}
parentPort.on('message', ({ id, path, digests, limit, follow, end }) => {
  const file = files.get(id);
  try {
    if (path !== undefined)
      files.set(id, {
        path,
        fd: path === null ? null : openSync(path, 'r'),
        follow: null,
        copied: digests || null,
        at: 0,
        digests: [],
        piece: createHash('sha256'),
        filled: 0,
      });
    else if (!file || file.error) return end && parentPort.postMessage({ id, error: file ? file.error : 'no such file' });
    else if (limit !== undefined) hashTo(file, limit);
    else if (follow !== undefined) file.follow = follow;
    else if (end) {
      files.delete(id);
      if (file.fd !== null) closeSync(file.fd);
      if (file.filled > 0) close(file);
      const all = Buffer.concat(file.digests);
      parentPort.postMessage({ id, hex: createHash('sha256').update(all).digest('hex'), pieces: all.toString('hex') });
    }
  } catch (error) {
    if (file) file.error = String((error && error.message) || error);
    else parentPort.postMessage({ id, error: String((error && error.message) || error) });
  }
});`;

export class PrefixHasher {
  #worker: Worker | null = null;
  #next = 0;
  readonly #waiting = new Map<
    number,
    { resolve: (digest: Required<FileDigest>) => void; reject: (error: Error) => void }
  >();

  /**
   * A new hash, of a file that starts as a copy of the one at `path` (null:
   * as nothing, then `follow`): its id. `digests`: the digests of that
   * file's pieces, as its stamp notes them (FileHasher), taken for the pieces
   * that stay whole instead of reading them.
   */
  start(path: string | null, digests?: Buffer): number {
    const id = this.#next++;
    this.#thread().postMessage({ id, path, digests });
    return id;
  }

  /** The first `limit` bytes stay (of the copy; after `follow`, are written): hashed (never beyond what is told here). */
  advance(id: number, limit: number): void {
    this.#thread().postMessage({ id, limit });
  }

  /** From here on, the bytes are read from the file being written at `path`, the same as the copy's up to where it was cut. */
  follow(id: number, path: string): void {
    this.#thread().postMessage({ id, follow: path });
  }

  /** The file's hash (fileHash) and the hex digests of its pieces. */
  digest(id: number): Promise<Required<FileDigest>> {
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      this.#thread().postMessage({ id, end: true });
    });
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = null;
    await worker?.terminate();
  }

  #thread(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(SOURCE, { eval: true });
    worker.on(
      'message',
      ({ id, hex, pieces, error }: { id: number; hex?: string; pieces?: string; error?: string }) => {
        const waiting = this.#waiting.get(id);
        this.#waiting.delete(id);
        if (hex !== undefined && pieces !== undefined) waiting?.resolve({ hash: `${PIECES_HASH}${hex}`, pieces });
        else waiting?.reject(new Error(`Cannot hash a dataset: ${error ?? 'no hash'}`));
      },
    );
    worker.on('error', (error) => {
      for (const waiting of this.#waiting.values()) waiting.reject(error);
      this.#waiting.clear();
    });
    // Not unref'd: while a digest is awaited, it is what the process waits for. The writer's end and abort close it.
    return (this.#worker = worker);
  }
}
