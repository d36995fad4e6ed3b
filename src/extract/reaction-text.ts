// What the reactions reader knows of a text: the shapes it works with, the
// discourse remembered from sentence to sentence (who spoke last, which actor
// a pronoun means), the words and quotes of a sentence and the names in it.
import {
  findNames,
  findPeople,
  type Actor,
  type CueMatch,
  type Gazetteer,
  type NameKind,
  type Person,
  type RefersTo,
} from './gazetteer.ts';
import type { Paragraph, Sentence, Span } from './types.ts';

// ------------------------------------------------------------------- shapes

export interface Speaker {
  name: string;
  written: string;
}

/** An actor named or meant at some point of the article, for "he", "it", "the ministry". */
export interface Entry {
  actor: Actor;
  speaker: Speaker | null;
  /** Whether it was speaking or acting there, not merely mentioned. */
  subject: boolean;
  paragraph: number;
  /**
   * The subjects listed with it, itself included ("the United States,
   * Britain and Canada said"), when there were several: what "the statement"
   * or "it" then stands for is the joint statement of them all.
   */
  fellows?: readonly Entry[];
}

export type Role = 'subject' | 'object' | 'modifier';

export interface Mention extends Span {
  kind: NameKind;
  actor: Actor | null;
  person: Person | null;
  speaker: Speaker | null;
  refersTo: RefersTo | null;
  proclitic: string | null;
  role: Role;
  /** Index of the long quote holding it, or -1. */
  quote: number;
  /** Inside a dash or bracket aside: "Britain – through its minister – said". */
  aside: boolean;
  /** Mentions listed together ("Russia, Belarus and Armenia") share a group. */
  group: number;
  /** For anaphors: what they stand for, once resolved. */
  resolved: Entry | null;
}

export interface Claim {
  actor: Actor;
  speaker: Speaker | null;
  stance: CueMatch['stance'];
  /** The cue's words. */
  cue: string;
}

export interface Reading {
  claims: Claim[];
  notes: string[];
}

/** Who holds a cue: entries, or `blocked` when a non-actor does (the police, Reuters). */
export type Owners = Entry[] | 'blocked' | null;

// ---------------------------------------------------------------- discourse

export const WINDOW = 2;
/** How far back "she" finds the person last named for the actor she stands for. */
export const PERSON_WINDOW = 6;

/** What earlier sentences named, for implicit speakers. */
export class Discourse {
  readonly entries: Entry[] = [];
  readonly seen = new Set<Person>();
  private readonly known = new Set<Entry>();
  private readonly tweets = new Map<number, Entry>();
  /** People speaking for an organisation (see `assignRoles`), and since which paragraph. */
  readonly roles = new Map<Person, { actor: Actor; paragraph: number }>();

  constructor(g: Gazetteer, paragraphs: Paragraph[]) {
    for (const p of paragraphs) {
      const tweet = tweetAuthor(g, p.text);
      if (!tweet) continue;
      const entry = { ...tweet, paragraph: p.index };
      this.tweets.set(p.index, entry);
      this.known.add(entry);
    }
  }

  /** The actor an implicit reference stands for, seen from `paragraph`. */
  resolve(refersTo: RefersTo, paragraph: number, pending: Entry[]): Entry | null {
    const found = this.lastEntry(pending, refersTo === 'organization' ? Infinity : WINDOW, paragraph, (e) =>
      fitsReference(refersTo, e),
    );
    if (!found || refersTo !== 'person' || found.speaker) return found;
    // "he", "she" are a person: the one last named for that actor.
    const named = this.lastEntry(
      pending,
      PERSON_WINDOW,
      paragraph,
      (e) => e.actor === found.actor && e.speaker !== null,
    );
    return named ? { ...found, speaker: named.speaker } : found;
  }

  /** The last entry (pending ones first) that fits, within `window` paragraphs back. */
  private lastEntry(pending: Entry[], window: number, paragraph: number, fits: (e: Entry) => boolean): Entry | null {
    // Entries come in text order, so the search runs back and stops at the window.
    for (const list of [pending, this.entries]) {
      for (let i = list.length - 1; i >= 0; i -= 1) {
        const e = list[i]!;
        if (e.paragraph < paragraph - window) return null;
        if (fits(e)) return e;
      }
    }
    return null;
  }

