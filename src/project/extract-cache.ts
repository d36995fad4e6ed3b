// The extraction cache: each article's rows, already validated and written
// (src/datasets/prepare.ts), and its messages, kept in the project's cache
// folder under a hash of the article's name and bytes, in a folder named for
// everything else the extraction depends on (the gazetteer, the home
// country, the extraction code and its libraries: extractionInputsHash in
// derive-inputs.ts). A derive extracts only the articles that are not there,
// then re-applies the review to all of them: adding one article to thousands
// extracts one. A change of any extraction input is a new folder, so
// everything is extracted again; the folders of older inputs are removed.
// Entries are written atomically (a temporary file renamed into place): a
// derive killed half-way leaves whole entries or none, and temporary files
// that a later derive removes (when it lists the entries, or for the
// folder's own files, each time).
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rename as renameCallback, writeFile as writeFileCallback } from 'node:fs';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { join } from 'node:path';
import type { Article } from '../articles/article.ts';
import { tollCandidates } from '../datasets/changes.ts';
import type { PreparedArticle } from '../datasets/prepare.ts';
import type { CasualtyRow, DatasetName } from '../datasets/schema.ts';
import { DATASET_NAMES } from '../datasets/serialize.ts';
import type { WrittenBytes } from '../datasets/serialize.ts';
import { serialMessages } from '../datasets/article-messages.ts';
import type { SerialMessage } from '../datasets/article-messages.ts';
import { projectLayout } from './layout.ts';
import { isStaleLeftover, removeStaleLeftovers } from './leftovers.ts';
import type { ValidatedInputs } from './extraction-inputs.ts';

// The cache's own writes go through node:fs, apart from the writes of the
// datasets and the page that the fault tests count and fail (fs/promises).
const writeFile = promisify(writeFileCallback);
const rename = promisify(renameCallback);

/** The file of a cache folder that says when a derive last used it. */
const USED = 'used';

/** The file of a cache folder that holds its gazetteer and codebook validated: the hash of their JSON, a newline, the JSON (ValidatedInputs). */
const INPUTS = 'inputs';

/**
 * The file of a cache folder that holds its gazetteer compiled (gazetteer-image.ts): the SHA-256 of the
 * image, then the image. Named for the V8 that wrote it, whose serialization another may not read.
 */
const GAZETTEER = `gazetteer-v8-${process.versions.v8}`;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Bumped when the entries' layout changes (it is code outside the extraction's, so not in the inputs hash). */
const FORMAT = 1;

/** One article's extraction as the cache keeps it. */
export interface CachedExtraction {
  /** The article's id (its file name without `.md`). */
  id: string;
  /** Rows of each dataset. */
  counts: Record<DatasetName, number>;
  /** Each dataset's rows as written (see PreparedRows): JSON elements and CSV lines. */
  written: Record<DatasetName, WrittenBytes>;
  /**
   * The extraction's messages, positioned in the file, as plain data (the
   * entry is JSON, made on a worker thread); the derive turns them into
   * VFileMessages on the article's file as it reads them (toVFileMessages).
   */
  diagnostics: SerialMessage[];
  /** Its casualty rows that can make a toll (see tollCandidates), for CHANGES.md. */
  tolls: CasualtyRow[];
}

export { articleKey } from './derive-inputs.ts';

/**
 * An article's extraction as a cache entry: a 4-byte length, a JSON header,
 * then the six written chunks. Null when a row failed its schema: such an
 * article is not cached (the derive extracts it again to report the row).
 */
export function encodeExtraction(article: Article, prepared: PreparedArticle): Uint8Array | null {
  if (!DATASET_NAMES.every((name) => prepared[name].valid)) return null;
  const chunks = DATASET_NAMES.flatMap((name) => [prepared[name].json, prepared[name].csv]);
  const header = {
    id: article.meta.id,
    counts: Object.fromEntries(DATASET_NAMES.map((name) => [name, prepared[name].rows.length])),
    sizes: chunks.map((c) => c.byteLength),
    diagnostics: serialMessages(article, prepared.messages),
    tolls: tollCandidates(prepared.casualties.rows),
  };
  const head = Buffer.from(JSON.stringify(header));
  const out = Buffer.allocUnsafeSlow(4 + head.byteLength + chunks.reduce((n, c) => n + c.byteLength, 0));
  out.writeUInt32LE(head.byteLength, 0);
  let at = 4 + head.copy(out, 4);
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** encodeExtraction's bytes read back; the chunks are views of `bytes`. Null when they are no entry (a damaged file). */
export function decodeExtraction(bytes: Uint8Array): CachedExtraction | null {
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const length = buffer.readUInt32LE(0);
    const header = JSON.parse(buffer.toString('utf8', 4, 4 + length)) as {
      id: string;
      counts: Record<DatasetName, number>;
      sizes: number[];
      diagnostics: SerialMessage[];
      tolls: CasualtyRow[];
    };
    let at = 4 + length;
    const next = (size: number) => {
      const chunk = bytes.subarray(at, at + size);
      at += size;
      return chunk;
    };
    const written = {} as Record<DatasetName, WrittenBytes>;
    DATASET_NAMES.forEach((name, i) => {
      written[name] = { json: next(header.sizes[2 * i]!), csv: next(header.sizes[2 * i + 1]!) };
    });
    if (at !== bytes.byteLength) return null;
    return { id: header.id, counts: header.counts, written, diagnostics: header.diagnostics, tolls: header.tolls };
  } catch {
    return null;
  }
}

/** The cache's folder in the project's cache (`npm run derive`, `report`, `check` and the preview share it). */
export function cacheRoot(code: string): string {
  return join(projectLayout(code).cache, 'extract');
}

