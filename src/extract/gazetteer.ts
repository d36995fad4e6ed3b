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
  cues: RegExp[];
  /** Anchored at the end: tested on the text just before a name. */
  agentAfter: RegExp[];
  notAfter: RegExp | null;
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
  speechVerbs: RegExp;
  speechVerbWord: RegExp;
  objectVerbs: RegExp;
  negation: RegExp;
  titles: ReadonlySet<string>;
  nonActorHeads: ReadonlySet<string>;
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
      cues: rule.cues.map((c) => cueRegex(c, actorMacro)),
      agentAfter: rule.agent_after.map((c) => new RegExp(`(?:${cueSource(c, actorMacro)})\\s*(?:the\\s+)?$`, 'iu')),
      notAfter: rule.not_after.length > 0 ? new RegExp(rule.not_after.map((c) => cueSource(c, actorMacro)).join('|'), 'iu') : null,
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
    speechVerbs: phraseListRegex(data.speech_verbs, actorMacro),
    speechVerbWord: new RegExp(`^[وف]?(?:${data.speech_verbs.map((c) => cueSource(c, actorMacro)).join('|')})$`, 'iu'),
    objectVerbs: new RegExp(`^(?:${data.object_verbs.map((c) => cueSource(c, actorMacro)).join('|')})$`, 'iu'),
    negation: phraseListRegex(data.negation, actorMacro),
    titles: new Set(data.titles.map((t) => t.toLowerCase())),
    nonActorHeads: new Set(data.non_actor_heads.map((t) => t.toLowerCase())),
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

/** `{actor}` in a cue: any Latin alias of three letters or more. */
function actorAlternation(aliases: string[]): string {
  const usable = aliases.filter((a) => isLatin(a) && a.length >= 3).sort((a, b) => b.length - a.length);
  return `(?:${usable.map(literal).join('|')})`;
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

function cueRegex(cue: string, actorMacro: string): RegExp {
  return new RegExp(cueSource(cue, actorMacro), 'giu');
}

function phraseListRegex(cues: string[], actorMacro: string): RegExp {
  const sources = cues.length > 0 ? cues.map((c) => cueSource(c, actorMacro)) : ['(?!)'];
  return new RegExp(sources.join('|'), 'giu');
}

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
  const found: CueMatch[] = [];
  for (const rule of g.stances) {
    for (const re of rule.cues) {
      for (const m of text.matchAll(re)) {
        if (m[0].length === 0) continue;
        found.push({ start: m.index, end: m.index + m[0].length, stance: rule.stance, agent: rule.agent, text: m[0] });
      }
    }
  }
  return found;
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
  return spans(text, g.speechVerbs);
}

export function isObjectVerb(g: Gazetteer, word: string): boolean {
  return g.objectVerbs.test(word.replace(/^[وف]/u, '')) || g.objectVerbs.test(word);
}

/** Spans of negation words in `text`. */
export function findNegations(g: Gazetteer, text: string): Span[] {
  return spans(text, g.negation);
}

function spans(text: string, re: RegExp): Span[] {
  return [...text.matchAll(re)].filter((m) => m[0].length > 0).map((m) => ({ start: m.index, end: m.index + m[0].length }));
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
  return g.speechVerbWord.test(word);
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
