// Article text → one row per reported casualty figure (CONTRACT §3).
// Per sentence: find the counts, then read what each one counts (the measure,
// from the words after it or the noun before "of") and who (the group, from
// its noun phrase), skipping counts of things and of other events.
//
// Structure read, in order of trust: the count's own clause ("26 armed
// criminals were liquidated"), the words just before it ("the arrest of",
// "the death toll rose to", "killing"), then its neighbours: a part named in an
// aside ("164 people, including 103 in Almaty, …"), a comparison ("up from
// 5,800"), a partition ("four children were among 164 people killed") and a
// fragment continuing the previous sentence ("About 750 others."). The words
// that say what a count counts and who are read in casualty-measures.ts; the
// counts that are no figure of the event (an age, a share, a year long past),
// in casualty-exclusions.ts.
import type { Group, Measure } from '../datasets/schema.ts';
import { findAttribution, homeOffice } from './attribution.ts';
import {
  BACK_FIGURE,
  CORRECTED_BEFORE,
  BACK_REFERENCE,
  DISPUTED,
  FROM_PREVIOUS,
  INCLUSION,
  OTHER_EVENT,
  RETRACTED,
  SIZE_OF,
  GATHERED,
  TO_NEXT,
  ANNUAL_RATE,
  measureLexicon,
} from './casualty-cues.ts';
import type { MeasureLexicon } from './casualty-cues.ts';
import {
  isEnumerator,
  isHijriYear,
  isOtherYear,
  isShareOrDischarged,
  isStatedAge,
  pastClause,
  thenFrom,
} from './casualty-exclusions.ts';
import { defaultCodebook } from './codebook.ts';
import type { Codebook } from './codebook.ts';
import { resolveAsOf } from './dates.ts';
import { findCounts } from './numbers.ts';
import { bodies, mayCountOne, onePerson } from './one-person.ts';
import { forEachMatch } from './each-match.ts';
import type { CountMention } from './numbers.ts';
import { layoutOf } from './sentences.ts';
import type { Layout } from './sentences.ts';
import type { CasualtyDraft, Extraction, Sentence, Span } from './types.ts';
import {
  BARE_SUBJECT,
  countsThings,
  PROJECTED_AFTER,
  PROJECTED_BEFORE,
  frame,
  groupIn,
  groupOf,
  laterDied,
  admitted,
  lives,
  lookBack,
  measuresAfter,
  measuresBefore,
  objectOf,
  partOf,
  startsWithMeasure,
  tollBefore,
  treatedFor,
  trimBefore,
  useLexicon,
} from './casualty-measures.ts';
import {
  farFrom,
  isCoordinated,
  isGapped,
  isIncluded,
  isListed,
  isParallel,
  isPartOfHead,
  partsOfWholes,
  remainsOf,
} from './count-links.ts';

export interface ArticleText {
  id: string;
  body: string;
  published: string;
  /**
   * The story's home country as the gazetteer names it ("Kazakhstan", "Kazakh"…):
   * its own offices are the figures' usual source and are written without it
   * ("Interior Ministry"), while a foreign one keeps its name.
   */
  home?: readonly string[];
  /** The measures and groups to read (the story's codebook); the base codebook when left out. */
  codebook?: Codebook;
}

export interface Reading {
  count: CountMention;
  measures: Measure[];
  group: Group | null;
  /** Read from the previous sentence ("About 750 others."), whose source it shares. */
  continued: boolean;
  /** Not a count but a projection: "expected to rise to 600", "could top 100", "feared dead". */
  projected?: boolean;
}

