// Reads counts the way news prose writes them ("2,300", "more than two
// thousand", "dozens", "at least a dozen", "some 190") and refuses numbers that
// count nothing: dates, years, times, durations, ages, ordinals, percentages,
// money, codes and names. Pure: text in, mentions out; every offset is a UTF-16
// index into the text given. Which numbers count PEOPLE (not planes, days or
// crowds) is the caller's business: it sees the sentence, this module does not.
// Its parts, one concern each: the words (count-words.ts, context-words.ts),
// the tokens (count-tokens.ts), numbers as written (count-numbers.ts), what
// makes one no count (count-context.ts); this module matches them up.
//
// Decisions (each pinned by a test in tests/extract/numbers-*.test.ts):
// - Vague words take CONTRACT §3's table (value = low); "a few"/"several" times a
//   scale ("a few hundred", "several dozen") and "tens of thousands"-style
//   products scale both bounds: low × s, (high + 1) × s − 1. "millions" is an
//   extra row by the same pattern (2,000,000–9,999,999).
// - A qualifier before a vague word joins the phrase but the reading stays
//   `vague` with the table's bounds ("at least dozens"): the word is already a
//   lower bound, and the table is what keeps charts from overstating it.
// - "two dozen", "a dozen", "half a dozen", "a couple" are numbers, not vague
//   words, so "more than two dozen" is more_than 24.
// - Ranges ("between 100 and 200", "100-200", "100 to 200", "two or three") are
//   ONE mention: qualifier `about`, value = low, low/high = the two ends. A
//   shared scale spreads back: "2 to 3 million" is 2,000,000–3,000,000. A
//   qualifier before a range joins the phrase and is otherwise ignored.
//   "from 8 to 18" is a change, not a range: two mentions, 8 and 18.
// - "one" alone counts only when a qualifier precedes it ("at least one"), when
//   a noun-ish word follows ("one person", "one dead"), or as "one of" + a
//   group ("one of them"); not after a determiner ("no one", "the one"), not
//   before a verb or function word ("one was", "one another"), and not in "one
//   of the main/largest/most …" (membership of a class, not a count).
// - "a couple" needs nothing after it but the phrase never includes "of";
//   likewise "dozens of" → phrase "dozens". Trailing "more" ("hundreds more")
//   is not part of the phrase either; parseCount accepts a trailing
//   "of"/"more"/"others" so "a couple of" and "dozens more" still parse.
// - A digit number right after a capitalised word that does not start its
//   sentence is part of a name ("Khabar 24 channel", "Channel 4"); so is one
//   after a label word ("number 5", "flight 370"). Sentence-initial words and
//   weekdays are not names ("Yesterday 18 people…", "On Thursday 18 …"), nor
//   is a capitalised word when a count noun follows the number: Title Case
//   headlines capitalise every word ("Kazakhstan Says 164 Killed").
// - A plain four-digit number 1800–2099 is a year unless a strong qualifier
//   precedes it ("more than 2000") or a count noun follows it ("2000 people")
//   without a year preposition before it ("in 2019 protesters…" is a year). The
//   last word of a qualifier is not a year preposition: "close to 2000 people"
//   is a count; "around 2019" with no count noun after it stays a year.
// - "one" after "that" counts ("said that one person died"): "that" is then a
//   conjunction; the demonstrative "that one" is refused by what follows it.
// - Dates: a number 1–31 right after or before a capitalised month name (or an
//   Arabic one), including ranges ("5 to 19 January"). "January 500 people"
//   stays a count.
// - Units after a number (optionally hyphenated or after "of"/"more"/…) make it
//   a measure, not a count: time ("24 hours", "180-day", "10 p.m."), age
//   ("35-year-old"), money ("10 dollars", "100 tenge"), percent, distance,
//   weight, "times". Measures of distance/weight go too ("a few hundred
//   meters"): they never count people.
// - Digits touching letters, "/", "+", "#" or a hyphenated word/number are codes
//   ("A320", "G7", "7th", "COVID-19", "24/7", "3-0"); plain digit runs longer
//   than 7 or with a leading zero are codes/phone numbers ("02", "87012345678").
// - Decimals need a scale word ("2.5 million"); a bare "2.5" is not a count.
//   A dot is always a decimal point, so "2.300" (German thousands) is refused.
// - parseCount reads a whole phrase with no context: "2019" or "one" alone are
//   the numbers 2019 and 1 there, since the caller vouches it is a count.
// - Arabic: Arabic-Indic digits and separators (٢٬٣٠٠), the vague words
//   العشرات/المئات/الآلاف (with و/ف/ب/ل/ال prefixes, "عشرات الآلاف" = tens of
//   thousands), and a few qualifiers (نحو, حوالي, أكثر من, …).
import { QUALIFIER_PHRASES } from './count-words.ts';
import { PARSE_TRAILERS } from './context-words.ts';
import type { BoundQualifier, CountMention, CountReading } from './count-words.ts';
import { matchKeys, spaced, tokenize } from './count-tokens.ts';
import type { Token } from './count-tokens.ts';
import { numberAt } from './count-numbers.ts';
import type { NumberPart } from './count-numbers.ts';
import { exclusion } from './count-context.ts';
export { QUALIFIER_PHRASES, VAGUE_COUNTS } from './count-words.ts';
export type { CountMention, CountReading, VagueWord } from './count-words.ts';

