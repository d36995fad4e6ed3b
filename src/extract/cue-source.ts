// Names and cues as the matchers take them: a name or plain phrase as a literal,
// a /pattern/ or a phrase with `{actor}` or `*` as a sticky expression, with
// `{actor}` expanded to every actor alias as one trie-shaped alternation.
import type { NameEntry } from './gazetteer.ts';
import { MatcherSet, literalMatcher, patternFlags } from './matcher.ts';
import { opensWithBoundary, prefixesOf } from './cue-prefixes.ts';
import { caseFree } from './regex-case.ts';
import type { Matcher } from './matcher.ts';
import { AFTER, BEFORE, PROCLITIC, escapeRegex, fold, isArabic, isLatin, normalizePattern } from './text-fold.ts';

/**
 * Names in capitals (US, EU, CSTO) match exactly; others may change the case
 * of their first letter ("the Kremlin" / "Kremlin"). Anaphors ignore case.
 */
export function nameMatcher(e: NameEntry): Matcher {
  const s = normalizePattern(e.text);
  if (isArabic(s)) return literalMatcher(s, 'none', true, 'word');
  if (e.kind === 'anaphor') return literalMatcher(s, 'all', false, 'word');
  return literalMatcher(s, /\p{Ll}/u.test(s) ? 'first' : 'none', false, 'word');
}

/** All names as one list, the longest first (the same name once). */
export function namesMatcher(entries: NameEntry[]): MatcherSet {
  const seen = new Set<string>();
  const matchers: Matcher[] = [];
  for (const e of [...entries].sort((a, b) => b.text.length - a.text.length)) {
    const key = `${e.kind === 'anaphor'}\u0000${normalizePattern(e.text)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    matchers.push(nameMatcher(e));
  }
  return new MatcherSet(matchers);
}

/**
 * `{actor}` in a cue: any Latin alias of three letters or more, the longest
 * first. Written as a trie of case-folded characters ("Kazakh(?:stan(?:i)?)?"),
 * which prefers longer aliases just as a longest-first list does, but is an
 * expression a tenth the size to compile.
 */
export function actorAlternation(aliases: string[]): string {
  interface Node {
    end: boolean;
    kids: Map<string, { unit: string; node: Node }>;
  }
  const root: Node = { end: false, kids: new Map() };
  const usable = aliases.filter((a) => isLatin(a) && a.length >= 3).sort((a, b) => b.length - a.length);
  for (const alias of usable) {
    let node = root;
    for (const part of normalizePattern(alias).match(/\s+|[^\s]/gu) ?? []) {
      const key = /\s/u.test(part) ? ' ' : fold(part);
      let kid = node.kids.get(key);
      if (!kid)
        node.kids.set(
          key,
          (kid = { unit: key === ' ' ? '\\s+' : escapeRegex(part), node: { end: false, kids: new Map() } }),
        );
      node = kid.node;
    }
    node.end = true;
  }
  const source = (node: Node): string => {
    const alternatives = [...node.kids.values()].map((k) => k.unit + source(k.node));
    if (alternatives.length === 0) return '';
    const body = alternatives.length === 1 ? alternatives[0]! : `(?:${alternatives.join('|')})`;
    return node.end ? `(?:${body})?` : body;
  };
  return `(?:${root.kids.size > 0 ? source(root) : ''})`;
}

export function expandActorMacro(source: string, macro: string): string {
  return source.replaceAll('{actor}', macro);
}

// ----------------------------------------------------------------- cue regex

export function isRegexCue(s: string): boolean {
  return s.length > 2 && s.startsWith('/') && s.endsWith('/');
}

export function regexSource(s: string): string {
  return s.slice(1, -1);
}

/**
 * A cue as regex source. Phrases: whole words, `*` = any word ending. Arabic
 * phrases may carry a one-letter proclitic ("وضبط النفس").
 */
export function cueSource(cue: string, actorMacro: string): string {
  if (isRegexCue(cue)) return expandActorMacro(normalizePattern(regexSource(cue)), actorMacro);
  const s = normalizePattern(cue);
  const body = s
    .split('{actor}')
    .map((part) => escapeRegex(part).replace(/\\\*/gu, '[\\p{L}\\p{M}]*').replace(/\s+/gu, '\\s+'))
    .join(actorMacro);
  const before = isArabic(s) ? `${BEFORE}${PROCLITIC}?` : BEFORE;
  const after = s.endsWith('*') ? '' : AFTER;
  return `${before}${body}${after}`;
}

/**
 * A cue as a matcher. Phrases of plain words (most of them) become literals;
 * a phrase with `{actor}` or a `*` inside a word, and every pattern, keep a
 * full expression.
 */
export function compileMatcher(cue: string, actorMacro: string): Matcher {
  if (isRegexCue(cue)) {
    const source = cueSource(cue, actorMacro);
    const prefixes = prefixesOf(source);
    return {
      variants: [caseFree(source, patternFlags(source, 'iy'))],
      wordStart: false,
      tail: null,
      prefixes,
      boundary: opensWithBoundary(source, prefixes),
      pattern: source,
    };
  }
  const s = normalizePattern(cue);
  const star = s.endsWith('*');
  const stem = star ? s.slice(0, -1) : s;
  if (stem.includes('{actor}') || stem.includes('*') || stem.length === 0) {
    const source = cueSource(cue, actorMacro).slice(BEFORE.length);
    return {
      variants: [caseFree(source, patternFlags(source, 'iy'))],
      wordStart: true,
      tail: null,
      prefixes: prefixesOf(source),
      boundary: false,
      pattern: null,
    };
  }
  return literalMatcher(stem, 'all', isArabic(s), star ? 'letters' : 'word');
}
