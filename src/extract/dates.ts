// The days a text names, for the `as_of` of CONTRACT §3: a figure refers to the
// latest day named in its sentence, else in its paragraph, else publication.
//
// chrono-node finds the phrases; the day each one means is worked out here.
// chrono resolves relative phrases ("Friday", "the day before yesterday") in
// the process's local time zone and prefers the nearest weekday, even a future
// one, while the contract wants the most recent one on or before publication.
// So only what the words themselves say is taken from chrono (month, day, year,
// weekday), and all date arithmetic is done here on UTC day numbers.
import * as chrono from 'chrono-node';
import { remember } from '../common/remember.ts';
import { withoutIgnoreCase } from './regex-case.ts';
import type { Span } from './types.ts';

export interface NamedDay extends Span {
  /** The words naming the day: `text.slice(start, end)`. */
  phrase: string;
  /** ISO date (YYYY-MM-DD), never after publication. */
  date: string;
}

/**
 * Every day `text` names, resolved against `published` (ISO YYYY-MM-DD), in
 * text order. Days after publication ("tomorrow", "next Monday", "until
 * January 19") are left out: they are plans, not the day a figure refers to.
 */
export function resolveDates(text: string, published: string): NamedDay[] {
  const pub = dayNumber(published);
  if (!mayNameADay(text)) return [];
  const mentions = mergeCompounds(text, findMentions(text, pub));
  return mentions.flatMap((m) =>
    resolve(m.meaning, pub)
      .filter((day) => day <= pub)
      .map((day) => ({ start: m.start, end: m.end, phrase: text.slice(m.start, m.end), date: isoDate(day) })),
  );
}

/**
 * The latest day of each sentence read, for the sentences of one article
 * (published on one day): its two extractors ask about many of the same
 * sentences, and each sentence of a paragraph may fall back on the others,
 * so each is read once.
 */
export type DayCache = Map<string, string | null>;

/**
 * The latest day named in the sentence, else in its paragraph, else
 * `published`. `paragraph`: the texts of its paragraph's sentences (see
 * `layoutOf`), the sentence among them: the days a paragraph names are those
 * its sentences name, so each sentence is read once, not again within every
 * paragraph that falls back (chrono then reads half as many characters an
 * article of the synthetic corpus). A date split across two sentences or
 * lines is no day of either. `cache`: the article's (see `layoutOf`); a call
 * without one reads its texts afresh.
 */
export function resolveAsOf(
  sentence: string,
  paragraph: readonly string[],
  published: string,
  cache: DayCache = new Map(),
): string {
  const own = cachedLatest(cache, sentence, published);
  if (own !== null) return own;
  let latest: string | null = null;
  for (const other of paragraph) {
    const day = other === sentence ? null : cachedLatest(cache, other, published);
    if (day !== null && (latest === null || day > latest)) latest = day;
  }
  return latest ?? published;
}

function cachedLatest(cache: DayCache, text: string, published: string): string | null {
  let day = cache.get(text);
  if (day === undefined) cache.set(text, (day = latest(resolveDates(text, published))));
  return day;
}

function latest(days: NamedDay[]): string | null {
  return days.reduce<string | null>((max, d) => (max === null || d.date > max ? d.date : max), null);
}

// ------------------------------------------------------------------ meanings

interface CalendarDay {
  month: number;
  day: number;
  year: number | null;
}

type Meaning =
  | { kind: 'offset'; days: number }
  | { kind: 'weekday'; weekday: number; when: 'on_or_before' | 'before' | 'after' }
  | { kind: 'calendar'; start: CalendarDay; end: CalendarDay | null };

interface Mention extends Span {
  meaning: Meaning;
}

