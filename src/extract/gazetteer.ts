// The gazetteer and stance cue lexicon of the `reactions` dataset, read from
// data/gazetteer.yaml so that editors extend it without touching code. This
// module validates the YAML (a bad entry is reported as file:line:column and
// the field), then compiles it into matchers for names, people and cues.
// Pure: it takes the YAML text; reading the file is the caller's job.
import { LineCounter, parseDocument, isMap, isPair, isScalar, type Document } from 'yaml';
import { z } from 'zod';
import { ACTOR_TYPES, STANCES, type ActorType, type Stance } from '../datasets/schema.ts';
import type { Span } from './types.ts';

// ------------------------------------------------------------------ the schema

const REFERS_TO = ['speaker', 'state', 'organization', 'nearest'] as const;
export type RefersTo = (typeof REFERS_TO)[number];

const text = z.string().trim().min(1, 'must not be empty');

/** A cue: a phrase, or a /regular expression/ that must compile. */
const cue = text.superRefine((s, ctx) => {
  if (!isRegexCue(s)) return;
  try {
    new RegExp(expandActorMacro(regexSource(s), 'x'), 'giu');
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: `invalid regular expression: ${(e as Error).message}` });
  }
});

const personSchema = z.strictObject({
  name: text,
  office: text,
  variants: z.array(text).default([]),
  surname: text.optional(),
});

const actorSchema = z.strictObject({
  name: text,
  type: z.enum(ACTOR_TYPES),
  aliases: z.array(text).min(1, 'an actor needs at least one alias'),
  people: z.array(personSchema).default([]),
});

const stanceSchema = z.strictObject({
  agent: z.enum(['speaker', 'subject']),
  cues: z.array(cue).default([]),
  agent_after: z.array(cue).default([]),
  not_after: z.array(cue).default([]),
});

const gazetteerSchema = z.strictObject({
  actors: z.array(actorSchema).min(1),
  non_actors: z.array(text).default([]),
  non_actor_heads: z.array(text).default([]),
  anaphors: z.array(z.strictObject({ phrase: text, refers_to: z.enum(REFERS_TO) })).default([]),
  speech_verbs: z.array(cue).default([]),
  object_verbs: z.array(cue).default([]),
  titles: z.array(text).default([]),
  negation: z.array(cue).default([]),
  stances: z.partialRecord(z.enum(STANCES), stanceSchema),
});

type GazetteerData = z.infer<typeof gazetteerSchema>;

// ------------------------------------------------------------------- errors

/** One problem in the gazetteer file, positioned for `file:line:column` reports. */
export interface GazetteerIssue {
  file: string;
  /** Dotted path of the offending field, e.g. "actors.3.type". */
  path: string;
  line: number;
  column: number;
  reason: string;
}

/** Thrown by `parseGazetteer`; `issues` holds every problem, the fields repeat the first. */
export class GazetteerError extends Error {
  readonly issues: GazetteerIssue[];
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly reason: string;

  constructor(issues: GazetteerIssue[]) {
    super(issues.map((i) => `${i.file}:${i.line}:${i.column}  ${i.reason} (${i.path || 'document'})`).join('\n'));
    this.name = 'GazetteerError';
    const first = issues[0]!;
    this.issues = issues;
    this.path = first.path;
    this.line = first.line;
    this.column = first.column;
    this.reason = first.reason;
  }
}

// ------------------------------------------------------------ compiled form

export interface Person {
  name: string;
  office: string;
  actor: Actor;
  /** Latin-script spellings, each as words: canonical, variants, surname. */
  forms: PersonForm[];
}

export interface PersonForm {
  words: string[];
  /** The surname alone as derived from `name`: needs context to be trusted. */
  derived: boolean;
}

export interface Actor {
  name: string;
  type: ActorType;
  aliases: string[];
  people: Person[];
}

export type NameKind = 'actor' | 'person' | 'non_actor' | 'anaphor';

/** A name found in a text: positions are into the text given to the matcher. */
export interface NameMatch extends Span {
  kind: NameKind;
  /** The words as written (without an Arabic proclitic). */
  written: string;
  actor: Actor | null;
  person: Person | null;
  refersTo: RefersTo | null;
  /** An Arabic one-letter proclitic written before the name (و ف ب ل ك), if any. */
  proclitic: string | null;
}

export interface CueMatch extends Span {
  stance: Stance;
  agent: 'speaker' | 'subject';
  text: string;
}

interface NameEntry {
  kind: NameKind;
  text: string;
  actor: Actor | null;
  person: Person | null;
  refersTo: RefersTo | null;
}

interface StanceRule {
  stance: Stance;
  agent: 'speaker' | 'subject';
  cues: Matcher[];
  /** Anchored at the end: tested on the text just before a name. */
  agentAfter: RegExp[];
  notAfter: MatcherSet | null;
}

export interface Gazetteer {
  file: string;
  actors: Actor[];
  actorByName: ReadonlyMap<string, Actor>;
  names: RegExp;
  /** Matched after names, so "the Organization of ..." is not "the organization". */
  anaphors: RegExp;
  nameEntries: ReadonlyMap<string, NameEntry[]>;
  people: Person[];
  stances: StanceRule[];
  /** Every cue of every stance, in stance order; `cueRule[i]` is the rule of cue i. */
  cues: MatcherSet;
  cueRule: StanceRule[];
  speechVerbs: MatcherSet;
  objectVerbs: MatcherSet;
  negation: MatcherSet;
  titles: ReadonlySet<string>;
  nonActorHeads: ReadonlySet<string>;
  /** People's spellings, indexed for fuzzy matching. */
  personIndex: PersonIndex;
  /** Answers per word, filled as texts are read (bounded). */
  memo: { speechVerb: Map<string, boolean>; objectVerb: Map<string, boolean> };
}

