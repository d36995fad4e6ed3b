// What a derive notes for the next one, in the stamp of the datasets it wrote
// (previous-datasets.ts), so that adding an article to thousands costs that
// article, not the thousands:
// - each article file as it was read (size, times, inode) with the key of its
//   bytes: a file that is the one noted is neither read nor hashed again, as
//   git trusts its index for the work tree;
// - each article whose rows are its extraction's as the cache holds them (no
//   review entry touched them): its key, row counts, toll candidates and
//   messages. The next derive, from the same extraction inputs, copies such
//   an article's rows from the files they are in (dataset-writer.ts) instead
//   of reading its cache entry.
import { statSync } from 'node:fs';
import type { BigIntStats } from 'node:fs';
import type { Toll } from '../datasets/changes.ts';
import type { CasualtyRow, DatasetName } from '../datasets/schema.ts';
import { DATASET_NAMES } from '../datasets/serialize.ts';
import { flatString } from './flat-string.ts';
import type { CachedExtraction } from './extract-cache.ts';
import type { RowsRange } from './dataset-writer.ts';

export interface ReuseNotes {
  /**
   * The extraction cache's generation the rows came from
   * (ExtractionCache.generation) and the notes' own layout (NOTES_LAYOUT):
   * notes of other inputs, or of another layout, are not used.
   */
  generation: string;
  /** By file name. */
  files: Record<string, FileNote>;
  /** By article id. */
  articles: Record<string, ArticleNote>;
  /**
   * The tolls the derive chose (CHANGES.md's, after), each with its article:
   * missing in an older stamp. The next derive seeds its changes with them
   * (ChangesBuilder.seed) when all their articles are copied, and then reads
   * no copied article's toll candidates.
   */
  tolls?: NotedToll[];
}

/** A toll as the stamp notes it: its article, then the fields it is chosen by. */
export type NotedToll = [article: string, ...TollFields];

/** The tolls to note: those chosen after the derive. */
export function notedTolls(tolls: readonly Toll[]): NotedToll[] {
  return tolls.flatMap(({ after: r }) => (r ? [[r.article, ...tollFields(r)] as NotedToll] : []));
}

/** Stand-ins for the tolls a stamp noted (see tollStandIns); null when they are not all as this code notes them. */
export function notedTollStandIns(tolls: unknown): CasualtyRow[] | null {
  if (!Array.isArray(tolls)) return null;
  const standIns: CasualtyRow[] = [];
  for (const toll of tolls as unknown[]) {
    if (!Array.isArray(toll) || toll.length !== 5) return null;
    const [article, measure, group, value, status] = toll as unknown[];
    if (typeof article !== 'string' || typeof measure !== 'string' || typeof group !== 'string') return null;
    if (typeof value !== 'number' || typeof status !== 'string') return null;
    standIns.push(new TollStandIn(article, [measure, group, value, status as CasualtyRow['status']]) as CasualtyRow);
  }
  return standIns;
}

/** Bumped when the notes' layout changes (code outside the extraction's, so not in its generation). */
const NOTES_LAYOUT = 3;

/** What the notes of a derive from the extraction cache's `generation` say they are of. */
export function notesGeneration(generation: string): string {
  return `${generation}/${NOTES_LAYOUT}`;
}

/** `<size> <mtimeNs> <ctimeNs> <inode> <key>`: one string a file (a stamp notes 100,000 of them). */
export type FileNote = string;

/**
 * Its toll candidates and messages are kept as JSON text, read only when the
 * article is copied: the notes of 100,000 articles are then 100,000 strings,
 * not millions of small objects held from the start of the derive to its end.
 */
export interface ArticleNote {
  /** articleKey of the bytes its rows came from. */
  key: string;
  counts: Record<DatasetName, number>;
  /** Its toll candidates (tollCandidates), the fields the tolls are chosen by (TollFields[]); the rows themselves are in the casualties file. */
  tolls: string;
  /** Its extraction's messages (CachedExtraction['diagnostics']). */
  diagnostics: string;
  /** The note as the stamp holds it (noteLine), when it was read from one: written back as it is. */
  line?: string;
}

/**
 * A note as the stamp holds it, one line an article before the stamp's JSON
 * (stamp-file.ts): `<id> <key> <counts> <tolls> <messages>`, tab-separated, the
 * counts comma-separated in the datasets' order, the last two their JSON. An
 * article's note is the same line from one derive to the next until it
 * changes, so the stamp of thousands is mostly lines written back as they
 * were read: making it JSON again, and parsing it, were a fifth of adding
 * an article to thousands. (Ids are letters, digits, `_` and `-`; JSON has no
 * raw tab or newline.)
 */
export function noteLine(id: string, note: ArticleNote): string {
  return (
    note.line ??
    [id, note.key, DATASET_NAMES.map((name) => note.counts[name]).join(','), note.tolls, note.diagnostics].join('\t')
  );
}

/** noteLine read back: the article's id and its note; null for a line of another layout. */
export function readNoteLine(line: string): [id: string, note: ArticleNote] | null {
  const fields = line.split('\t');
  if (fields.length !== 5) return null;
  const [id, key, written, tolls, diagnostics] = fields as [string, string, string, string, string];
  const numbers = written.split(',').map(Number);
  if (numbers.length !== DATASET_NAMES.length || !numbers.every(Number.isInteger)) return null;
  const counts = {} as ArticleNote['counts'];
  DATASET_NAMES.forEach((name, i) => (counts[name] = numbers[i]!));
  return [id, { key, counts, tolls, diagnostics, line }];
}