// Longest phrases first: "the day before yesterday" also contains "yesterday".
const OFFSETS: ReadonlyArray<readonly [RegExp, number]> = [
  [/\bday before yesterday\b/i, -2],
  [/\bday after tomorrow\b/i, 2],
  [/\byesterday\b|\blast night\b/i, -1],
  [/\btomorrow\b/i, 1],
  [/\btoday\b|\btonight\b|\bthis (?:morning|afternoon|evening)\b/i, 0],
];
const NUMBER_WORDS = ['a', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const DAYS_AGO = new RegExp(`\\b(\\d+|${NUMBER_WORDS.join('|')}) days? ago\\b`, 'i');
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
// Full names only: "Sun", "Sat" and "Wed" are also ordinary words.
const WEEKDAY = new RegExp(`\\b(${WEEKDAYS.join('|')})\\b`, 'i');
const MONTH_NAME =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/i;
const NUMERIC_DATE = /\d{1,4}[/.-]\d{1,2}/;
const FUTURE_WORD = /\b(?:next|coming|following)\b/i;
const PAST_WORD = /\b(?:last|past|previous)\b/i;
// "until Sunday": the deadline of a plan, not a day that has happened.
const FUTURE_BEFORE = /\b(?:until|till|til|next|coming|following)\s+(?:the\s+)?$/i;
const PAST_BEFORE = /\b(?:last|past|previous)\s+$/i;

// A text names a day only if one of the phrases `interpret` accepts can be cut
// from it, and each of those contains one of these letters or digit shapes
// (no word boundaries: a phrase edge need not be one in the text), or else a
// month (MONTH_NAME) and a day of the month: chrono takes the day as stated
// (isCalendarDay) only from a number or an ordinal word (DAY_OF_MONTH). Most
// sentences pass neither test ("declared", "in March" do not), and chrono,
// which runs some 20 parsers over the whole text, is then skipped: the result
// is the same empty list. Of the sentences of 3,000 synthetic articles, a
// third of those with a month's letters named no day of it.
const MAY_NAME_A_DAY =
  /yesterday|tomorrow|today|tonight|last night|this (?:morning|afternoon|evening)|ago|sunday|monday|tuesday|wednesday|thursday|friday|saturday|\d[/.-]\d/i;

function mayNameADay(text: string): boolean {
  return MAY_NAME_A_DAY.test(text) || (MONTH.test(text) && DAY_OF_MONTH.test(text));
}

// We never need the hour, and the time parser reads the count in "Wednesday
// 18 police" as 18:00 and swallows it into the phrase.
const chronoParsers = chrono.casual.parsers.filter((p) => p.constructor.name !== 'ENTimeExpressionParser');

/**
 * Every parser this module uses (exported for the tests that dayParserFor, and
 * the parsers' expressions without `i`, give the same results), each
 * expression without its `i` flag (regex-case.ts: the same matches, compiled
 * in a fraction of the time on the first article).
 */
export const dayParser = chrono.casual.clone();
dayParser.parsers = chronoParsers.map(caseExpandedParser);

/** `parser` with the expressions it gives written without `i` (withoutIgnoreCase), each made once. */
function caseExpandedParser(parser: chrono.Parser): chrono.Parser {
  const made = new WeakMap<RegExp, RegExp>();
  // Its own `pattern` over the parser's: its other methods, and the state chrono keeps in it, are the parser's own.
  const expanded = Object.create(parser) as chrono.Parser;
  expanded.pattern = function (context) {
    const re = parser.pattern.call(this, context);
    let without = made.get(re);
    if (!without) made.set(re, (without = withoutIgnoreCase(re)));
    return without;
  };
  return expanded;
}

// Chrono tries each of its parsers' expressions over the whole text, and a
// parser finds nothing in a text without the words its expression requires
// (an expression that matches nowhere gives no result, and a parser's results
// come only from its matches). So each text is parsed by a copy of dayParser
// with only the parsers whose required words it contains, which gives the
// very same results: the others would have added none, and the refiners are
// the same. The words were read off chrono-node 2.10.3's expressions, all
// case-insensitive without `u` (as the tests below are); each expression is
// checked against a hash of the one read, and a parser whose expression is not
// that one is always tried.
const MONTH = /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i;
const DAY_OF_MONTH =
  /[0-9]|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|teenth|twentieth|thirtieth/i;
const PARSER_NEEDS: Readonly<Record<string, { pattern: string; needs: (text: string) => boolean }>> = {
  ENYearMonthDayParser: { pattern: '09a4b144', needs: (t) => /[0-9]{4}/.test(t) },
  ISOFormatParser: { pattern: '6bcf21ad', needs: (t) => /[0-9]{4}-[0-9]/.test(t) },
  SlashDateFormatParser: { pattern: '4c965ad4', needs: (t) => /[0-9][/.-][0-9]/.test(t) },
  ENMonthNameLittleEndianParser: { pattern: 'e5093247', needs: (t) => MONTH.test(t) && DAY_OF_MONTH.test(t) },
  ENMonthNameMiddleEndianParser: { pattern: '4fe75f97', needs: (t) => MONTH.test(t) && DAY_OF_MONTH.test(t) },
  ENWeekdayParser: { pattern: 'e4169096', needs: (t) => /sun|mon|tue|wed|thu|fri|sat|week/i.test(t) },
  ENSlashMonthFormatParser: { pattern: 'a5b64d29', needs: (t) => /[0-9]\/[0-9]{4}/.test(t) },
  ENTimeUnitAgoFormatParser: { pattern: '61d696c8', needs: (t) => /ago|before|earlier/i.test(t) },
  ENTimeUnitLaterFormatParser: {
    pattern: 'b9740e71',
    needs: (t) => /later|after|from now|henceforth|forward|out/i.test(t),
  },
  ENYearMonthNameParser: { pattern: '6a416df1', needs: (t) => MONTH.test(t) && /[1-9]/.test(t) },
  ENCasualDateParser: {
    pattern: '7a95d8eb',
    needs: (t) => /now|today|tonight|tomorrow|overmorrow|tmr|yesterday|last\s*night/i.test(t),
  },
  ENCasualTimeParser: { pattern: '391ff145', needs: (t) => /morning|afternoon|evening|night|midday|noon/i.test(t) },
  ENEndOfCurrentMonthParser: { pattern: '1daec59b', needs: (t) => /month/i.test(t) },
  ENMonthNameParser: { pattern: 'c194d879', needs: (t) => MONTH.test(t) },
  ENRelativeDateFormatParser: { pattern: 'f33e17e0', needs: (t) => /this|last|past|next|after/i.test(t) },
  ENTimeUnitCasualRelativeFormatParser: {
    pattern: '208fb793',
    needs: (t) => /this|last|past|next|after|\+|-/i.test(t),
  },
};

/** For each of dayParser's parsers: what a text must contain for it to find anything (null: it is always tried). */
export const parserNeeds: (((text: string) => boolean) | null)[] = chronoParsers.map((parser) => {
  const known = PARSER_NEEDS[parser.constructor.name];
  if (!known) return null;
  // None of these expressions depends on the parse's options (`{}` here).
  const pattern = (parser as { pattern?: (context: unknown) => RegExp }).pattern?.({ option: {} });
  return pattern instanceof RegExp && fnv1a(`${pattern.source}/${pattern.flags}`) === known.pattern
    ? known.needs
    : null;
});

/** dayParser with only some of its parsers (a bit per parser, in order), made once per set. */
const dayParsers = new Map<number, chrono.Chrono>();

export function dayParserFor(text: string): chrono.Chrono {
  let mask = 0;
  parserNeeds.forEach((needs, i) => {
    if (needs === null || needs(text)) mask |= 1 << i;
  });
  return remember(
    dayParsers,
    mask,
    () => {
      const parser = dayParser.clone();
      parser.parsers = dayParser.parsers.filter((_, i) => (mask & (1 << i)) !== 0);
      return parser;
    },
    1000,
  );
}

function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i += 1) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

