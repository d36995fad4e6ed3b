// A content hash of everything a derivation depends on: when it matches the
// one stored beside the datasets, re-deriving would give the same bytes. The
// manifest also records the hash of every file the derive wrote with it, and
// is written last: a folder whose files are not those (a write killed half-way
// through the swap) is never trusted (src/project/dataset-folder.ts).
import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';

export function fingerprint(entries: Iterable<readonly [name: string, content: string | Uint8Array]>): string {
  const hash = new FingerprintHash();
  for (const [name, content] of [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) hash.add(name, content);
  return hash.digest();
}

/**
 * fingerprint, one entry at a time, in the order of their names: the derive
 * adds each article as it reads it, so that no article is held to be hashed
 * at the end. The same entries give the same hash as fingerprint.
 */
export class FingerprintHash {
  readonly #hash = createHash('sha256');
  #last: string | null = null;
  /**
   * Text not yet hashed: an article's entry is two short strings, and a story
   * of 10,000 articles took some 40 ms hashing them one update at a time.
   */
  #text = '';

  add(name: string, content: string | Uint8Array): this {
    if (this.#last !== null && name < this.#last)
      throw new Error(
        `FingerprintHash: ${name} comes before ${this.#last}; expected the entries in the order of their names`,
      );
    this.#last = name;
    // Length-prefixed, so no two different inputs can hash alike by concatenation.
    if (typeof content === 'string' && content.length < 1024) {
      this.#text += `${name}\0${Buffer.byteLength(content)}\0${content}`;
      if (this.#text.length > 65_536) this.#flush();
      return this;
    }
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    this.#flush();
    this.#hash.update(`${name}\0${bytes.length}\0`).update(bytes);
    return this;
  }

  digest(): string {
    this.#flush();
    return `sha256:${this.#hash.digest('hex')}`;
  }

  #flush(): void {
    if (this.#text.length > 0) this.#hash.update(this.#text);
    this.#text = '';
  }
}

export interface Manifest {
  inputs: string;
  /**
   * Every file written with the manifest, by name: its fileHash
   * (`sha256-1mib:<hex>`; `sha256:<hex>` of its bytes in a manifest of an
   * older newsbook). Absent in a manifest older still.
   */
  files?: Record<string, string>;
}

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

export const MANIFEST = 'manifest.json';

export function serializeManifest(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export function parseManifest(text: string | null): Manifest | null {
  if (text === null) return null;
  try {
    const data = JSON.parse(text) as Partial<Manifest>;
    if (typeof data.inputs !== 'string') return null;
    const files = data.files;
    const valid =
      typeof files === 'object' &&
      files !== null &&
      !Array.isArray(files) &&
      Object.values(files).every((hash) => typeof hash === 'string');
    return valid ? { inputs: data.inputs, files: { ...files } } : { inputs: data.inputs };
  } catch {
    return null;
  }
}