/** Folders of other extraction inputs kept, the last used first (other stories', a branch switched back). */
const KEEP = 4;
/** A folder unused for longer is removed (its inputs are gone). */
const KEEP_MS = 24 * 60 * 60 * 1000;

/** The cache for one set of extraction inputs: `<root>/<inputs hash>/<key[0:2]>/<key>`. */
export class ExtractionCache {
  readonly dir: string;
  /** The folder of every generation (and of the stamps of the datasets written: previous-datasets.ts). */
  readonly root: string;
  readonly #root: string;
  /** Names the extraction inputs (and the entries' layout) the entries were made with. */
  readonly generation: string;
  /** The shard folders made (or found) already: a mkdir per entry took a twentieth of a cold derive. */
  readonly #shards = new Set<string>();

  constructor(root: string, inputsHash: string) {
    this.#root = this.root = root;
    this.generation = `v${FORMAT}-${inputsHash.replace(/^sha256:/, '').slice(0, 32)}`;
    this.dir = join(root, this.generation);
  }

  /** The keys of every entry there is; the entries a killed derive left half-written go (they are listed anyway). */
  async keys(): Promise<Set<string>> {
    const keys = new Set<string>();
    const shards = await readdir(this.dir).catch((): string[] => []);
    await Promise.all(
      shards.map(async (shard) => {
        for (const name of await readdir(join(this.dir, shard)).catch((): string[] => [])) {
          if (/^[0-9a-f]{64}$/.test(name)) keys.add(name);
          else if (isStaleLeftover(name)) await rm(join(this.dir, shard, name), { force: true }).catch(() => undefined);
        }
      }),
    );
    return keys;
  }

  /** Whether there is an entry for `key` (keys() for many). */
  has(key: string): boolean {
    return existsSync(this.#path(key));
  }

  /**
   * The entry of `key`, null when it is missing or damaged. Read at once, not
   * through the thread pool: a file this cache wrote, small, and read by the
   * thousand in a row (the pool's round trips took most of the time).
   */
  get(key: string): CachedExtraction | null {
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.#path(key));
    } catch {
      return null;
    }
    return decodeExtraction(bytes);
  }

  /** Writes an entry, atomically; a failure (a full disk) only means it is extracted again next time. */
  async put(key: string, bytes: Uint8Array): Promise<void> {
    const shard = key.slice(0, 2);
    await writeAtomically(this.#path(key), async (temp) => {
      if (!this.#shards.has(shard)) {
        await mkdir(join(this.dir, shard), { recursive: true });
        this.#shards.add(shard);
      }
      await writeFile(temp, bytes);
    });
  }

  /** The gazetteer's and codebook's files as a derive of these inputs validated them; null when none did (or they cannot be read). */
  async inputs(): Promise<ValidatedInputs | null> {
    try {
      const text = await readFile(join(this.dir, INPUTS), 'utf8');
      const json = text.slice(text.indexOf('\n') + 1);
      // They are compiled without a check (the point of keeping them): a file damaged or edited by hand is not used.
      return text.startsWith(`${sha256(json)}\n`) ? (JSON.parse(json) as ValidatedInputs) : null;
    } catch {
      return null;
    }
  }

  /** Keeps the validated files for the next derive of these inputs, atomically; a failure only means they are validated again. */
  async putInputs(validated: ValidatedInputs): Promise<void> {
    await writeAtomically(join(this.dir, INPUTS), async (temp) => {
      await mkdir(this.dir, { recursive: true });
      const json = JSON.stringify(validated);
      await writeFile(temp, `${sha256(json)}\n${json}`);
    });
  }

  /** The gazetteer as a derive of these inputs compiled it (gazetteerImage); null when none did (or it cannot be read). */
  async gazetteerImage(): Promise<Uint8Array | null> {
    try {
      const bytes = await readFile(join(this.dir, GAZETTEER));
      const image = bytes.subarray(32);
      return createHash('sha256').update(image).digest().equals(bytes.subarray(0, 32)) ? image : null;
    } catch {
      return null;
    }
  }

  /** Keeps the compiled gazetteer for the next derive of these inputs, atomically; a failure only means it is compiled again. */
  async putGazetteerImage(image: Uint8Array): Promise<void> {
    await writeAtomically(join(this.dir, GAZETTEER), async (temp) => {
      await mkdir(this.dir, { recursive: true });
      await writeFile(temp, Buffer.concat([createHash('sha256').update(image).digest(), image]));
    });
  }

  /** Notes that this folder was used now, and removes the folders of other inputs not used for a day, or beyond the few last used. */
  async removeOthers(now = Date.now()): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await removeStaleLeftovers(this.dir);
    await writeFile(join(this.dir, USED), String(now)).catch(() => undefined);
    const others: { name: string; used: number }[] = [];
    for (const name of await readdir(this.#root).catch((): string[] => [])) {
      if (name === this.generation || !/^v\d+-/.test(name)) continue;
      const used = Number(await readFile(join(this.#root, name, USED), 'utf8').catch(() => '0'));
      others.push({ name, used: Number.isFinite(used) ? used : 0 });
    }
    others.sort((a, b) => b.used - a.used);
    for (const [i, { name, used }] of others.entries()) {
      if (i >= KEEP - 1 || now - used > KEEP_MS)
        await rm(join(this.#root, name), { recursive: true, force: true }).catch(() => undefined);
    }
  }

  #path(key: string): string {
    return join(this.dir, key.slice(0, 2), key);
  }
}

/** `write` makes a temporary file beside `path`, renamed into place; a failure leaves neither (the cache only loses what it would have kept). */
async function writeAtomically(path: string, write: (temp: string) => Promise<void>): Promise<void> {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await write(temp);
    await rename(temp, path);
  } catch {
    await rm(temp, { force: true }).catch(() => undefined);
  }
}