/** `layout`: the body's layout when the caller has it (it must be `layoutOf(article.body)`). */
export function extractCasualties(
  article: ArticleText,
  layout: Layout = layoutOf(article.body),
): Extraction<CasualtyDraft> {
  const { sentences, paragraphSentences, days } = layout;
  const lexicon = measureLexicon(article.codebook ?? defaultCodebook());
  const rows: CasualtyDraft[] = [];
  const sources: string[] = [];
  let previous: Reading | null = null;
  let previousSource: string | null = null;
  sentences.forEach((sentence, index) => {
    if (sentence.lang !== null) return;
    const attribution = homeOffice(findAttribution(sentence.text, sources), article.home);
    if (attribution.named && sources.push(attribution.named) > MEMORY) sources.shift();
    const readings = readSentence(sentence.text, previous, article.published, lexicon);
    if (readings.length === 0) {
      markPrevious(rows, sentences[index - 1], sentence);
      return;
    }
    const asOf = resolveAsOf(sentence.text, paragraphSentences[sentence.paragraph] ?? [], article.published, days);
    const status = RETRACTED.test(sentence.text) ? 'retracted' : DISPUTED.test(sentence.text) ? 'disputed' : 'reported';
    const source: string | null = attribution.source ?? (readings.some((r) => r.continued) ? previousSource : null);
    if (readings[0]?.continued) dropRespective(rows, previous, readings[0]);
    previous = readings.at(-1) ?? null;
    previousSource = source;
    for (const reading of readings) {
      const start = reading.count.start;
      const own = CORRECTED_BEFORE.test(sentence.text.slice(Math.max(0, start - 90), start))
        ? 'retracted'
        : status === 'reported' && reading.projected
          ? 'projected'
          : status === 'disputed' && reading.projected
            ? 'projected'
            : status;
      for (const measure of reading.measures) rows.push(toRow(article, sentence, reading, measure, asOf, source, own));
    }
  });
  return { rows, messages: [] };
}

/**
 * "The ministry said 164 people had been killed. The post has since been
 * deleted." / "Reuters could not independently verify the figures.": a
 * sentence without a figure of its own that withdraws or doubts figures applies
 * to those of the sentence right before it: in the same paragraph, or across a
 * paragraph break when it names what it withdraws ("The figure … was removed").
 */
function markPrevious(rows: CasualtyDraft[], before: Sentence | undefined, sentence: Sentence): void {
  // Only rows of the sentence right before can change, and most sentences
  // follow one without any: test that before running the two patterns.
  if (!before || rows.at(-1)?.start !== before.start) return;
  const status = RETRACTED.test(sentence.text) ? 'retracted' : DISPUTED.test(sentence.text) ? 'disputed' : null;
  if (!status) return;
  if (before.paragraph !== sentence.paragraph && !BACK_REFERENCE.test(sentence.text)) return;
  for (let i = rows.length - 1; i >= 0 && rows[i]?.start === before.start; i--) rows[i]!.status = status;
}

/**
 * "18 police … were killed and wounded. About 750 others.": the fragment gives
 * the figure of the second verb, so the first count is only of the first
 * ("respectively"); its row for the second verb goes.
 */
function dropRespective(rows: CasualtyDraft[], previous: Reading | null, fragment: Reading): void {
  const measure = fragment.measures[0];
  if (!previous || previous.measures.length < 2 || previous.measures.at(-1) !== measure) return;
  const index = rows.findLastIndex(
    (r) => r.measure === measure && r.phrase === previous.count.phrase && r.value === previous.count.value,
  );
  if (index !== -1) rows.splice(index, 1);
  previous.measures = previous.measures.slice(0, -1);
}

function toRow(
  article: ArticleText,
  sentence: Sentence,
  reading: Reading,
  measure: Measure,
  asOf: string,
  attribution: string | null,
  status: CasualtyDraft['status'],
): CasualtyDraft {
  const { count } = reading;
  return {
    article: article.id,
    measure,
    group: reading.group ?? 'all',
    value: count.value,
    qualifier: count.qualifier,
    low: count.low,
    high: count.high,
    phrase: count.phrase,
    as_of: asOf,
    attribution,
    status,
    quote: sentence.text,
    start: sentence.start,
    end: sentence.end,
  };
}

// How many sources an article's anaphors ("the ministry said") look back over.
const MEMORY = 50;

