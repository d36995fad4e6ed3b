// A case-insensitive regular expression written without its `i` flag: each
// ASCII letter as a class of its two cases ("day" → "[dD][aA][yY]").
//
// Why: V8 compiles a regular expression to machine code once per kind of
// text it is run on, and for a text of one-byte characters (no curly quotes,
// no dashes: most sentences) it took some 70 ms to compile each of chrono's
// two largest case-insensitive expressions (those of "3 days ago" and "3 days
// later"), against 20 ms written this way. Every extraction thread pays that
// on its first article: the one a journalist adds to a story of thousands.
//
// The same matches, exactly: without the `u` flag, `i` compares characters
// by their upper case, and a character outside ASCII is never made equal to
// one inside it (ECMAScript's Canonicalize), so an ASCII letter matches its
// two cases and nothing else. An expression this cannot be sure of (a letter
// in a class, where `i` would widen a range; an escape naming a character by
// its code; a backreference; a letter outside ASCII; a named group; `u` or
// `v`) is kept as it is.

/** `re` without its `i` flag, each ASCII letter outside a class written as the class of its two cases; `re` itself when it has no `i` or cannot be so written. */
export function withoutIgnoreCase(re: RegExp): RegExp {
  if (!re.flags.includes('i') || /[uv]/.test(re.flags)) return re;
  const source = caseExpanded(re.source);
  return source === null ? re : new RegExp(source, re.flags.replace('i', ''));
}

/** The source with each ASCII letter outside a class as `[xX]`; null when that would not match the same (see above). */
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
        if (inClass) return null;
        out += `[${next.toLowerCase()}${next.toUpperCase()}]`;
      } else out += ch + next;
    } else if (!caseless(ch)) {
      // A letter: in a class, `i` would also widen the ranges it ends.
      if (inClass || !/[A-Za-z]/.test(ch)) return null;
      out += `[${ch.toLowerCase()}${ch.toUpperCase()}]`;
    } else if (inClass) {
      if (ch === ']') inClass = false;
      else if (isRangeDash(source, i) && spansACase(source[i - 1]!, source[i + 1]!)) return null;
      out += ch;
    } else {
      // A named group's name is no text to match: kept as it is.
      if (ch === '(' && source.startsWith('?<', i + 1) && !/[=!]/.test(source[i + 3] ?? '')) return null;
      if (ch === '[') inClass = true;
      out += ch;
    }
  }
  return out;
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
