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
import { splitParagraphs, splitSentences } from './sentences.ts';
import type { Extraction, Message, Paragraph, ReactionDraft, Sentence, Span } from './types.ts';

export interface ReactionArticle {
  id: string;
  body: string;
  published: string;
}

/** The reactions of one article, rows in text order. */
export function extractReactions(article: ReactionArticle, gazetteer: Gazetteer): Extraction<ReactionDraft> {
  const paragraphs = splitParagraphs(article.body);
  const discourse = new Discourse(gazetteer, paragraphs);
  const rows: ReactionDraft[] = [];
  const messages: Message[] = [];
  for (const sentence of splitSentences(article.body)) {
    const reading = readSentence(sentence, gazetteer, discourse);
    const paragraph = paragraphs[sentence.paragraph];
    for (const claim of reading.claims) {
      rows.push({
        article: article.id,
        actor: claim.actor.name,
        actor_type: claim.actor.type,
        speaker: claim.speaker?.name ?? null,
        speaker_as_written: claim.speaker?.written ?? null,
        stance: claim.stance,
        as_of: resolveAsOf(sentence.text, paragraph?.text ?? sentence.text, article.published),
        quote: sentence.text,
        start: sentence.start,
        end: sentence.end,
      });
    }
    messages.push(...reading.notes.map((reason) => note(sentence, reason)));
  }
  return { rows, messages };
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
}

interface Reading {
  claims: Claim[];
  notes: string[];
}

/** Who holds a cue: entries, or `blocked` when a non-actor does (the police, Reuters). */
type Owners = Entry[] | 'blocked' | null;

// ---------------------------------------------------------------- discourse

const WINDOW = 2;

/** What earlier sentences named, for implicit speakers. */
class Discourse {
  readonly entries: Entry[] = [];
  readonly seen = new Set<Person>();
  private readonly tweets = new Map<number, Entry>();

  constructor(
    private readonly g: Gazetteer,
    paragraphs: Paragraph[],
  ) {
    for (const p of paragraphs) {
      const tweet = tweetAuthor(g, p.text);
      if (tweet) this.tweets.set(p.index, { ...tweet, paragraph: p.index });
    }
  }

  /** The actor an implicit reference stands for, seen from `paragraph`. */
  resolve(refersTo: RefersTo, paragraph: number, pending: Entry[]): Entry | null {
    const all = [...this.entries, ...pending];
    const near = all.filter((e) => e.paragraph >= paragraph - WINDOW);
    const last = (list: Entry[]): Entry | null => list.at(-1) ?? null;
    switch (refersTo) {
      case 'organization':
        return last(all.filter((e) => e.actor.type === 'organization'));
      case 'state':
        return last(near.filter((e) => e.subject && e.actor.type === 'state'));
      case 'nearest':
        return last(near);
      case 'speaker':
        return last(near.filter((e) => e.subject));
    }
  }

  /** The author of an embedded post in this paragraph ("— Nabila Massrali (@NabilaEUspox)"). */
  tweetAuthor(paragraph: number): Entry | null {
    return this.tweets.get(paragraph) ?? null;
  }

  /** Whether an entry came from earlier sentences (not from this one's names). */
  isKnown(entry: Entry): boolean {
    return this.entries.includes(entry) || [...this.tweets.values()].includes(entry);
  }

  commit(entries: Entry[], people: Person[]): void {
    this.entries.push(...entries);
    for (const p of people) this.seen.add(p);
  }
}

function tweetAuthor(g: Gazetteer, text: string): Omit<Entry, 'paragraph'> | null {
  const m = /[—–-]\s*([^—–()\n]{3,60}?)\s*\(@\w+\)/u.exec(text);
  if (!m) return null;
  const person = findPeople(g, m[1]!)[0];
  return person ? { actor: person.person.actor, speaker: { name: person.person.name, written: person.written }, subject: true } : null;
}

// ------------------------------------------------------------ one sentence

