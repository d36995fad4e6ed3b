// The stamp of a datasets folder (previous-datasets.ts) as a file in the
// extraction cache's folder: what the next derive may take from the datasets
// instead of reading them. Its notes of articles (reuse.ts) come first, a
// line each, and its JSON last, on a line of its own: a derive writes the
// notes as it assembles the articles (StampWriter) and never holds those of
// 100,000 articles together, and writes the JSON once the files are in place.
// A failure to write one only means the next derive hashes the files again.
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { MadeStamp, OutputStamp } from './previous-datasets.ts';
import { restamp, stampPath } from './previous-datasets.ts';
import { removeStaleLeftovers } from './leftovers.ts';
import { noteLine, readNoteLine } from './reuse.ts';
import type { ArticleNote, ReuseNotes } from './reuse.ts';
import { RangeList } from './range-list.ts';
import type { RowsRange } from './dataset-writer.ts';

const NEWLINE = 0x0a;

/** The stamp of a datasets folder, null when there is none or it cannot be read (one of an older layout, whose JSON came first, cannot). */
export async function readStamp(path: string): Promise<OutputStamp | null> {
  const read = await readStampFirst(path);
  if (!read?.stamp.reuse) return read?.stamp ?? null;
  return { ...read.stamp, reuse: { ...read.stamp.reuse, articles: read.notes() } };
}

/**
 * readStamp, its notes of articles read only when asked for (`notes`): a
 * derive to which an article was added sends it to its worker as soon as the
 * stamp's files say it is new, some 50 ms of reading notes earlier at 10,000
 * articles. The stamp's `reuse.articles` is empty. The file's bytes are held
 * until the notes are read, and no longer (some 85 MB at 100,000 articles):
 * `notes` gives them once, then none.
 */
