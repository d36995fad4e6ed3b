// The indexes MatcherSet walks: the kind of every position of a text (word
// start or not), characters as compact codes, and the literals as a flat trie.
import { symbol } from './cue-prefixes.ts';
import { isWordCode } from './text-fold.ts';

/**
 * Where a position stands: at the start of a word; inside one after an ASCII
 * word character (where no `\b` precedes a letter); inside one after another
 * letter, mark or digit; or in a surrogate pair (never a start).
 */
export const START = 0;
export const INSIDE_ASCII = 1;
export const INSIDE = 2;
export const SKIP = 3;

/** What `\b` counts as a word character under the `iu` flags. */
export const isBoundaryWordCode = (cp: number): boolean =>
  (cp >= 97 && cp <= 122) ||
  (cp >= 65 && cp <= 90) ||
  (cp >= 48 && cp <= 57) ||
  cp === 95 ||
  cp === 0x17f ||
  cp === 0x212a;

export interface Index {
  /** Matchers by the two characters they begin with (see `pairCode`). */
  byPair: Map<number, number[]>;
  /** Matchers by the first character, where the second may be any (or none). */
  byFirst: Map<number, number[]>;
  /** Matchers that may begin with any character. */
  any: number[];
  /** Per first symbol: 1 when some matcher may begin with it. */
  firstMask: Uint8Array;
  /** Whether the index holds no matcher at all. */
  empty: boolean;
  /** Matchers by three ASCII characters they begin with (see `tripleCode`). */
  byTriple: Map<number, number[]>;
  /** The candidates for each pair of characters met, merged and in order (bounded). */
  merged: Map<number, number[]>;
  /** Likewise for each ASCII triple. */
  mergedTriple: Map<number, number[]>;
}

export const tripleCode = (a: number, b: number, c: number): number => (a << 14) | (b << 7) | c;

export const NO_CHAR = 0x10000;
export const pairCode = (a: number, b: number): number => a * 0x20000 + b;

/** The prefix symbol of the UTF-16 unit at `p` as a number (see `symbol`). */
export function symbolAt(text: string, p: number): number {
  if (p >= text.length) return NO_CHAR;
  const code = text.charCodeAt(p);
  let s = SYMBOLS[code]!;
  if (s === 0) {
    s = symbol(text[p]!).charCodeAt(0) + 1;
    SYMBOLS[code] = s;
  }
  return s - 1;
}
/** Symbol + 1 per UTF-16 unit, 0 until first needed. */
export const SYMBOLS = new Uint32Array(0x10000);

export interface Positions {
  text: string;
  kinds: Uint8Array;
  /** The word starts, in order. */
  starts: number[];
  /**
   * The word starts and the other positions where a pattern may start in a
   * set whose patterns, inside a word after an ASCII letter or digit, all
   * begin with a character beyond ASCII (see MatcherSet): the positions
   * after any other letter, mark or digit, and those at a character beyond
   * ASCII. In order; `starts` itself when there are no others (English text).
   */
  visits: number[];
}

/** The positions of the texts read last (a sentence is read by several sets in a row). */
export const recentPositions: Positions[] = [];

/** Per ASCII code: 1 for a letter or digit (a word character both for the extraction and for `\b`). */
const ASCII_WORD = new Uint8Array(128).map((_, c) => (isWordCode(c) ? 1 : 0));

export function positionsOf(text: string): Positions {
  for (const r of recentPositions) if (r.text.length === text.length && r.text === text) return r;
  // One pass: most characters are ASCII, whose kind a table gives.
  const kinds = new Uint8Array(text.length + 1);
  const starts: number[] = [];
  let others: number[] | null = null;
  let next = START;
  for (let p = 0; p < text.length;) {
    const code = text.charCodeAt(p);
    kinds[p] = next;
    if (next === START) {
      starts.push(p);
      others?.push(p);
    } else if (next === INSIDE || code >= 128) (others ??= starts.slice()).push(p);
    if (code < 128) {
      next = ASCII_WORD[code] === 1 ? INSIDE_ASCII : START;
      p += 1;
      continue;
    }
    const cp = text.codePointAt(p)!;
    if (cp > 0xffff) kinds[p + 1] = SKIP;
    next = !isWordCode(cp) ? START : isBoundaryWordCode(cp) ? INSIDE_ASCII : INSIDE;
    p += cp > 0xffff ? 2 : 1;
  }
  kinds[text.length] = next;
  const result = { text, kinds, starts, visits: others ?? starts };
  recentPositions.unshift(result);
  if (recentPositions.length > 8) recentPositions.pop();
  return result;
}