function readSentence(sentence: Sentence, g: Gazetteer, discourse: Discourse): Reading {
  const norm = normalizeText(sentence.text);
  const text = norm.text;
  const arabic = sentence.lang === 'ar' || isMostlyArabic(text);
  const asides = arabic ? [] : asideSpans(text);
  const tokens = tokenize(text);
  const mentions = collectMentions(g, text, norm.toOriginal, sentence.text, discourse.seen, asides);
  // A quoted name (the “Organization of the Collective Security Treaty”) is no speech.
  const quotes = (arabic ? [] : longQuotes(text)).filter((q) => !mentions.some((m) => text.slice(q.start + 1, q.end - 1).trim() === text.slice(m.start, m.end)));
  for (const m of mentions) m.quote = within(m.start, quotes);
  for (const m of mentions) m.role = arabic ? arabicRole(text, m) : englishRole(g, text, tokens, mentions, m);
  groupLists(text, mentions);
  if (!arabic) speakersBeforeVerbs(g, text, mentions);
  const pending = resolveAnaphors(mentions, discourse, sentence.paragraph);
  const cues = findStanceCues(g, text, mentions);
  const context: SentenceContext = { g, text, sentence, mentions, quotes, tokens, discourse, clauses: clauseBreaks(text) };
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
      addClaim(claims, { actor: owner.actor, speaker: owner.speaker, stance: cue.stance });
      // A speaker found only from context speaks here too, for the next "he added".
      if (discourse.isKnown(owner)) fromContext.push({ ...owner, subject: true, paragraph: sentence.paragraph });
    }
  }
  const people = mentions.flatMap((m) => (m.person ? [m.person] : []));
  discourse.commit([...pending, ...fromContext], people);
  return { claims, notes };
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
  tokens: Token[];
  discourse: Discourse;
  clauses: number[];
}

function isMostlyArabic(text: string): boolean {
  const arabic = text.match(/\p{Script=Arabic}/gu)?.length ?? 0;
  const latin = text.match(/\p{Script=Latin}/gu)?.length ?? 0;
  return arabic > latin;
}

// ------------------------------------------------------------------ tokens

interface Token extends Span {
  text: string;
  word: boolean;
}

