// News prose cut into the tokens numbers.ts reads: words, digit runs,
// punctuation, each with its offsets and a key to compare it by.
import { AR_MONTHS, EN_MONTHS, HYPHENS, MODIFIERS } from './context-words.ts';

// ---------------------------------------------------------------------------
// Tokens

export interface Token {
  kind: 'num' | 'word' | 'punct';
  text: string;
  /** Lower case, curly apostrophe straightened: what the tables are keyed by. */
  key: string;
  start: number;
  end: number;
  /** The text between the previous token and this one ('' = touching). */
  gap: string;
  /** The gap is spaces only (see `spaced`): tested once here, read many times. */
  spaced: boolean;
}

// The tokens, in the words of one regex (flag `u`; leftmost match, first alternative wins):
//
//   num:   [0-9٠-٩۰-۹]+(?:[,.:٫٬][0-9٠-٩۰-۹]+)*
//   word:  (?:\p{L}{1,2}\.)+\p{L}{1,2}(?!\p{L})  |  \p{L}[\p{L}\p{M}]*(?:['’][\p{L}\p{M}]+)*
//   punct: \S
//
// Abbreviations such as "p.m", "U.S", "t.co" stay one word so the dots do not
// split them; a digit run keeps its separators so "2,300" and "10:30" arrive whole.
// `tokenize` scans for exactly these matches by hand: it runs over every
// sentence, and the regex (Unicode classes tried at every position) was the
// larger part of `findCounts`.

// Character classes, as bits: a code point may be several (none is also possible).
export const LETTER = 1;
export const MARK = 2;
export const SPACE = 4;
export const DIGIT = 8;

// Classes as the `u` flag reads them: ASCII by code, anything else by
// property tests, once per code point per process.
export const CHAR_CLASSES = new Map<number, number>();

export function classOf(code: number): number {
  if (code < 0x80) {
    if (code >= 0x30 && code <= 0x39) return DIGIT;
    const lower = code | 0x20;
    if (lower >= 0x61 && lower <= 0x7a) return LETTER;
    return code === 0x20 || (code >= 0x09 && code <= 0x0d) ? SPACE : 0;
  }
  let cls = CHAR_CLASSES.get(code);
  if (cls === undefined) {
    const ch = String.fromCodePoint(code);
    cls =
      (/\p{L}/u.test(ch) ? LETTER : 0) |
      (/\p{M}/u.test(ch) ? MARK : 0) |
      (/\s/u.test(ch) ? SPACE : 0) |
      (/[\u0660-\u0669\u06F0-\u06F9]/u.test(ch) ? DIGIT : 0);
    CHAR_CLASSES.set(code, cls);
  }
  return cls;
}

export const ASCII_CLASSES = Uint8Array.from({ length: 0x80 }, (_, code) => classOf(code));

// The scanners below read one past the end of the text as a matter of course:
// `codeAt` answers -1 there instead of NaN (whose out-of-bounds read makes V8
// drop its optimised code).
export function codeAt(text: string, at: number): number {
  return at < text.length ? text.charCodeAt(at) : -1;
}

/** The class of the code point at `at` (nothing past the end). */
export function classAt(text: string, at: number): number {
  if (at >= text.length) return 0;
  const code = text.charCodeAt(at);
  return code < 0x80 ? ASCII_CLASSES[code]! : classOf(text.codePointAt(at)!);
}

/** UTF-16 length of the code point at `at`: 2 for a surrogate pair. */
export function width(text: string, at: number): number {
  const code = codeAt(text, at);
  if (code < 0xd800 || code > 0xdbff) return 1;
  const next = codeAt(text, at + 1);
  return next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
}

export const DIGIT_SEPARATORS: ReadonlySet<number> = new Set([0x2c, 0x2e, 0x3a, 0x066b, 0x066c]);

/** End of `num` at `at`, a digit. */
export function numEnd(text: string, at: number): number {
  let j = at;
  while (classAt(text, j) & DIGIT) j += 1;
  while (DIGIT_SEPARATORS.has(codeAt(text, j)) && classAt(text, j + 1) & DIGIT) {
    j += 1;
    while (classAt(text, j) & DIGIT) j += 1;
  }
  return j;
}

/** How many letters start at `at` (counting stops at 3: callers only tell one or two from more), and where they end. */
export function letterRun(text: string, at: number): { count: number; end: number } {
  let count = 0;
  let end = at;
  while (count < 3 && classAt(text, end) & LETTER) {
    end += width(text, end);
    count += 1;
  }
  return { count, end };
}

/**
 * End of the first `word` alternative at `at`, or -1. Its groups of one or two
 * letters and a dot are forced, so the match is the longest run of groups
 * followed by one or two letters; failing that, backtracking gives up the
 * last group and ends on its letters, when at least one group remains.
 */