export async function readStampFirst(
  path: string,
): Promise<{ stamp: OutputStamp; notes: () => ReuseNotes['articles'] } | null> {
  try {
    let bytes: Buffer | null = await readFile(path);
    const end =
      bytes.byteLength > 0 && bytes[bytes.byteLength - 1] === NEWLINE ? bytes.byteLength - 1 : bytes.byteLength;
    const head = bytes.lastIndexOf(NEWLINE, end - 1) + 1;
    const stamp = JSON.parse(bytes.toString('utf8', head, end)) as OutputStamp;
    const notes = (): ReuseNotes['articles'] => {
      const lines = bytes;
      bytes = null;
      // Each line decoded on its own (a slice of one string of them all would keep it whole, and two bytes a character if one is not ASCII).
      const articles: ReuseNotes['articles'] = {};
      for (let at = 0; lines && at < head;) {
        const next = lines.indexOf(NEWLINE, at);
        const noted = readNoteLine(lines.toString('utf8', at, next));
        if (noted) articles[noted[0]] = noted[1];
        at = next + 1;
      }
      return articles;
    };
    if (!stamp.reuse) bytes = null;
    return { stamp: stamp.reuse ? { ...stamp, reuse: { ...stamp.reuse, articles: {} } } : stamp, notes };
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
  await writeStamp(stampPath(cacheRoot, to), restamp(to, stamp, stamp.files));
}

/** Writes a whole stamp, its notes and its JSON, in place of the one there; resolves once that one is removed. */
export function writeStamp(path: string, stamp: OutputStamp | null): Promise<void> {
  if (stamp === null) return Promise.resolve();
  const writer = new StampWriter(path);
  for (const [id, note] of Object.entries(stamp.reuse?.articles ?? {})) writer.note(id, note);
  return writer.finish(stamp);
}

/**
 * A stamp written as a derive goes: a temporary file beside `path` that
 * takes each article's note as it comes, then the stamp's JSON, and is
 * renamed into place. Its writes are made at once, not through Node's file
 * system threads: at the end of a derive those are writing the copied
 * datasets out to the disk (dataset-writer.ts), and the stamp's writes
 * waited for that.
 */
export class StampWriter {
  readonly #path: string;
  readonly #temp: string;
  /** Null once the stamp is finished or abandoned, or when its file could not be made. */
  #fd: number | null = null;
  /** Text gathered into a piece of some PIECE characters, then encoded into the block. */
  #text = '';
  /**
   * The pieces' bytes until they are written, a block of WRITE_BYTES used
   * again for every write: a buffer of its own for each piece lived until its
   * write, long enough to die among V8's old objects, freed only by a full
   * collection (some 20 MB of a large derive's peak).
   */
  #block: Buffer | null = null;
  #fill = 0;
  /** The keys of the stamp's JSON written by `begin`. */
  #begun: ReadonlySet<string> | null = null;

  constructor(path: string) {
    this.#path = path;
    this.#temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    this.#try(() => {
      mkdirSync(dirname(path), { recursive: true });
      this.#fd = openSync(this.#temp, 'w');
    });
  }

  /** The note of the next article (the notes' order is the stamp's). */
  note(id: string, note: ArticleNote): void {
    if (this.#begun) throw new Error('A stamp takes no note after its JSON is begun');
    if (this.#fd === null) return;
    this.#add(`${noteLine(id, note)}\n`);
  }

  /**
   * The first keys of the stamp's JSON, written now rather than by `finish`,
   * which leaves them out: once every article is noted, a derive writes its
   * ranges and file notes while its files go to the disk, and only what the
   * files in place say after (at 10,000 articles, some 40 ms that the derive
   * spent after its files were swapped in, and mostly waited for before).
   */
  begin(part: Partial<OutputStamp | MadeStamp>): void {
    if (this.#fd === null || this.#begun) return;
    let last: string | null = null;
    for (const chunk of jsonChunks(part, 3)) {
      if (last !== null) this.#add(last);
      last = chunk;
    }
    // Its closing brace is left for `finish`.
    this.#add(last!.slice(0, -1));
    this.#begun = new Set(Object.keys(part));
  }

  /**
   * The stamp's JSON (its `reuse.articles` are the notes written, and not
   * written again), and the file in place; null: no stamp. Resolves once the
   * stamp it replaced, and what killed derives left beside it, are removed
   * (never rejects).
   */
  finish(stamp: OutputStamp | MadeStamp | null): Promise<void> {
    if (stamp === null) {
      this.abort();
      return Promise.resolve();
    }
    const { reuse } = stamp;
    const whole: Partial<OutputStamp | MadeStamp> = reuse ? { ...stamp, reuse: { ...reuse, articles: {} } } : stamp;
    const begun = this.#begun;
    // After the keys begun, the others, their object's opening brace a comma (or nothing, when none are left).
    const head = begun ? Object.fromEntries(Object.entries(whole).filter(([key]) => !begun.has(key))) : whole;
    let first = begun !== null;
    for (const chunk of jsonChunks(head, 3)) {
      this.#add(first ? `${begun!.size > 0 && Object.keys(head).length > 0 ? ',' : ''}${chunk.slice(1)}` : chunk);
      first = false;
    }
    this.#text += '\n';
    this.#piece();
    this.#try(() => this.#flush());
    const fd = this.#fd;
    if (fd === null) return Promise.resolve();
    this.#fd = null;
    // The stamp there is moved aside first, and removed after: renamed over it, ext4 wrote the new one out to the disk
    // before the rename returned (its auto_da_alloc), 6 to 60 ms at 10,000 articles (a 9 MB stamp) that a derive waited for.
    // Named as a killed write's backup (leftovers.ts): a derive killed before removing it leaves it to the next.
    const aside = this.#temp.replace(/\.tmp$/, '.bak');
    let replaced = false;
    try {
      closeSync(fd);
      try {
        renameSync(this.#path, aside);
        replaced = true;
      } catch {
        // No stamp there.
      }
      renameSync(this.#temp, this.#path);
    } catch {
      this.#remove();
      try {
        if (replaced) renameSync(aside, this.#path);
      } catch {
        // No stamp: the next derive hashes the files again.
      }
      return Promise.resolve();
    }
    return Promise.all([
      replaced ? rm(aside, { force: true }).catch(() => undefined) : undefined,
      // What derives killed while writing a stamp here left (their temporary stamps, and stamps moved aside).
      removeStaleLeftovers(dirname(this.#path)).catch(() => undefined),
    ]).then(() => undefined);
  }

  /** No stamp: the temporary file removed. */
  abort(): void {
    if (this.#fd === null) return;
    const fd = this.#fd;
    this.#fd = null;
    this.#block = null;
    try {
      closeSync(fd);
    } catch {
      // Closed or not, the file goes.
    }
    this.#remove();
  }

  #remove(): void {
    try {
      rmSync(this.#temp, { force: true });
    } catch {
      // Left for the next derive's cache to write over (a temporary name no one reads).
    }
  }

  #add(text: string): void {
    this.#text += text;
    if (this.#text.length >= PIECE) this.#piece();
  }

  #piece(): void {
    if (this.#fd === null || this.#text.length === 0) return;
    const text = this.#text;
    this.#text = '';
    const block = (this.#block ??= Buffer.allocUnsafeSlow(WRITE_BYTES));
    const size = Buffer.byteLength(text);
    if (this.#fill + size > block.byteLength) this.#try(() => this.#flush());
    if (this.#fd === null) return;
    if (size > block.byteLength) this.#try(() => writeAll(this.#fd!, Buffer.from(text)));
    else this.#fill += block.write(text, this.#fill);
  }

  #flush(): void {
    if (this.#block) writeAll(this.#fd!, this.#block.subarray(0, this.#fill));
    this.#fill = 0;
  }

  /** `step`, or no stamp when it fails. */
  #try(step: () => void): void {
    try {
      step();
    } catch {
      this.abort();
    }
  }
}

/** Bytes gathered before they are written: a few dozen pieces. */
const WRITE_BYTES = 2 ** 20;

/** Every byte of `bytes` written (a write may write fewer than it is given). */
function writeAll(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.byteLength;) at += writeSync(fd, bytes, at, bytes.byteLength - at);
}

/**
 * Characters per piece of jsonChunks: small enough for V8 to keep the piece
 * among its young objects, which die cheaply once written. Pieces of a
 * megabyte went to its large-object space, freed only by a full collection:
 * writing the stamp of 100,000 articles (some 100 MB) grew the heap by 200 MB.
 */
const PIECE = 2 ** 15;

/**
 * `JSON.stringify(value)` in pieces: the objects and arrays (and RangeLists,
 * as arrays of their ranges) down to `depth` element by element, their
 * elements stringified whole and gathered into pieces of some PIECE characters.
 */
export function* jsonChunks(value: unknown, depth: number): Generator<string> {
  const out = { text: '' };
  yield* jsonInto(out, value, depth);
  if (out.text.length > 0) yield out.text;
}

/** What JSON.stringify leaves out of an object, and writes as null in an array. */
const omitted = (item: unknown): boolean =>
  item === undefined || typeof item === 'function' || typeof item === 'symbol';

// A RangeList has a toJSON too, but is written a range at a time like an array (taken whole, its 300,000 ranges at
// 100,000 articles became tuples and one string of 15 MB: the heap grew by 60 MB).
const isWhole = (value: unknown, depth: number): boolean =>
  depth <= 0 ||
  value === null ||
  typeof value !== 'object' ||
  (!(value instanceof RangeList) && typeof (value as { toJSON?: unknown }).toJSON === 'function');

function* jsonInto(out: { text: string }, value: unknown, depth: number): Generator<string> {
  if (value instanceof RangeList && depth > 0) {
    // Its JSON (toJSON) is its ranges, a batch of tuples at a time: JSON.stringify writes their numbers itself. A string
    // made for each range (its numbers put in a template) left, for 100,000 articles, some 38 MB of dead strings among
    // the old objects (V8's cache of number strings likely kept them alive long enough), at the very end of a derive,
    // where its peak is; and took twice as long.
    const ranges = value;
    out.text += '[';
    yield* inBatches(out, ranges.length, (from, to) => {
      const batch: RowsRange[] = [];
      for (let i = from; i < to; i += 1) batch.push(ranges.at(i)!);
      return JSON.stringify(batch).slice(1, -1);
    });
    out.text += ']';
    return;
  }
  if (isWhole(value, depth)) {
    out.text += JSON.stringify(value) ?? 'null';
    return;
  }
  // Elements looked up by index, not copied out as entries: a stamp's ranges and file notes have an element per
  // article, and copies of 100,000 of them lived long enough to grow the heap at the end of a derive.
  const array = Array.isArray(value);
  const record = value as Record<string, unknown>;
  const keys = array ? null : Object.keys(record).filter((key) => !omitted(record[key]));
  const count = keys ? keys.length : (value as unknown[]).length;
  const item = (i: number): unknown => {
    const element = keys ? record[keys[i]!] : (value as unknown[])[i];
    return omitted(element) ? null : element;
  };
  let whole = true;
  for (let i = 0; i < count && whole; i += 1) whole = isWhole(item(i), depth - 1);
  out.text += array ? '[' : '{';
  if (whole) {
    // Stringified a batch at a time (one call per element was most of the time of a stamp's ranges).
    yield* inBatches(out, count, (from, to) => {
      // Without a prototype, a key `__proto__` is a key like any other.
      const batch: unknown[] | Record<string, unknown> = keys ? (Object.create(null) as Record<string, unknown>) : [];
      for (let i = from; i < to; i += 1) {
        if (keys) (batch as Record<string, unknown>)[keys[i]!] = item(i);
        else (batch as unknown[]).push(item(i));
      }
      // A batch of an object's keys keeps their order: integer-like keys come first in the whole object too.
      return JSON.stringify(batch).slice(1, -1);
    });
  } else {
    for (let i = 0; i < count; i += 1) {
      if (i > 0) out.text += ',';
      if (keys) out.text += `${JSON.stringify(keys[i])}:`;
      // Stringified here when whole: a generator per element was most of the time.
      const element = item(i);
      if (isWhole(element, depth - 1)) out.text += JSON.stringify(element) ?? 'null';
      else yield* jsonInto(out, element, depth - 1);
      if (out.text.length >= PIECE) {
        yield out.text;
        out.text = '';
      }
    }
  }
  out.text += array ? ']' : '}';
}

/** Elements stringified whole, so many at a time. */
const BATCH = 256;

/** `count` elements, BATCH at a time: `text(from, to)` gives those elements' JSON, comma-separated, added to the piece. */
function* inBatches(
  out: { text: string },
  count: number,
  text: (from: number, to: number) => string,
): Generator<string> {
  for (let from = 0; from < count; from += BATCH) {
    out.text += `${from > 0 ? ',' : ''}${text(from, Math.min(from + BATCH, count))}`;
    if (out.text.length >= PIECE) {
      yield out.text;
      out.text = '';
    }
  }
}
