// Text as the gazetteer's matchers see it: Arabic vowel marks dropped and letter
// forms folded (with the way back to the original offsets), case folding, and
// the classes of characters that make words.

// ----------------------------------------------------------- text normalising

export const ARABIC_MARKS = /[\u064B-\u065F\u0670\u0640]/u;
export const LETTER_FOLD: Record<string, string> = {
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ى: 'ي',
  ة: 'ه',
  '’': "'",
  '‘': "'",
  ʼ: "'",
};
export const IDENTITY: number[] = [];
export const NEEDS_NORMALIZING = /[\u064B-\u065F\u0670\u0640أإآٱىة’‘ʼ]/u;
/** The keys of LETTER_FOLD. */
export const FOLDABLE = /[أإآٱىة’‘ʼ]/gu;

/** A text prepared for matching, with the way back to the original offsets. */
export interface Normalized {
  text: string;
  /** `toOriginal[i]` is the original offset of normalised offset i (at least length + 1 entries; those after are of no use). */
  toOriginal: readonly number[];
}

/**
 * Drops Arabic vowel marks and tatweel, folds the spellings of alef, yeh, teh
 * marbuta and apostrophes, so that cues and names match however they are
 * written. Latin text keeps its length and offsets (apostrophes fold 1:1).
 */
export function normalizeText(original: string): Normalized {
  if (!NEEDS_NORMALIZING.test(original)) {
    while (IDENTITY.length <= original.length) IDENTITY.push(IDENTITY.length);
    // Offsets are the same: the one growing table of identities serves every text (read, never written).
    return { text: original, toOriginal: IDENTITY };
  }
  if (!ARABIC_MARKS.test(original)) {
    // Nothing to drop, only letters to fold one for one (’ → ', أ → ا): the offsets stay the same.
    while (IDENTITY.length <= original.length) IDENTITY.push(IDENTITY.length);
    return { text: original.replace(FOLDABLE, (ch) => LETTER_FOLD[ch]!), toOriginal: IDENTITY };
  }
  let out = '';
  const toOriginal: number[] = [];
  for (let i = 0; i < original.length; i += 1) {
    const ch = original[i]!;
    if (ARABIC_MARKS.test(ch)) continue;
    out += LETTER_FOLD[ch] ?? ch;
    toOriginal.push(i);
  }
  toOriginal.push(original.length);
  return { text: out, toOriginal };
}

export function normalizePattern(s: string): string {
  return NEEDS_NORMALIZING.test(s) ? normalizeText(s).text : s;
}

/** The key two spellings of one name share: case, spacing, apostrophes, Arabic marks folded. */
export function nameKey(s: string): string {
  return normalizePattern(s).toLowerCase().replace(/\s+/gu, ' ').trim();
}

export const isLatin = (s: string): boolean => !/[\p{Script=Arabic}\p{Script=Cyrillic}\p{Script=Han}]/u.test(s);

const ARABIC_BLOCKS = /[\u0600-\u08ff\ufb50-\ufdff\ufe70-\ufefc\ud800-\udbff]/;
const ARABIC_SCRIPT = /\p{Script=Arabic}/u;

/**
 * Whether a text has a letter or mark of the Arabic script. A Unicode property
 * test reads every character slowly (0.8 µs for an English sentence, run
 * on every one): a plain class of the blocks the script lies in, or beyond
 * the BMP, rules out the rest first (0.1 µs).
 */
export const isArabic = (s: string): boolean => ARABIC_BLOCKS.test(s) && ARABIC_SCRIPT.test(s);

// ---------------------------------------------------------------- name regex

export const BEFORE = '(?<![\\p{L}\\p{M}\\p{N}])';
export const AFTER = '(?![\\p{L}\\p{M}\\p{N}])';
export const PROCLITIC = '[وفبلك]';

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&');
}

/** A character as case-insensitive matching sees it. */
export function fold(ch: string): string {
  let f = FOLDED.get(ch);
  if (f === undefined) {
    const upper = ch.toUpperCase();
    const lower = upper.length === 1 ? upper.toLowerCase() : '';
    f = lower.length === 1 ? lower : ch.toLowerCase().length === 1 ? ch.toLowerCase() : ch;
    if (FOLDED.size < 100_000) FOLDED.set(ch, f);
  }
  return f;
}
export const FOLDED = new Map<string, string>();

// White space as `\s` has it.
export const isSpace = (c: number): boolean =>
  c === 32 ||
  (c >= 9 && c <= 13) ||
  c === 0xa0 ||
  c === 0x1680 ||
  (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000 ||
  c === 0xfeff;

export const LETTER_MARK_NUMBER = /^[\p{L}\p{M}\p{N}]$/u;
export const LETTER_MARK = /^[\p{L}\p{M}]$/u;
/** Per code point: 1 letter or mark, 2 number, 3 neither. */
export const CLASS = new Map<number, number>();

export function codeClass(cp: number): number {
  if (cp < 128) return (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) ? 1 : cp >= 48 && cp <= 57 ? 2 : 3;
  let c = CLASS.get(cp);
  if (c === undefined) {
    const s = String.fromCodePoint(cp);
    c = LETTER_MARK.test(s) ? 1 : LETTER_MARK_NUMBER.test(s) ? 2 : 3;
    if (CLASS.size < 100_000) CLASS.set(cp, c);
  }
  return c;
}

export const isWordCode = (cp: number): boolean => codeClass(cp) !== 3;

/** Whether a letter, mark or digit is at `p`. */
export function isWordCharAt(text: string, p: number): boolean {
  return p < text.length && isWordCode(text.codePointAt(p)!);
}

/** The end of the run of letters and marks from `p`. */
export function skipLetters(text: string, p: number): number {
  while (p < text.length) {
    const cp = text.codePointAt(p)!;
    if (codeClass(cp) !== 1) break;
    p += cp > 0xffff ? 2 : 1;
  }
  return p;
}