function findMentions(text: string, pub: number): Mention[] {
  // Noon UTC on the publication day; nothing below depends on chrono's own
  // resolution of it, only on the words it found.
  const reference = { instant: new Date(pub * DAY_MS + DAY_MS / 2), timezone: 0 };
  return dayParserFor(text)
    .parse(text, reference)
    .flatMap((result) => {
      const phrase = result.text.replace(/[\s,;:]+$/u, '');
      const span = { start: result.index, end: result.index + phrase.length };
      const before = text.slice(Math.max(0, span.start - 40), span.start);
      const meaning = interpret(phrase, before, result);
      return meaning ? [{ ...span, meaning }] : [];
    });
}

function interpret(phrase: string, before: string, result: chrono.ParsedResult): Meaning | null {
  const offset = OFFSETS.find(([pattern]) => pattern.test(phrase))?.[1];
  if (offset !== undefined) return { kind: 'offset', days: offset };
  const ago = DAYS_AGO.exec(phrase)?.[1];
  if (ago) return { kind: 'offset', days: -countOf(ago) };
  if (isCalendarDay(phrase, result.start)) {
    return { kind: 'calendar', start: calendarDay(result.start), end: result.end ? calendarDay(result.end) : null };
  }
  const weekday = WEEKDAY.exec(phrase)?.[1];
  if (weekday)
    return { kind: 'weekday', weekday: WEEKDAYS.indexOf(weekday.toLowerCase()), when: weekdayWhen(phrase, before) };
  // "this week", "the weekend", "this year", "a few days ago": not one day.
  return null;
}