/** A count being read: its measures may still come from a neighbour. */
interface Draft {
  count: CountMention;
  /** Its place among the sentence's counts (some give no draft: "six other towns"). */
  at: number;
  measures: Measure[] | null;
  group: Group | null;
  /** Where a count without measure of its own takes one from. */
  link: 'previous' | 'next' | null;
  /** Read from the previous sentence ("About 750 others."). */
  continued: boolean;
  projected: boolean;
  /** A part of the count before it, which it tells in parts ("The 187 rescued included 96 Mozambicans, 58 …"). */
  part: boolean;
}

/**
 * Every casualty count of one sentence, with what and whom it counts.
 * `previous` resolves "others" and fragments; `published` (ISO date) tells a
 * past event ("in 2011, 14 oil workers were killed") from the one reported.
 */
export function readSentence(
  text: string,
  previous: Reading | null = null,
  published: string | null = null,
  lexicon?: MeasureLexicon,
): Reading[] {
  useLexicon(lexicon ?? measureLexicon(defaultCodebook()));
  const view = isHeadlineCase(text) ? lowerCase(text) : text;
  const found = findCounts(view);
  // Without a count, "a body" or "a 17-year-old" there is nothing to read, whatever else the sentence says.
  if (found.length === 0 && !mayCountOne(view)) return [];
  if (OTHER_EVENT.test(view)) return [];
  const then = thenFrom(view, published);
  const past = pastClause(view, published);
  const counts = found
    .filter(
      (c) =>
        !isPartitiveOne(view, c, previous) &&
        !isStatedAge(view, c) &&
        !isShareOrDischarged(view, c) &&
        !isEnumerator(view, c) &&
        !isHijriYear(view, c) &&
        !isPlaceInClause(view, c),
    )
    .map((c) => ({ ...c, phrase: text.slice(c.start, c.end) }))
    .filter((c) => c.start < then && !(past && past[0] <= c.start && c.start < past[1]));
  if (published && isOtherYear(view, counts, published)) return [];
  // Most sentences hold no count: only "a body" or "a 17-year-old schoolboy" can be read from them.
  if (counts.length === 0)
    return [...bodies(view, counts), ...onePerson(view, [])].sort((a, b) => a.count.start - b.count.start);
  const asides = spans(INCLUSION, view);
  const asideOf = enclosing(counts, asides);
  const main = counts.filter((_, i) => !asideOf[i]);
  const drafts = resolveLinks(readMain(blank(view, asides), main, previous));
  partsOfWholes(view, drafts);
  const readings: Reading[] = [];
  for (const draft of drafts) {
    if (draft.measures && draft.measures.length > 0 && !draft.part)
      readings.push({
        count: draft.count,
        measures: draft.measures,
        group: draft.group,
        continued: draft.continued,
        projected: draft.projected,
      });
  }
  let w = 0;
  const parts = counts.flatMap((c, i) => {
    while (w < readings.length && readings[w]!.count.start < c.start) w++;
    const aside = asideOf[i];
    // The whole is the last count before the aside, else ("Including 19 …, 225 were killed") the first after.
    return aside ? readPart(view, c, aside, readings[w - 1] ?? readings[w]) : [];
  });
  // "One body was found dead": the count read as itself already says so.
  const body = bodies(view, counts).filter((b) => !readings.some((r) => r.count.start === b.count.start));
  return readings.concat(parts, body, onePerson(view, readings)).sort((a, b) => a.count.start - b.count.start);
}

/**
 * A count of things after a preposition ("400 people from the three hamlets
 * are still missing", "4,870 people are still living in 37 shelters") is a
 * place within the clause of the count before it, not the start of another:
 * it is no count, nor the end of that clause. Not a count of things listed
 * after another ("3 thousand pieces of clothing and 800 kits"), which still
 * ends the clause of the one before.
 */
function isPlaceInClause(text: string, count: CountMention): boolean {
  return (
    PLACE_PREPOSITION.test(text.slice(Math.max(0, count.start - 30), count.start)) &&
    countsThings(text.slice(count.end))
  );
}
const PLACE_PREPOSITION =
  /\b(?:in|into|inside|from|at|across|around|to|against|near)\s+(?:(?:the|its|their|some|about|nearly|almost|over|more than|at least)\s+)*$/i;

