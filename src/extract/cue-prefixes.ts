// How an expression can begin: its first characters, read off the pattern's
// source, so that a cue is tried only at positions where it can match.
import { fold, isSpace } from './text-fold.ts';

/**
 * How a match of `source` can begin: the set of its first two characters,
 * case-folded (`ANY` where any character may stand; shorter strings for
 * matches that short), read off the expression. Null when the parse is not
 * sure. Only ever used to skip positions where nothing can match, so a
 * larger set or null is always safe.
 */
export function prefixesOf(source: string): Set<string> | null {
  try {
    const parser = new PrefixParser(source);
    const result = parser.alternation();
    return parser.done() ? result : null;
  } catch {
    return null;
  }
}

/** Whether every match of `source` starts with `\b` and then a word character. */
export function opensWithBoundary(source: string, prefixes: ReadonlySet<string> | null): boolean {
  if (
    !afterLookarounds(source).startsWith('\\b') ||
    prefixes === null ||
    ![...prefixes].every((x) => /^[a-z0-9_]/u.test(x))
  )
    return false;
  // No top-level alternative may escape the `\b`.
  let depth = 0;
  for (let i = 0; i < source.length; i += 1) {
    const c = source[i];
    if (c === '\\') i += 1;
    else if (c === '[') while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
    else if (c === '(') depth += 1;
    else if (c === ')') depth -= 1;
    else if (c === '|' && depth === 0) return false;
  }
  return true;
}

