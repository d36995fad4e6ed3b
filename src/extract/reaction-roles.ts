// The roles of a name in its sentence: the one who speaks or acts, or the one
// talked about; lists of names ("Russia, Belarus and Armenia") and the
// actors an anaphor ("the ministry", "he") stands for.
import { isObjectVerb, isSpeechVerb, isTitle, type Gazetteer } from './gazetteer.ts';
import { QUOTE_MARKS, speaksForList } from './reaction-text.ts';
import type { Entry, Mention, Role, Token, Discourse } from './reaction-text.ts';

// -------------------------------------------------------------------- roles

export const DETERMINERS = new Set([
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
export const SUBJECT_MARKERS = new Set([
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
export const PREPOSITIONS = new Set([
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

const COLLECTIVES = new Set(['group', 'panel', 'team', 'delegation', 'coalition']);
const NATIONALS =
  /^\s+(?:nationals?|citizens?|hostages?|tourists?|pilgrims?|passengers?|victims?|workers?|employees?|migrants?|survivors?|students?|man|men|woman|women|boys?|girls?|child|children)\b/u;

/**
 * Whether a name holds the floor: walk back over its noun phrase ("the
 * Russian-led", "US Secretary of State") and look at what comes before. A
 * clause start, punctuation, a conjunction or "said" make it a subject; a
 * preposition or another verb make it an object.
 */
export function englishRole(g: Gazetteer, text: string, tokens: Token[], mentions: Mention[], m: Mention): Role {
  if (/^-\p{Ll}/u.test(text.slice(m.end)) || /\p{Ll}-$/u.test(text.slice(0, m.start))) return 'modifier';
  // "six Britons and a Colombian national … had been killed": a nationality said of the dead or the held, not the state.
  if (m.kind === 'actor' && m.actor?.adjective === text.slice(m.start, m.end) && NATIONALS.test(text.slice(m.end)))
    return 'modifier';
  const last = tokens.findLastIndex((t) => t.end <= m.start);
  let j = last;
  while (j >= 0) {
    const tok = tokens[j]!;
    const lower = tok.text.toLowerCase();
    const prev = tokens[j - 1]?.text.toLowerCase();
    if (mentions.some((o) => o !== m && tok.start < o.end && o.start < tok.end) || QUOTE_MARKS.has(tok.text)) {
      j -= 1;
      continue;
    }
    // "spoke to his Jamaican counterpart, Andrew Holness,": a name in apposition to someone's title has the
    // title's role ("said the spokesman for the ministry, Ned Price," is the speaker).
    if (tok.text === ',' && j === last && isTitle(g, prev ?? '')) {
      let k = j - 1;
      while (k > 0 && (isTitle(g, tokens[k]!.text) || /^\p{Lu}/u.test(tokens[k]!.text))) k -= 1;
      // Not "through the chairman of its commission, X,": "its" is the chairman's, not the name's.
      if (POSSESSIVES.has(tokens[k]!.text.toLowerCase()) && tokens[k - 1]?.text.toLowerCase() !== 'of') {
        j = k - 1;
        continue;
      }
    }
    if (!tok.word) return 'subject';
    if ((lower === 'to' && prev === 'according') || (lower === 'for' && prev === 'as')) return 'subject';
    // "A group of United Nations human rights experts said": the body is the group's.
    if (
      lower === 'of' &&
      prev !== undefined &&
      COLLECTIVES.has(prev) &&
      DETERMINERS.has(tokens[j - 2]?.text.toLowerCase() ?? '')
    ) {
      j -= 2;
      continue;
    }
    // "Secretary of State", "President of Kazakhstan" are one name; "security of Kazakhstan" is not.
    // "the missions of the United States, Britain …", "the chairperson of the African Union Commission": the representative's name.
    // "the interior ministers of France, Italy and Spain": the words of the title may be several.
    if (lower === 'of' && prev !== undefined && isTitle(g, prev)) {
      let first = j - 1;
      while (first > 0 && isTitle(g, tokens[first - 1]!.text)) first -= 1;
      if (/^\p{Lu}/u.test(tokens[j - 1]!.text) || /^\p{Lu}/u.test(tokens[first]!.text)) {
        j -= 1;
        continue;
      }
      // Read on from the determiner: the words that describe the title are no verb.
      const determiner = determinerBefore(tokens, first);
      if (determiner >= 0) {
        j = determiner;
        continue;
      }
    }
    // "called on security forces and demonstrators": a non-actor joined by a
    // bare "and" shares the role of what it is joined to.
    if (m.kind === 'non_actor' && (lower === 'and' || lower === 'or') && tokens[j - 1]?.text !== ',') {
      j -= 1;
      continue;
    }
    if (SUBJECT_MARKERS.has(lower)) return 'subject';
    // "On Monday the foreign ministers of Chile …", "On 10 February the UN Secretary-General's spokesperson":
    // a preposition of time governs the day, not the name.
    if (PREPOSITIONS.has(lower) && TIME_WORD.test(dayAfter(tokens, j)?.text ?? '')) {
      j -= 1;
      continue;
    }
    if (PREPOSITIONS.has(lower)) return 'object';
    if (DETERMINERS.has(lower) || isTitle(g, lower) || /^[\p{Lu}\p{N}]/u.test(tok.text)) {
      j -= 1;
      continue;
    }
    if (isSpeechVerb(g, tok.text)) return isObjectVerb(g, tok.text) ? 'object' : 'subject';
    return 'object';
  }
  return 'subject';
}

/**
 * The determiner before the title words at `first`, maybe past two words that
 * describe them ("the joint environment unit of UNEP and OCHA"); -1 when none.
 */
function determinerBefore(tokens: readonly Token[], first: number): number {
  for (let k = first - 1; k >= Math.max(0, first - 3); k -= 1) {
    const tok = tokens[k]!;
    const lower = tok.text.toLowerCase();
    if (DETERMINERS.has(lower)) return k;
    // "the stability and security of Kazakhstan" is no title: only words that describe it may come between ("the 15 members of").
    if (!tok.word || !/^(?:\p{Ll}+|\p{N}+)$/u.test(tok.text) || CONJUNCTIONS.has(lower) || PREPOSITIONS.has(lower))
      return -1;
  }
  return -1;
}

/** The word naming a day after the preposition at `j`, past a day of the month ("On 10 February"). */
function dayAfter(tokens: readonly Token[], j: number): Token | undefined {
  return /^\d{1,2}$/.test(tokens[j + 1]?.text ?? '') ? tokens[j + 2] : tokens[j + 1];
}

const CONJUNCTIONS = new Set(['and', 'or', 'but', 'nor']);
const POSSESSIVES = new Set(['his', 'her', 'their', 'its']);

const TIME_WORD =
  /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)$/;

export const ARABIC_PREPOSITIONS = new Set([
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
export function arabicRole(text: string, m: Mention): Role {
  if (m.proclitic && 'بلك'.includes(m.proclitic)) return 'object';
  const before = /(\S+)\s*$/u.exec(text.slice(0, m.start));
  const word = before?.[1]?.replace(/[،,:]/gu, '');
  // "باسم البيت الأبيض" (spokeswoman "of" the White House) still names the speaker.
  return word && ARABIC_PREPOSITIONS.has(word) && word !== 'باسم' ? 'object' : 'subject';
}

// ------------------------------------------------------------------- lists

export const LIST_GAP =
  /^\s*(?:,\s*(?:and\s+|or\s+|as well as\s+)?|and\s+|or\s+|as well as\s+|&\s*|[،,]?\s*و\s*|،\s*)(?:the\s+|its\s+|their\s+)?(?:(?:Kingdom|Republic|State|Principality|Sultanate|Federation) of\s+)?$/iu;

/** "the United Kingdom and Norway – the so-called Troika on Sudan – and the European Union": an aside leaves the list whole. */
const LIST_ASIDE = /^\s*(?:[–—]\s[^–—]{1,80}\s[–—]|\([^()]{1,80}\))/u;

/**
 * "Russia, Belarus, Armenia, Tajikistan and Kyrgyzstan": one group, whose
 * role is the role of its head (so a list after "from" is all objects).
 */
export function groupLists(g: Gazetteer, text: string, mentions: Mention[]): void {
  // The last mention outside any aside: a name in an aside is no link in the list around it.
  let outside = -1;
  mentions.forEach((m, i) => {
    const link = linkBefore(g, text, mentions, m.aside ? i - 1 : outside, m);
    if (!m.aside) outside = i;
    m.group = link ? link.group : i;
    if (link) m.role = mentions[link.group]!.role;
  });
}

/** The mention `m` is listed with, the one at `at` or (offices joined) the one before its place; null when none. */
function linkBefore(g: Gazetteer, text: string, mentions: Mention[], at: number, m: Mention): Mention | null {
  const fits = (o: Mention | undefined): o is Mention =>
    o !== undefined && o.kind !== 'anaphor' && m.kind !== 'anaphor' && o.quote === m.quote;
  const prev = mentions[at];
  if (!fits(prev)) return null;
  // "In Washington, the US State Department raised …": the place the sentence opens on lists no one.
  if (OPENING_PLACE.test(text.slice(0, prev.start)) && /^\s*,/u.test(text.slice(prev.end, m.start))) return null;
  if (LIST_GAP.test(text.slice(prev.end, m.start).replace(LIST_ASIDE, ''))) return prev;
  if (m.aside) return null;
  // The place of the first office is no link: "the EU delegation in Quito and the embassies of …".
  const office = IN_PLACE.test(text.slice(0, prev.start)) ? mentions[at - 1] : prev;
  return fits(office) && officesJoined(g, text.slice(office.end, m.start)) ? office : null;
}

const IN_PLACE = /\sin\s+$/u;
const OPENING_PLACE = /^\s*["“]?(?:In|At|From|Inside)\s+$/u;

/**
 * Offices of two actors joined by "and" ("the EU delegation in Quito and the
 * embassies of France, Germany and Spain said", "the French embassy and the
 * EU delegation", "Britain's foreign office and the US State Department"):
 * the words between the names are titles (data/gazetteer.yaml), a place
 * after the first, "and", and a title and "of" before the second (the first's
 * title may come before it: "the Ambassador of Korea and the Ambassador of Japan").
 */
function officesJoined(g: Gazetteer, gap: string): boolean {
  const joined = OFFICES_GAP.exec(gap);
  if (!joined) return false;
  const titles = `${joined[1] ?? ''} ${joined[2] ?? ''}`.trim().split(/\s+/u);
  return titles.every((word) => isTitle(g, word));
}

const OFFICES_GAP =
  /^(?:['’]s)?(?:\s+((?:\p{L}+\s+){0,2}?\p{L}+))?(?:\s+in\s+\p{Lu}[\p{L}-]+)?,?\s+and\s+(?:the\s+)?(?:((?:\p{L}+\s+){0,2}\p{L}+)\s+of\s+)?$/u;

/**
 * A name right before a speech verb is speaking, whatever came before it
 * (headline "Victims of the confrontations of Kazakhstan and Russia accuse
 * external parties"); it then leaves the list it was read into.
 */
export function speakersBeforeVerbs(g: Gazetteer, text: string, mentions: Mention[]): void {
  mentions.forEach((m, i) => {
    // "the Quai d'Orsay \"firmly condemned\"": a quote mark and an adverb may come between.
    const next = /^\s+["“]?(?:\p{L}+ly\s+)?([\p{L}]+)/u.exec(text.slice(m.end));
    if (m.role !== 'object' || !next || !isSpeechVerb(g, next[1]!) || m.kind === 'non_actor') return;
    if (subjectBefore(g, text, mentions, i)) return;
    m.role = 'subject';
    m.group = i;
  });
}

/**
 * Whether the verb after mention `i` has its subject already: a name before
 * it that speaks, with no other speech verb or clause break between ("The
 * President of Türkiye … in a telephone call with Prime Minister Shehbaz
 * Sharif expressed condolences": Sharif does not).
 */
function subjectBefore(g: Gazetteer, text: string, mentions: Mention[], i: number): boolean {
  const m = mentions[i]!;
  const subject = mentions.findLast((o, k) => k < i && o.role === 'subject' && o.group !== m.group && !o.aside);
  if (!subject) return false;
  const between = text.slice(subject.end, m.start);
  if (/[;:.!?"“”]/u.test(between) || between.split(/[^\p{L}]+/u).some((word) => word && isSpeechVerb(g, word)))
    return false;
  // A name a preposition governs, or the object of the subject's own verb ("Australia backed the UN
  // appeal"); not one after a heading run into its sentence ("American contact The United Nations called").
  return GOVERNED.test(text.slice(Math.max(0, m.start - 60), m.start)) || /\b\p{Ll}+ed\b/u.test(between);
}

const GOVERNED = /\b(?:with|to|from|for|by|at|on|in)\s+(?:the\s+)?(?:\p{Lu}[\p{L}-]*\s+){0,4}$/u;

// ---------------------------------------------------------------- anaphors

/**
 * "The Foo Relief Agency said it had deployed a team", "Dhan Bahadur Khadka
 * said he had received nothing": a pronoun right after the speech verb of a
 * subject the gazetteer does not know stands for that subject, not for the
 * last actor that spoke. It is left unresolved (its cue then has no actor the
 * text names) rather than given to an actor of the sentences before. A name
 * that holds a known actor ("Japan's Foreign Ministry said it") is left to
 * the mentions, unless the gazetteer reads that actor there as no actor of
 * its own (a country's people or press: namesPeopleNotGovernment).
 */
export function unknownSpeakers(g: Gazetteer, text: string, mentions: Mention[]): void {
  for (const m of mentions) {
    if (m.kind !== 'anaphor' || !PRONOUN.test(text.slice(m.start, m.end))) continue;
    const clause = UNKNOWN_SUBJECT.exec(text.slice(0, m.start));
    if (!clause || !isSpeechVerb(g, clause[2]!)) continue;
    const name = clause[1]!;
    const capitals = name.split(/\s+/u).filter((word) => /^\p{Lu}/u.test(word));
    if (capitals.length < 2 && !/^\p{Lu}{2,}$/u.test(name)) continue;
    const [start, end] = clause.indices![1]!;
    if (mentions.some((o) => o !== m && o.kind !== 'non_actor' && o.start < end && start < o.end)) continue;
    m.refersTo = null;
  }
}

const PRONOUN = /^(?:it|he|she|they)$/iu;

/** A clause's subject made of a name only (capitalized words, joined by "of", "for", "and"…), its speech verb, the pronoun's place. */
const UNKNOWN_SUBJECT =
  /(?:^|[.;:!?)]\s+|,\s+|\s[-–—]\s+|\band\s+)(?:[Tt]he\s+)?(\p{Lu}[\p{L}\p{M}'’&.-]*(?:\s+(?:(?:of|for|and|the|de|du|des|del|la|le|on)\s+)*\p{Lu}[\p{L}\p{M}'’&.-]*)*)\s+(\p{Ll}+)\s+(?:that\s+)?$/du;

/** Resolves "he", "the ministry", "its" in order; returns this sentence's entries. */
export function resolveAnaphors(mentions: Mention[], discourse: Discourse, paragraph: number): Entry[] {
  const pending: Entry[] = [];
  const lists = new Map<number, Entry[]>();
  for (const m of mentions) {
    if (m.kind === 'anaphor' && m.refersTo) m.resolved = discourse.resolve(m.refersTo, paragraph, pending);
    const entry = entryOf(m, paragraph);
    if (!entry) continue;
    pending.push(entry);
    if (!entry.subject || m.kind === 'anaphor') continue;
    const list = lists.get(m.group);
    if (list) list.push(entry);
    else lists.set(m.group, [entry]);
  }
  for (const list of lists.values()) if (list.length > 1) for (const entry of list) entry.fellows = list;
  return pending;
}

export function entryOf(m: Mention, paragraph: number): Entry | null {
  const subject = m.role === 'subject' && !m.aside && m.quote === -1;
  if (m.kind === 'anaphor') {
    if (!m.resolved) return null;
    const speaker = m.refersTo === 'speaker' || m.refersTo === 'person' ? m.resolved.speaker : null;
    // "The statement added", "they added": still all of its signatories.
    const fellows = speaksForList(m.refersTo) ? m.resolved.fellows : undefined;
    return { actor: m.resolved.actor, speaker, subject, paragraph, ...(fellows ? { fellows } : {}) };
  }
  if ((m.kind === 'actor' || m.kind === 'person') && m.actor && m.role !== 'modifier') {
    return { actor: m.actor, speaker: m.kind === 'person' ? m.speaker : null, subject, paragraph };
  }
  return null;
}
