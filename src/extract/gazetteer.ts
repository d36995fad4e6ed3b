// The gazetteer and stance cue lexicon of the `reactions` dataset, read from
// data/gazetteer.yaml so that editors extend it without touching code. This
// module validates the YAML (a bad entry is reported as file:line:column and
// the field), then compiles it into matchers for names, people and cues.
// Pure: it takes the YAML text; reading the file is the caller's job.
import { LineCounter, parseDocument, isMap, isPair, isScalar, type Document } from 'yaml';
import { z } from 'zod';
import { ACTOR_TYPES, type ActorType, type Stance } from '../datasets/schema.ts';
import { defaultCodebook, type Codebook } from './codebook.ts';
import type { Span } from './types.ts';
import { yamlData } from '../common/yaml-data.ts';
import { editDistance } from '../common/suggest.ts';

// ------------------------------------------------------------------ the schema

const REFERS_TO = ['speaker', 'person', 'state', 'organization', 'nearest'] as const;
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
  speaks_for: z.array(text).default([]),
});

const actorSchema = z.strictObject({
  name: text,
  type: z.enum(ACTOR_TYPES),
  /** "Kazakh": readers see "the Kazakh authorities". */
  adjective: text.optional(),
  /** "CSTO": where a chart has little room. */
  short: text.optional(),
  aliases: z.array(text).min(1, 'an actor needs at least one alias'),
  people: z.array(personSchema).default([]),
});

const gazetteerSchema = z.strictObject({
  actors: z.array(actorSchema).default([]),
  non_actors: z.array(text).default([]),
  non_actor_heads: z.array(text).default([]),
  anaphors: z.array(z.strictObject({ phrase: text, refers_to: z.enum(REFERS_TO) })).default([]),
  speech_verbs: z.array(cue).default([]),
  object_verbs: z.array(cue).default([]),
  titles: z.array(text).default([]),
  negation: z.array(cue).default([]),
});

/** A stance's cues are tried with the gazetteer's patterns: the codebook's loader checks them the same way. */
export const stanceCue = cue;

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
  /** Organisations the person also speaks for (as their chair, say). */
  speaksFor: Actor[];
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
  adjective: string | null;
  short: string | null;
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
  /** The names of the story's home country (withHome); none by default. */
  home: readonly string[];
  actors: Actor[];
  actorByName: ReadonlyMap<string, Actor>;
  names: MatcherSet;
  /** Matched after names, so "the Organization of ..." is not "the organization". */
  anaphors: MatcherSet;
  nameEntries: ReadonlyMap<string, NameEntry[]>;
  people: Person[];
  stances: StanceRule[];
  /** The codebook whose stances the cues are, and whose measures the casualties count. */
  codebook: Codebook;
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
  memo: { speechVerb: Map<string, boolean>; objectVerb: Map<string, boolean>; name: Map<string, NameEntry | null> };
}

// ------------------------------------------------------------------- parsing

/** The gazetteer of a story whose home is the actor `home` (null: none, or an actor it does not know). */
export function withHome(gazetteer: Gazetteer, home: string | null): Gazetteer {
  const actor = home === null ? undefined : gazetteer.actorByName.get(home);
  return { ...gazetteer, home: actor ? [actor.name, ...(actor.adjective ? [actor.adjective] : []), ...actor.aliases] : [] };
}

/** One gazetteer file: the base one, or a story's additions to it. */
export interface GazetteerSource {
  text: string;
  path: string;
}

/**
 * Parses and validates gazetteer YAML and compiles it. `file` is only used in
 * messages. Throws `GazetteerError` listing every problem with its position.
 */
export function parseGazetteer(yamlText: string, file = 'gazetteer.yaml', codebook: Codebook = defaultCodebook()): Gazetteer {
  return parseGazetteers([{ text: yamlText, path: file }], codebook);
}

/**
 * The base gazetteer and a story's additions, as one: the additions' actors
 * and lists follow the base ones, and their cues join the same stances. Each
 * file is validated on its own, so a problem is reported in the file and at
 * the place that has it; an alias an addition gives to a second actor is
 * reported in the addition.
 */