/**
 * The words after a count with the apposition that names who they are blanked
 * (same length): "Two of the injured, a French guide and a German woman, were
 * flown to hospital" reads on to what became of them.
 */
function withoutApposition(after: string): string {
  const apposed = APPOSITION.exec(after);
  if (!apposed) return after;
  const [whole, part] = [apposed[0], apposed[1]!];
  return part + ' '.repeat(whole.length - part.length) + after.slice(whole.length);
}
const APPOSITION =
  /^(\s+of\s+(?:the|them|those|these)(?:\s+[\p{L}-]+)?)\s*,\s+(?:an?|the|his|her|their)\s[^,;.()]{1,60},/iu;

/** The counts outside asides, each read from its own clause and the words before it. */
function readMain(text: string, counts: readonly CountMention[], previous: Reading | null): Draft[] {
  const drafts: Draft[] = [];
  counts.forEach((count, i) => {
    const before = text.slice(counts[i - 1]?.end ?? 0, count.start);
    const after = withoutApposition(text.slice(count.end, counts[i + 1]?.start ?? text.length));
    if (countsThings(after) || SIZE_OF.test(before) || GATHERED.test(after) || isAge(before, after)) return;
    // "Avalanches kill about 100 people a year across the Alps": a rate over years, not this event's toll.
    if (ANNUAL_RATE.test(after)) return;
    // A codebook frame around the count is the most specific reading: "treating 74 patients" is of people in hospital, not hurt.
    const own =
      frame(before, after) ??
      treatedFor(before, after) ??
      objectOf(before) ??
      laterDied(after) ??
      admitted(after) ??
      partOf(after) ??
      measuresAfter(after, i + 1 < counts.length) ??
      // "27 workers are still missing; the federation puts the number at about 40": the figure before it.
      (backFigure(before) ? (drafts.findLast((d) => d.measures)?.measures ?? null) : null) ??
      // "Of the injured, 58 were discharged": those let go are not counted by the words before them.
      (RELEASED.test(after) ? null : measuresBefore(before)) ??
      lives(before, after);
    // "The other 595 patients admitted during the heatwave have been discharged": in hospital no more (the injured
    // discharged were still injured).
    if (own?.every((m) => m === 'hospitalized') && DISCHARGED.test(after)) return;
    const fragment = own ? null : (continued(text, count, previous) ?? backReference(before, previous));
    const ofHead = isPartOfHead(text, counts[i - 1], before);
    const fromPrevious =
      (FROM_PREVIOUS.test(before) && !farFrom(before)) ||
      ofHead ||
      (i > 0 && (isGapped(before, after) || isListed(before, after) || isParallel(before, after)));
    const link =
      own || fragment ? null : fromPrevious ? 'previous' : TO_NEXT.test(after) || isCoordinated(after) ? 'next' : null;
    // "…were killed and 748 wounded", "One officer was killed and two were injured": the subject's noun is the one before
    // (but "Eighteen officers were killed and 26 were detained" are not officers).
    const elided =
      drafts.length > 0 &&
      /\band\s*$/i.test(before) &&
      (startsWithMeasure(after) || (BARE_SUBJECT.test(after) && !own?.includes('arrested')));
    const nearby = lookBack(text, count.start);
    // "A police officer was killed and two others were wounded": the group of a noun with no count of its own.
    const last = drafts.at(-1);
    const inherited = last ? last.group : (groupIn(nearby) ?? previous?.group ?? null);
    const group = groupOf(after, nearby, inherited, elided);
    const projected =
      PROJECTED_BEFORE.test(text.slice(Math.max(0, count.start - 80), count.start)) || PROJECTED_AFTER.test(after);
    // "The 187 rescued miners included 96 Mozambicans, 58 Zimbabweans …": the whole told in parts (see readPart).
    // "Of the 38 dead, 14 were burned beyond recognition": the dead told in parts too.
    const part =
      (link === 'previous' && (isIncluded(before) || ofHead || (last?.part === true && isListed(before, after)))) ||
      remainsOf(drafts, count, own, after);
    drafts.push({
      count,
      at: i,
      measures: own ?? fragment,
      group,
      link,
      continued: fragment !== null,
      projected,
      part,
    });
  });
  return drafts;
}