// ------------------------------------------------------------------- parsing

/**
 * Parses and validates gazetteer YAML and compiles it. `file` is only used in
 * messages. Throws `GazetteerError` listing every problem with its position.
 */
export function parseGazetteer(yamlText: string, file = 'gazetteer.yaml'): Gazetteer {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false });
  const at = (offset: number): { line: number; column: number } => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  if (doc.errors.length > 0) {
    throw new GazetteerError(
      doc.errors.map((e) => ({ file, path: '', ...at(e.pos[0]), reason: `YAML: ${e.message.split('\n')[0]}` })),
    );
  }
  const result = gazetteerSchema.safeParse(doc.toJS());
  if (!result.success) {
    // An unknown field is usually a misspelt one: report it before the "missing" it causes.
    const issues = [...result.error.issues].sort((a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'));
    throw new GazetteerError(
      issues.map((issue) => {
        const path = issue.path.map(String);
        const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
        const where = locate(doc, issue.path as (string | number)[], keys[0]);
        const reason = keys.length > 0 ? `unknown field ${keys.map((k) => `"${k}"`).join(', ')}` : issue.message;
        return { file, path: path.join('.'), ...at(where), reason };
      }),
    );
  }
  const duplicates = findDuplicates(result.data);
  if (duplicates.length > 0) {
    throw new GazetteerError(duplicates.map((d) => ({ file, path: d.path.join('.'), ...at(locate(doc, d.path)), reason: d.reason })));
  }
  return compile(result.data, file);
}

/** Offset of the node at `path` (or of its nearest existing ancestor; of `key` when given). */
function locate(doc: Document, path: (string | number)[], key?: string): number {
  for (let n = path.length; n >= 0; n -= 1) {
    const node = doc.getIn(path.slice(0, n), true);
    if (key !== undefined && n === path.length && isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
      const range = pair && isScalar(pair.key) ? pair.key.range : null;
      if (range) return range[0];
    }
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) return range[0];
  }
  return 0;
}

/** An alias may name one thing only, or a mention could not say whose it is. */
function findDuplicates(data: GazetteerData): { path: (string | number)[]; reason: string }[] {
  const owners = new Map<string, string>();
  const problems: { path: (string | number)[]; reason: string }[] = [];
  const claim = (name: string, owner: string, path: (string | number)[]): void => {
    const key = nameKey(name);
    const prior = owners.get(key);
    if (prior !== undefined && prior !== owner) problems.push({ path, reason: `"${name}" is already a name of ${prior}` });
    else owners.set(key, owner);
  };
  const actorNames = new Set<string>();
  data.actors.forEach((a, i) => {
    if (actorNames.has(a.name)) problems.push({ path: ['actors', i, 'name'], reason: `actor "${a.name}" is defined twice` });
    actorNames.add(a.name);
    a.aliases.forEach((alias, j) => claim(alias, a.name, ['actors', i, 'aliases', j]));
  });
  data.non_actors.forEach((n, i) => claim(n, 'the non-actors', ['non_actors', i]));
  data.anaphors.forEach((n, i) => claim(n.phrase, 'the anaphors', ['anaphors', i, 'phrase']));
  return problems;
}

// ----------------------------------------------------------------- compiling

function compile(data: GazetteerData, file: string): Gazetteer {
  const actors: Actor[] = data.actors.map((a) => ({ name: a.name, type: a.type, aliases: a.aliases, people: [] }));
  const entries: NameEntry[] = [];
  const people: Person[] = [];
  data.actors.forEach((a, i) => {
    const actor = actors[i]!;
    for (const alias of a.aliases) entries.push({ kind: 'actor', text: alias, actor, person: null, refersTo: null });
    for (const p of a.people) {
      const person: Person = { name: p.name, office: p.office, actor, forms: [] };
      const spellings = [p.name, ...p.variants];
      // Non-Latin spellings (Arabic) have no case or word shapes to compare
      // fuzzily, so they are matched like aliases, exactly.
      for (const s of spellings.filter((s) => !isLatin(s))) {
        entries.push({ kind: 'person', text: s, actor, person, refersTo: null });
      }
      person.forms = personForms(spellings.filter(isLatin), p.surname ?? lastWord(p.name));
      actor.people.push(person);
      people.push(person);
    }
  });
  for (const n of data.non_actors) entries.push({ kind: 'non_actor', text: n, actor: null, person: null, refersTo: null });
  for (const n of data.anaphors) entries.push({ kind: 'anaphor', text: n.phrase, actor: null, person: null, refersTo: n.refers_to });

  const nameEntries = new Map<string, NameEntry[]>();
  for (const e of entries) nameEntries.set(nameKey(e.text), [...(nameEntries.get(nameKey(e.text)) ?? []), e]);

  const actorMacro = actorAlternation(data.actors.flatMap((a) => a.aliases));
  const stances: StanceRule[] = STANCES.flatMap((stance) => {
    const rule = data.stances[stance];
    if (!rule) return [];
    return [{
      stance,
      agent: rule.agent,
      cues: rule.cues.map((c) => compileMatcher(c, actorMacro)),
      agentAfter: rule.agent_after.map((c) => new RegExp(`(?:${cueSource(c, actorMacro)})\\s*(?:the\\s+)?$`, 'iu')),
      notAfter: rule.not_after.length > 0 ? new MatcherSet(rule.not_after.map((c) => compileMatcher(c, actorMacro))) : null,
    }];
  });

  return {
    file,
    actors,
    actorByName: new Map(actors.map((a) => [a.name, a])),
    names: namesRegex(entries.filter((e) => e.kind !== 'anaphor')),
    anaphors: namesRegex(entries.filter((e) => e.kind === 'anaphor')),
    nameEntries,
    people,
    stances,
    cues: new MatcherSet(stances.flatMap((r) => r.cues)),
    cueRule: stances.flatMap((r) => r.cues.map(() => r)),
    speechVerbs: new MatcherSet(data.speech_verbs.map((c) => compileMatcher(c, actorMacro))),
    objectVerbs: new MatcherSet(data.object_verbs.map((c) => compileMatcher(c, actorMacro))),
    negation: new MatcherSet(data.negation.map((c) => compileMatcher(c, actorMacro))),
    titles: new Set(data.titles.map((t) => t.toLowerCase())),
    nonActorHeads: new Set(data.non_actor_heads.map((t) => t.toLowerCase())),
    personIndex: indexPeople(people),
    memo: { speechVerb: new Map(), objectVerb: new Map() },
  };
}

