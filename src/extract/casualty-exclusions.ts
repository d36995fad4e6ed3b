// Counts a casualty sentence holds that are no figure of the event it reports
// (casualties.ts): an age ("aged 24 and 57"), a share ("one in five"), the
// patients a hospital discharged, and the counts of a year well before
// publication ("In 2011, 14 oil workers were killed").
import { YEAR_OF_EVENT } from './casualty-cues.ts';
import { forEachMatch } from './each-match.ts';
import type { CountMention } from './numbers.ts';

/** "Two volunteer firefighters, aged 24 and 57, died", "between the ages of 18 and 25": ages, not counts. */
export function isStatedAge(text: string, count: CountMention): boolean {
  if (count.value > 120) return false;
  const before = text.slice(Math.max(0, count.start - 40), count.start);
  // "Rizky Ananda (15)": a name's age in brackets, as Indonesian and Indian papers give it.
  return (
    (/\p{Lu}[\p{L}'’-]+\s\($/u.test(before) && text[count.end] === ')') ||
    AGED_BEFORE.test(before) ||
    // "1.2 million children under five", "people over 65": an age bound on the noun before.
    (AGE_BOUND.test(count.phrase) && AGED_NOUN.test(before))
  );
}
const AGE_BOUND = /^(?:under|over|above|below)\s/i;
const AGED_NOUN =
  /\b(?:children|kids|babies|infants|boys|girls|people|persons|adults|men|women|those|residents|patients)\s+$/i;
const AGED_BEFORE = /\b(?:aged(?: between)?|(?:the )?ages? (?:of|between))\s+(?:\d{1,3}\s*(?:,|and|or|to|-|–)\s*)*$/i;

/**
 * "(1) Deceased: 6 persons", "2) Missing: 1 person", "Report No. 13", "under
 * part 3 of article 263": the number of a line, a document or a law, not a count.
 */
export function isEnumerator(text: string, count: CountMention): boolean {
  const before = text.slice(Math.max(0, count.start - 12), count.start);
  return (
    (text[count.end] === ')' && /^\s*\(?$/.test(text.slice(0, count.start))) ||
    /\b(?:No|Nos|Nr)\.\s*$/.test(before) ||
    // Not "registered for its part 31 deceased".
    (/\b(?:[Pp]art|[Aa]rticle|[Pp]aragraph|[Ss]ection|[Cc]lause|[Cc]hapter)\s+$/.test(before) &&
      /^\s+of\b/.test(text.slice(count.end)))
  );
}

/** "the Hajj season of the year 1445 AH": a year of the Hijri calendar, not a count. */
export function isHijriYear(text: string, count: CountMention): boolean {
  return HIJRI.test(text.slice(count.end, count.end + 8)) && /^\d{3,4}$/.test(count.phrase);
}
const HIJRI = /^\s*(?:AH|A\.H\.|H\.)(?![\p{L}])/u;

/**
 * "one in every ten residents", "one in five of the severe cases", "three in
 * four of its residents": a share, not a count; "had discharged 30 patients":
 * those who left hospital, as "30 patients were discharged" is (casualties.ts).
 */
export function isShareOrDischarged(text: string, count: CountMention): boolean {
  const before = text.slice(Math.max(0, count.start - 30), count.start);
  return RATIO_BEFORE.test(before) || DISCHARGED_BEFORE.test(before) || RATIO_AFTER.test(text.slice(count.end));
}
// "three in four of Sallama's residents".
const RATIO_AFTER = /^\s+(?:in|out of) (?:every )?(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\b/i;
const RATIO_BEFORE = /\b(?:one|two|three|four|five|\d+) (?:in|out of) (?:every )?$/i;
const DISCHARGED_BEFORE = /\bdischarg(?:ed|es|ing) (?:(?:about|some|another|the|a further|more than|over|nearly) )?$/i;

/**
 * "In 2011, 14 oil workers were killed in Zhanaozen": a sentence set in a year
 * well before publication is about another event. The year before publication
 * is kept early in the year (a January article recalls December); the counts
 * themselves are not years.
 */
export function isOtherYear(text: string, counts: readonly CountMention[], published: string): boolean {
  // Most sentences hold no year at all; YEAR_OF_EVENT would try its words at every position to learn it.
  if (!MAYBE_YEAR.test(text)) return false;
  const current = Number(published.slice(0, 4));
  const countStarts = new Set(counts.map((c) => c.numberStart));
  const years: number[] = [];
  const month = Number(published.slice(5, 7));
  forEachMatch(YEAR_OF_EVENT, text, (match) => {
    const decade = match[2] === 's';
    if (countStarts.has(match.index + match[0].length - 4 - match[2]!.length)) return;
    // "since the war began in April 2023": the start of a period that runs up to now, not when the sentence is set.
    if (SINCE_CLAUSE.test(text.slice(Math.max(0, match.index - 40), match.index))) return;
    // "a civil war in the 1990s": the decade's last year (the current decade is not over).
    const year = Number(match[1]) + (decade ? 9 : 0);
    // "In June 2024" in a March 2025 article is another event; "in December 2024" may be this one.
    const named = MONTH.exec(match[0]);
    // A year alone: the one before publication is recalled only early in the year ("in 2025" in an October 2026 article is over).
    const monthsBefore = named
      ? (current - year) * 12 + month - (MONTHS.indexOf(named[0].slice(0, 3).toLowerCase()) + 1)
      : year < current && month > 3
        ? 12
        : 0;
    years.push(monthsBefore > 3 ? Math.min(year, current - 2) : year);
  });
  // "the deadliest since 2015, when two earthquakes killed nearly 9,000", "since October 2005, when …": the
  // counts are of then; not one before it ("… feared to exceed 600, the deadliest since April 2015, when …").
  forEachMatch(SINCE_WHEN, text, (match) => {
    if (!counts.some((c) => c.start < match.index)) years.push(Number(match[1]));
  });
  // "the Hajj season of the year 1445 AH witnessed the death of 1,301 pilgrims": its Gregorian year, near enough.
  forEachMatch(HIJRI_YEAR, text, (match) => years.push(Math.floor(Number(match[1]) * 0.970229 + 621.5643)));
  return years.length > 0 && years.every((year) => year < current - 1);
}

/** "… feared to exceed 600, the worst since April 2015, when 1,000 people drowned": where the words of then begin (the counts after are of then). */
export function thenFrom(text: string, published: string | null | undefined): number {
  let from = Infinity;
  if (!published || !MAYBE_YEAR.test(text)) return from;
  forEachMatch(SINCE_WHEN, text, (match) => {
    if (Number(match[1]) < Number(published.slice(0, 4)) - 1) from = Math.min(from, match.index + match[0].length);
  });
  return from;
}

/**
 * "Iran, which has had a fraught relationship with Riyadh since the 2015
 * stampede that killed hundreds of its pilgrims, blamed …": the words of an
 * event years back, to the end of their clause (the counts in them are of then).
 */
export function pastClause(text: string, published: string | null | undefined): [number, number] | null {
  if (!published || !MAYBE_YEAR.test(text)) return null;
  const match = SINCE_THE_YEAR.exec(text);
  if (!match || Number(match[1]) >= Number(published.slice(0, 4)) - 1) return null;
  const from = match.index + match[0].length;
  const end = text.slice(from).search(/[,;.]/);
  return [from, end === -1 ? text.length : from + end];
}
const SINCE_THE_YEAR = /\bsince the ((?:1[89]|20)\d\d) [\w-]+(?: [\w-]+)? (?:that|which|in which|when)\b/i;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;
const SINCE_WHEN =
  /\bsince (?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? )?((?:1[89]|20)\d\d),? when\b/gi;
const SINCE_CLAUSE = /\bsince\b[^,;.()—–]*$/i;

/** The year YEAR_OF_EVENT captures, alone. */
const MAYBE_YEAR = /(?:1[89]|20)\d\d|1[34]\d\d\s*A\.?H\b/;
const HIJRI_YEAR = /\b(1[34]\d\d)\s*(?:AH|A\.H\.)(?![\p{L}])/gu;
