// A case-insensitive regular expression written without its `i` flag: each
// letter as the class of the characters `i` makes it equal to ("day" →
// "[dD][aA][yY]", "[a-c]" → "[a-cA-C]").
//
// Why: V8 compiles a regular expression to machine code once per kind of
// text it is run on, and for a text of one-byte characters (no curly quotes,
// no dashes: most sentences) it took some 70 ms to compile each of chrono's
// two largest case-insensitive expressions (those of "3 days ago" and "3 days
// later"), against 20 ms written this way; the codebook's cues, tolls and
// measure words, some 430 expressions, took 295 ms against 176. Every
// extraction thread pays that on its first article: the one a journalist adds
// to a story of thousands.
//
// The same matches, exactly: without the `u` flag, `i` compares characters
// by their upper case, and a character outside ASCII is never made equal to
// one inside it (ECMAScript's Canonicalize), so an ASCII letter matches its
// two cases and nothing else. A letter outside ASCII matches the characters
// V8's own `i` matches it with (found once, by running it over every
// character: "σ" also matches "ς" and "Σ"). In a class, a range of ASCII
// letters of one case gains the other case's. An expression this cannot be
// sure of (a range across cases or beyond ASCII; an escape naming a
// character by its code; a backreference; a named group; `u` or `v`) is kept
// as it is.

/** `re` without its `i` flag, each letter written as the class of its cases; `re` itself when it has no `i` or cannot be so written. */
export function withoutIgnoreCase(re: RegExp): RegExp {
  if (!re.flags.includes('i') || /[uv]/.test(re.flags)) return re;
  const source = caseExpanded(re.source);
  return source === null ? re : new RegExp(source, re.flags.replace('i', ''));
}

/** `new RegExp(source, flags)`, written without `i` where it can be (withoutIgnoreCase): what the extraction compiles its codebook and gazetteer to. */
export function caseFree(source: string, flags: string): RegExp {
  return withoutIgnoreCase(new RegExp(source, flags));
}

/** The source with each letter as the class of its cases (see above); null when that would not match the same. */
function caseExpanded(source: string): string | null {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i += 1) {
    const ch = source[i]!;
    if (ch === '\\') {
      const next = source[i + 1] ?? '';
      // Characters named by their code (\x41, \u0041, \cJ, \101), backreferences (which `i` compares in either case), an escape that starts a range.
      if (/[xuck1-9]/.test(next) || (next === '0' && /[0-9]/.test(source[i + 2] ?? ''))) return null;
      if (inClass && isRangeDash(source, i + 2)) return null;
      i += 1;
      // A letter that names no class or character (\p, \e; \B in a class) stands for itself.
      if (/[A-Za-z]/.test(next) && !(inClass ? /[bdDfnrsStvwW]/ : /[bBdDfnrsStvwW]/).test(next)) {
        out += inClass ? casesOf(next) : `[${casesOf(next)}]`;
      } else out += ch + next;
    } else if (inClass) {
      if (ch === ']') {
        inClass = false;
        out += ch;
      } else if (isRangeDash(source, i + 1)) {
        // A range: kept when it holds no letter, doubled when it holds letters of one case only.
        const to = source[i + 2]!;
        if (to === '\\') return null;
        const other = otherCaseRange(ch, to);
        if (other === null) return null;
        out += `${ch}-${to}${other}`;
        i += 2;
      } else out += caseless(ch) ? ch : casesOf(ch);
    } else if (!caseless(ch)) {
      const cases = casesOf(ch);
      out += cases.length > 1 ? `[${cases}]` : ch;
    } else {
      // A named group's name is no text to match: kept as it is.
      if (ch === '(' && source.startsWith('?<', i + 1) && !/[=!]/.test(source[i + 3] ?? '')) return null;
      if (ch === '[') inClass = true;
      out += ch;
    }
  }
  return out;
}

/** The characters `i` (without `u`) makes equal to `ch`, `ch` first. */
function casesOf(ch: string): string {
  if (/[A-Za-z]/.test(ch)) return ch.toLowerCase() + ch.toUpperCase();
  let cases = CASES.get(ch);
  if (cases === undefined) {
    const matched = everyCharacter().match(new RegExp(`[${ch}]`, 'gi')) ?? [];
    cases = [ch, ...new Set(matched.filter((c) => c !== ch))].join('');
    CASES.set(ch, cases);
  }
  return cases;
}
const CASES = new Map<string, string>();

/** Every UTF-16 code unit, once, in order: what `casesOf` runs V8's `i` over. */
function everyCharacter(): string {
  if (EVERY === null) {
    const parts: string[] = [];
    for (let from = 0; from < 0x10000; from += 0x1000)
      parts.push(String.fromCharCode(...Array.from({ length: 0x1000 }, (_, k) => from + k)));
    EVERY = parts.join('');
  }
  return EVERY;
}
let EVERY: string | null = null;

/**
 * For a range of a class from `from` to `to`: "" when it holds no letter, the
 * same range in the other case when it holds ASCII letters of one case only,
 * null otherwise.
 */
function otherCaseRange(from: string, to: string): string | null {
  const a = from.charCodeAt(0);
  const b = to.charCodeAt(0);
  if (b > 0x7f) return null;
  if (!spansACase(from, to)) return '';
  const within = (lo: number, hi: number): boolean => a >= lo && b <= hi;
  if (within(0x61, 0x7a) || within(0x41, 0x5a)) {
    const flip = (c: string): string => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase());
    return `${flip(from)}-${flip(to)}`;
  }
  return null;
}

/** Whether `i` leaves the character alone (every ASCII character but the letters; dashes, quotes and brackets outside ASCII). */
function caseless(ch: string): boolean {
  return ch.toLowerCase() === ch && ch.toUpperCase() === ch;
}

/** Whether the `-` at `at` in a class joins a range (it does unless the class starts or ends with it). */
function isRangeDash(source: string, at: number): boolean {
  return (
    source[at] === '-' &&
    source[at - 1] !== '[' &&
    !(source[at - 1] === '^' && source[at - 2] === '[') &&
    (source[at + 1] ?? ']') !== ']'
  );
}

/** Whether the range from `a` to `b` holds a letter, or anything outside ASCII. */
function spansACase(a: string, b: string): boolean {
  const from = a.charCodeAt(0);
  const to = b.charCodeAt(0);
  return to > 0x7f || (from <= 0x5a && to >= 0x41) || (from <= 0x7a && to >= 0x61);
}