function personForms(latinSpellings: string[], surname: string): PersonForm[] {
  const forms = latinSpellings.map((s) => ({ words: s.split(/\s+/u), derived: false }));
  const surnameWords = surname.split(/\s+/u);
  // A surname listed as a variant is trusted anywhere; derived, it needs context.
  if (!forms.some((f) => f.words.join(' ') === surnameWords.join(' '))) forms.push({ words: surnameWords, derived: true });
  // Longest first, so "Kassym-Jomart Tokayev" wins over "Tokayev".
  return forms.sort((a, b) => b.words.length - a.words.length);
}

function lastWord(name: string): string {
  return name.split(/\s+/u).at(-1)!;
}

// ----------------------------------------------------------- text normalising

const ARABIC_MARKS = /[\u064B-\u065F\u0670\u0640]/u;
const LETTER_FOLD: Record<string, string> = { 'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ى': 'ي', 'ة': 'ه', '’': "'", '‘': "'", 'ʼ': "'" };
const NEEDS_NORMALIZING = /[\u064B-\u065F\u0670\u0640أإآٱىة’‘ʼ]/u;

/** A text prepared for matching, with the way back to the original offsets. */
export interface Normalized {
  text: string;
  /** `toOriginal[i]` is the original offset of normalised offset i (length + 1 entries). */
  toOriginal: number[];
}

/**
 * Drops Arabic vowel marks and tatweel, folds the spellings of alef, yeh, teh
 * marbuta and apostrophes, so that cues and names match however they are
 * written. Latin text keeps its length and offsets (apostrophes fold 1:1).
 */