/** `source` without the lookaround groups it opens with. */
export function afterLookarounds(source: string): string {
  let rest = source;
  while (/^\(\?<?[=!]/u.test(rest)) {
    let depth = 0;
    let i = 0;
    for (; i < rest.length; i += 1) {
      const c = rest[i];
      if (c === '\\') i += 1;
      else if (c === '[') while (i < rest.length && rest[i] !== ']') i += rest[i] === '\\' ? 2 : 1;
      else if (c === '(') depth += 1;
      else if (c === ')' && --depth === 0) break;
    }
    rest = rest.slice(i + 1);
  }
  return rest;
}

/** Stands for any character in a prefix. */
export const ANY = '\uffff';

/** How many first characters of a pattern are worked out. */
export const PREFIX = 3;

/** The strings of `a` followed by those of `b`, cut to PREFIX characters. */
export function concat(a: Set<string>, b: Set<string>): Set<string> {
  const out = new Set<string>();
  for (const x of a) {
    if (x.length >= PREFIX) out.add(x);
    else for (const y of b) out.add((x + y).slice(0, PREFIX));
  }
  return out;
}

/** Parses just enough of a regular expression to know how its matches begin. */
export class PrefixParser {
  private i = 0;
  constructor(private readonly s: string) {}

  done(): boolean {
    return this.i === this.s.length;
  }

  alternation(): Set<string> {
    const result = new Set<string>();
    for (;;) {
      for (const x of this.sequence()) result.add(x);
      if (this.s[this.i] !== '|') return result;
      this.i += 1;
    }
  }

  private sequence(): Set<string> {
    let result = new Set(['']);
    while (this.i < this.s.length && this.s[this.i] !== '|' && this.s[this.i] !== ')') {
      // Every prefix is whole: the rest of the sequence cannot change them. Skipped unread, as a cue
      // with `{actor}` after its first words goes on with the alternation of every alias (12 kB).
      if (whole(result)) {
        this.skipSequence();
        break;
      }
      const atom = this.atom();
      result = concat(result, this.quantified(atom));
    }
    return result;
  }

  /** Moves to the end of the sequence: the next `|` or `)` outside any group or class. */
  private skipSequence(): void {
    let depth = 0;
    for (; this.i < this.s.length; this.i += 1) {
      const c = this.s[this.i];
      if (c === '\\') this.i += 1;
      else if (c === '[') {
        for (this.i += 1; this.i < this.s.length && this.s[this.i] !== ']'; this.i += 1)
          if (this.s[this.i] === '\\') this.i += 1;
      } else if (c === '(') depth += 1;
      else if (c === ')' && depth-- === 0) return;
      else if (c === '|' && depth === 0) return;
    }
  }

  /** The atom repeated as a quantifier after it says. */
  private quantified(atom: Set<string>): Set<string> {
    const c = this.s[this.i];
    let min: number;
    let max: number;
    if (c === '?' || c === '*' || c === '+') {
      this.i += 1;
      min = c === '+' ? 1 : 0;
      max = c === '?' ? 1 : Infinity;
    } else if (c === '{') {
      const m = /^\{(\d+)(?:(,)(\d*))?\}/u.exec(this.s.slice(this.i));
      if (!m) throw new Error('not a quantifier');
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] ? Number(m[3]) : Infinity;
      this.i += m[0].length;
    } else return atom;
    if (this.s[this.i] === '?') this.i += 1;
    // PREFIX characters come from at most PREFIX non-empty repetitions.
    let power = new Set(['']);
    for (let k = 0; k < Math.min(min, PREFIX + 1); k += 1) power = concat(power, atom);
    const result = new Set(power);
    for (let k = min + 1; k <= Math.min(max, min + PREFIX); k += 1) {
      power = concat(power, atom);
      for (const x of power) result.add(x);
    }
    return result;
  }

  private atom(): Set<string> {
    const c = this.s[this.i]!;
    this.i += 1;
    if (c === '^' || c === '$') return new Set(['']);
    if (c === '.') return new Set([ANY]);
    if (c === '(') {
      let assertion = false;
      if (this.s.startsWith('?:', this.i)) this.i += 2;
      else if (this.s.startsWith('?=', this.i) || this.s.startsWith('?!', this.i)) {
        this.i += 2;
        assertion = true;
      } else if (this.s.startsWith('?<=', this.i) || this.s.startsWith('?<!', this.i)) {
        this.i += 3;
        assertion = true;
      } else if (this.s.startsWith('?<', this.i)) this.i = this.s.indexOf('>', this.i) + 1;
      else if (this.s[this.i] === '?') throw new Error('unknown group');
      const inner = this.alternation();
      if (this.s[this.i] !== ')') throw new Error('unclosed group');
      this.i += 1;
      return assertion ? new Set(['']) : inner;
    }
    if (c === '[') return this.charClass();
    if (c === '\\') {
      const e = this.s[this.i]!;
      this.i += 1;
      if (e === 'b' || e === 'B') return new Set(['']);
      if (/[1-9k]/u.test(e)) throw new Error('back reference');
      if (e === 's') return new Set([' ']);
      if (/[dDwWSpPcux0]/u.test(e)) {
        this.skipEscapeArgument(e);
        return new Set([ANY]);
      }
      return new Set([symbol(ESCAPES[e] ?? e)]);
    }
    return new Set([symbol(this.codePoint(c))]);
  }

  private skipEscapeArgument(e: string): void {
    if ((e === 'p' || e === 'P' || e === 'u') && this.s[this.i] === '{') this.i = this.s.indexOf('}', this.i) + 1;
    else if (e === 'u') this.i += 4;
    else if (e === 'x') this.i += 2;
    else if (e === 'c') this.i += 1;
  }

  private codePoint(c: string): string {
    const code = c.charCodeAt(0);
    if (code >= 0xd800 && code <= 0xdbff && this.i < this.s.length) return c + this.s[this.i++]!;
    return c;
  }

  private charClass(): Set<string> {
    let members: string[] | null = [];
    if (this.s[this.i] === '^') {
      members = null;
      this.i += 1;
    }
    while (this.s[this.i] !== ']') {
      if (this.i >= this.s.length) throw new Error('unclosed class');
      let c = this.s[this.i]!;
      this.i += 1;
      if (c === '\\') {
        const e = this.s[this.i]!;
        this.i += 1;
        if (/[dDwWsSpPbBkc0-9ux]/u.test(e)) {
          this.skipEscapeArgument(e);
          members = null;
          continue;
        }
        c = ESCAPES[e] ?? e;
      } else c = this.codePoint(c);
      if (this.s[this.i] === '-' && this.s[this.i + 1] !== ']') {
        this.i += 1;
        let to = this.s[this.i]!;
        this.i += 1;
        if (to === '\\') throw new Error('escaped range end');
        to = this.codePoint(to);
        const from = c.codePointAt(0)!;
        const last = to.codePointAt(0)!;
        if (last - from > 256) members = null;
        for (let cp = from; members && cp <= last; cp += 1) members.push(String.fromCodePoint(cp));
      } else members?.push(c);
    }
    this.i += 1;
    return new Set(members ? members.map(symbol) : [ANY]);
  }
}

function whole(prefixes: ReadonlySet<string>): boolean {
  for (const x of prefixes) if (x.length < PREFIX) return false;
  return true;
}

/** A character as a prefix symbol: case-folded, white space as a space, ANY beyond the Basic Multilingual Plane. */
export function symbol(ch: string): string {
  return ch.length !== 1 ? ANY : isSpace(ch.charCodeAt(0)) ? ' ' : fold(ch);
}

export const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', '0': '\0' };