/** A trie of literals by prefix symbol (a space stands for a run of white space). */
export interface TrieNode {
  next: Map<number, TrieNode>;
  /** The literals ending here: matcher and variant indices, in order. */
  ends: { matcher: number; variant: number }[];
}

/**
 * A trie as flat arrays, cheaper to walk than maps: node 0 is the root, whose
 * children are looked up in a table by symbol; other nodes list their
 * children's symbols and ids.
 */
export interface FlatTrie {
  rootChild: Int32Array;
  /** For nodes with many children: where their table of children by ASCII symbol starts in `wide`, else -1. */
  wideStart: Int32Array;
  wide: Int32Array;
  childStart: Int32Array;
  childCount: Int32Array;
  childKey: Uint32Array;
  childNode: Int32Array;
  endsStart: Int32Array;
  endsCount: Int32Array;
  endMatcher: Int32Array;
  endVariant: Int32Array;
}

export function flatten(root: TrieNode): FlatTrie {
  const nodes: TrieNode[] = [];
  const ids = new Map<TrieNode, number>();
  const visit = (n: TrieNode): void => {
    ids.set(n, nodes.length);
    nodes.push(n);
    for (const child of n.next.values()) visit(child);
  };
  visit(root);
  const count = nodes.length;
  const wideNodes = nodes.filter((n, id) => id !== 0 && n.next.size > WIDE);
  const t: FlatTrie = {
    rootChild: new Int32Array(NO_CHAR + 1).fill(-1),
    wideStart: new Int32Array(count).fill(-1),
    wide: new Int32Array(wideNodes.length * 128).fill(-1),
    childStart: new Int32Array(count),
    childCount: new Int32Array(count),
    childKey: new Uint32Array(nodes.reduce((k, n) => k + n.next.size, 0)),
    childNode: new Int32Array(nodes.reduce((k, n) => k + n.next.size, 0)),
    endsStart: new Int32Array(count),
    endsCount: new Int32Array(count),
    endMatcher: new Int32Array(nodes.reduce((k, n) => k + n.ends.length, 0)),
    endVariant: new Int32Array(nodes.reduce((k, n) => k + n.ends.length, 0)),
  };
  let c = 0;
  let e = 0;
  let w = 0;
  nodes.forEach((n, id) => {
    if (id !== 0 && n.next.size > WIDE) {
      t.wideStart[id] = w;
      for (const [key, child] of n.next) if (key < 128) t.wide[w + key] = ids.get(child)!;
      w += 128;
    }
    t.childStart[id] = c;
    t.childCount[id] = n.next.size;
    for (const [key, child] of n.next) {
      t.childKey[c] = key;
      t.childNode[c] = ids.get(child)!;
      if (id === 0) t.rootChild[key] = ids.get(child)!;
      c += 1;
    }
    t.endsStart[id] = e;
    t.endsCount[id] = n.ends.length;
    for (const end of n.ends) {
      t.endMatcher[e] = end.matcher;
      t.endVariant[e] = end.variant;
      e += 1;
    }
  });
  return t;
}

/** Nodes with more children than this have a table of them (by ASCII symbol) rather than a list to search. */
export const WIDE = 4;

export function childOf(t: FlatTrie, node: number, key: number): number {
  if (node === 0) return t.rootChild[key]!;
  const wide = t.wideStart[node]!;
  if (wide >= 0 && key < 128) return t.wide[wide + key]!;
  for (let i = t.childStart[node]!, stop = i + t.childCount[node]!; i < stop; i += 1)
    if (t.childKey[i] === key) return t.childNode[i]!;
  return -1;
}

/** A literal matched at a position: its matcher, variant and end (after the tail). */
export interface LiteralHit {
  matcher: number;
  variant: number;
  end: number;
}

export const SPACE = 32;