function tokenize(text: string): Token[] {
  return [...text.matchAll(/[\p{L}\p{M}\p{N}]+(?:['\-.][\p{L}\p{M}\p{N}]+)*|\S/gu)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    text: m[0],
    word: /[\p{L}\p{N}]/u.test(m[0]),
  }));
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
  toOriginal: number[],
  original: string,
  seen: ReadonlySet<Person>,
  asides: Span[],
): Mention[] {
  const people = findPeople(g, text, seen).map((p) =>
    mention(p, 'person', p.person.actor, p.person, { name: p.person.name, written: original.slice(toOriginal[p.start], toOriginal[p.end]) }, null, null),
  );
  const names = findNames(g, text)
    .filter((n) => !people.some((p) => n.start < p.end && p.start < n.end))
    .map((n) => {
      const speaker = n.person ? { name: n.person.name, written: original.slice(toOriginal[n.start], toOriginal[n.end]) } : null;
      return mention(n, n.kind, n.actor, n.person, speaker, n.refersTo, n.proclitic);
    });
  const all = possessedInstitutions(text, [...people, ...names].sort((a, b) => a.start - b.start));
  return all
    .map((m) => ({ ...m, kind: namesPeopleNotGovernment(g, text, m) ? ('non_actor' as const) : m.kind }))
    .filter((m, i) => !(m.refersTo === 'nearest' && all[i + 1] && /^\s+$/u.test(text.slice(m.end, all[i + 1]!.start))))
    .map((m) => ({ ...m, aside: within(m.start, asides) >= 0 }));
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
  return { start: span.start, end: span.end, kind, actor, person, speaker, refersTo, proclitic, role: 'subject', quote: -1, aside: false, group: -1, resolved: null };
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
  'the', 'a', 'an', 'this', 'these', 'those', 'his', 'her', 'its', 'their', 'our', 'my', 'your',
  'some', 'all', 'both', 'each', 'every', 'other', 'another', 'any', 'several', 'many', 'more', 'than', 'most',
]);
// Before a subject: a new clause starts there.
const SUBJECT_MARKERS = new Set([
  'and', 'or', 'but', 'nor', 'while', 'whereas', 'as', 'that', 'when', 'since', 'because', 'although', 'though',
  'if', 'meanwhile', 'also', 'however', 'then', 'so', 'whether', 'after', 'before', 'once', 'where', 'which',
  'who', 'whom', 'until', 'unless', 'by', 'yet', 'furthermore', 'moreover', 'instead',
]);
// Before an object: the name is talked about, it does not talk.
const PREPOSITIONS = new Set([
  'in', 'on', 'at', 'to', 'for', 'with', 'from', 'about', 'against', 'into', 'onto', 'of', 'over', 'under',
  'toward', 'towards', 'between', 'among', 'amongst', 'within', 'without', 'across', 'through', 'via',
  'including', 'like', 'regarding', 'concerning', 'despite', 'near', 'upon', 'around', 'behind', 'beyond',
  'inside', 'outside', 'throughout', 'amid', 'amidst', 'per', 'unlike', 'versus',
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
    if (lower === 'of' && prev !== undefined && g.titles.has(prev) && /^\p{Lu}/u.test(tokens[j - 1]!.text)) {
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

const ARABIC_PREPOSITIONS = new Set(['في', 'الي', 'من', 'مع', 'علي', 'عن', 'لدي', 'تجاه', 'ضد', 'بين', 'حول', 'عبر', 'باسم']);

/** Arabic: an object when a preposition or a ب/ل/ك proclitic governs it. */
function arabicRole(text: string, m: Mention): Role {
  if (m.proclitic && 'بلك'.includes(m.proclitic)) return 'object';
  const before = /(\S+)\s*$/u.exec(text.slice(0, m.start));
  const word = before?.[1]?.replace(/[،,:]/gu, '');
  // "باسم البيت الأبيض" (spokeswoman "of" the White House) still names the speaker.
  return word && ARABIC_PREPOSITIONS.has(word) && word !== 'باسم' ? 'object' : 'subject';
}

// ------------------------------------------------------------------- lists

const LIST_GAP = /^\s*(?:,\s*(?:and\s+|or\s+|as well as\s+)?|and\s+|or\s+|as well as\s+|&\s*|[،,]?\s*و\s*|،\s*)(?:the\s+|its\s+|their\s+)?$/iu;

/**
 * "Russia, Belarus, Armenia, Tajikistan and Kyrgyzstan": one group, whose
 * role is the role of its head (so a list after "from" is all objects).
 */
function groupLists(text: string, mentions: Mention[]): void {
  mentions.forEach((m, i) => {
    const prev = mentions[i - 1];
    const linked = prev && prev.kind !== 'anaphor' && m.kind !== 'anaphor' && prev.quote === m.quote && LIST_GAP.test(text.slice(prev.end, m.start));
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
    const speaker = m.refersTo === 'speaker' ? m.resolved.speaker : null;
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
    const owners = members.flatMap((m) => (m.actor && m.kind !== 'non_actor' ? [{ actor: m.actor, speaker: m.kind === 'person' ? m.speaker : null, subject: true, paragraph: -1 }] : []));
    if (owners.length > 0) cues.push({ ...cue, owners });
  }
  const standing = cues.filter((c) => !negated(g, text, c) && !isReportedOnly(g, c.stance, text.slice(Math.max(0, c.start - 80), c.start)));
  return longestFirst(standing);
}

function negated(g: Gazetteer, text: string, cue: Span): boolean {
  const before = text.slice(Math.max(0, cue.start - 60), cue.start).split(/[,;:()–—“”"]/u).at(-1) ?? '';
  const lastWords = before.trim().split(/\s+/u).slice(-4).join(' ');
  return findNegations(g, lastWords).length > 0;
}

function longestFirst<C extends Span>(cues: C[]): C[] {
  const kept: C[] = [];
  const bySize = [...cues].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  for (const c of bySize) if (!kept.some((k) => c.start < k.end && k.start < c.end)) kept.push(c);
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
  const tweet = ctx.discourse.tweetAuthor(ctx.sentence.paragraph);
  return tweet ? [tweet] : null;
}

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
  const verbs = findSpeechVerbs(ctx.g, ctx.text).filter(
    (v) => v.end <= pos && within(v.start, ctx.quotes) < 0 && !ctx.mentions.some((m) => v.start < m.end && m.start < v.end),
  );
  return verbs.at(-1) ?? null;
}

/** The speaker named after a quote: a name first, else "it", "the statement". */
function attributionAfter(ctx: SentenceContext, quote: Span): Mention | null {
  const after = ctx.mentions.filter((m) => m.start >= quote.end && m.quote === -1 && canHold(m));
  return after.find((m) => m.kind === 'actor' || m.kind === 'person') ?? after.find((m) => m.kind === 'anaphor') ?? after[0] ?? null;
}

/** The entries a holding mention stands for: its whole list, with speakers. */
function ownersOf(ctx: SentenceContext, m: Mention): Owners {
  const members = ctx.mentions.filter((o) => o.group === m.group && canHold(o));
  if (members.some((o) => o.kind === 'non_actor')) return 'blocked';
  const owners: Entry[] = [];
  for (const o of members) {
    const entry = o.kind === 'anaphor' ? o.resolved : o.actor ? { actor: o.actor, speaker: o.kind === 'person' ? o.speaker : null, subject: true, paragraph: ctx.sentence.paragraph } : null;
    if (!entry) continue;
    owners.push({ ...entry, speaker: entry.speaker ?? personInClause(ctx, o, entry.actor) });
  }
  return owners;
}

/** A named person of the same actor in the clause of `m` ("Britain – through its Foreign Minister Liz Truss –"). */
function personInClause(ctx: SentenceContext, m: Mention, actor: Actor): Speaker | null {
  const clause = clauseOf(ctx.clauses, m.start);
  const people = ctx.mentions.filter((p) => p.kind === 'person' && p.actor === actor && p.speaker && clauseOf(ctx.clauses, p.start) === clause);
  people.sort((a, b) => Math.abs(a.start - m.start) - Math.abs(b.start - m.start));
  return people[0]?.speaker ?? null;
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
