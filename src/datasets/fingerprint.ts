// A content hash of everything a derivation depends on: when it matches the
// one stored beside the datasets, re-deriving would give the same bytes. The
// manifest also records the hash of every file the derive wrote with it, and
// is written last: a folder whose files are not those (a write killed half-way
// through the swap) is never trusted (src/project/dataset-folder.ts).
import { createHash } from 'node:crypto';

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
   * Every file written with the manifest, by name: its hash
   * (`sha256-1mib:<hex>`, src/project/file-hash.ts; `sha256:<hex>` of its
   * bytes in a manifest of an older newsbook). Absent in a manifest older
   * still.
   */
  files?: Record<string, string>;
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