// ---------------------------------------------------------------------------
// Matching

interface QualifierMatch {
  start: number;
  end: number;
  qualifier: BoundQualifier;
}

const QUALIFIERS_LONGEST_FIRST = QUALIFIER_PHRASES.map(([phrase, qualifier]) => ({
  keys: phrase.split(' '),
  qualifier,
})).sort((a, b) => b.keys.length - a.keys.length);

/** The same list by first word, order kept: `qualifiersAt` runs at every token. */
const QUALIFIERS_BY_FIRST = new Map<string, typeof QUALIFIERS_LONGEST_FIRST>();
for (const q of QUALIFIERS_LONGEST_FIRST) {
  const list = QUALIFIERS_BY_FIRST.get(q.keys[0]!) ?? [];
  list.push(q);
  QUALIFIERS_BY_FIRST.set(q.keys[0]!, list);
}

const NO_QUALIFIERS: readonly QualifierMatch[] = [];

function qualifiersAt(toks: readonly Token[], i: number): readonly QualifierMatch[] {
  const key = toks[i]?.key;
  const candidates = key === undefined ? undefined : QUALIFIERS_BY_FIRST.get(key);
  if (!candidates) return NO_QUALIFIERS;
  const found: QualifierMatch[] = [];
  for (const { keys, qualifier } of candidates) {
    const end = matchKeys(toks, i, keys);
    if (end !== null) found.push({ start: i, end, qualifier });
  }
  return found;
}

interface Match {
  qualifier: QualifierMatch | null;
  part: NumberPart;
}

function matchAt(toks: readonly Token[], i: number): Match | null {
  for (const q of qualifiersAt(toks, i)) {
    if (!spaced(toks[q.end])) continue;
    const part = numberAt(toks, q.end);
    if (part) return { qualifier: q, part };
  }
  const part = numberAt(toks, i);
  return part && { qualifier: null, part };
}

function reading({ qualifier, part }: Match): CountReading {
  if (part.kind === 'vague') return { value: part.low, qualifier: 'vague', low: part.low, high: part.high };
  if (part.kind === 'range') return { value: part.low, qualifier: 'about', low: part.low, high: part.high };
  const q = qualifier?.qualifier ?? 'exact';
  const v = part.value;
  switch (q) {
    case 'at_least':
    case 'more_than':
      return { value: v, qualifier: q, low: v, high: null };
    case 'up_to':
    case 'fewer_than':
      return { value: v, qualifier: q, low: null, high: v };
    default:
      return { value: v, qualifier: q, low: v, high: v };
  }
}

/**
 * Every count starts at a digit or at one of the words of `NUMBER_OPENERS`.
 * As plain substrings (no word boundaries, so never stricter than the
 * tokens): digits and Arabic letters; the number words, teens and tens by a
 * part each holds ("fourteen" holds "four", "sixty" "six"); the vague words;
 * "a" only before what it can open ("a few", "a dozen", "a hundred"…).
 * "between" and "many" open nothing without one of these after them. Most
 * sentences have none, and need no tokens.
 */
const MAY_HOLD_COUNT =
  /[0-9\u0600-\u06FF]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|teen|twenty|thirty|forty|fifty|dozens|hundreds|thousands|millions|several|zero|half|a[ \t\u00A0\u2009\u202F]+(?:few|couple|dozen|hundred|thousand|million|billion)/i;

/** Every count in the text, in order, non-overlapping. */
export function findCounts(text: string): CountMention[] {
  if (!MAY_HOLD_COUNT.test(text)) return [];
  const toks = tokenize(text);
  const mentions: CountMention[] = [];
  let i = 0;
  while (i < toks.length) {
    const match = matchAt(toks, i);
    if (!match) {
      i++;
      continue;
    }
    const { qualifier, part } = match;
    // An excluded number is skipped whole, so "two thousand years" does not
    // leave "thousand" behind to be read again.
    i = part.end;
    if (exclusion({ toks, part, qualifier: qualifier?.qualifier ?? null })) continue;
    const start = toks[qualifier ? qualifier.start : part.start]!.start;
    const end = toks[part.end - 1]!.end;
    mentions.push({
      start,
      end,
      phrase: text.slice(start, end),
      numberStart: toks[part.numStart]!.start,
      numberEnd: end,
      ...reading(match),
    });
  }
  return mentions;
}

/** Reads one whole count phrase ("more than two thousand", "dozens", "2,300"), or null. */
export function parseCount(phrase: string): CountReading | null {
  const toks = tokenize(phrase.trim());
  const match = matchAt(toks, 0);
  if (!match) return null;
  let end = match.part.end;
  if (spaced(toks[end]) && PARSE_TRAILERS.has(toks[end]!.key)) end++;
  return end === toks.length ? reading(match) : null;
}

/** 2300 → "2,300": the way English news prints a count. */
export function formatCount(value: number): string {
  const sign = value < 0 ? '-' : '';
  return sign + String(Math.trunc(Math.abs(value))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