  /** The author of an embedded post in this paragraph ("— Nabila Massrali (@NabilaEUspox)"). */
  tweetAuthor(paragraph: number): Entry | null {
    return this.tweets.get(paragraph) ?? null;
  }

  /** Whether an entry came from earlier sentences (not from this one's names). */
  isKnown(entry: Entry): boolean {
    return this.known.has(entry);
  }

  commit(entries: Entry[], people: Person[]): void {
    for (const e of entries) {
      this.entries.push(e);
      this.known.add(e);
    }
    for (const p of people) this.seen.add(p);
  }
}

/**
 * Whether an anaphor of this kind stands for every actor of the list it
 * resolves to: a joint statement's "it" or "the statement" (`speaker`),
 * "they" or "the three officials" (`several`).
 */
export function speaksForList(refersTo: RefersTo | null): boolean {
  return refersTo === 'speaker' || refersTo === 'several';
}

/** Whether an entry can be what an implicit reference of this kind stands for. */
export function fitsReference(refersTo: RefersTo, e: Entry): boolean {
  switch (refersTo) {
    case 'organization':
      return e.actor.type === 'organization';
    case 'state':
      return e.subject && e.actor.type === 'state';
    case 'nearest':
      return true;
    // "They also urged Italy …", "The three officials called …": the actors last listed as speaking together.
    case 'several':
      return e.subject && (e.fellows?.length ?? 0) > 1;
    case 'speaker':
    case 'person':
      return e.subject;
  }
}

export function tweetAuthor(g: Gazetteer, text: string): Omit<Entry, 'paragraph'> | null {
  const m = /[—–-]\s*([^—–()\n]{3,60}?)\s*\(@\w+\)/u.exec(text);
  if (!m) return null;
  const person = findPeople(g, m[1]!)[0];
  return person
    ? { actor: person.person.actor, speaker: { name: person.person.name, written: person.written }, subject: true }
    : null;
}

export interface SentenceContext {
  g: Gazetteer;
  text: string;
  sentence: Sentence;
  mentions: Mention[];
  quotes: Span[];
  discourse: Discourse;
  /** The clause breaks (see `clauseBreaks`), found when first needed. */
  clauses?: number[];
  /** The speech verbs outside quotes and names, found when first needed. */
  verbs?: Span[];
}
// ------------------------------------------------------------------ tokens

export interface Token extends Span {
  text: string;
  word: boolean;
}

/**
 * Words (letters, marks and digits, joined by ' - or .) and single other
 * characters, as `/[\p{L}\p{M}\p{N}]+(?:['\-.][\p{L}\p{M}\p{N}]+)*|\S/gu` would
 * give them, read in one pass; those starting before `until` (all by default).
 */
export function tokenize(text: string, until = text.length): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length && i < until) {
    const cp = text.codePointAt(i)!;
    const size = cp > 0xffff ? 2 : 1;
    if (wordClass(cp) === 0) {
      if (!(cp < 128 ? cp === 32 || (cp >= 9 && cp <= 13) : /\s/u.test(text[i]!)))
        tokens.push({ start: i, end: i + size, text: text.slice(i, i + size), word: false });
      i += size;
      continue;
    }
    const start = i;
    let word = false;
    for (;;) {
      // A run of letters, marks and digits; then, after a joiner, another.
      while (i < text.length) {
        const c = text.codePointAt(i)!;
        const k = wordClass(c);
        if (k === 0) break;
        if (k !== MARK) word = true;
        i += c > 0xffff ? 2 : 1;
      }
      if (i + 1 < text.length && JOINERS.has(text[i]!) && wordClass(text.codePointAt(i + 1)!) !== 0) i += 1;
      else break;
    }
    tokens.push({ start, end: i, text: text.slice(start, i), word });
  }
  return tokens;
}

export const JOINERS = new Set(["'", '-', '.']);
export const MARK = 2;
export const WORD_CLASSES = new Map<number, number>();

