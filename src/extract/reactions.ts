// The `reactions` dataset of CONTRACT §4: one row per (sentence, actor,
// stance). Rule-based and explainable: the gazetteer (data/gazetteer.yaml)
// names the actors and the stance cues; this module decides, per cue, WHO
// holds that position, from the grammar around it:
//   - a cue of saying ("concern", "dialogue") belongs to the subject of the
//     nearest speech verb before it ("Iran said ... dialogue" -> Iran);
//   - a cue of doing ("sent troops") to the nearest subject before it
//     ("the CSTO announced that Moscow had sent troops" -> Russia);
//   - names after a preposition or a verb are objects and never hold a
//     position ("called on Kazakhstan", "support for Kazakhstan");
//   - quotes belong to their attribution ("“...,” it added"), and "he",
//     "the ministry", "the statement" to the last actor named before.
// Pure: text in, rows and messages out.
import { resolveAsOf } from './dates.ts';
import {
  findAgentAfterCue,
  findCues,
  findNames,
  findNegations,
  findPeople,
  findSpeechVerbs,
  isObjectVerb,
  isReportedOnly,
  isSpeechVerb,
  normalizeText,
  type Actor,
  type CueMatch,
  type Gazetteer,
  type NameKind,
  type Person,
  type RefersTo,
} from './gazetteer.ts';
import { layoutOf } from './sentences.ts';
import type { Layout } from './sentences.ts';
import type { Extraction, Message, Paragraph, ReactionDraft, Sentence, Span } from './types.ts';

export interface ReactionArticle {
  id: string;
  body: string;
  published: string;
}

/**
 * The reactions of one article, rows in text order. `layout`: the body's
 * layout when the caller has it (it must be `layoutOf(article.body)`).
 */
export function extractReactions(
  article: ReactionArticle,
  gazetteer: Gazetteer,
  layout: Layout = layoutOf(article.body),
): Extraction<ReactionDraft> {
  const { paragraphs, sentences, days } = layout;
  const discourse = new Discourse(gazetteer, paragraphs);
  const found: { row: ReactionDraft; paragraph: number; cue: string }[] = [];
  const messages: Message[] = [];
  for (const sentence of sentences) {
    const reading = readSentence(sentence, gazetteer, discourse);
    const paragraph = paragraphs[sentence.paragraph];
    const asOf =
      reading.claims.length > 0
        ? resolveAsOf(sentence.text, paragraph?.text ?? sentence.text, article.published, days)
        : null;
    for (const claim of reading.claims) {
      const row: ReactionDraft = {
        article: article.id,
        actor: claim.actor.name,
        actor_type: claim.actor.type,
        speaker: claim.speaker?.name ?? null,
        speaker_as_written: claim.speaker?.written ?? null,
        stance: claim.stance,
        as_of: asOf,
        quote: sentence.text,
        start: sentence.start,
        end: sentence.end,
      };
      found.push({ row, paragraph: sentence.paragraph, cue: claim.cue });
    }
    messages.push(...reading.notes.map((reason) => note(sentence, reason)));
  }
  return { rows: aidThatIsTroops(found), messages };
}

const CIVILIAN_AID = /humanitarian|medic|food|suppl|expert|mediat|financ|econom/iu;

/**
 * Aid pledged by an actor that sends troops in the same paragraph is those
 * troops ("the alliance has pledged aid. It will send peacekeeping troops"):
 * sends_troops, not offers_help, unless the aid is named as civilian.
 */
function aidThatIsTroops(found: { row: ReactionDraft; paragraph: number; cue: string }[]): ReactionDraft[] {
  const rows: ReactionDraft[] = [];
  for (const f of found) {
    const military =
      f.row.stance === 'offers_help' &&
      !CIVILIAN_AID.test(f.cue) &&
      found.some((o) => o.paragraph === f.paragraph && o.row.actor === f.row.actor && o.row.stance === 'sends_troops');
    if (!military) rows.push(f.row);
    else if (
      !found.some((o) => o.row.start === f.row.start && o.row.actor === f.row.actor && o.row.stance === 'sends_troops')
    ) {
      rows.push({ ...f.row, stance: 'sends_troops' });
    }
  }
  return rows;
}

