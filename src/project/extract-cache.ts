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
// derive killed half-way leaves whole entries or none.
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rename as renameCallback,
  rmSync,
  writeFile as writeFileCallback,
  writevSync,
} from 'node:fs';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { dirname, join } from 'node:path';
import type { Article } from '../articles/article.ts';
import { tollCandidates } from '../datasets/changes.ts';
import type { PreparedArticle } from '../datasets/prepare.ts';
import type { CasualtyRow, DatasetName } from '../datasets/schema.ts';
import { DATASET_NAMES } from '../datasets/serialize.ts';
import type { WrittenBytes } from '../datasets/serialize.ts';
import { serialMessages } from '../datasets/article-messages.ts';
import type { SerialMessage } from '../datasets/article-messages.ts';
import type { OutputStamp } from './previous-datasets.ts';
import { noteLine, readNoteLine } from './reuse.ts';
import type { ReuseNotes } from './reuse.ts';
import { restamp, stampPath } from './previous-datasets.ts';
import { projectLayout } from './layout.ts';
import type { ValidatedInputs } from './extraction-inputs.ts';

// The cache's own writes go through node:fs, apart from the writes of the
// datasets and the page that the fault tests count and fail (fs/promises).
const writeFile = promisify(writeFileCallback);
const rename = promisify(renameCallback);

/** The file of a cache folder that says when a derive last used it. */
const USED = 'used';