/** 0: not a letter, mark or digit; 1: letter or digit; 2: mark. */
export function wordClass(cp: number): number {
  if (cp < 128) return (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) || (cp >= 48 && cp <= 57) ? 1 : 0;
  let c = WORD_CLASSES.get(cp);
  if (c === undefined) {
    const ch = String.fromCodePoint(cp);
    c = /[\p{L}\p{N}]/u.test(ch) ? 1 : /\p{M}/u.test(ch) ? MARK : 0;
    if (WORD_CLASSES.size < 100_000) WORD_CLASSES.set(cp, c);
  }
  return c;
}

// ------------------------------------------------------------------ quotes

export const OPENING = new Set(['“', '«', '„']);
export const CLOSING = new Set(['”', '»']);
export const QUOTE_MARKS = new Set(['“', '”', '«', '»', '„', '"']);

/**
 * Quotations of more than five words: speech belonging to an attribution.
 * Shorter ones are scare quotes or names ("called for “restraint”", the
 * “Organization of the Collective Security Treaty”) and read as plain text.
 * A closing mark with no opening one means the quote began in an earlier
 * sentence; an opening one never closed, that it runs on.
 */
export function longQuotes(text: string): Span[] {
  const spans: Span[] = [];
  let open: number | null = null;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    // Quotation marks are " « » and U+201C-201E: anything else passes at once.
    if (code !== 0x22 && code !== 0xab && code !== 0xbb && (code < 0x201c || code > 0x201e)) continue;
    const ch = text[i]!;
    const opens = OPENING.has(ch) || (ch === '"' && open === null);
    const closes = CLOSING.has(ch) || (ch === '"' && open !== null);
    if (opens && open === null) open = i;
    else if (closes) {
      spans.push({ start: open ?? 0, end: i + 1 });
      open = null;
    }
  }
  if (open !== null) spans.push({ start: open, end: text.length });
  return spans.filter((s) => (text.slice(s.start, s.end).match(/[\p{L}\p{N}]+/gu)?.length ?? 0) > 5);
}

/** Asides between paired dashes or in brackets, from `from` on (after a dateline); an unpaired dash runs to the end. */
export function asideSpans(text: string, from = 0): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(/\([^()]*\)/gu))
    if (m.index >= from) spans.push({ start: m.index, end: m.index + m[0].length });
  const dashes = [...text.matchAll(/\s[–—-]\s/gu)].map((m) => m.index).filter((index) => index >= from);
  for (let i = 0; i < dashes.length; i += 2) spans.push({ start: dashes[i]!, end: dashes[i + 1] ?? text.length });
  return spans;
}

/**
 * A name that only says where a mission sits: "the U.S. Embassy in Nairobi",
 * "the embassies of South Korea and the United States in Jakarta", "Russia's
 * mission to the UN". The mission is its own country's; the place is no actor.
 */
export function isPostedIn(text: string, m: Span): boolean {
  // Asked of every name: most follow no "in", "to", "at" or "the", and the expression is not tried.
  if (!AFTER_PREPOSITION.test(text.slice(Math.max(0, m.start - 5), m.start))) return false;
  const before = text.slice(Math.max(0, m.start - 80), m.start);
  // Tried from the last mission word only, not at every character of the 80.
  const lower = before.toLowerCase();
  const from = Math.max(...MISSION_WORDS.map((w) => lower.lastIndexOf(w)));
  return from >= 0 && POSTED_IN.test(before.slice(from));
}
const AFTER_PREPOSITION = /(?:in|to|at|the)\s+$/iu;
const MISSION_WORDS = ['embass', 'consulate', 'high commission', 'mission', 'delegation', 'office'];
const POSTED_IN =
  /^(?:embass(?:y|ies)|consulates?(?: general)?|high commission|missions?|delegations?|offices?)(?:\s+of\s+(?:the\s+)?\S+(?:\s+\S+){0,5})?\s+(?:in|to|at)\s+(?:the\s+)?$/iu;

export const within = (pos: number, spans: Span[]): number => spans.findIndex((s) => pos >= s.start && pos < s.end);

// ---------------------------------------------------------------- mentions