/** "Her son Athman, 19, was among the dead": a number between commas right after a name is an age. */
function isAge(before: string, after: string): boolean {
  return AGE_APPOSED.test(before) && /^\s*,/.test(after);
}
// "Smith, 34, died", "a flight attendant, 34, who died": a name or a person, then the age between commas.
const AGE_APPOSED =
  /\b(?:[A-Z][\p{L}'’-]+|(?:[Aa]n?|[Tt]he|[Hh]is|[Hh]er|[Tt]heir)\s+(?:[\p{L}-]+\s+){0,3}?[\p{L}-]+),\s*$/u;

/** "The Home Ministry later withdrew the figure of 3,000": the figure is of the measure of the one before. */
function backReference(before: string, previous: Reading | null): Measure[] | null {
  const measure = previous?.measures[0];
  return measure && backFigure(before) ? [measure] : null;
}

/** BACK_FIGURE, unless the figure is of things: "put the number of shelters gutted at around 2,500". */
function backFigure(before: string): boolean {
  if (!BACK_FIGURE.test(before)) return false;
  // "the number of police officers and soldiers injured had risen to 132": the figure's own measure, read after.
  if (tollBefore(trimBefore(before))) return false;
  const of = /\b(?:figure|number|count|tally|estimate|total) of\b([^.;]*)$/i.exec(before);
  return !of || !countsThings(of[1]!);
}

/** Gives linked counts the measure (and, lacking their own, the group) of their neighbour. */
function resolveLinks(drafts: Draft[]): Draft[] {
  drafts.forEach((draft, i) => {
    if (draft.measures || !draft.link) return;
    const neighbour = draft.link === 'previous' ? drafts[i - 1] : drafts[i + 1];
    // The next count itself, not one beyond a count of things ("thousands of protesters in Nairobi and six other towns").
    if (!neighbour?.measures || (draft.link === 'next' && neighbour.at !== draft.at + 1)) return;
    draft.measures = neighbour.measures;
    if (draft.link === 'previous') draft.group ??= neighbour.group;
  });
  addingUp(drafts);
  return drafts;
}

/**
 * "the Thai toll at 26 dead, 15 civilians and 11 soldiers": counts that take
 * their measure from the one before them and add up to it are its parts.
 */
function addingUp(drafts: Draft[]): void {
  drafts.forEach((whole, i) => {
    if (whole.link !== null || !whole.measures) return;
    let end = i + 1;
    let sum = 0;
    while (drafts[end]?.link === 'previous' && drafts[end]!.measures === whole.measures)
      sum += drafts[end++]!.count.value;
    if (end - i > 2 && sum === whole.count.value) for (let k = i + 1; k < end; k += 1) drafts[k]!.part = true;
  });
}

/**
 * A count named in an aside. A breakdown of the whole ("including 19
 * children", "five of them in Nairobi", "among them 11 firefighters") is the
 * whole's figure told in parts, no figure of its own, as "the body of one of
 * them" is none; a part in another state ("…wounded, 11 of them in critical
 * condition") is a figure of its own.
 */
function readPart(text: string, count: CountMention, aside: Span, whole: Reading | undefined): Reading[] {
  const after = text.slice(count.end, aside.end);
  // "312 people have been detained, of whom 140 have since been released": the part left the whole.
  if (countsThings(after) || RELEASED.test(after)) return [];
  const measures = measuresAfter(after);
  if (!measures || (whole && measures.every((m) => whole.measures.includes(m)))) return [];
  const before = lookBack(text, count.start);
  return [{ count, measures, group: groupOf(after, before, null, false) ?? whole?.group ?? null, continued: false }];
}

/**
 * "…18 police were killed and wounded. About 750 others.": a fragment that is
 * only a count and "others" continues the previous sentence's last measure.
 */
function continued(text: string, count: CountMention, previous: Reading | null): Measure[] | null {
  const last = previous?.measures.at(-1);
  const fragment = !/\S/.test(text.slice(0, count.start)) && /^\s+(?:more\s+)?others\W*$/i.test(text.slice(count.end));
  return fragment && last ? [last] : null;
}

/**
 * "the body of one of them", "one of them seriously": one of people already
 * counted, not a new figure; but a sentence of its own that says what became
 * of one of those the sentence before counted ("One of them remains in
 * hospital", after the injured) is one in a new state.
 */
function isPartitiveOne(text: string, count: CountMention, previous: Reading | null): boolean {
  if (count.value !== 1 || !/^\s+of (?:them|those|these|whom)\b/i.test(text.slice(count.end))) return false;
  if (!previous || !/^\W*$/.test(text.slice(0, count.start))) return true;
  const measures = measuresAfter(text.slice(count.end).replace(/^\s+of \w+/, ''));
  return !measures || measures.every((m) => previous.measures.includes(m));
}

const RELEASED =
  /^\s*(?:have|has|had|were|was)?\s*(?:since |later |now |already |then )?(?:been )?(?:released|freed|discharged|set free)\b/i;
/** "595 patients admitted during the heatwave have been discharged": the count's own predicate, a few words on. */
const DISCHARGED =
  /^\s+(?:[\p{L}-]+\s+){1,6}?(?:have|has|had|were|was)\s+(?:since |later |now |already |then |all )?(?:been )?discharged\b(?! into)/iu;

// ------------------------------------------------------------------ text helpers

/** The spans a global pattern matches. */
function spans(pattern: RegExp, text: string): Span[] {
  const found: Span[] = [];
  forEachMatch(pattern, text, (m) => found.push({ start: m.index, end: m.index + m[0].length }));
  return found;
}

/** For each count (both in text order), the aside holding it, in one pass. */
function enclosing(counts: readonly CountMention[], asides: readonly Span[]): (Span | undefined)[] {
  let a = 0;
  return counts.map((c) => {
    while (a < asides.length && asides[a]!.end < c.end) a++;
    const aside = asides[a];
    return aside && aside.start <= c.start && c.end <= aside.end ? aside : undefined;
  });
}

/** The text with the asides blanked out, offsets unchanged: "164 people,           were killed". */
function blank(text: string, asides: readonly Span[]): string {
  let out = '';
  let at = 0;
  for (const aside of asides) {
    out += text.slice(at, aside.start) + ' '.repeat(aside.end - aside.start);
    at = aside.end;
  }
  return out + text.slice(at);
}

/**
 * "Kazakhstan Says 164 Killed In Unrest", "POLICE SAY 26 RIOTERS KILLED":
 * headline case, where every word is capitalised, so capitals tell nothing
 * (findCounts takes "Detain 200" for a name like "Channel 4" when no count
 * noun follows, as it does in "Says 164 Killed"). A short headline
 * ("Police Detain 200") has two long words only: it counts when they and every
 * shorter word are capitalised and no full stop ends it.
 */
function isHeadlineCase(text: string): boolean {
  const words = text.match(/\b[A-Za-z][A-Za-z'’-]{3,}\b/g) ?? [];
  if (words.length < 2) return false;
  // By code rather than a regex per word: this runs on every sentence.
  let capitalised = 0;
  for (const word of words) {
    const first = word.charCodeAt(0);
    if (first >= 0x41 && first <= 0x5a) capitalised += 1;
  }
  if (words.length >= 3) return capitalised / words.length >= 0.8;
  return capitalised === 2 && !/\b[a-z]/.test(text) && !/\.\s*$/.test(text);
}

/** Lower case that keeps every offset (a few letters change length when lowered). */
function lowerCase(text: string): string {
  return text.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}