/** The file of a cache folder that holds its gazetteer and codebook validated: the hash of their JSON, a newline, the JSON (ValidatedInputs). */
const INPUTS = 'inputs';

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

  /** The keys of every entry there is. */
  async keys(): Promise<Set<string>> {
    const keys = new Set<string>();
    const shards = await readdir(this.dir).catch((): string[] => []);
    await Promise.all(
      shards.map(async (shard) => {
        for (const name of await readdir(join(this.dir, shard)).catch((): string[] => []))
          if (/^[0-9a-f]{64}$/.test(name)) keys.add(name);
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

  /** Notes that this folder was used now, and removes the folders of other inputs not used for a day, or beyond the few last used. */
  async removeOthers(now = Date.now()): Promise<void> {
    await mkdir(this.dir, { recursive: true });
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

const NEWLINE = 0x0a;

/** The stamp of a datasets folder (previous-datasets.ts), null when there is none or it cannot be read. */
export async function readStamp(path: string): Promise<OutputStamp | null> {
  try {
    const bytes = await readFile(path);
    const head = bytes.indexOf(NEWLINE);
    const stamp = JSON.parse(bytes.toString('utf8', 0, head === -1 ? bytes.byteLength : head)) as OutputStamp;
    if (head === -1 || !stamp.reuse) return stamp;
    // Each line decoded on its own (a slice of one string of them all would keep it whole, and two bytes a character if one is not ASCII).
    const articles: ReuseNotes['articles'] = {};
    for (let at = head + 1; at < bytes.byteLength;) {
      const end = bytes.indexOf(NEWLINE, at);
      const noted = readNoteLine(bytes.toString('utf8', at, end === -1 ? bytes.byteLength : end));
      if (noted) articles[noted[0]] = noted[1];
      at = end === -1 ? bytes.byteLength : end + 1;
    }
    return { ...stamp, reuse: { ...stamp.reuse, articles } };
  } catch {
    return null;
  }
}

/**
 * The stamp of the datasets written to `from`, moved with them to `to` (the
 * report derives into a staging folder, then swaps the files into the
 * story's): the same bytes, so the same hashes and ranges, at their new place.
 */
export async function moveStamp(cacheRoot: string, from: string, to: string): Promise<void> {
  const path = stampPath(cacheRoot, from);
  const stamp = await readStamp(path);
  await rm(path, { force: true }).catch(() => undefined);
  if (stamp === null) return;
  const hashes = Object.fromEntries(Object.entries(stamp.files).map(([name, file]) => [name, file.hash]));
  writeStamp(stampPath(cacheRoot, to), restamp(to, stamp, hashes));
}

/** Writes a stamp atomically; a failure only means the next derive hashes the files again. */
export function writeStamp(path: string, stamp: OutputStamp | null): void {
  if (stamp === null) return;
  // Written at once, not through Node's file system threads: at the end of a derive they are writing the
  // copied datasets out to the disk (dataset-writer.ts), and the stamp's writes waited for that.
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeText(temp, stampText(stamp));
    renameSync(temp, path);
  } catch {
    try {
      rmSync(temp, { force: true });
    } catch {
      // Left for the next derive's cache to write over (a temporary name no one reads).
    }
  }
}

/** A stamp as its file holds it: its JSON on one line, but for its notes of articles, which follow it a line each (noteLine). */
function* stampText(stamp: OutputStamp): Generator<string> {
  const { reuse } = stamp;
  yield* jsonChunks(reuse ? { ...stamp, reuse: { ...reuse, articles: {} } } : stamp, 3);
  yield '\n';
  let piece = '';
  for (const [id, note] of Object.entries(reuse?.articles ?? {})) {
    piece += `${noteLine(id, note)}\n`;
    if (piece.length >= PIECE) {
      yield piece;
      piece = '';
    }
  }
  yield piece;
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

/** Bytes gathered before they are written (one writev of a few dozen pieces). */
const WRITE_BYTES = 2 ** 20;

/**
 * The text of `texts` written to `path`, never held as one string: the
 * stamp of 100,000 articles is some 100 MB. It goes to the disk a megabyte
 * at a time: a write stream, which wrote each piece on its own, took twice
 * as long as making the pieces (10,000 articles: 130 ms against 50).
 */
function writeText(path: string, texts: Iterable<string>): void {
  const fd = openSync(path, 'w');
  try {
    let pieces: Buffer[] = [];
    let bytes = 0;
    for (const text of texts) {
      const piece = Buffer.from(text);
      pieces.push(piece);
      bytes += piece.byteLength;
      if (bytes >= WRITE_BYTES) {
        writeAll(fd, pieces);
        pieces = [];
        bytes = 0;
      }
    }
    writeAll(fd, pieces);
  } finally {
    closeSync(fd);
  }
}

/** Every byte of `pieces` written (a writev may write fewer than it is given). */
function writeAll(fd: number, pieces: Buffer[]): void {
  let rest = pieces;
  for (;;) {
    const bytes = rest.reduce((n, piece) => n + piece.byteLength, 0);
    if (bytes === 0) return;
    const written = writevSync(fd, rest);
    if (written >= bytes) return;
    rest = [Buffer.concat(rest).subarray(written)];
  }
}

/**
 * Characters per piece of jsonChunks: small enough for V8 to keep the piece
 * among its young objects, which die cheaply once written. Pieces of a
 * megabyte went to its large-object space, freed only by a full collection:
 * writing the stamp of 100,000 articles (some 100 MB) grew the heap by 200 MB.
 */
const PIECE = 2 ** 15;

/** `JSON.stringify(value)` in pieces: the objects and arrays down to `depth` element by element, their elements stringified whole and gathered into pieces of some PIECE characters. */
export function* jsonChunks(value: unknown, depth: number): Generator<string> {
  const out = { text: '' };
  yield* jsonInto(out, value, depth);
  if (out.text.length > 0) yield out.text;
}

/** What JSON.stringify leaves out of an object, and writes as null in an array. */
const omitted = (item: unknown): boolean =>
  item === undefined || typeof item === 'function' || typeof item === 'symbol';

const isWhole = (value: unknown, depth: number): boolean =>
  depth <= 0 ||
  value === null ||
  typeof value !== 'object' ||
  typeof (value as { toJSON?: unknown }).toJSON === 'function';

function* jsonInto(out: { text: string }, value: unknown, depth: number): Generator<string> {
  if (isWhole(value, depth)) {
    out.text += JSON.stringify(value) ?? 'null';
    return;
  }
  const array = Array.isArray(value);
  const entries: [string | null, unknown][] = array
    ? value.map((item: unknown) => [null, omitted(item) ? null : item])
    : Object.entries(value as object).filter(([, item]) => !omitted(item));
  out.text += array ? '[' : '{';
  for (let i = 0; i < entries.length; i += 1) {
    const [key, item] = entries[i]!;
    if (i > 0) out.text += ',';
    if (key !== null) out.text += `${JSON.stringify(key)}:`;
    // Stringified here when whole: a generator per element was most of the time.
    if (isWhole(item, depth - 1)) out.text += JSON.stringify(item) ?? 'null';
    else yield* jsonInto(out, item, depth - 1);
    if (out.text.length >= PIECE) {
      yield out.text;
      out.text = '';
    }
  }
  out.text += array ? ']' : '}';
}