export function collectMentions(
  g: Gazetteer,
  text: string,
  toOriginal: readonly number[],
  original: string,
  seen: ReadonlySet<Person>,
  asidesOf: () => Span[],
): Mention[] {
  const found = findNames(g, text);
  // A surname inside a longer name is that name's: "Pope Leo XIV" is not the IOM's Amy Pope.
  const inName = (p: Span): boolean =>
    found.some((n) => n.start <= p.start && p.end <= n.end && n.end - n.start > p.end - p.start);
  const people = findPeople(g, text, seen)
    .filter((p) => !inName(p))
    .map((p) =>
      mention(
        p,
        'person',
        p.person.actor,
        p.person,
        { name: p.person.name, written: original.slice(toOriginal[p.start], toOriginal[p.end]) },
        null,
        null,
      ),
    );
  const names = found
    .filter((n) => !people.some((p) => n.start < p.end && p.start < n.end))
    .map((n) => {
      const speaker = n.person
        ? { name: n.person.name, written: original.slice(toOriginal[n.start], toOriginal[n.end]) }
        : null;
      return mention(n, n.kind, n.actor, n.person, speaker, n.refersTo, n.proclitic);
    });
  const all = possessedInstitutions(
    text,
    [...people, ...names].sort((a, b) => a.start - b.start),
  );
  if (all.length === 0) return [];
  const asides = asidesOf();
  // The mentions are this call's own objects: set in place.
  for (const m of all) if (namesPeopleNotGovernment(g, text, m)) m.kind = 'non_actor';
  const kept = all.filter(
    (m, i) =>
      !(m.refersTo === 'nearest' && all[i + 1] && /^\s+$/u.test(text.slice(m.end, all[i + 1]!.start))) &&
      // "Amnesty and HRW said they were appalled": a sentence that names its actors is not about earlier ones.
      !(m.refersTo === 'several' && all.some((o) => o.end <= m.start && o.kind !== 'anaphor')) &&
      // "former Ghanaian president Nana Akufo-Addo": who held an office once speaks for no one by it.
      !FORMER.test(text.slice(Math.max(0, m.start - 8), m.start)),
  );
  for (const m of kept) m.aside = within(m.start, asides) >= 0;
  return kept;
}

const FORMER = /\b(?:former|ex-)\s*$/i;

export function mention(
  span: Span,
  kind: NameKind,
  actor: Actor | null,
  person: Person | null,
  speaker: Speaker | null,
  refersTo: RefersTo | null,
  proclitic: string | null,
): Mention {
  return {
    start: span.start,
    end: span.end,
    kind,
    actor,
    person,
    speaker,
    refersTo,
    proclitic,
    role: 'subject',
    quote: -1,
    aside: false,
    group: -1,
    resolved: null,
  };
}

/**
 * A person who also speaks for an organisation (Pashinyan as chair of the
 * CSTO) speaks for it where the sentence names it, and in the paragraphs
 * after that, as long as it comes up again; elsewhere for the person's state.
 */
export function assignRoles(mentions: Mention[], discourse: Discourse, paragraph: number): void {
  for (const m of mentions) {
    const person = m.kind === 'person' ? m.person : null;
    if (!person || person.speaksFor.length === 0) continue;
    const named = person.speaksFor.find((org) => mentions.some((o) => o.kind === 'actor' && o.actor === org));
    if (named) discourse.roles.set(person, { actor: named, paragraph });
    const role = discourse.roles.get(person);
    if (role && role.paragraph >= paragraph - WINDOW) m.actor = role.actor;
  }
}

/**
 * "Pakistan's Foreign Office", "Russia's Foreign Ministry": an institution
 * right after a country is that country's, whoever else has one by that name.
 */
export function possessedInstitutions(text: string, mentions: Mention[]): Mention[] {
  return mentions.map((m, i) => {
    const owner = mentions[i - 1];
    if (!owner || owner.kind !== 'actor' || !owner.actor || m.kind === 'person' || m.kind === 'non_actor') return m;
    if (!/^(?:'s)?\s+$/u.test(text.slice(owner.end, m.start)) || m.actor === owner.actor) return m;
    if (m.kind === 'anaphor' && m.refersTo !== 'state') return m;
    return { ...m, kind: 'actor', actor: owner.actor, refersTo: null };
  });
}

/** "Russian media", "Kazakh people": the country's people or press, not its government. */
export function namesPeopleNotGovernment(g: Gazetteer, text: string, m: Mention): boolean {
  if (m.kind !== 'actor') return false;
  const next = /^\s+([\p{L}]+)/u.exec(text.slice(m.end));
  return next !== null && g.nonActorHeads.has(next[1]!.toLowerCase());
}