export function parseGazetteers(sources: readonly GazetteerSource[], codebook: Codebook = defaultCodebook()): Gazetteer {
  const issues: GazetteerIssue[] = [];
  const parsed: { data: GazetteerData; doc: Document; at: (offset: number) => { line: number; column: number }; file: string }[] = [];
  for (const { text, path: file } of sources) {
    const one = parseOne(text, file);
    if ('issues' in one) issues.push(...one.issues);
    else parsed.push({ ...one, file });
  }
  if (issues.length > 0) throw new GazetteerError(issues);
  if (parsed.length === 0 || parsed.every((p) => p.data.actors.length === 0)) {
    throw new GazetteerError([{ file: sources[0]?.path ?? 'gazetteer.yaml', path: 'actors', line: 1, column: 1, reason: 'expected at least one actor' }]);
  }
  const owners = new Map<string, string>();
  const actorNames = new Set<string>();
  for (const p of parsed) {
    const duplicates = findDuplicates(p.data, owners, actorNames, parsed.map((q) => q.data));
    issues.push(...duplicates.map((d) => ({ file: p.file, path: d.path.join('.'), ...p.at(locate(p.doc, d.path)), reason: d.reason })));
  }
  if (issues.length > 0) throw new GazetteerError(issues);
  return compile(mergeData(parsed.map((p) => p.data)), parsed.map((p) => p.file).join(' + '), codebook);
}