function countOf(word: string): number {
  const index = NUMBER_WORDS.indexOf(word.toLowerCase());
  return index === -1 ? Number(word) : Math.max(index, 1);
}

function isCalendarDay(phrase: string, components: chrono.ParsedComponents): boolean {
  const stated = components.isCertain('day') && components.isCertain('month');
  return stated && (MONTH_NAME.test(phrase) || NUMERIC_DATE.test(phrase));
}

function calendarDay(components: chrono.ParsedComponents): CalendarDay {
  return {
    month: components.get('month')!,
    day: components.get('day')!,
    year: components.isCertain('year') ? components.get('year') : null,
  };
}

function weekdayWhen(phrase: string, before: string): 'on_or_before' | 'before' | 'after' {
  if (FUTURE_WORD.test(phrase) || FUTURE_BEFORE.test(before)) return 'after';
  if (PAST_WORD.test(phrase) || PAST_BEFORE.test(before)) return 'before';
  return 'on_or_before';
}

/** "Yesterday, Thursday" is one day: the relative word and the weekday restating it. */
function mergeCompounds(text: string, mentions: Mention[]): Mention[] {
  const merged: Mention[] = [];
  for (const mention of mentions) {
    const previous = merged.at(-1);
    if (previous && restates(previous, mention) && /^\s*,?\s*$/u.test(text.slice(previous.end, mention.start))) {
      const offset = previous.meaning.kind === 'offset' ? previous.meaning : mention.meaning;
      merged[merged.length - 1] = { start: previous.start, end: mention.end, meaning: offset };
    } else {
      merged.push(mention);
    }
  }
  return merged;
}

function restates(a: Mention, b: Mention): boolean {
  const kinds = [a.meaning.kind, b.meaning.kind].sort().join();
  return kinds === 'offset,weekday';
}

// ---------------------------------------------------------------- day numbers

const DAY_MS = 86_400_000;
// Dates further ahead than this in the publication year are last year's
// ("December 30" in a January article).
const MAX_DAYS_AHEAD = 62;

/** The days a meaning stands for; none when it lies after publication. */
function resolve(meaning: Meaning, pub: number): number[] {
  switch (meaning.kind) {
    case 'offset':
      return [pub + meaning.days];
    case 'weekday':
      return meaning.when === 'after' ? [] : [latestWeekday(meaning.weekday, pub, meaning.when === 'before')];
    case 'calendar':
      return resolveCalendar(meaning.start, meaning.end, pub);
  }
}

function latestWeekday(weekday: number, pub: number, strictlyBefore: boolean): number {
  const back = (weekdayOf(pub) - weekday + 7) % 7;
  return pub - (back === 0 && strictlyBefore ? 7 : back);
}

function resolveCalendar(start: CalendarDay, end: CalendarDay | null, pub: number): number[] {
  const first = calendarDayNumber(start, pub);
  const last = end ? calendarDayNumber(end, pub) : null;
  if (first === null) return [];
  if (last === null) return end ? [] : [first];
  // A period that runs past publication ("from 5 to 19 January") is a plan.
  return last > pub ? [] : [first, last];
}

function calendarDayNumber({ year, month, day }: CalendarDay, pub: number): number | null {
  if (year !== null) return utcDay(year, month, day);
  const pubYear = new Date(pub * DAY_MS).getUTCFullYear();
  const thisYear = utcDay(pubYear, month, day);
  if (thisYear === null) return null;
  return thisYear - pub > MAX_DAYS_AHEAD ? utcDay(pubYear - 1, month, day) : thisYear;
}

/** Days since 1970-01-01, or null for a day that does not exist (31 February). */
function utcDay(year: number, month: number, day: number): number | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.getTime() / DAY_MS;
}

function dayNumber(iso: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const day = match ? utcDay(Number(match[1]), Number(match[2]), Number(match[3])) : null;
  if (day === null) throw new RangeError(`expected an ISO date (YYYY-MM-DD), got ${JSON.stringify(iso)}`);
  return day;
}

function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function weekdayOf(day: number): number {
  // 1970-01-01 was a Thursday (4).
  return (((day + 4) % 7) + 7) % 7;
}