type TollFields = [measure: string, group: string, value: number, status: CasualtyRow['status']];

/** A toll candidate's fields, in the order the notes hold them and TollStandIn reads them. */
function tollFields(r: CasualtyRow): TollFields {
  return [r.measure, r.group, r.value, r.status];
}

/**
 * A file modified this close to the derive that reads it is read again next
 * time even when it looks the same: a second save in the same clock tick, of
 * the same size, would otherwise look like the file noted (git's "racily
 * clean" entries). Its change time is compared, not guarded: only a write
 * makes content, and a write sets the modification time.
 */
const RACY_NS = 2_000_000_000n;

/** The article files' notes: the ones the last derive made, and the ones this derive makes. */
export class FileIndex {
  readonly #noted: Record<string, FileNote>;
  /** The state of each file `known` did not know, to note once it is read (only a file old enough to trust: see RACY_NS). */
  readonly #states = new Map<string, string | null>();
  readonly #trustedBefore: bigint;
  readonly notes: Record<string, FileNote> = {};

  constructor(noted: Record<string, FileNote> | undefined, now = Date.now()) {
    this.#noted = noted ?? {};
    this.#trustedBefore = BigInt(now) * 1_000_000n - RACY_NS;
  }

  /** Whether the last derive noted a file of this name. */
  has(name: string): boolean {
    return Object.hasOwn(this.#noted, name);
  }

  /** The key noted for the file, when it is the file noted; otherwise null, and its state is kept for `note`. */
  known(name: string, path: string): string | null {
    let stats: BigIntStats | undefined;
    try {
      stats = statSync(path, { bigint: true, throwIfNoEntry: false });
    } catch {
      // A symlink loop, a folder it may not enter: reading it says why.
      return null;
    }
    if (!stats) return null;
    const noted = this.#noted[name];
    const state = `${fileState(stats)} `;
    // A note of another layout (not a string) is no note.
    if (typeof noted === 'string' && noted.startsWith(state)) {
      this.notes[name] = noted;
      return noted.slice(state.length);
    }
    // Kept as the note's text, not the stats: a first derive of 100,000 articles looks at them all before it reads them.
    this.#states.set(name, stats.isFile() && stats.mtimeNs < this.#trustedBefore ? flatString(state) : null);
    return null;
  }

  /** The key of the bytes read from the file, `known` having looked at it before they were read. */
  note(name: string, key: string): void {
    const state = this.#states.get(name);
    this.#states.delete(name);
    if (state) this.notes[name] = flatString(`${state}${key}`);
  }
}

function fileState(stats: BigIntStats): string {
  return `${stats.size} ${stats.mtimeNs} ${stats.ctimeNs} ${stats.ino}`;
}

export function noteArticle(
  key: string,
  counts: Record<DatasetName, number>,
  tolls: readonly CasualtyRow[],
  diagnostics: CachedExtraction['diagnostics'],
): ArticleNote {
  const fields = tolls.map(tollFields);
  // The messages are held to the end of the derive (Assembly): as one run of characters, not the pieces JSON.stringify gives.
  return { key, counts, tolls: JSON.stringify(fields), diagnostics: flatString(JSON.stringify(diagnostics)) };
}

/** A note's `diagnostics` when the article has no messages. */
export const NO_MESSAGES = '[]';

/** A note's messages (its `diagnostics`), as the cache holds them. */
export function notedMessages(diagnostics: string): CachedExtraction['diagnostics'] {
  return diagnostics === NO_MESSAGES ? [] : (JSON.parse(diagnostics) as CachedExtraction['diagnostics']);
}

/**
 * Stand-ins for an article's toll candidates, enough to choose the tolls by
 * (ChangesBuilder); the few chosen are then replaced by the rows themselves
 * (`tollRow`), read from the casualties file.
 */
export function tollStandIns(id: string, note: ArticleNote): CasualtyRow[] {
  if (note.tolls === NO_TOLLS) return [];
  return (JSON.parse(note.tolls) as TollFields[]).map((fields) => new TollStandIn(id, fields) as CasualtyRow);
}

/** A note's `tolls` when the article has none. */
const NO_TOLLS = '[]';

/**
 * A stand-in is known by its class: a set of them, weak or not, held an
 * entry for every toll candidate of every copied article, which each of the
 * young generation's collections then went through.
 */
class TollStandIn {
  readonly article: string;
  readonly measure: string;
  readonly group: string;
  readonly value: number;
  readonly status: CasualtyRow['status'];

  constructor(article: string, [measure, group, value, status]: TollFields) {
    this.article = article;
    this.measure = measure;
    this.group = group;
    this.value = value;
    this.status = status;
  }
}

/** Whether a toll is a stand-in (tollStandIns) for its article's row. */
export function isTollStandIn(row: CasualtyRow): boolean {
  return row instanceof TollStandIn;
}

/** How many of the previous files' first articles (`previous`, their ranges in `articles`) come first again, as they were noted. */
export function keptFirst(
  articles: readonly { id: string | null; key: string }[],
  previous: readonly RowsRange[],
  notes: Record<string, ArticleNote>,
): number {
  let kept = 0;
  while (
    kept < articles.length &&
    kept < previous.length &&
    articles[kept]!.id === previous[kept]![0] &&
    notes[articles[kept]!.id!]?.key === articles[kept]!.key
  )
    kept += 1;
  return kept;
}