function parseOne(yamlText: string, file: string): { data: GazetteerData; doc: Document; at: (offset: number) => { line: number; column: number } } | { issues: GazetteerIssue[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false });
  const at = (offset: number): { line: number; column: number } => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  if (doc.errors.length > 0) {
    return { issues: doc.errors.map((e) => ({ file, path: '', ...at(e.pos[0]), reason: `YAML: ${e.message.split('\n')[0]}` })) };
  }
  const read = yamlData(doc);
  if ('message' in read) return { issues: [{ file, path: '', ...at(read.offset), reason: `YAML: ${read.message}` }] };
  const result = gazetteerSchema.safeParse(read.data ?? {});
  if (!result.success) {
    // An unknown field is usually a misspelt one: report it before the "missing" it causes.
    const issues = [...result.error.issues].sort((a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'));
    return {
      issues: issues.map((issue) => {
        const path = issue.path.map(String);
        const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
        const where = locate(doc, issue.path as (string | number)[], keys[0]);
        const moved = keys.includes('stances') ? ': the stances and their cues are in the codebook now (data/codebook.yaml, data/<story>/codebook.yaml)' : '';
        const reason = keys.length > 0 ? `unknown field ${keys.map((k) => `"${k}"`).join(', ')}${moved}` : issue.message;
        return { file, path: path.join('.'), ...at(where), reason };
      }),
    };
  }
  return { data: result.data, doc, at };
}

/** The files' entries one after the other; a stance's cues from every file that has it. */
function mergeData(all: readonly GazetteerData[]): GazetteerData {
  const [first, ...rest] = all;
  const merged: GazetteerData = { ...first! };
  for (const data of rest) {
    merged.actors = [...merged.actors, ...data.actors];
    merged.non_actors = [...merged.non_actors, ...data.non_actors];
    merged.non_actor_heads = [...merged.non_actor_heads, ...data.non_actor_heads];
    merged.anaphors = [...merged.anaphors, ...data.anaphors];
    merged.speech_verbs = [...merged.speech_verbs, ...data.speech_verbs];
    merged.object_verbs = [...merged.object_verbs, ...data.object_verbs];
    merged.titles = [...merged.titles, ...data.titles];
    merged.negation = [...merged.negation, ...data.negation];
  }
  return merged;
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

/**
 * An alias may name one thing only, or a mention could not say whose it is.
 * `owners` and `actorNames` carry the names the files before this one claimed;
 * `all` is every file, for the actors a person may speak for.
 */
function findDuplicates(
  data: GazetteerData,
  owners: Map<string, string>,
  actorNames: Set<string>,
  all: readonly GazetteerData[],
): { path: (string | number)[]; reason: string }[] {
  const problems: { path: (string | number)[]; reason: string }[] = [];
  const claim = (name: string, owner: string, path: (string | number)[]): void => {
    const key = nameKey(name);
    const prior = owners.get(key);
    if (prior !== undefined && prior !== owner) problems.push({ path, reason: `"${name}" is already a name of ${prior}` });
    else owners.set(key, owner);
  };
  data.actors.forEach((a, i) => {
    if (actorNames.has(a.name)) problems.push({ path: ['actors', i, 'name'], reason: `actor "${a.name}" is defined twice` });
    actorNames.add(a.name);
    a.aliases.forEach((alias, j) => claim(alias, a.name, ['actors', i, 'aliases', j]));
  });
  data.actors.forEach((a, i) =>
    a.people.forEach((p, j) =>
      p.speaks_for.forEach((n, k) => {
        if (!all.some((d) => d.actors.some((o) => o.name === n))) problems.push({ path: ['actors', i, 'people', j, 'speaks_for', k], reason: `"${n}" is not the name of an actor` });
      }),
    ),
  );
  data.non_actors.forEach((n, i) => claim(n, 'the non-actors', ['non_actors', i]));
  data.anaphors.forEach((n, i) => claim(n.phrase, 'the anaphors', ['anaphors', i, 'phrase']));
  return problems;
}

// ----------------------------------------------------------------- compiling

function compile(data: GazetteerData, file: string, codebook: Codebook): Gazetteer {
  const actors: Actor[] = data.actors.map((a) => ({ name: a.name, type: a.type, adjective: a.adjective ?? null, short: a.short ?? null, aliases: a.aliases, people: [] }));
  const entries: NameEntry[] = [];
  const people: Person[] = [];
  data.actors.forEach((a, i) => {
    const actor = actors[i]!;
    for (const alias of a.aliases) entries.push({ kind: 'actor', text: alias, actor, person: null, refersTo: null });
    for (const p of a.people) {
      const person: Person = { name: p.name, office: p.office, actor, speaksFor: [], forms: [] };
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
  const byName = new Map(actors.map((a) => [a.name, a]));
  data.actors.forEach((a, i) => a.people.forEach((p, j) => (actors[i]!.people[j]!.speaksFor = p.speaks_for.map((n) => byName.get(n)!))));
  for (const n of data.non_actors) entries.push({ kind: 'non_actor', text: n, actor: null, person: null, refersTo: null });
  for (const n of data.anaphors) entries.push({ kind: 'anaphor', text: n.phrase, actor: null, person: null, refersTo: n.refers_to });

  const nameEntries = new Map<string, NameEntry[]>();
  for (const e of entries) nameEntries.set(nameKey(e.text), [...(nameEntries.get(nameKey(e.text)) ?? []), e]);

  const actorMacro = actorAlternation(data.actors.flatMap((a) => a.aliases));
  const stances: StanceRule[] = codebook.stanceEntries.map((rule) => {
    return {
      stance: rule.name,
      agent: rule.agent,
      cues: rule.cues.map((c) => compileMatcher(c, actorMacro)),
      agentAfter: rule.agent_after.map((c) => {
        const source = `(?:${cueSource(c, actorMacro)})\\s*(?:the\\s+)?$`;
        return new RegExp(source, patternFlags(source, 'i'));
      }),
      notAfter: rule.not_after.length > 0 ? new MatcherSet(rule.not_after.map((c) => compileMatcher(c, actorMacro))) : null,
    };
  });

  return {
    file,
    home: [],
    actors,
    actorByName: new Map(actors.map((a) => [a.name, a])),
    names: namesMatcher(entries.filter((e) => e.kind !== 'anaphor')),
    anaphors: namesMatcher(entries.filter((e) => e.kind === 'anaphor')),
    nameEntries,
    people,
    stances,
    codebook,
    cues: new MatcherSet(stances.flatMap((r) => r.cues)),
    cueRule: stances.flatMap((r) => r.cues.map(() => r)),
    speechVerbs: new MatcherSet(data.speech_verbs.map((c) => compileMatcher(c, actorMacro))),
    objectVerbs: new MatcherSet(data.object_verbs.map((c) => compileMatcher(c, actorMacro))),
    negation: new MatcherSet(data.negation.map((c) => compileMatcher(c, actorMacro))),
    titles: new Set(data.titles.map((t) => t.toLowerCase())),
    nonActorHeads: new Set(data.non_actor_heads.map((t) => t.toLowerCase())),
    personIndex: indexPeople(people),
    memo: { speechVerb: new Map(), objectVerb: new Map(), name: new Map() },
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
const IDENTITY: number[] = [];
const NEEDS_NORMALIZING = /[\u064B-\u065F\u0670\u0640أإآٱىة’‘ʼ]/u;
/** The keys of LETTER_FOLD. */
const FOLDABLE = /[أإآٱىة’‘ʼ]/gu;

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

function normalizePattern(s: string): string {
  return NEEDS_NORMALIZING.test(s) ? normalizeText(s).text : s;
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

/**
 * Names in capitals (US, EU, CSTO) match exactly; others may change the case
 * of their first letter ("the Kremlin" / "Kremlin"). Anaphors ignore case.
 */
function nameMatcher(e: NameEntry): Matcher {
  const s = normalizePattern(e.text);
  if (isArabic(s)) return literalMatcher(s, 'none', true, 'word');
  if (e.kind === 'anaphor') return literalMatcher(s, 'all', false, 'word');
  return literalMatcher(s, /\p{Ll}/u.test(s) ? 'first' : 'none', false, 'word');
}

/** All names as one list, the longest first (the same name once). */
function namesMatcher(entries: NameEntry[]): MatcherSet {
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
type Unit = string | ReadonlySet<string> | null;

/** A phrase or name as characters, compared in code. */
interface Literal {
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
 * A cue as a matcher. Phrases of plain words (most of them) become literals;
 * a phrase with `{actor}` or a `*` inside a word, and every pattern, keep a
 * full expression.
 */
function compileMatcher(cue: string, actorMacro: string): Matcher {
  if (isRegexCue(cue)) {
    const source = cueSource(cue, actorMacro);
    const prefixes = prefixesOf(source);
    return { variants: [new RegExp(source, patternFlags(source, 'iy'))], wordStart: false, tail: null, prefixes, boundary: opensWithBoundary(source, prefixes), pattern: source };
  }
  const s = normalizePattern(cue);
  const star = s.endsWith('*');
  const stem = star ? s.slice(0, -1) : s;
  if (stem.includes('{actor}') || stem.includes('*') || stem.length === 0) {
    const source = cueSource(cue, actorMacro).slice(BEFORE.length);
    return { variants: [new RegExp(source, 'iuy')], wordStart: true, tail: null, prefixes: prefixesOf(source), boundary: false, pattern: null };
  }
  return literalMatcher(stem, 'all', isArabic(s), star ? 'letters' : 'word');
}

/**
 * A literal matcher. An Arabic one may carry a one-letter proclitic, tried
 * with it first as the greedy `[وفبلك]?` would.
 */
function literalMatcher(s: string, caseless: Literal['caseless'], proclitic: boolean, tail: Matcher['tail']): Matcher {
  const units: Unit[] = [];
  for (const c of s.split('')) {
    if (!isSpace(c.charCodeAt(0))) units.push(caseless === 'all' ? fold(c) : c);
    else if (units.at(-1) !== null) units.push(null);
  }
  if (caseless === 'first' && typeof units[0] === 'string') units[0] = fold(units[0]);
  const variants: Literal[] = [{ units, caseless, exact: caseless !== 'all' }];
  if (proclitic) variants.unshift({ units: [PROCLITIC_SET, ...units], caseless: caseless === 'first' ? 'none' : caseless, exact: true });
  const prefixes = new Set(variants.flatMap(literalPrefixes));
  return { variants, wordStart: true, tail, prefixes, boundary: false, pattern: null };
}

const PROCLITIC_SET: ReadonlySet<string> = new Set(['و', 'ف', 'ب', 'ل', 'ك']);

/** The first two characters of a literal, as prefix symbols. */
function literalPrefixes(lit: Literal): string[] {
  const symbols = (u: Unit | undefined): string[] => (u === undefined ? [''] : u === null ? [' '] : typeof u === 'string' ? [symbol(u)] : [...u].map(symbol));
  return symbols(lit.units[0]).flatMap((a) => symbols(lit.units[1]).map((b) => a + b));
}

/**
 * Flags for a pattern: with `u` (Unicode semantics) unless the pattern is
 * plain ASCII without Unicode escapes, where `u` changes nothing but how
 * U+017F and U+212A fold and how an emoji counts, and costs several times
 * the compile time.
 */
function patternFlags(source: string, flags: string): string {
  return /^[\x00-\x7f]*$/u.test(source) && !/\\[pP]\{|\\u\{|\\k</u.test(source) ? flags : `${flags}u`;
}

/** Where a literal matches from `p`: the end, or -1. */
function literalAt(lit: Literal, text: string, p: number): number {
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
function matchAt(m: Matcher, text: string, p: number): number {
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
 * Where a position stands: at the start of a word; inside one after an ASCII
 * word character (where no `\b` precedes a letter); inside one after another
 * letter, mark or digit; or in a surrogate pair (never a start).
 */
const START = 0;
const INSIDE_ASCII = 1;
const INSIDE = 2;
const SKIP = 3;

function positions(text: string): Uint8Array {
  const kinds = new Uint8Array(text.length + 1);
  let word = false;
  let ascii = false;
  for (let p = 0; p < text.length; ) {
    const cp = text.codePointAt(p)!;
    kinds[p] = !word ? START : ascii ? INSIDE_ASCII : INSIDE;
    if (cp > 0xffff) kinds[p + 1] = SKIP;
    word = isWordCode(cp);
    ascii = isBoundaryWordCode(cp);
    p += cp > 0xffff ? 2 : 1;
  }
  kinds[text.length] = !word ? START : ascii ? INSIDE_ASCII : INSIDE;
  return kinds;
}

/** What `\b` counts as a word character under the `iu` flags. */
const isBoundaryWordCode = (cp: number): boolean =>
  (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) || (cp >= 48 && cp <= 57) || cp === 95 || cp === 0x17f || cp === 0x212a;

interface Index {
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

const tripleCode = (a: number, b: number, c: number): number => (a << 14) | (b << 7) | c;

const NO_CHAR = 0x10000;
const pairCode = (a: number, b: number): number => a * 0x20000 + b;

/** The prefix symbol of the UTF-16 unit at `p` as a number (see `symbol`). */
function symbolAt(text: string, p: number): number {
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
const SYMBOLS = new Uint32Array(0x10000);

interface Positions {
  text: string;
  kinds: Uint8Array;
  /** The word starts, in order. */
  starts: number[];
}

/** The positions of the texts read last (a sentence is read by several sets in a row). */
const recentPositions: Positions[] = [];

function positionsOf(text: string): Positions {
  for (const r of recentPositions) if (r.text.length === text.length && r.text === text) return r;
  const kinds = positions(text);
  const starts: number[] = [];
  for (let p = 0; p < text.length; p += 1) if (kinds[p] === START) starts.push(p);
  const result = { text, kinds, starts };
  recentPositions.unshift(result);
  if (recentPositions.length > 8) recentPositions.pop();
  return result;
}

/** A trie of literals by prefix symbol (a space stands for a run of white space). */
interface TrieNode {
  next: Map<number, TrieNode>;
  /** The literals ending here: matcher and variant indices, in order. */
  ends: { matcher: number; variant: number }[];
}

/**
 * A trie as flat arrays, cheaper to walk than maps: node 0 is the root, whose
 * children are looked up in a table by symbol; other nodes list their
 * children's symbols and ids.
 */
interface FlatTrie {
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

function flatten(root: TrieNode): FlatTrie {
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
const WIDE = 4;

function childOf(t: FlatTrie, node: number, key: number): number {
  if (node === 0) return t.rootChild[key]!;
  const wide = t.wideStart[node]!;
  if (wide >= 0 && key < 128) return t.wide[wide + key]!;
  for (let i = t.childStart[node]!, stop = i + t.childCount[node]!; i < stop; i += 1) if (t.childKey[i] === key) return t.childNode[i]!;
  return -1;
}

/** A literal matched at a position: its matcher, variant and end (after the tail). */
interface LiteralHit {
  matcher: number;
  variant: number;
  end: number;
}

const SPACE = 32;

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
        ids = [...new Set([...(index.byTriple.get(key3) ?? []), ...(index.byPair.get(key) ?? []), ...(index.byFirst.get(first) ?? []), ...index.any])].sort((a, b) => a - b);
        if (index.mergedTriple.size >= 20_000) index.mergedTriple.clear();
        index.mergedTriple.set(key3, ids);
      }
      return ids;
    }
    let ids = index.merged.get(key);
    if (!ids) {
      ids = [...new Set([...(index.byPair.get(key) ?? []), ...(index.byFirst.get(first) ?? []), ...index.any])].sort((a, b) => a - b);
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
    const count = this.startsOnly ? info.starts.length : text.length;
    for (let k = 0; k < count; k += 1) {
      const p = this.startsOnly ? info.starts[k]! : k;
      const kind = info.kinds[p]!;
      // Most positions are inside words, where only a few patterns may start.
      if (kind === SKIP) continue;
      if (kind !== START && this.indexes[kind]!.firstMask[symbolAt(text, p)] === 0 && this.indexes[kind]!.any.length === 0) continue;
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
    const count = this.startsOnly ? info.starts.length : text.length;
    for (let k = 0; k < count; k += 1) {
      const p = this.startsOnly ? info.starts[k]! : k;
      if (p < resume) continue;
      const end = this.firstAt(text, info.kinds[p]!, p);
      if (end < 0) continue;
      if (end > p) found.push({ start: p, end });
      resume = end > p ? end : p + 1;
    }
    return found;
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

const NONE: readonly number[] = [];
const NO_HITS: LiteralHit[] = [];


function indexMatchers(matchers: Matcher[], include: (m: Matcher) => boolean): Index {
  const index: Index = { byPair: new Map(), byFirst: new Map(), byTriple: new Map(), any: [], firstMask: new Uint8Array(NO_CHAR + 1), empty: true, merged: new Map(), mergedTriple: new Map() };
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
    if (FOLDED.size < 100_000) FOLDED.set(ch, f);
  }
  return f;
}
const FOLDED = new Map<string, string>();

// White space as `\s` has it.
const isSpace = (c: number): boolean =>
  c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;

const LETTER_MARK_NUMBER = /^[\p{L}\p{M}\p{N}]$/u;
const LETTER_MARK = /^[\p{L}\p{M}]$/u;
/** Per code point: 1 letter or mark, 2 number, 3 neither. */
const CLASS = new Map<number, number>();

function codeClass(cp: number): number {
  if (cp < 128) return (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) ? 1 : cp >= 48 && cp <= 57 ? 2 : 3;
  let c = CLASS.get(cp);
  if (c === undefined) {
    const s = String.fromCodePoint(cp);
    c = LETTER_MARK.test(s) ? 1 : LETTER_MARK_NUMBER.test(s) ? 2 : 3;
    if (CLASS.size < 100_000) CLASS.set(cp, c);
  }
  return c;
}

const isWordCode = (cp: number): boolean => codeClass(cp) !== 3;

/** Whether a letter, mark or digit is at `p`. */
function isWordCharAt(text: string, p: number): boolean {
  return p < text.length && isWordCode(text.codePointAt(p)!);
}

/** The end of the run of letters and marks from `p`. */
function skipLetters(text: string, p: number): number {
  while (p < text.length) {
    const cp = text.codePointAt(p)!;
    if (codeClass(cp) !== 1) break;
    p += cp > 0xffff ? 2 : 1;
  }
  return p;
}

/**
 * How a match of `source` can begin: the set of its first two characters,
 * case-folded (`ANY` where any character may stand; shorter strings for
 * matches that short), read off the expression. Null when the parse is not
 * sure. Only ever used to skip positions where nothing can match, so a
 * larger set or null is always safe.
 */
function prefixesOf(source: string): Set<string> | null {
  try {
    const parser = new PrefixParser(source);
    const result = parser.alternation();
    return parser.done() ? result : null;
  } catch {
    return null;
  }
}

/** Whether every match of `source` starts with `\b` and then a word character. */
function opensWithBoundary(source: string, prefixes: ReadonlySet<string> | null): boolean {
  if (!afterLookarounds(source).startsWith('\\b') || prefixes === null || ![...prefixes].every((x) => /^[a-z0-9_]/u.test(x))) return false;
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
function afterLookarounds(source: string): string {
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
const ANY = '\uffff';

/** How many first characters of a pattern are worked out. */
const PREFIX = 3;

/** The strings of `a` followed by those of `b`, cut to PREFIX characters. */
function concat(a: Set<string>, b: Set<string>): Set<string> {
  const out = new Set<string>();
  for (const x of a) {
    if (x.length >= PREFIX) out.add(x);
    else for (const y of b) out.add((x + y).slice(0, PREFIX));
  }
  return out;
}

/** Parses just enough of a regular expression to know how its matches begin. */
class PrefixParser {
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
      const atom = this.atom();
      result = concat(result, this.quantified(atom));
    }
    return result;
  }

  /** The atom repeated as a quantifier after it says. */
  private quantified(atom: Set<string>): Set<string> {
    const c = this.s[this.i];
    let min = 1;
    let max = 1;
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
      else if (this.s.startsWith('?=', this.i) || this.s.startsWith('?!', this.i)) (this.i += 2), (assertion = true);
      else if (this.s.startsWith('?<=', this.i) || this.s.startsWith('?<!', this.i)) (this.i += 3), (assertion = true);
      else if (this.s.startsWith('?<', this.i)) this.i = this.s.indexOf('>', this.i) + 1;
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
    if (this.s[this.i] === '^') (members = null), (this.i += 1);
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

/** A character as a prefix symbol: case-folded, white space as a space, ANY beyond the Basic Multilingual Plane. */
function symbol(ch: string): string {
  return ch.length !== 1 ? ANY : isSpace(ch.charCodeAt(0)) ? ' ' : fold(ch);
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

function matchNames(g: Gazetteer, text: string, set: MatcherSet): NameMatch[] {
  const found: NameMatch[] = [];
  for (const m of set.spans(text)) {
    const raw = text.slice(m.start, m.end);
    const start = m.start;
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
  return remember(g.memo.name, raw, () => {
    const candidates = g.nameEntries.get(nameKey(raw));
    if (!candidates) return null;
    // "US" must not be found as "us": an entry in capitals only takes itself.
    return candidates.find((e) => e.kind === 'anaphor' || /\p{Ll}/u.test(e.text) || normalizePattern(e.text) === raw.replace(/\s+/gu, ' ')) ?? null;
  }) ?? undefined;
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
  // Such a cue is a few words long: it is looked for in the last 200 characters (from a space on).
  const from = textBefore.length > AGENT_WINDOW ? Math.max(0, textBefore.lastIndexOf(' ', textBefore.length - AGENT_WINDOW)) : 0;
  const tail = from > 0 ? textBefore.slice(from) : textBefore;
  for (const rule of g.stances) {
    for (const re of rule.agentAfter) {
      const m = re.exec(tail);
      if (m) return { start: from + m.index, end: textBefore.length, stance: rule.stance, agent: 'subject', text: m[0] };
    }
  }
  return null;
}

const AGENT_WINDOW = 200;

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

/** The words of `text`: runs of letters and marks, joined by hyphens; read in one pass. */
function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  let i = 0;
  while (i < text.length) {
    if (codeClass(text.codePointAt(i)!) !== 1) {
      i += 1;
      continue;
    }
    const start = i;
    for (;;) {
      while (i < text.length) {
        const cp = text.codePointAt(i)!;
        if (codeClass(cp) !== 1) break;
        i += cp > 0xffff ? 2 : 1;
      }
      const c = text[i];
      if ((c === '-' || c === '‐') && i + 1 < text.length && codeClass(text.codePointAt(i + 1)!) === 1) i += 1;
      else break;
    }
    words.push({ start, end: i, text: text.slice(start, i) });
  }
  return words;
}

/**
 * People named in `text` by a Latin spelling, also when translation spelled
 * them differently. `seen` holds people already named in the article: only
 * they may be found by a surname alone that is merely close, or by their bare
 * surname at the start of a sentence (so "Price rises" is not Ned Price).
 */
export function findPeople(g: Gazetteer, text: string, seen: ReadonlySet<Person> = new Set()): PersonMatch[] {
  const words = wordsOf(text);
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
  const first = words[i]!.text.charCodeAt(0);
  if (first >= 97 && first <= 122) return null;
  if (!(first >= 65 && first <= 90) && !/^\p{Lu}/u.test(words[i]!.text)) return null;
  const index = g.personIndex;
  // Only the spellings whose first word is close to this one can match here.
  const candidates = formsStartingLike(index, words[i]!.text);
  let best: { result: PersonMatch; length: number; score: number } | null = null;
  for (const c of candidates) {
    const { person, form } = index.forms[c]!;
    const score = formScore(g, text, words, i, index.forms[c]!, seen);
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
  return best ? { result: best.result, length: best.length } : null;
}

/** The spellings (indices into `index.forms`, ascending) whose first word is exactly or closely like `word`. */
function formsStartingLike(index: PersonIndex, word: string): readonly number[] {
  let forms = index.formsMemo.get(word);
  if (forms === undefined) {
    const found: number[] = [];
    for (const id of similaritiesOf(index, word).keys()) found.push(...(index.formsByFirst.get(id) ?? []));
    forms = found.sort((a, b) => a - b);
    if (index.formsMemo.size >= 50_000) index.formsMemo.clear();
    index.formsMemo.set(word, forms);
  }
  return forms;
}

/** 2 = every word exact, 1 = close enough, null = no match. */
function formScore(g: Gazetteer, text: string, words: Word[], i: number, entry: IndexedForm, seen: ReadonlySet<Person>): number | null {
  const { person, form } = entry;
  const n = form.words.length;
  if (i + n > words.length) return null;
  let exact = 0;
  for (let k = 0; k < n; k += 1) {
    const w = words[i + k]!;
    if (k > 0 && !/^\s+$/u.test(text.slice(words[i + k - 1]!.end, w.start))) return null;
    // Names are capitalised; particles ("von der") are matched as written.
    if (/^\p{Lu}/u.test(form.words[k]!) ? !/^\p{Lu}/u.test(w.text) : w.text !== form.words[k]) return null;
    const sim = similaritiesOf(g.personIndex, w.text).get(entry.ids[k]!);
    if (sim === undefined) return null;
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

type Similarity = 'exact' | 'close';

/** A word's sound: phonetic spelling and consonant skeleton. */
interface Sound {
  ph: string;
  sk: string;
}

/** What spelling comparison needs of a word, computed once. */
interface WordShape {
  plain: string;
  parts: string[];
  /** Of the word without its hyphens. */
  whole: Sound;
  /** Of each hyphenated part (when there are several). */
  partSounds: Sound[];
}

function sound(plainWord: string): Sound {
  const ph = phonetic(plainWord);
  return { ph, sk: ph.replace(/[aeiou]/gu, '') };
}

function wordShape(word: string): WordShape {
  const p = plain(word);
  const parts = p.split(/[-‐]/u);
  return { plain: p, parts, whole: sound(p.replace(/[-‐]/gu, '')), partSounds: parts.length > 1 ? parts.map(sound) : [] };
}

/**
 * 'exact' when equal but for case and diacritics; 'close' when one is a
 * translator's respelling of the other (Teleobardi ~ Tileuberdi, Gomert ~
 * Jomart); null otherwise. Hyphenated names compare part by part.
 */
export function wordSimilarity(written: string, known: string): Similarity | null {
  return similarity(wordShape(written), wordShape(known));
}

function similarity(a: WordShape, b: WordShape): Similarity | null {
  if (a.plain === b.plain) return 'exact';
  if (a.parts.length > 1 && a.parts.length === b.parts.length) {
    for (let k = 0; k < a.parts.length; k += 1) {
      if (a.parts[k] !== b.parts[k] && !closeSounds(a.partSounds[k]!, b.partSounds[k]!)) return null;
    }
    return 'close';
  }
  return closeSounds(a.whole, b.whole) ? 'close' : null;
}

function closeSounds(a: Sound, b: Sound): boolean {
  if (a.ph === b.ph) return true;
  const longest = Math.max(a.ph.length, b.ph.length);
  if (Math.min(a.ph.length, b.ph.length) < 4) return false;
  // Cheap bounds first: an edit distance is at least the difference in length.
  if (Math.abs(a.ph.length - b.ph.length) / longest > 0.34 || Math.abs(a.sk.length - b.sk.length) > 1) return false;
  return editDistance(a.ph, b.ph) / longest <= 0.34 && editDistance(a.sk, b.sk) <= 1;
}

/** A spelling of a person, with its words as known-word ids. */
interface IndexedForm {
  person: Person;
  form: PersonForm;
  ids: number[];
}

/** People's spellings, indexed so that a written word meets only the known words it could be close to. */
export interface PersonIndex {
  known: WordShape[];
  byPlain: Map<string, number[]>;
  /** Hyphenated known words by their number of parts. */
  byParts: Map<number, number[]>;
  /** Known words by skeleton length: a close word's differs by at most one. */
  bySkeleton: Map<number, number[]>;
  forms: IndexedForm[];
  /** Form indices by the id of their first word. */
  formsByFirst: Map<number, number[]>;
  /** Similarities of written words to known ones (bounded). */
  memo: Map<string, Map<number, Similarity>>;
  /** The spellings each written word may begin (bounded; see `formsStartingLike`). */
  formsMemo: Map<string, readonly number[]>;
}

function indexPeople(people: Person[]): PersonIndex {
  const index: PersonIndex = { known: [], byPlain: new Map(), byParts: new Map(), bySkeleton: new Map(), forms: [], formsByFirst: new Map(), memo: new Map(), formsMemo: new Map() };
  const ids = new Map<string, number>();
  const add = <K>(map: Map<K, number[]>, key: K, id: number): void => void map.set(key, [...(map.get(key) ?? []), id]);
  const idOf = (word: string): number => {
    let id = ids.get(word);
    if (id === undefined) {
      id = index.known.length;
      ids.set(word, id);
      const shape = wordShape(word);
      index.known.push(shape);
      add(index.byPlain, shape.plain, id);
      if (shape.parts.length > 1) add(index.byParts, shape.parts.length, id);
      add(index.bySkeleton, shape.whole.sk.length, id);
    }
    return id;
  };
  for (const person of people) {
    for (const form of person.forms) {
      const entry = { person, form, ids: form.words.map(idOf) };
      add(index.formsByFirst, entry.ids[0]!, index.forms.length);
      index.forms.push(entry);
    }
  }
  return index;
}

/** The known words a written word is exactly or closely like. */
function similaritiesOf(index: PersonIndex, written: string): Map<number, Similarity> {
  let sims = index.memo.get(written);
  if (sims) return sims;
  sims = new Map();
  const shape = wordShape(written);
  const candidates = new Set([
    ...(index.byPlain.get(shape.plain) ?? []),
    ...(shape.parts.length > 1 ? (index.byParts.get(shape.parts.length) ?? []) : []),
    ...(index.bySkeleton.get(shape.whole.sk.length - 1) ?? []),
    ...(index.bySkeleton.get(shape.whole.sk.length) ?? []),
    ...(index.bySkeleton.get(shape.whole.sk.length + 1) ?? []),
  ]);
  for (const id of candidates) {
    const sim = similarity(shape, index.known[id]!);
    if (sim !== null) sims.set(id, sim);
  }
  if (index.memo.size >= 50_000) index.memo.clear();
  index.memo.set(written, sims);
  return sims;
}

