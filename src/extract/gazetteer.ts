// The gazetteer of the `reactions` dataset (actors, people, non-actors,
// anaphors, speech verbs, negations), read from data/gazetteer.yaml and a
// story's additions so that editors extend it without touching code; the
// stance cues come from the codebook (codebook.ts). This module validates the
// YAML (a bad entry is reported as file:line:column and the field), then
// compiles it with the codebook's cues into matchers. Pure: it takes the YAML
// text; reading the file is the caller's job. The matching itself lives
// beside it: text-fold.ts (normalising), cue-source.ts and cue-prefixes.ts
// (cues as expressions), matcher.ts and matcher-index.ts (trying them),
// gazetteer-lookup.ts (names and cues in a text), people.ts (fuzzy names).
import type { Document } from 'yaml';
import { VFile } from 'vfile';
import { locate, parseYamlWithPlaces } from '../common/yaml-places.ts';
import { describeAll, failAtField } from '../common/problems.ts';
import type { VFileMessage } from '../common/problems.ts';
import * as z from 'zod';
import { ACTOR_TYPES, type ActorType, type Stance } from '../datasets/schema.ts';
import { defaultCodebook, type Codebook } from './codebook.ts';
import type { Span } from './types.ts';
import { yamlData } from '../common/yaml-data.ts';
import {
  actorAlternation,
  compileMatcher,
  cueSource,
  expandActorMacro,
  isRegexCue,
  namesMatcher,
  regexSource,
} from './cue-source.ts';
import { MatcherSet, patternFlags } from './matcher.ts';
import type { Matcher } from './matcher.ts';
import { indexPeople } from './people.ts';
import type { PersonIndex } from './people.ts';
import { caseFree } from './regex-case.ts';
import { isLatin, nameKey } from './text-fold.ts';

// ------------------------------------------------------------------ the schema

const REFERS_TO = ['speaker', 'person', 'state', 'organization', 'nearest', 'several'] as const;
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

/** A gazetteer's files validated and merged (readGazetteers): plain data, which a derive keeps as JSON beside its extraction cache. */
export type GazetteerData = z.infer<typeof gazetteerSchema>;

// ------------------------------------------------------------------- errors

/**
 * Thrown by `parseGazetteer`; `issues` holds every problem, each on the VFile
 * of its gazetteer file (the field at fault named in its reason); the fields
 * repeat the first.
 */
export class GazetteerError extends Error {
  readonly issues: VFileMessage[];
  readonly line: number;
  readonly column: number;
  readonly reason: string;

  constructor(issues: VFileMessage[]) {
    super(describeAll(issues));
    this.name = 'GazetteerError';
    const first = issues[0]!;
    this.issues = issues;
    this.line = first.line ?? 1;
    this.column = first.column ?? 1;
    this.reason = first.reason;
  }
}

