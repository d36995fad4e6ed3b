// Cues, speech verbs, negations and names compiled to be tried at one position,
// and MatcherSet, which tries them all over a text in one pass.
import { ANY, symbol } from './cue-prefixes.ts';
import {
  NO_CHAR,
  SKIP,
  SPACE,
  START,
  childOf,
  flatten,
  pairCode,
  positionsOf,
  symbolAt,
  tripleCode,
} from './matcher-index.ts';
import type { FlatTrie, Index, LiteralHit, Positions, TrieNode } from './matcher-index.ts';
import { fold, isSpace, isWordCharAt, skipLetters } from './text-fold.ts';
import type { Span } from './types.ts';

// ------------------------------------------------------------ cue matchers
//
// A sentence is read against some 400 cues, speech verbs and negations and
// 900 names. Rather than scan it once per cue, or try a 900-way alternation at
// every character, each is compiled to something tried only where it can
// start: at a character it can begin with (an index by case-folded first
// character) and, for phrases and names, only at the start of a word. Phrases
// and names are plain literals compared here in code; patterns are sticky
// expressions. Word boundaries are checked in code too: Unicode letter classes
// cost milliseconds to compile in every expression. The results are those of
// the plain expressions: every match of each cue, or the leftmost match of a
// list, its first entry first.

/** One character (case-folded when caseless), one of a set of characters, or null: a run of white space. */
export type Unit = string | ReadonlySet<string> | null;

/** A phrase or name as characters, compared in code. */
export interface Literal {
  units: Unit[];
  /** Which characters compare regardless of case: all, the first only, none. */
  caseless: 'all' | 'first' | 'none';
  /** Whether a walk through the trie of folded characters is not proof of a match (case matters, or a set of characters). */
  exact: boolean;
}

/** A cue, speech verb, negation or name, compiled to be tried at one position. */
export interface Matcher {
  /** Tried in order at a position; the first that passes the checks wins. */
  variants: (Literal | RegExp)[];
  /** The match must start a word: no letter, mark or digit before it. */
  wordStart: boolean;
  /** After the variant: `word`, it must end a word; `letters`, it runs on over letters and marks (a final `*`). */
  tail: 'word' | 'letters' | null;
  /** How a match can begin: its first two characters, case-folded (see `prefixesOf`); null when unknown. */
  prefixes: ReadonlySet<string> | null;
  /** A pattern that opens with `\b` before a word character: it cannot start right after one. */
  boundary: boolean;
  /** For a pattern cue: its source, to test a whole word against. */
  pattern: string | null;
}

/**
 * A literal matcher. An Arabic one may carry a one-letter proclitic, tried
 * with it first as the greedy `[وفبلك]?` would.
 */
export function literalMatcher(
  s: string,
  caseless: Literal['caseless'],
  proclitic: boolean,
  tail: Matcher['tail'],
): Matcher {
  const units: Unit[] = [];
  for (const c of s.split('')) {
    if (!isSpace(c.charCodeAt(0))) units.push(caseless === 'all' ? fold(c) : c);
    else if (units.at(-1) !== null) units.push(null);
  }
  if (caseless === 'first' && typeof units[0] === 'string') units[0] = fold(units[0]);
  const variants: Literal[] = [{ units, caseless, exact: caseless !== 'all' }];
  if (proclitic)
    variants.unshift({
      units: [PROCLITIC_SET, ...units],
      caseless: caseless === 'first' ? 'none' : caseless,
      exact: true,
    });
  const prefixes = new Set(variants.flatMap(literalPrefixes));
  return { variants, wordStart: true, tail, prefixes, boundary: false, pattern: null };
}

export const PROCLITIC_SET: ReadonlySet<string> = new Set(['و', 'ف', 'ب', 'ل', 'ك']);

/** The first two characters of a literal, as prefix symbols. */
export function literalPrefixes(lit: Literal): string[] {
  const symbols = (u: Unit | undefined): string[] =>
    u === undefined ? [''] : u === null ? [' '] : typeof u === 'string' ? [symbol(u)] : [...u].map(symbol);
  return symbols(lit.units[0]).flatMap((a) => symbols(lit.units[1]).map((b) => a + b));
}