export function initialsEnd(text: string, at: number): number {
  let groups = 0;
  let lastLetters = -1;
  let pos = at;
  for (;;) {
    const { count, end } = letterRun(text, pos);
    const short = count >= 1 && count <= 2;
    if (short && codeAt(text, end) === 0x2e) {
      groups += 1;
      lastLetters = end;
      pos = end + 1;
      continue;
    }
    if (groups === 0) return -1;
    if (short) return end;
    return groups >= 2 ? lastLetters : -1;
  }
}

/** End of the second `word` alternative at `at`, a letter. */
export function wordEnd(text: string, at: number): number {
  let j = at + width(text, at);
  for (;;) {
    while (classAt(text, j) & (LETTER | MARK)) j += width(text, j);
    const c = codeAt(text, j);
    if ((c === 0x27 || c === 0x2019) && classAt(text, j + 1) & (LETTER | MARK)) {
      j += 1;
      continue;
    }
    return j;
  }
}

export const SPACES = /^[ \t\u00A0\u2009\u202F]+$/;

/** Lower case, curly apostrophe straightened. */
export function keyOf(token: string): string {
  const lower = token.toLowerCase();
  return lower.includes('’') ? lower.replace(/’/g, "'") : lower;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  // Keys are cut from the text keyed once: lowering each token of a two-byte
  // string (any text with a curly quote) costs several times more. Lowering
  // goes character by character, one for one, except for "İ" (two when
  // lowered) and the Greek capital sigma (final or not by what follows):
  // with either, tokens are keyed one by one.
  const lowered = /[\u0130\u03A3]/.test(text) ? null : text.toLowerCase().replace(/’/g, "'");
  let previousEnd = 0;
  let i = 0;
  while (i < text.length) {
    const cls = classAt(text, i);
    if (cls & SPACE) {
      i += 1;
      continue;
    }
    const start = i;
    let kind: Token['kind'];
    if (cls & DIGIT) {
      kind = 'num';
      i = numEnd(text, i);
    } else if (cls & LETTER) {
      kind = 'word';
      const initials = initialsEnd(text, i);
      i = initials === -1 ? wordEnd(text, i) : initials;
    } else {
      kind = 'punct';
      i += width(text, i);
    }
    const token = text.slice(start, i);
    const key = lowered === null ? keyOf(token) : lowered.slice(start, i);
    const gap = start === previousEnd ? '' : text.slice(previousEnd, start);
    tokens.push({
      kind,
      text: token,
      key,
      start,
      end: i,
      gap,
      spaced: gap === ' ' || (gap !== '' && SPACES.test(gap)),
    });
    previousEnd = i;
  }
  return tokens;
}

/** Words of one phrase are separated by spaces only, never by a line break. */
export function spaced(t: Token | undefined): t is Token {
  return t !== undefined && t.spaced;
}

export function spacedKey(toks: readonly Token[], i: number, key: string): boolean {
  const t = toks[i];
  return spaced(t) && t.key === key;
}

export function matchKeys(toks: readonly Token[], i: number, keys: readonly string[]): number | null {
  for (let k = 0; k < keys.length; k++) {
    const t = toks[i + k];
    if (!t || t.key !== keys[k] || (k > 0 && !spaced(t))) return null;
  }
  return i + keys.length;
}

/** The word a number qualifies: after a glued hyphen ("180-day"), or after modifiers and "of". */
export function wordAfter(toks: readonly Token[], end: number): Token | undefined {
  const t = toks[end];
  if (t && t.gap === '' && HYPHENS.has(t.text)) {
    const u = toks[end + 1];
    return u && u.gap === '' && u.kind === 'word' ? u : undefined;
  }
  let j = end;
  for (let skipped = 0; skipped < 2 && spaced(toks[j]) && MODIFIERS.has(toks[j]!.key); skipped++) j++;
  if (spacedKey(toks, j, 'of') || spacedKey(toks, j, 'من')) j++;
  const n = toks[j];
  return spaced(n) && n.kind === 'word' ? n : undefined;
}

export function isMonth(t: Token | undefined): boolean {
  if (!t || t.kind !== 'word') return false;
  return (EN_MONTHS.has(t.key) && /^\p{Lu}/u.test(t.text)) || AR_MONTHS.has(t.key);
}

export function monthNear(toks: readonly Token[], part: { start: number; end: number }): boolean {
  const prev = toks[part.start - 1];
  const abbreviated = prev?.text === '.' && toks[part.start]?.gap !== '' && prev.gap === '';
  const before = abbreviated ? toks[part.start - 2] : prev;
  const first = toks[part.start];
  return (isMonth(before) && spaced(first)) || isMonth(wordAfter(toks, part.end));
}