/** A problem in a gazetteer file: rule `gazetteer`, the field at fault named. */
function issue(file: VFile, field: string, place: { line: number; column: number }, reason: string): VFileMessage {
  return failAtField(file, reason, place, field, 'gazetteer');
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

export interface NameEntry {
  kind: NameKind;
  text: string;
  actor: Actor | null;
  person: Person | null;
  refersTo: RefersTo | null;
}

export interface StanceRule {
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

/** A word of a title ("minister", "Secretary-General": each part of a hyphenated one is), as data/gazetteer.yaml lists them. */
export function isTitle(g: Gazetteer, word: string): boolean {
  const lower = word.toLowerCase();
  return g.titles.has(lower) || (lower.includes('-') && lower.split('-').every((part) => g.titles.has(part)));
}

/** The gazetteer of a story whose home is the actor `home` (null: none, or an actor it does not know). */
export function withHome(gazetteer: Gazetteer, home: string | null): Gazetteer {
  const actor = home === null ? undefined : gazetteer.actorByName.get(home);
  return {
    ...gazetteer,
    home: actor ? [actor.name, ...(actor.adjective ? [actor.adjective] : []), ...actor.aliases] : [],
  };
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
export function parseGazetteer(
  yamlText: string,
  file = 'gazetteer.yaml',
  codebook: Codebook = defaultCodebook(),
): Gazetteer {
  return parseGazetteers([{ text: yamlText, path: file }], codebook);
}

/**
 * The base gazetteer and a story's additions, as one: the additions' actors
 * and lists follow the base ones, and their cues join the same stances. Each
 * file is validated on its own, so a problem is reported in the file and at
 * the place that has it; an alias an addition gives to a second actor is
 * reported in the addition.
 */
export function parseGazetteers(
  sources: readonly GazetteerSource[],
  codebook: Codebook = defaultCodebook(),
): Gazetteer {
  return gazetteerFrom(readGazetteers(sources), sources, codebook);
}

/** The Gazetteer of data readGazetteers gave for `sources` (their paths name it in messages). */
export function gazetteerFrom(
  data: GazetteerData,
  sources: readonly { path: string }[],
  codebook: Codebook = defaultCodebook(),
): Gazetteer {
  return compile(data, sources.map((s) => s.path).join(' + '), codebook);
}

/** The base gazetteer and a story's additions validated and merged (parseGazetteers without compiling them); throws GazetteerError. */
export function readGazetteers(sources: readonly GazetteerSource[]): GazetteerData {
  const issues: VFileMessage[] = [];
  const parsed: {
    data: GazetteerData;
    doc: Document;
    at: (offset: number) => { line: number; column: number };
    file: string;
    vfile: VFile;
  }[] = [];
  for (const { text, path: file } of sources) {
    const vfile = new VFile({ path: file });
    const one = parseOne(text, vfile);
    if ('issues' in one) issues.push(...one.issues);
    else parsed.push({ ...one, file, vfile });
  }
  if (issues.length > 0) throw new GazetteerError(issues);
  if (parsed.length === 0 || parsed.every((p) => p.data.actors.length === 0)) {
    const file = new VFile({ path: sources[0]?.path ?? 'gazetteer.yaml' });
    throw new GazetteerError([issue(file, 'actors', { line: 1, column: 1 }, 'expected at least one actor')]);
  }
  const owners = new Map<string, string>();
  const actorNames = new Set<string>();
  for (const p of parsed) {
    const duplicates = findDuplicates(
      p.data,
      owners,
      actorNames,
      parsed.map((q) => q.data),
    );
    issues.push(...duplicates.map((d) => issue(p.vfile, d.path.join('.'), p.at(locate(p.doc, d.path)), d.reason)));
  }
  if (issues.length > 0) throw new GazetteerError(issues);
  return mergeData(parsed.map((p) => p.data));
}

function parseOne(
  yamlText: string,
  file: VFile,
):
  | { data: GazetteerData; doc: Document; at: (offset: number) => { line: number; column: number } }
  | { issues: VFileMessage[] } {
  const { doc, at } = parseYamlWithPlaces(yamlText);
  if (doc.errors.length > 0) {
    return { issues: doc.errors.map((e) => issue(file, '', at(e.pos[0]), `YAML: ${e.message.split('\n')[0]}`)) };
  }
  const read = yamlData(doc);
  if ('message' in read) return { issues: [issue(file, '', at(read.offset), `YAML: ${read.message}`)] };
  const result = gazetteerSchema.safeParse(read.data ?? {});
  if (!result.success) {
    // An unknown field is usually a misspelt one: report it before the "missing" it causes.
    const issues = [...result.error.issues].sort(
      (a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'),
    );
    return {
      issues: issues.map((zodIssue) => {
        const path = zodIssue.path.map(String);
        const keys = zodIssue.code === 'unrecognized_keys' ? zodIssue.keys : [];
        const where = locate(doc, zodIssue.path as (string | number)[], keys[0]);
        const moved = keys.includes('stances')
          ? ': the stances and their cues are in the codebook now (data/codebook.yaml, data/<story>/codebook.yaml)'
          : '';
        const reason =
          keys.length > 0 ? `unknown field ${keys.map((k) => `"${k}"`).join(', ')}${moved}` : zodIssue.message;
        return issue(file, path.join('.'), at(where), reason);
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
    if (prior !== undefined && prior !== owner)
      problems.push({ path, reason: `"${name}" is already a name of ${prior}` });
    else owners.set(key, owner);
  };
  data.actors.forEach((a, i) => {
    if (actorNames.has(a.name))
      problems.push({ path: ['actors', i, 'name'], reason: `actor "${a.name}" is defined twice` });
    actorNames.add(a.name);
    a.aliases.forEach((alias, j) => claim(alias, a.name, ['actors', i, 'aliases', j]));
  });
  data.actors.forEach((a, i) =>
    a.people.forEach((p, j) =>
      p.speaks_for.forEach((n, k) => {
        if (!all.some((d) => d.actors.some((o) => o.name === n)))
          problems.push({
            path: ['actors', i, 'people', j, 'speaks_for', k],
            reason: `"${n}" is not the name of an actor`,
          });
      }),
    ),
  );
  data.non_actors.forEach((n, i) => claim(n, 'the non-actors', ['non_actors', i]));
  data.anaphors.forEach((n, i) => claim(n.phrase, 'the anaphors', ['anaphors', i, 'phrase']));
  return problems;
}

// ----------------------------------------------------------------- compiling

function compile(data: GazetteerData, file: string, codebook: Codebook): Gazetteer {
  const actors: Actor[] = data.actors.map((a) => ({
    name: a.name,
    type: a.type,
    adjective: a.adjective ?? null,
    short: a.short ?? null,
    aliases: a.aliases,
    people: [],
  }));
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
  data.actors.forEach((a, i) =>
    a.people.forEach((p, j) => (actors[i]!.people[j]!.speaksFor = p.speaks_for.map((n) => byName.get(n)!))),
  );
  for (const n of data.non_actors)
    entries.push({ kind: 'non_actor', text: n, actor: null, person: null, refersTo: null });
  for (const n of data.anaphors)
    entries.push({ kind: 'anaphor', text: n.phrase, actor: null, person: null, refersTo: n.refers_to });

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
        return caseFree(source, patternFlags(source, 'i'));
      }),
      notAfter:
        rule.not_after.length > 0 ? new MatcherSet(rule.not_after.map((c) => compileMatcher(c, actorMacro))) : null,
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
  if (!forms.some((f) => f.words.join(' ') === surnameWords.join(' ')))
    forms.push({ words: surnameWords, derived: true });
  // Longest first, so "Kassym-Jomart Tokayev" wins over "Tokayev".
  return forms.sort((a, b) => b.words.length - a.words.length);
}

function lastWord(name: string): string {
  return name.split(/\s+/u).at(-1)!;
}

// The lookups, re-exported: callers import the gazetteer from here alone.
export {
  findAgentAfterCue,
  findCues,
  findNames,
  findNegations,
  findSpeechVerbs,
  isObjectVerb,
  isReportedOnly,
} from './gazetteer-lookup.ts';
export { findPeople, isSpeechVerb, wordSimilarity } from './people.ts';
export type { PersonIndex, PersonMatch } from './people.ts';
export { normalizeText } from './text-fold.ts';
export type { Normalized } from './text-fold.ts';
export { MatcherSet } from './matcher.ts';
export type { Matcher } from './matcher.ts';