/**
 * Flags for a pattern: with `u` (Unicode semantics) only when it needs them,
 * for a Unicode escape (`\p{L}`, `\u{…}`, `\k<…>`) or a character beyond
 * the BMP (which `u` reads as one character, not two). Otherwise `u` changes
 * nothing but how U+017F and U+212A fold (and, with `i`, how a handful of
 * letters such as U+212B fold), and costs several times the compile time: a
 * cue with `{actor}`, some 900 names, took 70 ms to compile with `iu` and 7
 * without, the first time an article needs it.
 */
export function patternFlags(source: string, flags: string): string {
  return /[\ud800-\udfff]/.test(source) || /\\[pP]\{|\\u\{|\\k</u.test(source) ? `${flags}u` : flags;
}

/** Where a literal matches from `p`: the end, or -1. */
export function literalAt(lit: Literal, text: string, p: number): number {
  let q = p;
  const units = lit.units;
  for (let k = 0; k < units.length; k += 1) {
    const u = units[k]!;
    if (q >= text.length) return -1;
    if (u === null) {
      if (!isSpace(text.charCodeAt(q))) return -1;
      do q += 1;
      while (q < text.length && isSpace(text.charCodeAt(q)));
    } else if (typeof u === 'string') {
      const ch = text[q]!;
      if (ch !== u && !((lit.caseless === 'all' || (lit.caseless === 'first' && k === 0)) && fold(ch) === u)) return -1;
      q += 1;
    } else {
      if (!u.has(text[q]!)) return -1;
      q += 1;
    }
  }
  return q;
}

/** Where `m` matches from `p` (its word-start condition already met): the end of the match, or -1. */
export function matchAt(m: Matcher, text: string, p: number): number {
  for (const v of m.variants) {
    let end: number;
    if (v instanceof RegExp) {
      v.lastIndex = p;
      const found = v.exec(text);
      if (!found) continue;
      end = p + found[0].length;
    } else {
      end = literalAt(v, text, p);
      if (end < 0) continue;
    }
    if (m.tail === 'letters') end = skipLetters(text, end);
    else if (m.tail === 'word' && isWordCharAt(text, end)) continue;
    return end;
  }
  return -1;
}

/**
 * Matchers ready to be tried at each position of a text: literals through a
 * trie walked from each word start, patterns through an index by the
 * characters they begin with, kept apart for word starts and elsewhere.
 */
export class MatcherSet {
  readonly matchers: readonly Matcher[];
  private readonly trie: TrieNode = { next: new Map(), ends: [] };
  /** The trie laid out flat for walking (see `FlatTrie`). */
  private readonly flat: FlatTrie;
  /** Patterns by position kind (see `positions`). */
  private readonly indexes: Index[];
  /** Whether every matcher starts a word, so that only word starts need trying. */
  private readonly startsOnly: boolean;
  /** Whether every matcher is a literal (no pattern to try). */
  private readonly literalOnly: boolean;
  /**
   * Whether a pattern may start inside a word at an ASCII character after an
   * ASCII letter or digit. Patterns mostly open with `\b` and a letter, which
   * cannot; when none can, only a text's `visits` are tried, not every position.
   */
  private readonly asciiInside: boolean;
  /** For `all`: where each matcher may match next, and in which call that was set. */
  private readonly resumeAt: Int32Array;
  private readonly resumeCall: Int32Array;
  private calls = 0;

  constructor(matchers: Matcher[]) {
    this.matchers = matchers;
    const isLiteral = (m: Matcher): boolean => m.variants.every((v) => !(v instanceof RegExp));
    matchers.forEach((m, i) => {
      if (isLiteral(m)) m.variants.forEach((v, j) => this.insert(v as Literal, i, j));
    });
    this.flat = flatten(this.trie);
    const atStart = indexMatchers(matchers, (m) => !isLiteral(m));
    const inside = indexMatchers(matchers, (m) => !isLiteral(m) && !m.wordStart);
    const insideAscii = indexMatchers(matchers, (m) => !isLiteral(m) && !m.wordStart && !m.boundary);
    this.indexes = [atStart, insideAscii, inside];
    this.startsOnly = inside.empty && matchers.every((m) => m.wordStart);
    this.literalOnly = this.startsOnly && atStart.empty;
    this.asciiInside = insideAscii.any.length > 0 || insideAscii.firstMask.subarray(0, 128).includes(1);
    this.resumeAt = new Int32Array(matchers.length);
    this.resumeCall = new Int32Array(matchers.length).fill(-1);
  }

  get length(): number {
    return this.matchers.length;
  }

  private insert(lit: Literal, matcher: number, variant: number): void {
    const step = (node: TrieNode, key: number): TrieNode => {
      let child = node.next.get(key);
      if (!child) node.next.set(key, (child = { next: new Map(), ends: [] }));
      return child;
    };
    let nodes = [this.trie];
    for (const u of lit.units) {
      if (u === null) nodes = nodes.map((n) => step(n, SPACE));
      else if (typeof u === 'string') nodes = nodes.map((n) => step(n, symbol(u).charCodeAt(0)));
      else nodes = nodes.flatMap((n) => [...u].map((c) => step(n, symbol(c).charCodeAt(0))));
    }
    for (const node of nodes) node.ends.push({ matcher, variant });
  }

  /** The literals that match at word start `p`, each with the end its tail gives (-1 when the tail fails). */
  private literalsAt(text: string, p: number): LiteralHit[] {
    const t = this.flat;
    let hits = NO_HITS;
    let node = 0;
    let q = p;
    for (;;) {
      for (let e = t.endsStart[node]!, stop = e + t.endsCount[node]!; e < stop; e += 1) {
        const matcher = t.endMatcher[e]!;
        const variant = t.endVariant[e]!;
        const m = this.matchers[matcher]!;
        const lit = m.variants[variant] as Literal;
        // The trie compares folded characters: only case-sensitive literals need a second look.
        if (lit.exact && literalAt(lit, text, p) !== q) continue;
        const end = m.tail === 'letters' ? skipLetters(text, q) : m.tail === 'word' && isWordCharAt(text, q) ? -1 : q;
        if (hits === NO_HITS) hits = [];
        hits.push({ matcher, variant, end });
      }
      if (q >= text.length) break;
      const code = text.charCodeAt(q);
      let key: number;
      if (code > 32 && code < 127) {
        key = symbolAt(text, q);
        q += 1;
      } else if (isSpace(code)) {
        key = SPACE;
        do q += 1;
        while (q < text.length && isSpace(text.charCodeAt(q)));
      } else {
        key = symbolAt(text, q);
        q += 1;
      }
      node = childOf(t, node, key);
      if (node < 0) break;
    }
    return hits;
  }

  /** For each literal matcher matching at `p`, its first variant that passes its tail (matcher order). */
  private literalMatches(text: string, kind: number, p: number): LiteralHit[] {
    if (kind !== START || p >= text.length || this.trie.next.size === 0) return NO_HITS;
    const all = this.literalsAt(text, p);
    if (all.length === 0) return NO_HITS;
    const hits = all.filter((h) => h.end >= 0);
    if (hits.length < 2) return hits;
    hits.sort((a, b) => a.matcher - b.matcher || a.variant - b.variant);
    return hits.filter((h, k) => k === 0 || hits[k - 1]!.matcher !== h.matcher);
  }

  /** The patterns that may match at `p`, in their order. */
  private candidates(text: string, kind: number, p: number): readonly number[] {
    if (kind === SKIP) return NONE;
    const index = this.indexes[kind]!;
    if (index.empty) return NONE;
    if (p >= text.length) return index.any;
    const first = symbolAt(text, p);
    if (index.firstMask[first] === 0) return index.any;
    const second = symbolAt(text, p + 1);
    const key = pairCode(first, second);
    const third = symbolAt(text, p + 2);
    if (index.byTriple.size > 0 && first < 128 && second < 128 && third < 128) {
      const key3 = tripleCode(first, second, third);
      let ids = index.mergedTriple.get(key3);
      if (!ids) {
        ids = [
          ...new Set([
            ...(index.byTriple.get(key3) ?? []),
            ...(index.byPair.get(key) ?? []),
            ...(index.byFirst.get(first) ?? []),
            ...index.any,
          ]),
        ].sort((a, b) => a - b);
        if (index.mergedTriple.size >= 20_000) index.mergedTriple.clear();
        index.mergedTriple.set(key3, ids);
      }
      return ids;
    }
    let ids = index.merged.get(key);
    if (!ids) {
      ids = [...new Set([...(index.byPair.get(key) ?? []), ...(index.byFirst.get(first) ?? []), ...index.any])].sort(
        (a, b) => a - b,
      );
      if (index.merged.size >= 20_000) index.merged.clear();
      index.merged.set(key, ids);
    }
    return ids;
  }

  /** Every match of every matcher, as `matchAll` of each would find them: grouped by matcher, in matcher order. */
  all(text: string): { index: number; start: number; end: number }[] {
    const info = positionsOf(text);
    const found: { index: number; start: number; end: number }[] = [];
    // Where each matcher may match next, when set in this call (0 otherwise).
    const call = (this.calls = (this.calls + 1) | 0);
    const resumeAt = this.resumeAt;
    const resumeCall = this.resumeCall;
    const list = this.positionsToTry(info);
    const count = list ? list.length : text.length;
    for (let k = 0; k < count; k += 1) {
      const p = list ? list[k]! : k;
      const kind = info.kinds[p]!;
      // Most positions are inside words, where only a few patterns may start.
      if (kind === SKIP) continue;
      if (
        kind !== START &&
        this.indexes[kind]!.firstMask[symbolAt(text, p)] === 0 &&
        this.indexes[kind]!.any.length === 0
      )
        continue;
      for (const hit of this.literalMatches(text, kind, p)) {
        const i = hit.matcher;
        if (resumeCall[i] === call && p < resumeAt[i]!) continue;
        found.push({ index: i, start: p, end: hit.end });
        resumeAt[i] = hit.end > p ? hit.end : p + 1;
        resumeCall[i] = call;
      }
      for (const i of this.candidates(text, kind, p)) {
        if (resumeCall[i] === call && p < resumeAt[i]!) continue;
        const end = matchAt(this.matchers[i]!, text, p);
        if (end < 0) continue;
        found.push({ index: i, start: p, end });
        resumeAt[i] = end > p ? end : p + 1;
        resumeCall[i] = call;
      }
    }
    // Grouped by matcher, each in text order (a stable sort keeps the order found).
    return found.length > 1 ? found.sort((a, b) => a.index - b.index) : found;
  }

  /** The non-empty leftmost matches, the first matcher first, as one alternation of them all would find them. */
  spans(text: string): Span[] {
    const info = positionsOf(text);
    const found: Span[] = [];
    let resume = 0;
    if (this.literalOnly) {
      // Only the trie: the first matcher whose literal and tail hold at a word start.
      for (const p of info.starts) {
        if (p < resume) continue;
        let best = -1;
        let bestMatcher = Infinity;
        let bestVariant = Infinity;
        for (const h of this.literalsAt(text, p)) {
          if (h.end < 0 || h.matcher > bestMatcher || (h.matcher === bestMatcher && h.variant > bestVariant)) continue;
          bestMatcher = h.matcher;
          bestVariant = h.variant;
          best = h.end;
        }
        if (best < 0) continue;
        if (best > p) found.push({ start: p, end: best });
        resume = best > p ? best : p + 1;
      }
      return found;
    }
    const list = this.positionsToTry(info);
    const count = list ? list.length : text.length;
    for (let k = 0; k < count; k += 1) {
      const p = list ? list[k]! : k;
      if (p < resume) continue;
      const end = this.firstAt(text, info.kinds[p]!, p);
      if (end < 0) continue;
      if (end > p) found.push({ start: p, end });
      resume = end > p ? end : p + 1;
    }
    return found;
  }

  /** The positions of a text where a matcher may start, in order; null for every position. */
  private positionsToTry(info: Positions): readonly number[] | null {
    return this.startsOnly ? info.starts : this.asciiInside ? null : info.visits;
  }

  /** Whether any matcher matches anywhere in `text`. */
  test(text: string): boolean {
    const kinds = positionsOf(text).kinds;
    for (let p = 0; p <= text.length; p += 1) if (this.firstAt(text, kinds[p]!, p) >= 0) return true;
    return false;
  }

  /** The end of the first matcher (in order) matching at `p`, or -1. */
  private firstAt(text: string, kind: number, p: number): number {
    const first = this.literalMatches(text, kind, p)[0];
    const best = first ? first.matcher : Infinity;
    const bestEnd = first ? first.end : -1;
    for (const i of this.candidates(text, kind, p)) {
      if (i > best) break;
      const end = matchAt(this.matchers[i]!, text, p);
      if (end >= 0) return end;
    }
    return bestEnd;
  }

  /**
   * Whether `word` as a whole is one of the matchers, as `^(?:a|b|…)$` tests
   * it; with `proclitic`, as `^[وف]?(?:a|b|…)$`.
   */
  isWholeWord(word: string, proclitic: boolean): boolean {
    if (word.length === 0) return false;
    if (this.literalsAt(word, 0).some((h) => h.end === word.length)) return true;
    for (const i of this.candidates(word, START, 0)) {
      const m = this.matchers[i]!;
      if (m.pattern !== null) continue;
      const re = m.variants[0] as RegExp;
      re.lastIndex = 0;
      const found = re.exec(word);
      if (found && found[0].length === word.length) return true;
    }
    return this.matchers.some((m) => m.pattern !== null && wholeWordPattern(m, proclitic).test(word));
  }
}

export const NONE: readonly number[] = [];
export const NO_HITS: LiteralHit[] = [];

export function indexMatchers(matchers: Matcher[], include: (m: Matcher) => boolean): Index {
  const index: Index = {
    byPair: new Map(),
    byFirst: new Map(),
    byTriple: new Map(),
    any: [],
    firstMask: new Uint8Array(NO_CHAR + 1),
    empty: true,
    merged: new Map(),
    mergedTriple: new Map(),
  };
  const add = (map: Map<number, number[]>, key: number, i: number): void => {
    const ids = map.get(key) ?? [];
    if (ids.at(-1) !== i) ids.push(i);
    map.set(key, ids);
  };
  matchers.forEach((m, i) => {
    if (!include(m)) return;
    index.empty = false;
    const prefixes = m.prefixes ?? [''];
    if ([...prefixes].some((x) => x === '' || x[0] === ANY)) index.any.push(i);
    else {
      for (const x of prefixes) {
        index.firstMask[x.charCodeAt(0)] = 1;
        const [a, b, c] = [x.charCodeAt(0), x.charCodeAt(1), x.charCodeAt(2)];
        if (x.length === 3 && a < 128 && b < 128 && c < 128) add(index.byTriple, tripleCode(a, b, c), i);
        else if (x.length >= 2 && x[1] !== ANY) add(index.byPair, pairCode(a, b), i);
        else add(index.byFirst, a, i);
      }
    }
  });
  return index;
}

export const wholeWordPatterns = new WeakMap<Matcher, Map<boolean, RegExp>>();

export function wholeWordPattern(m: Matcher, proclitic: boolean): RegExp {
  const byProclitic = wholeWordPatterns.get(m) ?? new Map<boolean, RegExp>();
  wholeWordPatterns.set(m, byProclitic);
  let re = byProclitic.get(proclitic);
  if (!re) byProclitic.set(proclitic, (re = new RegExp(`^${proclitic ? '[وف]?' : ''}(?:${m.pattern})$`, 'iu')));
  return re;
}