export function normalizeText(original: string): Normalized {
  if (!NEEDS_NORMALIZING.test(original)) {
    const toOriginal = new Array<number>(original.length + 1);
    for (let i = 0; i <= original.length; i += 1) toOriginal[i] = i;
    return { text: original, toOriginal };
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

function normalizePattern(s: string): string {
  return normalizeText(s).text;
}

/** The key two spellings of one name share: case, spacing, apostrophes, Arabic marks folded. */
function nameKey(s: string): string {
  return normalizePattern(s).toLowerCase().replace(/\s+/gu, ' ').trim();
}

const isLatin = (s: string): boolean => !/[\p{Script=Arabic}\p{Script=Cyrillic}\p{Script=Han}]/u.test(s);
const isArabic = (s: string): boolean => /\p{Script=Arabic}/u.test(s);

// ---------------------------------------------------------------- name regex

const BEFORE = '(?<![\\p{L}\\p{M}\\p{N}])';
const AFTER = '(?![\\p{L}\\p{M}\\p{N}])';
const PROCLITIC = '[وفبلك]';

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&');
}

/** Spaces match any run of spaces, apostrophes either form (already folded). */
function literal(s: string): string {
  return escapeRegex(normalizePattern(s)).replace(/\s+/gu, '\\s+');
}

/**
 * Names in capitals (US, EU, CSTO) match exactly; others may change the case
 * of their first letter ("the Kremlin" / "Kremlin"). Anaphors ignore case.
 */
function nameFragment(e: NameEntry): string {
  const s = normalizePattern(e.text);
  if (isArabic(s)) return `${PROCLITIC}?${literal(s)}`;
  if (e.kind === 'anaphor') return [...s].map((c) => (/\p{L}/u.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c === ' ' ? '\\s+' : escapeRegex(c))).join('');
  if (!/\p{Ll}/u.test(s)) return literal(s);
  const first = s[0]!;
  const head = /\p{L}/u.test(first) ? `[${first.toLowerCase()}${first.toUpperCase()}]` : escapeRegex(first);
  return head + literal(s.slice(1));
}

function namesRegex(entries: NameEntry[]): RegExp {
  const fragments = [...new Set(entries.sort((a, b) => b.text.length - a.text.length).map(nameFragment))];
  return new RegExp(`${BEFORE}(?:${fragments.join('|')})${AFTER}`, 'gu');
}

/**
 * `{actor}` in a cue: any Latin alias of three letters or more, the longest
 * first. Written as a trie of case-folded characters ("Kazakh(?:stan(?:i)?)?"),
 * which prefers longer aliases just as a longest-first list does, but is an
 * expression a tenth the size to compile.
 */
function actorAlternation(aliases: string[]): string {
  interface Node { end: boolean; kids: Map<string, { unit: string; node: Node }> }
  const root: Node = { end: false, kids: new Map() };
  const usable = aliases.filter((a) => isLatin(a) && a.length >= 3).sort((a, b) => b.length - a.length);
  for (const alias of usable) {
    let node = root;
    for (const part of normalizePattern(alias).match(/\s+|[^\s]/gu) ?? []) {
      const key = /\s/u.test(part) ? ' ' : fold(part);
      let kid = node.kids.get(key);
      if (!kid) node.kids.set(key, (kid = { unit: key === ' ' ? '\\s+' : escapeRegex(part), node: { end: false, kids: new Map() } }));
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

function expandActorMacro(source: string, macro: string): string {
  return source.replaceAll('{actor}', macro);
}

// ----------------------------------------------------------------- cue regex

function isRegexCue(s: string): boolean {
  return s.length > 2 && s.startsWith('/') && s.endsWith('/');
}

function regexSource(s: string): string {
  return s.slice(1, -1);
}

/**
 * A cue as regex source. Phrases: whole words, `*` = any word ending. Arabic
 * phrases may carry a one-letter proclitic ("وضبط النفس").
 */
function cueSource(cue: string, actorMacro: string): string {
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

// ------------------------------------------------------------ cue matchers
//
// A text is read against some 400 cues, speech verbs and negations. Rather
// than scan it once per cue, each cue is compiled to a sticky expression that
// is tried only where it can start: at a character it can begin with (an
// index by case-folded first character), and for phrases only at the start
// of a word. The word boundaries of phrases and their `*` endings are checked
// here in code rather than in the expression, where Unicode letter classes
// cost milliseconds to compile for every cue. Results are those of the plain
// expressions: every match of each cue, or the leftmost of a list.

/** A cue, speech verb or negation, compiled to be tried at one position. */
export interface Matcher {
  /** Sticky expressions tried in order at a position; the first that passes the checks wins. */
  variants: RegExp[];
  /** The match must start a word: no letter, mark or digit before it. */
  wordStart: boolean;
  /** After the expression: `word`, it must end a word; `letters`, it runs on over letters and marks (a final `*`). */
  tail: 'word' | 'letters' | null;
  /** The case-folded characters a match can begin with; null when it could begin with any. */
  first: ReadonlySet<string> | null;
  /** For a pattern cue: its source, to test a whole word against. */
  pattern: string | null;
}

/**
 * Phrases of plain words (the most of them) become a literal expression with
 * the checks around it; a phrase with `{actor}` or a `*` inside a word, and
 * every pattern, keep their full expression.
 */
function compileMatcher(cue: string, actorMacro: string): Matcher {
  if (isRegexCue(cue)) {
    const source = cueSource(cue, actorMacro);
    return { variants: [new RegExp(source, 'iuy')], wordStart: false, tail: null, first: firstChars(source), pattern: source };
  }
  const s = normalizePattern(cue);
  const arabic = isArabic(s);
  const star = s.endsWith('*');
  const stem = star ? s.slice(0, -1) : s;
  if (stem.includes('{actor}') || stem.includes('*') || stem.length === 0) {
    const source = cueSource(cue, actorMacro).slice(BEFORE.length);
    return { variants: [new RegExp(source, 'iuy')], wordStart: true, tail: null, first: firstChars(source), pattern: null };
  }
  const body = escapeRegex(stem).replace(/\s+/gu, '\\s+');
  const first = new Set([fold(stem[0]!)]);
  if (arabic) for (const p of PROCLITICS) first.add(p);
  // An Arabic phrase with its proclitic first, as the greedy `[وفبلك]?` tries it.
  const variants = arabic ? [new RegExp(`${PROCLITIC}${body}`, 'iuy'), new RegExp(body, 'iuy')] : [new RegExp(body, 'iuy')];
  return { variants, wordStart: true, tail: star ? 'letters' : 'word', first, pattern: null };
}

const PROCLITICS = ['و', 'ف', 'ب', 'ل', 'ك'];

/** Where `m` matches starting at `p`: the end of the match, or -1. */
function matchAt(m: Matcher, text: string, p: number): number {
  if (m.wordStart && isWordCharBefore(text, p)) return -1;
  for (const re of m.variants) {
    re.lastIndex = p;
    const found = re.exec(text);
    if (!found) continue;
    let end = p + found[0].length;
    if (m.tail === 'letters') end = skipLetters(text, end);
    else if (m.tail === 'word' && isWordCharAt(text, end)) continue;
    return end;
  }
  return -1;
}

/** Cues indexed by the character they begin with. */
export class MatcherSet {
  readonly matchers: readonly Matcher[];
  private readonly byFirst = new Map<string, number[]>();
  private readonly anyFirst: number[] = [];

  constructor(matchers: Matcher[]) {
    this.matchers = matchers;
    matchers.forEach((m, i) => {
      if (m.first === null) this.anyFirst.push(i);
      else for (const c of m.first) this.byFirst.set(c, [...(this.byFirst.get(c) ?? []), i]);
    });
    for (const [c, ids] of this.byFirst) this.byFirst.set(c, [...ids, ...this.anyFirst].sort((a, b) => a - b));
  }

  get length(): number {
    return this.matchers.length;
  }

  /** The cues that may match at `p`, in their order. */
  private candidates(text: string, p: number): number[] {
    return this.byFirst.get(fold(text[p]!)) ?? this.anyFirst;
  }

  /** Every match of every cue, as `matchAll` of each would find them: grouped by cue, in cue order. */
  all(text: string): { index: number; start: number; end: number }[] {
    const found: { index: number; start: number; end: number }[][] = [];
    const resume = new Array<number>(this.matchers.length).fill(0);
    for (let p = 0; p < text.length; p += 1) {
      if (isTrailSurrogate(text, p)) continue;
      for (const i of this.candidates(text, p)) {
        if (p < resume[i]!) continue;
        const end = matchAt(this.matchers[i]!, text, p);
        if (end < 0) continue;
        (found[i] ??= []).push({ index: i, start: p, end });
        resume[i] = end > p ? end : p + 1;
      }
    }
    return found.flat();
  }

  /** The leftmost matches of any cue, first cue first, as one alternation of them all would find them. */
  spans(text: string): Span[] {
    const found: Span[] = [];
    for (let p = 0; p < text.length; ) {
      const end = isTrailSurrogate(text, p) ? -1 : this.firstAt(text, p);
      if (end < 0) p += 1;
      else {
        if (end > p) found.push({ start: p, end });
        p = end > p ? end : p + 1;
      }
    }
    return found;
  }

  /** Whether any cue matches anywhere in `text`. */
  test(text: string): boolean {
    for (let p = 0; p <= text.length; p += 1) if (!isTrailSurrogate(text, p) && this.firstAt(text, p) >= 0) return true;
    return false;
  }

  private firstAt(text: string, p: number): number {
    const ids = p < text.length ? this.candidates(text, p) : this.anyFirst;
    for (const i of ids) {
      const end = matchAt(this.matchers[i]!, text, p);
      if (end >= 0) return end;
    }
    return -1;
  }

  /**
   * Whether `word` as a whole is one of the cues, as `^(?:cue|cue…)$` tests
   * it; with `proclitic`, also after a leading و or ف.
   */
  isWholeWord(word: string, proclitic: boolean): boolean {
    if (word.length === 0) return false;
    for (const i of this.candidates(word, 0)) {
      const m = this.matchers[i]!;
      if (m.pattern !== null) continue;
      for (const re of m.variants) {
        re.lastIndex = 0;
        const found = re.exec(word);
        if (!found) continue;
        const end = m.tail === 'letters' ? skipLetters(word, found[0].length) : found[0].length;
        if (end === word.length) return true;
      }
    }
    return this.matchers.some((m) => m.pattern !== null && wholeWordPattern(m, proclitic).test(word));
  }
}

const wholeWordPatterns = new WeakMap<Matcher, Map<boolean, RegExp>>();

function wholeWordPattern(m: Matcher, proclitic: boolean): RegExp {
  const byProclitic = wholeWordPatterns.get(m) ?? new Map<boolean, RegExp>();
  wholeWordPatterns.set(m, byProclitic);
  let re = byProclitic.get(proclitic);
  if (!re) byProclitic.set(proclitic, (re = new RegExp(`^${proclitic ? '[وف]?' : ''}(?:${m.pattern})$`, 'iu')));
  return re;
}

/** A character as case-insensitive matching sees it. */
function fold(ch: string): string {
  let f = FOLDED.get(ch);
  if (f === undefined) {
    const upper = ch.toUpperCase();
    const lower = upper.length === 1 ? upper.toLowerCase() : '';
    f = lower.length === 1 ? lower : ch.toLowerCase().length === 1 ? ch.toLowerCase() : ch;
    FOLDED.set(ch, f);
  }
  return f;
}
const FOLDED = new Map<string, string>();

const LETTER_MARK_NUMBER = /^[\p{L}\p{M}\p{N}]$/u;
const LETTER_MARK = /^[\p{L}\p{M}]$/u;
const classCache = new Map<string, number>();

/** 1: letter or mark; 2: number; 0: neither. */
function charClass(cp: string): number {
  let c = classCache.get(cp);
  if (c === undefined) {
    c = LETTER_MARK.test(cp) ? 1 : LETTER_MARK_NUMBER.test(cp) ? 2 : 0;
    if (classCache.size < 100_000) classCache.set(cp, c);
  }
  return c;
}

function codePointAt(text: string, p: number): string {
  const c = text.charCodeAt(p);
  return c >= 0xd800 && c <= 0xdbff && p + 1 < text.length ? text.slice(p, p + 2) : text[p]!;
}

function codePointBefore(text: string, p: number): string {
  const c = text.charCodeAt(p - 1);
  return c >= 0xdc00 && c <= 0xdfff && p >= 2 && isLeadSurrogate(text.charCodeAt(p - 2)) ? text.slice(p - 2, p) : text[p - 1]!;
}

const isLeadSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;

function isTrailSurrogate(text: string, p: number): boolean {
  const c = text.charCodeAt(p);
  return c >= 0xdc00 && c <= 0xdfff && p > 0 && isLeadSurrogate(text.charCodeAt(p - 1));
}

/** Whether a letter, mark or digit comes right before `p`. */
function isWordCharBefore(text: string, p: number): boolean {
  return p > 0 && charClass(codePointBefore(text, p)) > 0;
}

/** Whether a letter, mark or digit is at `p`. */
function isWordCharAt(text: string, p: number): boolean {
  return p < text.length && charClass(codePointAt(text, p)) > 0;
}

/** The end of the run of letters and marks from `p`. */
function skipLetters(text: string, p: number): number {
  while (p < text.length) {
    const cp = codePointAt(text, p);
    if (charClass(cp) !== 1) break;
    p += cp.length;
  }
  return p;
}

/**
 * The case-folded characters a match of `source` can begin with, read off
 * the expression; null when that is not certain (a class like \w, a pattern
 * that can match empty). Only ever used to skip positions, so null is safe.
 */
function firstChars(source: string): Set<string> | null {
  try {
    const parsed = new FirstCharParser(source).alternation();
    return parsed.nullable || parsed.chars === null ? null : parsed.chars;
  } catch {
    return null;
  }
}

interface FirstOf {
  /** null: any character. */
  chars: Set<string> | null;
  /** Whether it can match the empty string (or is only an assertion). */
  nullable: boolean;
}

class FirstCharParser {
  private i = 0;
  constructor(private readonly s: string) {}

  alternation(): FirstOf {
    const result: FirstOf = { chars: new Set(), nullable: false };
    for (;;) {
      const seq = this.sequence();
      result.chars = result.chars && seq.chars ? new Set([...result.chars, ...seq.chars]) : null;
      result.nullable ||= seq.nullable;
      if (this.s[this.i] !== '|') return result;
      this.i += 1;
    }
  }

  private sequence(): FirstOf {
    const result: FirstOf = { chars: new Set(), nullable: true };
    while (this.i < this.s.length && this.s[this.i] !== '|' && this.s[this.i] !== ')') {
      const atom = this.atom();
      const min = this.quantifier();
      if (!result.nullable) continue;
      if (atom === 'assertion') continue;
      result.chars = result.chars && atom.chars ? new Set([...result.chars, ...atom.chars]) : null;
      if (!atom.nullable && min > 0) result.nullable = false;
    }
    return result;
  }

  private atom(): FirstOf | 'assertion' {
    const c = this.s[this.i]!;
    this.i += 1;
    if (c === '^' || c === '$') return 'assertion';
    if (c === '.') return { chars: null, nullable: false };
    if (c === '(') {
      let lookaround = false;
      if (this.s.startsWith('?:', this.i)) this.i += 2;
      else if (this.s.startsWith('?=', this.i) || this.s.startsWith('?!', this.i)) (this.i += 2), (lookaround = true);
      else if (this.s.startsWith('?<=', this.i) || this.s.startsWith('?<!', this.i)) (this.i += 3), (lookaround = true);
      else if (this.s.startsWith('?<', this.i)) this.i = this.s.indexOf('>', this.i) + 1;
      else if (this.s[this.i] === '?') throw new Error('unknown group');
      const inner = this.alternation();
      if (this.s[this.i] !== ')') throw new Error('unclosed group');
      this.i += 1;
      return lookaround ? 'assertion' : inner;
    }
    if (c === '[') return this.charClass();
    if (c === '\\') {
      const e = this.s[this.i]!;
      this.i += 1;
      if (e === 'b' || e === 'B') return 'assertion';
      if (/[dDwWsSpPkc0-9]/u.test(e)) throw new Error('class or reference');
      if (e === 'u' || e === 'x') throw new Error('code point escape');
      return { chars: new Set([fold(ESCAPES[e] ?? e)]), nullable: false };
    }
    return { chars: new Set([fold(this.codePoint(c))]), nullable: false };
  }

  private codePoint(c: string): string {
    if (isLeadSurrogate(c.charCodeAt(0)) && this.i < this.s.length) return c + this.s[this.i++]!;
    return c;
  }

  private charClass(): FirstOf {
    if (this.s[this.i] === '^') throw new Error('negated class');
    const members: string[] = [];
    while (this.s[this.i] !== ']') {
      if (this.i >= this.s.length) throw new Error('unclosed class');
      let c = this.s[this.i]!;
      this.i += 1;
      if (c === '\\') {
        const e = this.s[this.i]!;
        this.i += 1;
        if (/[dDwWsSpPbBkc0-9ux]/u.test(e)) throw new Error('class escape');
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
        if (last - from > 256) throw new Error('wide range');
        for (let cp = from; cp <= last; cp += 1) members.push(String.fromCodePoint(cp));
      } else members.push(c);
    }
    this.i += 1;
    return { chars: new Set(members.map(fold)), nullable: false };
  }

  /** Reads a quantifier after an atom; its minimum (1 when there is none). */
  private quantifier(): number {
    const c = this.s[this.i];
    let min = 1;
    if (c === '?' || c === '*') (min = 0), (this.i += 1);
    else if (c === '+') this.i += 1;
    else if (c === '{') {
      const m = /^\{(\d+)(?:,\d*)?\}/u.exec(this.s.slice(this.i));
      if (!m) return 1;
      min = Number(m[1]);
      this.i += m[0].length;
    } else return 1;
    if (this.s[this.i] === '?') this.i += 1;
    return min;
  }
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', '0': '\0' };

// ------------------------------------------------------------------ matching

/**
 * Actor aliases, non-actors, anaphors and non-Latin person spellings in
 * `text` (already normalised), leftmost-longest, not overlapping.
 */
export function findNames(g: Gazetteer, text: string): NameMatch[] {
  const names = matchNames(g, text, g.names);
  const anaphors = matchNames(g, text, g.anaphors).filter((a) => !names.some((n) => a.start < n.end && n.start < a.end));
  return [...names, ...anaphors].sort((a, b) => a.start - b.start);
}

function matchNames(g: Gazetteer, text: string, re: RegExp): NameMatch[] {
  const found: NameMatch[] = [];
  for (const m of text.matchAll(re)) {
    const raw = m[0];
    const start = m.index;
    let entry = lookup(g, raw);
    let proclitic: string | null = null;
    if (!entry && isArabic(raw) && /^[وفبلك]/u.test(raw)) {
      entry = lookup(g, raw.slice(1));
      proclitic = raw[0]!;
    }
    if (!entry) continue;
    const offset = proclitic ? 1 : 0;
    found.push({
      start: start + offset,
      end: start + raw.length,
      kind: entry.kind,
      written: raw.slice(offset),
      actor: entry.actor,
      person: entry.person,
      refersTo: entry.refersTo,
      proclitic,
    });
  }
  return found;
}

function lookup(g: Gazetteer, raw: string): NameEntry | undefined {
  const candidates = g.nameEntries.get(nameKey(raw));
  if (!candidates) return undefined;
  // "US" must not be found as "us": an entry in capitals only takes itself.
  return candidates.find((e) => e.kind === 'anaphor' || /\p{Ll}/u.test(e.text) || normalizePattern(e.text) === raw.replace(/\s+/gu, ' '));
}

/** Every cue of every stance in `text` (normalised), overlapping ones included. */
export function findCues(g: Gazetteer, text: string): CueMatch[] {
  return g.cues
    .all(text)
    .filter((m) => m.end > m.start)
    .map((m) => {
      const rule = g.cueRule[m.index]!;
      return { start: m.start, end: m.end, stance: rule.stance, agent: rule.agent, text: text.slice(m.start, m.end) };
    });
}

/**
 * A cue whose doers are the names right after it ("forces from Russia,
 * Belarus"): tested on the text before a name; the cue span or null.
 */
export function findAgentAfterCue(g: Gazetteer, textBefore: string): CueMatch | null {
  for (const rule of g.stances) {
    for (const re of rule.agentAfter) {
      const m = re.exec(textBefore);
      if (m) return { start: m.index, end: textBefore.length, stance: rule.stance, agent: 'subject', text: m[0] };
    }
  }
  return null;
}

/** Whether a stance's cue at this point is an accusation reported, not held. */
export function isReportedOnly(g: Gazetteer, stance: Stance, textBefore: string): boolean {
  const rule = g.stances.find((r) => r.stance === stance);
  return rule?.notAfter ? rule.notAfter.test(textBefore) : false;
}

/** Spans of speech verbs in `text`. */
export function findSpeechVerbs(g: Gazetteer, text: string): Span[] {
  return g.speechVerbs.spans(text);
}

export function isObjectVerb(g: Gazetteer, word: string): boolean {
  return remember(g.memo.objectVerb, word, () => g.objectVerbs.isWholeWord(word.replace(/^[وف]/u, ''), false) || g.objectVerbs.isWholeWord(word, false));
}

/** Spans of negation words in `text`. */
export function findNegations(g: Gazetteer, text: string): Span[] {
  return g.negation.spans(text);
}

/** A per-word answer, kept (up to a bound, so memory stays flat over a long run). */
function remember<T>(memo: Map<string, T>, key: string, compute: () => T): T {
  let value = memo.get(key);
  if (value === undefined) {
    value = compute();
    if (memo.size >= 50_000) memo.clear();
    memo.set(key, value);
  }
  return value;
}

// ----------------------------------------------------------- people, fuzzily

export interface PersonMatch extends Span {
  person: Person;
  /** The words as written in the text. */
  written: string;
  /** Whether the spelling differs from every known one. */
  fuzzy: boolean;
}

interface Word extends Span {
  text: string;
}

const WORD = /[\p{L}\p{M}]+(?:[-‐][\p{L}\p{M}]+)*/gu;

/**
 * People named in `text` by a Latin spelling, also when translation spelled
 * them differently. `seen` holds people already named in the article: only
 * they may be found by a surname alone that is merely close, or by their bare
 * surname at the start of a sentence (so "Price rises" is not Ned Price).
 */
export function findPeople(g: Gazetteer, text: string, seen: ReadonlySet<Person> = new Set()): PersonMatch[] {
  const words: Word[] = [...text.matchAll(WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0] }));
  const found: PersonMatch[] = [];
  for (let i = 0; i < words.length; ) {
    const match = bestPersonAt(g, text, words, i, seen);
    if (match) {
      found.push(match.result);
      i += match.length;
    } else i += 1;
  }
  return found;
}

function bestPersonAt(
  g: Gazetteer,
  text: string,
  words: Word[],
  i: number,
  seen: ReadonlySet<Person>,
): { result: PersonMatch; length: number } | null {
  if (!/^\p{Lu}/u.test(words[i]!.text)) return null;
  let best: { result: PersonMatch; length: number; score: number } | null = null;
  for (const person of g.people) {
    for (const form of person.forms) {
      const score = formScore(g, text, words, i, form, person, seen);
      if (score === null) continue;
      const n = form.words.length;
      // More words first, then exact before close, then the person named most recently.
      const rank = n * 10 + score + (seen.has(person) ? 0.5 : 0);
      if (!best || rank > best.score) {
        const start = words[i]!.start;
        const end = words[i + n - 1]!.end;
        best = { result: { start, end, person, written: text.slice(start, end), fuzzy: score < 2 }, length: n, score: rank };
      }
    }
  }
  return best ? { result: best.result, length: best.length } : null;
}

/** 2 = every word exact, 1 = close enough, null = no match. */
function formScore(
  g: Gazetteer,
  text: string,
  words: Word[],
  i: number,
  form: PersonForm,
  person: Person,
  seen: ReadonlySet<Person>,
): number | null {
  const n = form.words.length;
  if (i + n > words.length) return null;
  let exact = 0;
  for (let k = 0; k < n; k += 1) {
    const w = words[i + k]!;
    if (k > 0 && !/^\s+$/u.test(text.slice(words[i + k - 1]!.end, w.start))) return null;
    // Names are capitalised; particles ("von der") are matched as written.
    if (/^\p{Lu}/u.test(form.words[k]!) ? !/^\p{Lu}/u.test(w.text) : w.text !== form.words[k]) return null;
    const sim = wordSimilarity(w.text, form.words[k]!);
    if (sim === null) return null;
    if (sim === 'exact') exact += 1;
  }
  const allExact = exact === n;
  if (n === 1) {
    if (!allExact && !(seen.has(person) && sameSkeleton(words[i]!.text, form.words[0]!))) return null;
    if (form.derived && !bareSurnameFits(g, text, words, i, person, seen)) return null;
  } else if (exact === 0) {
    return null;
  }
  return allExact ? 2 : 1;
}

/**
 * A surname alone is someone else's when another capitalised word sits right
 * before it ("Michael Johnson"), unless that word is a title ("Minister
 * Lavrov"). At the start of a sentence it must be known or be speaking.
 */
function bareSurnameFits(g: Gazetteer, text: string, words: Word[], i: number, person: Person, seen: ReadonlySet<Person>): boolean {
  const prev = words[i - 1];
  if (prev && /^\s+$/u.test(text.slice(prev.end, words[i]!.start)) && /^\p{Lu}/u.test(prev.text)) {
    const opener = text.slice(0, prev.start).trim() === '' && SENTENCE_OPENERS.has(prev.text.toLowerCase());
    if (!g.titles.has(prev.text.toLowerCase()) && !opener && !isActorWord(g, prev.text)) return false;
  }
  const sentenceInitial = text.slice(0, words[i]!.start).replace(/[\s"“”'(]/gu, '') === '';
  if (!sentenceInitial || seen.has(person)) return true;
  const next = words[i + 1];
  return next !== undefined && isSpeechVerb(g, next.text);
}

// Capitalised only because they open the sentence: "Meanwhile Blinken said".
const SENTENCE_OPENERS = new Set(['and', 'but', 'meanwhile', 'also', 'however', 'then', 'so', 'yet', 'still', 'now', 'later', 'earlier', 'separately', 'furthermore', 'moreover', 'instead', 'thus', 'there', 'here', 'when', 'while', 'after']);

/** Whether one word is a speech verb. */
export function isSpeechVerb(g: Gazetteer, word: string): boolean {
  return remember(g.memo.speechVerb, word, () => g.speechVerbs.isWholeWord(word, true));
}

function isActorWord(g: Gazetteer, word: string): boolean {
  return (g.nameEntries.get(nameKey(word)) ?? []).some((e) => e.kind === 'actor');
}

// ------------------------------------------------------- spelling similarity

/** Lower case, no diacritics, dotless i folded. */
function plain(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/ı/gu, 'i').toLowerCase();
}

/**
 * Sounds that transliteration writes in different letters: Kazakh "Ж" is j,
 * zh, sh (from German "sch"), g; kh/h, ph/f, th/t, w/v, y/i; doubled letters.
 */
function phonetic(s: string): string {
  return plain(s)
    .replace(/dzh|dj|sch|zh|sh|j/gu, 'j')
    .replace(/kh/gu, 'k')
    .replace(/ph/gu, 'f')
    .replace(/th/gu, 't')
    .replace(/w/gu, 'v')
    .replace(/y/gu, 'i')
    .replace(/(.)\1+/gu, '$1');
}

/** Consonants only: vowels are what translations disagree on most. */
function skeleton(s: string): string {
  return phonetic(s).replace(/[aeiou]/gu, '');
}

function sameSkeleton(a: string, b: string): boolean {
  return skeleton(a) === skeleton(b) && skeleton(a).length >= 3;
}

/**
 * 'exact' when equal but for case and diacritics; 'close' when one is a
 * translator's respelling of the other (Teleobardi ~ Tileuberdi, Gomert ~
 * Jomart); null otherwise. Hyphenated names compare part by part.
 */
export function wordSimilarity(written: string, known: string): 'exact' | 'close' | null {
  const a = plain(written);
  const b = plain(known);
  if (a === b) return 'exact';
  const pa = a.split(/[-‐]/u);
  const pb = b.split(/[-‐]/u);
  if (pa.length > 1 && pa.length === pb.length) {
    const parts = pa.map((p, k) => (p === pb[k] ? 'exact' : closeWords(p, pb[k]!) ? 'close' : null));
    return parts.every((p) => p !== null) ? 'close' : null;
  }
  return closeWords(a.replace(/[-‐]/gu, ''), b.replace(/[-‐]/gu, '')) ? 'close' : null;
}

function closeWords(a: string, b: string): boolean {
  const fa = phonetic(a);
  const fb = phonetic(b);
  if (fa === fb) return true;
  if (Math.min(fa.length, fb.length) < 4) return false;
  const distance = levenshtein(fa, fb) / Math.max(fa.length, fb.length);
  return distance <= 0.34 && levenshtein(skeleton(a), skeleton(b)) <= 1;
}

export function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}
