// The hash of each file a derive writes, as its manifest records it
// (src/datasets/fingerprint.ts). Here, with the project's code rather than
// the datasets', because a change to how files are hashed changes no row:
// src/datasets is extraction code (layout.ts), whose change extracts every
// article of every story again.
import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';

/**
 * A file's hash as the manifest records it: `sha256-1mib:` and the hex
 * SHA-256 of the SHA-256 digests of its 1 MiB pieces, one after the other
 * (the last piece may be shorter; an empty file has none). Any change to the
 * bytes changes it, as a hash of the whole file would; but a derive that
 * adds one article to a story of thousands, whose files start as a copy of
 * the previous ones, takes the digests of the pieces it copied whole from
 * the stamp of those (previous-datasets.ts) instead of reading and hashing
 * some 200 MB again (prefix-hasher.ts does the same in its own thread).
 */
export function fileHash(content: string | Uint8Array): string {
  return new FileHasher().update(typeof content === 'string' ? Buffer.from(content) : content).digest().hash;
}

export const HASH_PIECE = 2 ** 20;
export const PIECES_HASH = 'sha256-1mib:';
/** The prefix of the whole file's SHA-256, as older manifests record it. */
const WHOLE_HASH = 'sha256:';

/** fileHash, over a file's bytes as they come; its pieces' digests too, for the stamp. */
export class FileHasher {
  readonly #digests: Buffer[] = [];
  #piece: Hash = createHash('sha256');
  #filled = 0;

  update(bytes: Uint8Array): this {
    for (let at = 0; at < bytes.byteLength;) {
      const take = Math.min(HASH_PIECE - this.#filled, bytes.byteLength - at);
      this.#piece.update(bytes.subarray(at, at + take));
      this.#filled += take;
      at += take;
      if (this.#filled === HASH_PIECE) this.#close();
    }
    return this;
  }

  /** The hash, and the digests of the pieces (32 bytes each), the last one included. */
  digest(): { hash: string; pieces: Buffer } {
    if (this.#filled > 0) this.#close();
    const pieces = Buffer.concat(this.#digests);
    return { hash: piecesHash(pieces), pieces };
  }

  #close(): void {
    this.#digests.push(this.#piece.digest());
    this.#piece = createHash('sha256');
    this.#filled = 0;
  }
}

/** fileHash from the digests of a file's pieces. */
function piecesHash(pieces: Uint8Array): string {
  return `${PIECES_HASH}${createHash('sha256').update(pieces).digest('hex')}`;
}

/** Whether `content` is the file whose hash a manifest recorded as `recorded`, in either layout. */
export function matchesFileHash(content: Uint8Array, recorded: string): boolean {
  const hasher = hasherLike(recorded);
  hasher.update(content);
  return hasher.digest() === recorded;
}

/** A hash over a file's bytes as they come, in the layout of the one recorded (see matchesFileHash). */
export function hasherLike(recorded: string): { update(bytes: Uint8Array): void; digest(): string } {
  if (recorded.startsWith(WHOLE_HASH)) {
    const hash = createHash('sha256');
    return { update: (bytes) => void hash.update(bytes), digest: () => `${WHOLE_HASH}${hash.digest('hex')}` };
  }
  const hasher = new FileHasher();
  return { update: (bytes) => void hasher.update(bytes), digest: () => hasher.digest().hash };
}