function note(sentence: Sentence, reason: string): Message {
  return { start: sentence.start, end: sentence.end, reason, ruleId: 'reactions/no-actor', severity: 'info' };
}

// ------------------------------------------------------------------- shapes

interface Speaker {
  name: string;
  written: string;
}

/** An actor named or meant at some point of the article, for "he", "it", "the ministry". */
interface Entry {
  actor: Actor;
  speaker: Speaker | null;
  /** Whether it was speaking or acting there, not merely mentioned. */
  subject: boolean;
  paragraph: number;
}

type Role = 'subject' | 'object' | 'modifier';

interface Mention extends Span {
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

interface Claim {
  actor: Actor;
  speaker: Speaker | null;
  stance: CueMatch['stance'];
  /** The cue's words. */
  cue: string;
}

interface Reading {
  claims: Claim[];
  notes: string[];
}

/** Who holds a cue: entries, or `blocked` when a non-actor does (the police, Reuters). */
type Owners = Entry[] | 'blocked' | null;

// ---------------------------------------------------------------- discourse

const WINDOW = 2;
/** How far back "she" finds the person last named for the actor she stands for. */
const PERSON_WINDOW = 6;

/** What earlier sentences named, for implicit speakers. */
class Discourse {
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

/** Whether an entry can be what an implicit reference of this kind stands for. */
function fitsReference(refersTo: RefersTo, e: Entry): boolean {
  switch (refersTo) {
    case 'organization':
      return e.actor.type === 'organization';
    case 'state':
      return e.subject && e.actor.type === 'state';
    case 'nearest':
      return true;
    case 'speaker':
    case 'person':
      return e.subject;
  }
}

function tweetAuthor(g: Gazetteer, text: string): Omit<Entry, 'paragraph'> | null {
  const m = /[—–-]\s*([^—–()\n]{3,60}?)\s*\(@\w+\)/u.exec(text);
  if (!m) return null;
  const person = findPeople(g, m[1]!)[0];
  return person
    ? { actor: person.person.actor, speaker: { name: person.person.name, written: person.written }, subject: true }
    : null;
}

// ------------------------------------------------------------ one sentence

function readSentence(sentence: Sentence, g: Gazetteer, discourse: Discourse): Reading {
  const norm = normalizeText(sentence.text);
  const text = norm.text;
  const arabic = sentence.lang === 'ar' || isMostlyArabic(text);
  // Asides, tokens and clauses are worked out only for sentences that need them (most name no one).
  const mentions = collectMentions(g, text, norm.toOriginal, sentence.text, discourse.seen, () =>
    arabic ? [] : asideSpans(text),
  );
  assignRoles(mentions, discourse, sentence.paragraph);
  // A quoted name (the “Organization of the Collective Security Treaty”) is no speech.
  const quotes = (arabic ? [] : longQuotes(text)).filter(
    (q) => !mentions.some((m) => text.slice(q.start + 1, q.end - 1).trim() === text.slice(m.start, m.end)),
  );
  for (const m of mentions) m.quote = within(m.start, quotes);
  // englishRole reads only the tokens before a mention: those up to the last one are enough.
  let tokens: Token[] | null = null;
  for (const m of mentions)
    m.role = arabic
      ? arabicRole(text, m)
      : englishRole(g, text, (tokens ??= tokenize(text, Math.max(...mentions.map((o) => o.start)))), mentions, m);
  groupLists(text, mentions);
  if (!arabic) speakersBeforeVerbs(g, text, mentions);
  const pending = resolveAnaphors(mentions, discourse, sentence.paragraph);
  const cues = findStanceCues(g, text, mentions);
  const context: SentenceContext = { g, text, sentence, mentions, quotes, discourse };
  const claims: Claim[] = [];
  const notes: string[] = [];
  const fromContext: Entry[] = [];
  for (const cue of cues) {
    const owners = cue.owners ?? (arabic ? arabicOwners(context, cue) : englishOwners(context, cue));
    if (owners === 'blocked') continue;
    if (!owners || owners.length === 0) {
      notes.push(`stance cue "${cue.text}" (${cue.stance}) has no actor the text names`);
      continue;
    }
    for (const owner of owners) {
      const speaker = owner.speaker ?? personNear(context, cue.start, owner.actor);
      addClaim(claims, { actor: owner.actor, speaker, stance: cue.stance, cue: cue.text });
      // A speaker found only from context speaks here too, for the next "he added".
      if (discourse.isKnown(owner)) fromContext.push({ ...owner, subject: true, paragraph: sentence.paragraph });
    }
  }
  const people = mentions.flatMap((m) => (m.person ? [m.person] : []));
  discourse.commit([...pending, ...fromContext], people);
  return { claims: claims.filter((c) => !onlyTroopsNamed(c, claims)), notes };
}

const SENDING = /\b(?:send|sent|dispatch|deploy|airlift|land|transfer|mov|transport|flown|إرسال|نشر)/iu;

/**
 * Troops named in a sentence about their withdrawal ("Belarus began
 * withdrawing its paratroopers") are not being sent: a sends_troops whose
 * cue is only the troops gives way to the same actor's withdraws_troops.
 */
function onlyTroopsNamed(claim: Claim, claims: Claim[]): boolean {
  return (
    claim.stance === 'sends_troops' &&
    !SENDING.test(claim.cue) &&
    claims.some((c) => c.actor === claim.actor && c.stance === 'withdraws_troops')
  );
}

/** One row per actor and stance in a sentence; a named speaker beats none. */
function addClaim(claims: Claim[], claim: Claim): void {
  const prior = claims.find((c) => c.actor === claim.actor && c.stance === claim.stance);
  if (!prior) claims.push(claim);
  else if (!prior.speaker && claim.speaker) prior.speaker = claim.speaker;
}

interface SentenceContext {
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

function isMostlyArabic(text: string): boolean {
  // Only Arabic letters count for it: a text without any is done with one scan.
  if (!ARABIC.test(text)) return false;
  let balance = 0;
  for (const ch of text) balance += scriptOf(ch);
  return balance > 0;
}

/** 1 for an Arabic character, -1 for a Latin one, 0 otherwise. */
function scriptOf(ch: string): number {
  const code = ch.codePointAt(0)!;
  if (code < 128) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) ? -1 : 0;
  let s = SCRIPTS.get(code);
  if (s === undefined) {
    s = /\p{Script=Arabic}/u.test(ch) ? 1 : /\p{Script=Latin}/u.test(ch) ? -1 : 0;
    if (SCRIPTS.size < 10_000) SCRIPTS.set(code, s);
  }
  return s;
}
const SCRIPTS = new Map<number, number>();
const ARABIC = /\p{Script=Arabic}/u;

// ------------------------------------------------------------------ tokens

interface Token extends Span {
  text: string;
  word: boolean;
}

/**
 * Words (letters, marks and digits, joined by ' - or .) and single other
 * characters, as `/[\p{L}\p{M}\p{N}]+(?:['\-.][\p{L}\p{M}\p{N}]+)*|\S/gu` would
 * give them, read in one pass; those starting before `until` (all by default).
 */
function tokenize(text: string, until = text.length): Token[] {
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

const JOINERS = new Set(["'", '-', '.']);
const MARK = 2;
const WORD_CLASSES = new Map<number, number>();

/** 0: not a letter, mark or digit; 1: letter or digit; 2: mark. */
function wordClass(cp: number): number {
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

const OPENING = new Set(['“', '«', '„']);
const CLOSING = new Set(['”', '»']);
const QUOTE_MARKS = new Set(['“', '”', '«', '»', '„', '"']);

/**
 * Quotations of more than five words: speech belonging to an attribution.
 * Shorter ones are scare quotes or names ("called for “restraint”", the
 * “Organization of the Collective Security Treaty”) and read as plain text.
 * A closing mark with no opening one means the quote began in an earlier
 * sentence; an opening one never closed, that it runs on.
 */
function longQuotes(text: string): Span[] {
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

/** Asides between paired dashes or in brackets; an unpaired dash runs to the end. */
function asideSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(/\([^()]*\)/gu)) spans.push({ start: m.index, end: m.index + m[0].length });
  const dashes = [...text.matchAll(/\s[–—-]\s/gu)].map((m) => m.index);
  for (let i = 0; i < dashes.length; i += 2) spans.push({ start: dashes[i]!, end: dashes[i + 1] ?? text.length });
  return spans;
}

const within = (pos: number, spans: Span[]): number => spans.findIndex((s) => pos >= s.start && pos < s.end);

// ---------------------------------------------------------------- mentions

function collectMentions(
  g: Gazetteer,
  text: string,
  toOriginal: readonly number[],
  original: string,
  seen: ReadonlySet<Person>,
  asidesOf: () => Span[],
): Mention[] {
  const people = findPeople(g, text, seen).map((p) =>
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
  const names = findNames(g, text)
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
    (m, i) => !(m.refersTo === 'nearest' && all[i + 1] && /^\s+$/u.test(text.slice(m.end, all[i + 1]!.start))),
  );
  for (const m of kept) m.aside = within(m.start, asides) >= 0;
  return kept;
}

function mention(
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
function assignRoles(mentions: Mention[], discourse: Discourse, paragraph: number): void {
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
function possessedInstitutions(text: string, mentions: Mention[]): Mention[] {
  return mentions.map((m, i) => {
    const owner = mentions[i - 1];
    if (!owner || owner.kind !== 'actor' || !owner.actor || m.kind === 'person' || m.kind === 'non_actor') return m;
    if (!/^(?:'s)?\s+$/u.test(text.slice(owner.end, m.start)) || m.actor === owner.actor) return m;
    if (m.kind === 'anaphor' && m.refersTo !== 'state') return m;
    return { ...m, kind: 'actor', actor: owner.actor, refersTo: null };
  });
}

/** "Russian media", "Kazakh people": the country's people or press, not its government. */
function namesPeopleNotGovernment(g: Gazetteer, text: string, m: Mention): boolean {
  if (m.kind !== 'actor') return false;
  const next = /^\s+([\p{L}]+)/u.exec(text.slice(m.end));
  return next !== null && g.nonActorHeads.has(next[1]!.toLowerCase());
}

// -------------------------------------------------------------------- roles

const DETERMINERS = new Set([
  'the',
  'a',
  'an',
  'this',
  'these',
  'those',
  'his',
  'her',
  'its',
  'their',
  'our',
  'my',
  'your',
  'some',
  'all',
  'both',
  'each',
  'every',
  'other',
  'another',
  'any',
  'several',
  'many',
  'more',
  'than',
  'most',
]);
// Before a subject: a new clause starts there.
const SUBJECT_MARKERS = new Set([
  'and',
  'or',
  'but',
  'nor',
  'while',
  'whereas',
  'as',
  'that',
  'when',
  'since',
  'because',
  'although',
  'though',
  'if',
  'meanwhile',
  'also',
  'however',
  'then',
  'so',
  'whether',
  'after',
  'before',
  'once',
  'where',
  'which',
  'who',
  'whom',
  'until',
  'unless',
  'by',
  'yet',
  'furthermore',
  'moreover',
  'instead',
]);
// Before an object: the name is talked about, it does not talk.
const PREPOSITIONS = new Set([
  'in',
  'on',
  'at',
  'to',
  'for',
  'with',
  'from',
  'about',
  'against',
  'into',
  'onto',
  'of',
  'over',
  'under',
  'toward',
  'towards',
  'between',
  'among',
  'amongst',
  'within',
  'without',
  'across',
  'through',
  'via',
  'including',
  'like',
  'regarding',
  'concerning',
  'despite',
  'near',
  'upon',
  'around',
  'behind',
  'beyond',
  'inside',
  'outside',
  'throughout',
  'amid',
  'amidst',
  'per',
  'unlike',
  'versus',
]);

/**
 * Whether a name holds the floor: walk back over its noun phrase ("the
 * Russian-led", "US Secretary of State") and look at what comes before. A
 * clause start, punctuation, a conjunction or "said" make it a subject; a
 * preposition or another verb make it an object.
 */
function englishRole(g: Gazetteer, text: string, tokens: Token[], mentions: Mention[], m: Mention): Role {
  if (/^-\p{Ll}/u.test(text.slice(m.end)) || /\p{Ll}-$/u.test(text.slice(0, m.start))) return 'modifier';
  let j = tokens.findLastIndex((t) => t.end <= m.start);
  while (j >= 0) {
    const tok = tokens[j]!;
    const lower = tok.text.toLowerCase();
    const prev = tokens[j - 1]?.text.toLowerCase();
    if (mentions.some((o) => o !== m && tok.start < o.end && o.start < tok.end) || QUOTE_MARKS.has(tok.text)) {
      j -= 1;
      continue;
    }
    if (!tok.word) return 'subject';
    if ((lower === 'to' && prev === 'according') || (lower === 'for' && prev === 'as')) return 'subject';
    // "Secretary of State", "President of Kazakhstan" are one name; "security of Kazakhstan" is not.
    // "the missions of the United States, Britain …", "the chairperson of the African Union Commission": the representative's name.
    if (
      lower === 'of' &&
      prev !== undefined &&
      g.titles.has(prev) &&
      (/^\p{Lu}/u.test(tokens[j - 1]!.text) || DETERMINERS.has(tokens[j - 2]?.text.toLowerCase() ?? ''))
    ) {
      j -= 1;
      continue;
    }
    // "called on security forces and demonstrators": a non-actor joined by a
    // bare "and" shares the role of what it is joined to.
    if (m.kind === 'non_actor' && (lower === 'and' || lower === 'or') && tokens[j - 1]?.text !== ',') {
      j -= 1;
      continue;
    }
    if (SUBJECT_MARKERS.has(lower)) return 'subject';
    if (PREPOSITIONS.has(lower)) return 'object';
    if (DETERMINERS.has(lower) || g.titles.has(lower) || /^[\p{Lu}\p{N}]/u.test(tok.text)) {
      j -= 1;
      continue;
    }
    if (isSpeechVerb(g, tok.text)) return isObjectVerb(g, tok.text) ? 'object' : 'subject';
    return 'object';
  }
  return 'subject';
}

const ARABIC_PREPOSITIONS = new Set([
  'في',
  'الي',
  'من',
  'مع',
  'علي',
  'عن',
  'لدي',
  'تجاه',
  'ضد',
  'بين',
  'حول',
  'عبر',
  'باسم',
]);

/** Arabic: an object when a preposition or a ب/ل/ك proclitic governs it. */
function arabicRole(text: string, m: Mention): Role {
  if (m.proclitic && 'بلك'.includes(m.proclitic)) return 'object';
  const before = /(\S+)\s*$/u.exec(text.slice(0, m.start));
  const word = before?.[1]?.replace(/[،,:]/gu, '');
  // "باسم البيت الأبيض" (spokeswoman "of" the White House) still names the speaker.
  return word && ARABIC_PREPOSITIONS.has(word) && word !== 'باسم' ? 'object' : 'subject';
}

// ------------------------------------------------------------------- lists

const LIST_GAP =
  /^\s*(?:,\s*(?:and\s+|or\s+|as well as\s+)?|and\s+|or\s+|as well as\s+|&\s*|[،,]?\s*و\s*|،\s*)(?:the\s+|its\s+|their\s+)?$/iu;

/**
 * "Russia, Belarus, Armenia, Tajikistan and Kyrgyzstan": one group, whose
 * role is the role of its head (so a list after "from" is all objects).
 */
function groupLists(text: string, mentions: Mention[]): void {
  mentions.forEach((m, i) => {
    const prev = mentions[i - 1];
    const linked =
      prev &&
      prev.kind !== 'anaphor' &&
      m.kind !== 'anaphor' &&
      prev.quote === m.quote &&
      LIST_GAP.test(text.slice(prev.end, m.start));
    m.group = linked ? prev.group : i;
    if (linked) m.role = mentions[prev.group]!.role;
  });
}

/**
 * A name right before a speech verb is speaking, whatever came before it
 * (headline "Victims of the confrontations of Kazakhstan and Russia accuse
 * external parties"); it then leaves the list it was read into.
 */
function speakersBeforeVerbs(g: Gazetteer, text: string, mentions: Mention[]): void {
  mentions.forEach((m, i) => {
    const next = /^\s+([\p{L}]+)/u.exec(text.slice(m.end));
    if (m.role !== 'object' || !next || !isSpeechVerb(g, next[1]!) || m.kind === 'non_actor') return;
    m.role = 'subject';
    m.group = i;
  });
}

// ---------------------------------------------------------------- anaphors

/** Resolves "he", "the ministry", "its" in order; returns this sentence's entries. */
function resolveAnaphors(mentions: Mention[], discourse: Discourse, paragraph: number): Entry[] {
  const pending: Entry[] = [];
  for (const m of mentions) {
    if (m.kind === 'anaphor' && m.refersTo) m.resolved = discourse.resolve(m.refersTo, paragraph, pending);
    const entry = entryOf(m, paragraph);
    if (entry) pending.push(entry);
  }
  return pending;
}

function entryOf(m: Mention, paragraph: number): Entry | null {
  const subject = m.role === 'subject' && !m.aside && m.quote === -1;
  if (m.kind === 'anaphor') {
    if (!m.resolved) return null;
    const speaker = m.refersTo === 'speaker' || m.refersTo === 'person' ? m.resolved.speaker : null;
    return { actor: m.resolved.actor, speaker, subject, paragraph };
  }
  if ((m.kind === 'actor' || m.kind === 'person') && m.actor && m.role !== 'modifier') {
    return { actor: m.actor, speaker: m.kind === 'person' ? m.speaker : null, subject, paragraph };
  }
  return null;
}

// -------------------------------------------------------------------- cues

interface SentenceCue extends CueMatch {
  /** Set for cues whose doers are named after them. */
  owners: Owners;
}

/**
 * The stance cues of a sentence that stand: negated ones ("did not express
 * concern") and reported accusations ("claims that X is behind") are dropped,
 * and where cues overlap the longest wins.
 */
function findStanceCues(g: Gazetteer, text: string, mentions: Mention[]): SentenceCue[] {
  const cues: SentenceCue[] = findCues(g, text).map((c) => ({ ...c, owners: null }));
  for (const head of mentions.filter((m, i) => m.group === i)) {
    const cue = findAgentAfterCue(g, text.slice(0, head.start - (head.proclitic ? 1 : 0)));
    if (!cue) continue;
    const members = mentions.filter((m) => m.group === head.group);
    const owners = members.flatMap((m) =>
      m.actor && m.kind !== 'non_actor'
        ? [{ actor: m.actor, speaker: m.kind === 'person' ? m.speaker : null, subject: true, paragraph: -1 }]
        : [],
    );
    if (owners.length > 0) cues.push({ ...cue, owners });
  }
  const standing = cues.filter(
    (c) => !negated(g, text, c) && !isReportedOnly(g, c.stance, text.slice(Math.max(0, c.start - 80), c.start)),
  );
  return longestFirst(standing);
}

function negated(g: Gazetteer, text: string, cue: Span): boolean {
  const before =
    text
      .slice(Math.max(0, cue.start - 60), cue.start)
      .split(/[,;:()–—“”"]/u)
      .at(-1) ?? '';
  const lastWords = before.trim().split(/\s+/u).slice(-4).join(' ');
  return findNegations(g, lastWords).length > 0;
}

/**
 * Where cues overlap, a cue inside a longer one gives way to it ("without the
 * interference of external forces" hides "external forces"), and of two
 * cues of one stance the longer stands. Cues of different stances that only
 * overlap both stand: "the ability to resolve their differences" is
 * confidence in the government and a call for dialogue.
 */
function longestFirst<C extends Span & { stance: string }>(cues: C[]): C[] {
  const kept: C[] = [];
  const bySize = [...cues].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  for (const c of bySize) {
    const hidden = kept.some(
      (k) => (k.start <= c.start && c.end <= k.end) || (k.stance === c.stance && c.start < k.end && k.start < c.end),
    );
    if (!hidden) kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

// ------------------------------------------------------------ owners (English)

/**
 * Who holds a cue, in order of trust:
 *  1. a cue of doing: the nearest subject before it (in its own quote, if quoted);
 *  2. the subject of the nearest speech verb before the cue or its quote, or
 *     failing a verb, the nearest subject before;
 *  3. a quote's attribution after it ("“...,” Psaki told reporters");
 *  4. for a quote with no attribution, the speaker named before it;
 *  5. the author of a post embedded in the paragraph.
 */
function englishOwners(ctx: SentenceContext, cue: SentenceCue): Owners {
  // Deeds only: "Kazakhstan's ability to deal with" is no position of Kazakhstan's.
  const owner = cue.agent === 'subject' ? possessor(ctx, cue) : null;
  if (owner) return owner;
  const q = within(cue.start, ctx.quotes);
  const quote = q >= 0 ? ctx.quotes[q]! : null;
  const anchor = quote ? quote.start : cue.start;
  if (cue.agent === 'subject') {
    // A deed has a doer before it; when it is quoted, the one quoted did it.
    const doer = nearestSubject(ctx, cue.start, q) ?? (quote ? nearestSubject(ctx, anchor, -1) : null);
    if (doer) return ownersOf(ctx, doer);
    return quote ? quoteOwners(ctx, quote) : null;
  }
  const verb = nearestVerb(ctx, anchor);
  const sayer = nearestSubject(ctx, verb ? verb.start : anchor, -1);
  if (sayer) return ownersOf(ctx, sayer);
  if (quote) return quoteOwners(ctx, quote);
  // A short quote or plain words with the attribution after them: "“Calm down,” he said."
  const attributed = ctx.verbs?.some((v) => v.start >= cue.end) ? attributionAfter(ctx, cue) : null;
  if (attributed) return ownersOf(ctx, attributed);
  const tweet = ctx.discourse.tweetAuthor(ctx.sentence.paragraph);
  return tweet ? [tweet] : null;
}

/**
 * "Turkey's dispatch of a search team", "Germany's contribution of 1 million
 * euros": a nominalised action belongs to the actor that owns it, whatever
 * the clause around it does.
 */
function possessor(ctx: SentenceContext, cue: Span): Owners {
  const owner = ctx.mentions.findLast((m) => m.end <= cue.start && POSSESSED.test(ctx.text.slice(m.end, cue.start)));
  if (!owner?.actor || owner.kind === 'non_actor' || owner.kind === 'anaphor' || owner.role === 'modifier') return null;
  return [
    {
      actor: owner.actor,
      speaker: owner.kind === 'person' ? owner.speaker : null,
      subject: true,
      paragraph: ctx.sentence.paragraph,
    },
  ];
}
const POSSESSED = /^['’]s\s+(?:[\p{Ll}-]+\s+){0,2}$/u;

/** A quote's speaker: its attribution after it, else (no attribution) the speaker before. */
function quoteOwners(ctx: SentenceContext, quote: Span): Owners {
  const attributed = attributionAfter(ctx, quote);
  if (attributed) return ownersOf(ctx, attributed);
  const context = ctx.discourse.resolve('speaker', ctx.sentence.paragraph, []);
  if (context) return [context];
  const tweet = ctx.discourse.tweetAuthor(ctx.sentence.paragraph);
  return tweet ? [tweet] : null;
}

const canHold = (m: Mention): boolean => m.role === 'subject' && !m.aside;

/** The nearest name before `pos` that holds the floor, within quote `q` (-1: outside quotes). */
function nearestSubject(ctx: SentenceContext, pos: number, q: number): Mention | null {
  for (let i = ctx.mentions.length - 1; i >= 0; i -= 1) {
    const m = ctx.mentions[i]!;
    if (m.end <= pos && m.quote === q && canHold(m)) return m;
  }
  return null;
}

function nearestVerb(ctx: SentenceContext, pos: number): Span | null {
  ctx.verbs ??= findSpeechVerbs(ctx.g, ctx.text).filter(
    (v) => within(v.start, ctx.quotes) < 0 && !ctx.mentions.some((m) => v.start < m.end && m.start < v.end),
  );
  return ctx.verbs.findLast((v) => v.end <= pos) ?? null;
}

/** The speaker named after a quote: a name first, else "it", "the statement". */
function attributionAfter(ctx: SentenceContext, quote: Span): Mention | null {
  const after = ctx.mentions.filter((m) => m.start >= quote.end && m.quote === -1 && canHold(m));
  return (
    after.find((m) => m.kind === 'actor' || m.kind === 'person') ??
    after.find((m) => m.kind === 'anaphor') ??
    after[0] ??
    null
  );
}

/** The entries a holding mention stands for: its whole list, with speakers. */
function ownersOf(ctx: SentenceContext, m: Mention): Owners {
  const members = ctx.mentions.filter((o) => o.group === m.group && canHold(o));
  if (members.some((o) => o.kind === 'non_actor')) return 'blocked';
  const owners: Entry[] = [];
  for (const o of members) {
    const entry =
      o.kind === 'anaphor'
        ? o.resolved
        : o.actor
          ? {
              actor: o.actor,
              speaker: o.kind === 'person' ? o.speaker : null,
              subject: true,
              paragraph: ctx.sentence.paragraph,
            }
          : null;
    if (!entry) continue;
    owners.push({ ...entry, speaker: entry.speaker ?? personInClause(ctx, o, entry.actor) });
  }
  return owners;
}

/** A named person of the same actor in the clause of `m` ("Britain – through its Foreign Minister Liz Truss –"). */
function personInClause(ctx: SentenceContext, m: Mention, actor: Actor): Speaker | null {
  const clauses = (ctx.clauses ??= clauseBreaks(ctx.text));
  const clause = clauseOf(clauses, m.start);
  const people = ctx.mentions.filter(
    (p) => p.kind === 'person' && p.actor === actor && p.speaker && clauseOf(clauses, p.start) === clause,
  );
  people.sort((a, b) => Math.abs(a.start - m.start) - Math.abs(b.start - m.start));
  return people[0]?.speaker ?? null;
}

/** A named person of `actor` in the clause at `pos` (a list's doers: "Pashinyan said forces of the CSTO..."). */
function personNear(ctx: SentenceContext, pos: number, actor: Actor): Speaker | null {
  const clauses = (ctx.clauses ??= clauseBreaks(ctx.text));
  const clause = clauseOf(clauses, pos);
  return (
    ctx.mentions.find(
      (p) => p.kind === 'person' && p.actor === actor && p.speaker && clauseOf(clauses, p.start) === clause,
    )?.speaker ?? null
  );
}

/** Clause boundaries: ";", ", and", ", but", "while", and the comma closing an opening "While ...". */
function clauseBreaks(text: string): number[] {
  const breaks = [...text.matchAll(/;|,\s+(?:and|but|while|whereas)\s|\swhile\s/giu)].map((m) => m.index);
  const opening = /^\s*(?:while|whereas|although|though|as)\b[^,]*,/iu.exec(text);
  if (opening) breaks.push(opening[0].length);
  return breaks.sort((a, b) => a - b);
}

const clauseOf = (breaks: number[], pos: number): number => breaks.filter((b) => b <= pos).length;

// ------------------------------------------------------------- owners (Arabic)

/**
 * Arabic puts the verb first ("حثت الولايات المتحدة" = urged the United
 * States): the holder is the first subject named after the nearest speech
 * verb before the cue, else the nearest named before it, else after it.
 */
function arabicOwners(ctx: SentenceContext, cue: SentenceCue): Owners {
  const holders = ctx.mentions.filter((m) => m.role === 'subject' && m.kind !== 'anaphor');
  const verb = nearestVerb(ctx, cue.start);
  const afterVerb = verb ? holders.find((m) => m.start >= verb.end && m.end <= cue.start) : undefined;
  const before = holders.filter((m) => m.end <= (verb ? verb.start : cue.start)).at(-1);
  const after = holders.find((m) => m.start >= cue.end);
  const holder = afterVerb ?? before ?? after;
  return holder ? ownersOf(ctx, holder) : null;
}
