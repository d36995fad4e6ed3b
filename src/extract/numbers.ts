// Reads counts the way news prose writes them ("2,300", "more than two
// thousand", "dozens", "at least a dozen", "some 190") and refuses numbers that
// count nothing: dates, years, times, durations, ages, ordinals, percentages,
// money, codes and names. Pure: text in, mentions out; every offset is a UTF-16
// index into the text given. Which numbers count PEOPLE (not planes, days or
// crowds) is the caller's business: it sees the sentence, this module does not.
//
// Decisions (each pinned by a test in tests/extract/numbers.test.ts):
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
import type { Qualifier } from '../datasets/schema.ts';

export interface CountMention {
  /** Offsets of the whole phrase, qualifier included. */
  start: number;
  end: number;
  phrase: string;
  /** Offsets of the numeric part alone ("two thousand", "dozens", "a dozen"). */
  numberStart: number;
  numberEnd: number;
  value: number;
  qualifier: Qualifier;
  /** Chart bounds; null = open. */
  low: number | null;
  high: number | null;
}

export type CountReading = Omit<CountMention, 'start' | 'end' | 'numberStart' | 'numberEnd' | 'phrase'>;

interface Bounds {
  low: number;
  high: number;
}

/** CONTRACT §3: a vague word counts as the smallest number it can mean. */
export const VAGUE_COUNTS = {
  several: { low: 3, high: 9 },
  few: { low: 3, high: 9 },
  tens: { low: 20, high: 99 },
  dozens: { low: 24, high: 99 },
  hundreds: { low: 200, high: 999 },
  thousands: { low: 2000, high: 9999 },
  millions: { low: 2_000_000, high: 9_999_999 },
} as const satisfies Record<string, Bounds>;
export type VagueWord = keyof typeof VAGUE_COUNTS;

type BoundQualifier = Exclude<Qualifier, 'exact' | 'vague'>;

/** Words before a number that bound it; matched longest first. */
export const QUALIFIER_PHRASES: readonly (readonly [string, BoundQualifier])[] = [
  ['at least', 'at_least'],
  ['no fewer than', 'at_least'],
  ['no less than', 'at_least'],
  ['not fewer than', 'at_least'],
  ['not less than', 'at_least'],
  ['a minimum of', 'at_least'],
  ['more than', 'more_than'],
  ['over', 'more_than'],
  ['just over', 'more_than'],
  ['well over', 'more_than'],
  ['upwards of', 'more_than'],
  ['in excess of', 'more_than'],
  ['about', 'about'],
  ['around', 'about'],
  ['some', 'about'],
  ['nearly', 'about'],
  ['almost', 'about'],
  ['approximately', 'about'],
  ['roughly', 'about'],
  ['circa', 'about'],
  ['close to', 'about'],
  ['an estimated', 'about'],
  ['estimated', 'about'],
  ['estimated at', 'about'],
  ['estimated to be', 'about'],
  ['up to', 'up_to'],
  ['as many as', 'up_to'],
  ['at most', 'up_to'],
  ['no more than', 'up_to'],
  ['not more than', 'up_to'],
  ['a maximum of', 'up_to'],
  ['fewer than', 'fewer_than'],
  ['less than', 'fewer_than'],
  ['under', 'fewer_than'],
  ['just under', 'fewer_than'],
  ['أكثر من', 'more_than'],
  ['اكثر من', 'more_than'],
  ['ما لا يقل عن', 'at_least'],
  ['نحو', 'about'],
  ['حوالي', 'about'],
  ['حوالى', 'about'],
  ['قرابة', 'about'],
  ['زهاء', 'about'],
  ['ما يقارب', 'about'],
  ['ما يصل إلى', 'up_to'],
  ['أقل من', 'fewer_than'],
  ['اقل من', 'fewer_than'],
];

const UNITS = new Map(
  Object.entries({ one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 }),
);
const TEENS = new Map(
  Object.entries({
    ten: 10,
    eleven: 11,
    twelve: 12,
    thirteen: 13,
    fourteen: 14,
    fifteen: 15,
    sixteen: 16,
    seventeen: 17,
    eighteen: 18,
    nineteen: 19,
  }),
);
const TENS = new Map(
  Object.entries({ twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 }),
);
const SCALES = new Map(Object.entries({ thousand: 1e3, million: 1e6, billion: 1e9 }));
const PLURAL_SCALES = new Map(Object.entries({ thousands: 1e3, millions: 1e6, billions: 1e9 }));
/** What "a few"/"several"/"a couple"/"half a" can multiply. */
const MULTIPLIERS = new Map(
  Object.entries({
    dozen: 12,
    dozens: 12,
    hundred: 100,
    hundreds: 100,
    thousand: 1e3,
    thousands: 1e3,
    million: 1e6,
    millions: 1e6,
    billion: 1e9,
  }),
);
const VAGUE_PLURALS = new Map<string, VagueWord>([
  ['tens', 'tens'],
  ['dozens', 'dozens'],
  ['hundreds', 'hundreds'],
  ['thousands', 'thousands'],
  ['millions', 'millions'],
]);
/** Arabic vague words, hamza-normalised (أ/إ/آ → ا), without prefixes. */
const ARABIC_VAGUE = new Map<string, VagueWord>([
  ['عشرات', 'tens'],
  ['مئات', 'hundreds'],
  ['مءات', 'hundreds'],
  ['الاف', 'thousands'],
  ['الوف', 'thousands'],
]);

const TIME_WORDS = [
  'second',
  'seconds',
  'sec',
  'secs',
  'minute',
  'minutes',
  'min',
  'mins',
  'hour',
  'hours',
  'hr',
  'hrs',
  'day',
  'days',
  'night',
  'nights',
  'week',
  'weeks',
  'weekend',
  'weekends',
  'fortnight',
  'fortnights',
  'month',
  'months',
  'year',
  'years',
  'yr',
  'yrs',
  'decade',
  'decades',
  'century',
  'centuries',
  'morning',
  'mornings',
  'evening',
  'evenings',
  'afternoon',
  'afternoons',
  'a.m',
  'p.m',
  'am',
  'pm',
  "o'clock",
  'gmt',
  'utc',
  'يوم',
  'يوما',
  'يوماً',
  'أيام',
  'ايام',
  'ساعة',
  'ساعات',
  'دقيقة',
  'دقائق',
  'أسبوع',
  'أسابيع',
  'شهر',
  'أشهر',
  'اشهر',
  'شهور',
  'سنة',
  'سنوات',
  'عام',
  'عاما',
  'عاماً',
  'أعوام',
];
const MONEY_WORDS = [
  'dollar',
  'dollars',
  'usd',
  'euro',
  'euros',
  'eur',
  'pound',
  'pounds',
  'sterling',
  'ruble',
  'rubles',
  'rouble',
  'roubles',
  'rub',
  'tenge',
  'kzt',
  'yuan',
  'renminbi',
  'dinar',
  'dinars',
  'dirham',
  'dirhams',
  'riyal',
  'riyals',
  'lira',
  'liras',
  'manat',
  'som',
  'cent',
  'cents',
  'bucks',
  'دولار',
  'دولارات',
];
const MEASURE_WORDS = [
  'meter',
  'meters',
  'metre',
  'metres',
  'km',
  'kilometer',
  'kilometers',
  'kilometre',
  'kilometres',
  'mile',
  'miles',
  'foot',
  'feet',
  'inch',
  'inches',
  'kg',
  'kilo',
  'kilos',
  'kilogram',
  'kilograms',
  'gram',
  'grams',
  'ton',
  'tons',
  'tonne',
  'tonnes',
  'liter',
  'liters',
  'litre',
  'litres',
  'barrel',
  'barrels',
  'hectare',
  'hectares',
  'acre',
  'acres',
  'degree',
  'degrees',
  'mph',
  'megawatt',
  'megawatts',
  'كيلومتر',
  'كيلومترات',
  'متر',
  'أمتار',
];
const RATIO_WORDS = ['percent', 'pct', 'percentage', 'times', 'fold', 'بالمئة', 'بالمائة'];
/** A number followed by one of these measures something other than a head count. */
const UNIT_WORDS: ReadonlySet<string> = new Set([...TIME_WORDS, ...MONEY_WORDS, ...MEASURE_WORDS, ...RATIO_WORDS]);
/** Words that may stand between a number and its unit ("two more days", "six long months"). */
const MODIFIERS: ReadonlySet<string> = new Set([
  'more',
  'other',
  'long',
  'full',
  'whole',
  'entire',
  'consecutive',
  'straight',
  'successive',
  'additional',
  'further',
  'extra',
  'square',
  'cubic',
]);
const ORDINALS: ReadonlySet<string> = new Set([
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
  'eleventh',
  'twelfth',
  'thirteenth',
  'fourteenth',
  'fifteenth',
  'sixteenth',
  'seventeenth',
  'eighteenth',
  'nineteenth',
  'twentieth',
  'thirtieth',
  'fortieth',
  'fiftieth',
  'sixtieth',
  'seventieth',
  'eightieth',
  'ninetieth',
  'hundredth',
  'thousandth',
  'millionth',
]);
const EN_MONTHS: ReadonlySet<string> = new Set([
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
]);
const AR_MONTHS: ReadonlySet<string> = new Set([
  'يناير',
  'فبراير',
  'مارس',
  'أبريل',
  'ابريل',
  'إبريل',
  'مايو',
  'يونيو',
  'يونيه',
  'يوليو',
  'يوليه',
  'أغسطس',
  'اغسطس',
  'سبتمبر',
  'أكتوبر',
  'اكتوبر',
  'نوفمبر',
  'ديسمبر',
  'كانون',
  'شباط',
  'آذار',
  'اذار',
  'نيسان',
  'أيار',
  'ايار',
  'حزيران',
  'تموز',
  'آب',
  'أيلول',
  'ايلول',
  'تشرين',
]);
const WEEKDAYS: ReadonlySet<string> = new Set([
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
]);
/** Lower-case words that make the number after them a label ("flight 370"). */
const LABEL_WORDS: ReadonlySet<string> = new Set([
  'number',
  'nr',
  'page',
  'article',
  'chapter',
  'section',
  'paragraph',
  'clause',
  'item',
  'flight',
  'route',
  'room',
  'channel',
  'gate',
  'platform',
  'resolution',
  'decree',
  'phase',
  'level',
  'grade',
  'category',
  'episode',
  'season',
  'version',
  'volume',
  'vol',
  'tier',
  'highway',
  'apartment',
]);
const CURRENCY_SYMBOLS: ReadonlySet<string> = new Set(['$', '€', '£', '¥', '₸', '₽', '₹', '₺']);
const CURRENCY_CODES: ReadonlySet<string> = new Set(['usd', 'eur', 'gbp', 'kzt', 'rub', 'cny']);
const GLUE_BEFORE: ReadonlySet<string> = new Set(['/', '+', '#', '№']);
const HYPHENS: ReadonlySet<string> = new Set(['-', '\u2010', '\u2011']);
const RANGE_DASHES: ReadonlySet<string> = new Set(['-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014']);
const RANGE_WORDS: ReadonlySet<string> = new Set(['to', 'or', 'إلى', 'الى']);
const BETWEEN_WORDS: ReadonlySet<string> = new Set(['between', 'بين']);
const BETWEEN_LINKS: ReadonlySet<string> = new Set(['and', 'و']);
const PARSE_TRAILERS: ReadonlySet<string> = new Set(['of', 'more', 'others']);
/** Qualifiers strong enough to make "more than 2000" a count rather than a year. */
const COUNT_QUALIFIERS: ReadonlySet<Qualifier> = new Set(['at_least', 'more_than', 'up_to', 'fewer_than']);
const YEAR_PREPOSITIONS: ReadonlySet<string> = new Set([
  'in',
  'since',
  'by',
  'until',
  'till',
  'from',
  'before',
  'after',
  'during',
  'of',
  'to',
  'mid',
  'early',
  'late',
  'year',
  'spring',
  'summer',
  'autumn',
  'fall',
  'winter',
  'circa',
]);
const COUNT_NOUNS: ReadonlySet<string> = new Set([
  'people',
  'persons',
  'person',
  'protesters',
  'demonstrators',
  'rioters',
  'civilians',
  'police',
  'policemen',
  'officers',
  'soldiers',
  'servicemen',
  'troops',
  'personnel',
  'members',
  'residents',
  'victims',
  'casualties',
  'bodies',
  'others',
  'dead',
  'killed',
  'injured',
  'wounded',
  'arrested',
  'detained',
  'hospitalized',
  'hospitalised',
  'of',
]);
/**
 * Words before "one" that make it a pronoun ("no one", "the one who"). Not
 * "that": after a verb of saying it is a conjunction ("said that one person
 * died"), and the demonstrative "that one" is followed by a verb or nothing
 * ("that one was", "that one."), which `ONE_STOP` and the noun test refuse anyway.
 */
const ONE_DETERMINERS: ReadonlySet<string> = new Set([
  'no',
  'the',
  'this',
  'which',
  'every',
  'any',
  'each',
  'another',
  'such',
]);
/** Words after "one" that make it a pronoun or an idiom ("one was", "one another", "at one point"). */
const ONE_STOP: ReadonlySet<string> = new Set([
  'is',
  'was',
  'were',
  'are',
  'be',
  'been',
  'being',
  'has',
  'had',
  'have',
  'can',
  'could',
  'would',
  'will',
  'shall',
  'should',
  'may',
  'might',
  'must',
  'does',
  'did',
  'do',
  'who',
  'whom',
  'whose',
  'which',
  'that',
  'and',
  'or',
  'nor',
  'but',
  'another',
  'else',
  'in',
  'on',
  'at',
  'to',
  'for',
  'by',
  'with',
  'from',
  'as',
  'than',
  'into',
  'after',
  'too',
  'way',
  'hand',
  'point',
  'thing',
  'time',
]);
/** "one of the largest …" names membership of a class, not a count of one. */
const CLASS_MARKERS: ReadonlySet<string> = new Set([
  'largest',
  'biggest',
  'main',
  'most',
  'leading',
  'top',
  'best',
  'worst',
  'greatest',
  'major',
  'key',
  'few',
  'many',
  'primary',
  'richest',
  'poorest',
  'oldest',
  'highest',
  'lowest',
  'smallest',
  'deadliest',
  'strongest',
  'first',
  'last',
  'chief',
  'principal',
]);
const OPENERS: ReadonlySet<string> = new Set(['"', '“', '‘', "'", '(', '[', '«', '„']);
const CLOSERS: ReadonlySet<string> = new Set(['"', '”', '’', "'", ')', ']', '»']);
const SENTENCE_ENDS: ReadonlySet<string> = new Set(['.', '!', '?', '…', ':', ';']);

// ---------------------------------------------------------------------------
// Tokens

interface Token {
  kind: 'num' | 'word' | 'punct';
  text: string;
  /** Lower case, curly apostrophe straightened: what the tables are keyed by. */
  key: string;
  start: number;
  end: number;
  /** The text between the previous token and this one ('' = touching). */
  gap: string;
  /** The gap is spaces only (see `spaced`): tested once here, read many times. */
  spaced: boolean;
}

// The tokens, in the words of one regex (flag `u`; leftmost match, first alternative wins):
//
//   num:   [0-9٠-٩۰-۹]+(?:[,.:٫٬][0-9٠-٩۰-۹]+)*
//   word:  (?:\p{L}{1,2}\.)+\p{L}{1,2}(?!\p{L})  |  \p{L}[\p{L}\p{M}]*(?:['’][\p{L}\p{M}]+)*
//   punct: \S
//
// Abbreviations such as "p.m", "U.S", "t.co" stay one word so the dots do not
// split them; a digit run keeps its separators so "2,300" and "10:30" arrive whole.
// `tokenize` scans for exactly these matches by hand: it runs over every
// sentence, and the regex (Unicode classes tried at every position) was the
// larger part of `findCounts`.

// Character classes, as bits: a code point may be several (none is also possible).
const LETTER = 1;
const MARK = 2;
const SPACE = 4;
const DIGIT = 8;

// Classes as the `u` flag reads them: ASCII by code, anything else by
// property tests, once per code point per process.
const CHAR_CLASSES = new Map<number, number>();

function classOf(code: number): number {
  if (code < 0x80) {
    if (code >= 0x30 && code <= 0x39) return DIGIT;
    const lower = code | 0x20;
    if (lower >= 0x61 && lower <= 0x7a) return LETTER;
    return code === 0x20 || (code >= 0x09 && code <= 0x0d) ? SPACE : 0;
  }
  let cls = CHAR_CLASSES.get(code);
  if (cls === undefined) {
    const ch = String.fromCodePoint(code);
    cls =
      (/\p{L}/u.test(ch) ? LETTER : 0) |
      (/\p{M}/u.test(ch) ? MARK : 0) |
      (/\s/u.test(ch) ? SPACE : 0) |
      (/[\u0660-\u0669\u06F0-\u06F9]/u.test(ch) ? DIGIT : 0);
    CHAR_CLASSES.set(code, cls);
  }
  return cls;
}

const ASCII_CLASSES = Uint8Array.from({ length: 0x80 }, (_, code) => classOf(code));

// The scanners below read one past the end of the text as a matter of course:
// `codeAt` answers -1 there instead of NaN (whose out-of-bounds read makes V8
// drop its optimised code).
function codeAt(text: string, at: number): number {
  return at < text.length ? text.charCodeAt(at) : -1;
}

/** The class of the code point at `at` (nothing past the end). */
function classAt(text: string, at: number): number {
  if (at >= text.length) return 0;
  const code = text.charCodeAt(at);
  return code < 0x80 ? ASCII_CLASSES[code]! : classOf(text.codePointAt(at)!);
}

/** UTF-16 length of the code point at `at`: 2 for a surrogate pair. */
function width(text: string, at: number): number {
  const code = codeAt(text, at);
  if (code < 0xd800 || code > 0xdbff) return 1;
  const next = codeAt(text, at + 1);
  return next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
}

const DIGIT_SEPARATORS: ReadonlySet<number> = new Set([0x2c, 0x2e, 0x3a, 0x066b, 0x066c]);

/** End of `num` at `at`, a digit. */
function numEnd(text: string, at: number): number {
  let j = at;
  while (classAt(text, j) & DIGIT) j += 1;
  while (DIGIT_SEPARATORS.has(codeAt(text, j)) && classAt(text, j + 1) & DIGIT) {
    j += 1;
    while (classAt(text, j) & DIGIT) j += 1;
  }
  return j;
}

/** How many letters start at `at` (counting stops at 3: callers only tell one or two from more), and where they end. */
function letterRun(text: string, at: number): { count: number; end: number } {
  let count = 0;
  let end = at;
  while (count < 3 && classAt(text, end) & LETTER) {
    end += width(text, end);
    count += 1;
  }
  return { count, end };
}

/**
 * End of the first `word` alternative at `at`, or -1. Its groups of one or two
 * letters and a dot are forced, so the match is the longest run of groups
 * followed by one or two letters; failing that, backtracking gives up the
 * last group and ends on its letters, when at least one group remains.
 */
function initialsEnd(text: string, at: number): number {
  let groups = 0;
  let lastLetters = -1;
  let pos = at;
  for (;;) {
    const { count, end } = letterRun(text, pos);
    const short = count >= 1 && count <= 2;
    if (short && codeAt(text, end) === 0x2e) {
      groups += 1;
      lastLetters = end;
      pos = end + 1;
      continue;
    }
    if (groups === 0) return -1;
    if (short) return end;
    return groups >= 2 ? lastLetters : -1;
  }
}

/** End of the second `word` alternative at `at`, a letter. */
function wordEnd(text: string, at: number): number {
  let j = at + width(text, at);
  for (;;) {
    while (classAt(text, j) & (LETTER | MARK)) j += width(text, j);
    const c = codeAt(text, j);
    if ((c === 0x27 || c === 0x2019) && classAt(text, j + 1) & (LETTER | MARK)) {
      j += 1;
      continue;
    }
    return j;
  }
}

const SPACES = /^[ \t\u00A0\u2009\u202F]+$/;

/** Lower case, curly apostrophe straightened. */
function keyOf(token: string): string {
  const lower = token.toLowerCase();
  return lower.includes('’') ? lower.replace(/’/g, "'") : lower;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  // Keys are cut from the text keyed once: lowering each token of a two-byte
  // string (any text with a curly quote) costs several times more. Lowering
  // goes character by character, one for one, except for "İ" (two when
  // lowered) and the Greek capital sigma (final or not by what follows):
  // with either, tokens are keyed one by one.
  const lowered = /[\u0130\u03A3]/.test(text) ? null : text.toLowerCase().replace(/’/g, "'");
  let previousEnd = 0;
  let i = 0;
  while (i < text.length) {
    const cls = classAt(text, i);
    if (cls & SPACE) {
      i += 1;
      continue;
    }
    const start = i;
    let kind: Token['kind'];
    if (cls & DIGIT) {
      kind = 'num';
      i = numEnd(text, i);
    } else if (cls & LETTER) {
      kind = 'word';
      const initials = initialsEnd(text, i);
      i = initials === -1 ? wordEnd(text, i) : initials;
    } else {
      kind = 'punct';
      i += width(text, i);
    }
    const token = text.slice(start, i);
    const key = lowered === null ? keyOf(token) : lowered.slice(start, i);
    const gap = start === previousEnd ? '' : text.slice(previousEnd, start);
    tokens.push({
      kind,
      text: token,
      key,
      start,
      end: i,
      gap,
      spaced: gap === ' ' || (gap !== '' && SPACES.test(gap)),
    });
    previousEnd = i;
  }
  return tokens;
}

/** Words of one phrase are separated by spaces only, never by a line break. */
function spaced(t: Token | undefined): t is Token {
  return t !== undefined && t.spaced;
}

function spacedKey(toks: readonly Token[], i: number, key: string): boolean {
  const t = toks[i];
  return spaced(t) && t.key === key;
}

function matchKeys(toks: readonly Token[], i: number, keys: readonly string[]): number | null {
  for (let k = 0; k < keys.length; k++) {
    const t = toks[i + k];
    if (!t || t.key !== keys[k] || (k > 0 && !spaced(t))) return null;
  }
  return i + keys.length;
}

// ---------------------------------------------------------------------------
// Numbers

interface Digits {
  text: string;
  /** No separator and no decimal point: candidates for years and codes. */
  plain: boolean;
}

interface NumberPart {
  /** First token of the part, "between" included. */
  start: number;
  /** First token of the number proper. */
  numStart: number;
  /** Token index just past the part. */
  end: number;
  kind: 'exact' | 'vague' | 'range';
  value: number;
  low: number;
  high: number;
  /** The scale word that ends the number ("3 million" → 1e6), else 1: lets "2 to 3 million" share it. */
  scale: number;
  digits: Digits | null;
  /** The lone word "one", which needs context to be a count. */
  bareOne: boolean;
  /** For a range, its two ends. */
  ends: readonly [NumberPart, NumberPart] | null;
}

interface Span {
  value: number;
  end: number;
}

function exactPart(start: number, end: number, value: number, scale: number, extra?: Partial<NumberPart>): NumberPart {
  return {
    start,
    numStart: start,
    end,
    kind: 'exact',
    value,
    low: value,
    high: value,
    scale,
    digits: null,
    bareOne: false,
    ends: null,
    ...extra,
  };
}

const ARABIC_ZERO = 0x0660;
const PERSIAN_ZERO = 0x06f0;

function westernDigits(text: string): string {
  // Almost every number is written in ASCII digits already.
  if (!/[^\x00-\x7f]/.test(text)) return text;
  return text
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - ARABIC_ZERO))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - PERSIAN_ZERO))
    .replace(/\u066C/g, ',')
    .replace(/\u066B/g, '.');
}

function readDigits(raw: string): { mantissa: number; decimals: number; digits: Digits } | null {
  const text = westernDigits(raw);
  if (!/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(text) && !/^\d+(?:\.\d+)?$/.test(text)) return null;
  const [whole = '', fraction = ''] = text.replace(/,/g, '').split('.');
  if (whole.length + fraction.length > 15) return null;
  return {
    mantissa: Number(whole + fraction),
    decimals: fraction.length,
    digits: { text, plain: !/[,.]/.test(text) },
  };
}

function scaleAt(toks: readonly Token[], i: number): number | undefined {
  const t = toks[i];
  return spaced(t) ? SCALES.get(t.key) : undefined;
}

function digitNumber(toks: readonly Token[], i: number): NumberPart | null {
  const t = toks[i];
  if (t?.kind !== 'num') return null;
  const read = readDigits(t.text);
  if (!read) return null;
  let multiplier = 1;
  let end = i + 1;
  if (spacedKey(toks, end, 'hundred')) {
    multiplier = 100;
    end++;
  }
  const scale = scaleAt(toks, end);
  if (scale !== undefined) {
    multiplier *= scale;
    end++;
  } else if (multiplier === 1 && spacedKey(toks, end, 'dozen')) {
    multiplier = 12;
    end++;
  }
  // A bare decimal ("2.5") is a measurement; only a scale makes it a head count.
  if (read.decimals > 0 && multiplier === 1) return null;
  const value = (read.mantissa * multiplier) / 10 ** read.decimals;
  if (!Number.isSafeInteger(value)) return null;
  return exactPart(i, end, value, multiplier, { digits: multiplier === 1 ? read.digits : null });
}

function unitAfterTens(toks: readonly Token[], j: number): Span | null {
  const a = toks[j];
  if (a && a.gap === '' && HYPHENS.has(a.text)) {
    const u = toks[j + 1];
    const v = u && u.gap === '' ? UNITS.get(u.key) : undefined;
    return v === undefined ? null : { value: v, end: j + 2 };
  }
  const v = spaced(a) ? UNITS.get(a.key) : undefined;
  return v === undefined ? null : { value: v, end: j + 1 };
}

function below100(toks: readonly Token[], i: number): Span | null {
  const t = toks[i];
  if (t?.kind !== 'word') return null;
  const tens = TENS.get(t.key);
  if (tens !== undefined) {
    const unit = unitAfterTens(toks, i + 1);
    return unit ? { value: tens + unit.value, end: unit.end } : { value: tens, end: i + 1 };
  }
  const v = UNITS.get(t.key) ?? TEENS.get(t.key);
  return v === undefined ? null : { value: v, end: i + 1 };
}

/** A number below 1000 in words: "seven", "twenty-six", "a hundred and fifty", "fifteen hundred". */
function wordGroup(toks: readonly Token[], i: number, allowA: boolean): Span | null {
  let value: number;
  let end: number;
  if (allowA && toks[i]?.key === 'a' && spacedKey(toks, i + 1, 'hundred')) {
    value = 100;
    end = i + 2;
  } else {
    const head = below100(toks, i);
    if (!head) return null;
    if (!spacedKey(toks, head.end, 'hundred')) return head;
    value = head.value * 100;
    end = head.end + 1;
  }
  const restAt = spacedKey(toks, end, 'and') ? end + 1 : end;
  const rest = spaced(toks[restAt]) ? below100(toks, restAt) : null;
  return rest ? { value: value + rest.value, end: rest.end } : { value, end };
}

function multiplierAt(toks: readonly Token[], i: number): number | undefined {
  const t = toks[i];
  return spaced(t) ? MULTIPLIERS.get(t.key) : undefined;
}

/** Numbers in words, including "a dozen", "half a dozen", "a couple", "two thousand three hundred". */
function wordNumber(toks: readonly Token[], i: number): NumberPart | null {
  const key = toks[i]?.key;
  if (key === 'zero') return exactPart(i, i + 1, 0, 1);
  if (key === 'half' && spacedKey(toks, i + 1, 'a')) {
    const m = multiplierAt(toks, i + 2);
    return m && Number.isInteger(m / 2) ? exactPart(i, i + 3, m / 2, 1) : null;
  }
  if (key === 'a' && spacedKey(toks, i + 1, 'couple')) {
    const m = multiplierAt(toks, i + 2);
    return m ? exactPart(i, i + 3, 2 * m, m) : exactPart(i, i + 2, 2, 1);
  }
  if (key === 'a' && spacedKey(toks, i + 1, 'dozen')) return exactPart(i, i + 2, 12, 12);

  const head = key === 'a' && scaleAt(toks, i + 1) !== undefined ? { value: 1, end: i + 1 } : wordGroup(toks, i, true);
  if (!head) return null;
  if (spacedKey(toks, head.end, 'dozen')) return exactPart(i, head.end + 1, head.value * 12, 12);

  let total = 0;
  let lastScale = Infinity;
  let scale = 1;
  let group = head.value;
  let end = head.end;
  for (;;) {
    const s = scaleAt(toks, end);
    if (s === undefined || s >= lastScale) break;
    total += group * s;
    group = 0;
    lastScale = s;
    scale = s;
    end++;
    const nextAt = spacedKey(toks, end, 'and') ? end + 1 : end;
    const next = spaced(toks[nextAt]) ? wordGroup(toks, nextAt, false) : null;
    if (!next) break;
    const nextScale = scaleAt(toks, next.end);
    if (nextScale !== undefined && nextScale >= lastScale) break;
    group = next.value;
    end = next.end;
    scale = 1;
  }
  total += group;
  return exactPart(i, end, total, scale, { bareOne: key === 'one' && end === i + 1 });
}

function arabicVague(key: string): VagueWord | undefined {
  // Every rewrite below only drops or swaps Arabic letters, so a word that does
  // not start with one never matches: skip the dozen regexes for it.
  const first = key.charCodeAt(0);
  if (!(first >= 0x0600 && first <= 0x06ff)) return undefined;
  const bare = key.replace(/[أإآ]/g, 'ا').replace(/ـ/g, '');
  for (const a of [bare, bare.replace(/^[وف]/, '')]) {
    for (const b of [a, a.replace(/^[بلك]/, '')]) {
      for (const c of [b, b.replace(/^ال/, ''), b.replace(/^ل/, '')]) {
        const v = ARABIC_VAGUE.get(c);
        if (v) return v;
      }
    }
  }
  return undefined;
}

function vaguePart(start: number, numStart: number, end: number, word: VagueWord, scale: number): NumberPart {
  const { low, high } = VAGUE_COUNTS[word];
  const lo = low * scale;
  return {
    start,
    numStart,
    end,
    kind: 'vague',
    value: lo,
    low: lo,
    high: (high + 1) * scale - 1,
    scale,
    digits: null,
    bareOne: false,
    ends: null,
  };
}

/** "dozens", "several", "a few hundred", "tens of thousands", "many dozens", "العشرات". */
function vagueNumber(toks: readonly Token[], i: number): NumberPart | null {
  const t = toks[i];
  if (t?.kind !== 'word') return null;
  // "many dozens" reads as dozens; in "how many thousands" the "many" belongs to "how".
  if (t.key === 'many' && toks[i - 1]?.key !== 'how' && spaced(toks[i + 1]) && VAGUE_PLURALS.has(toks[i + 1]!.key)) {
    const inner = vagueNumber(toks, i + 1);
    return inner && { ...inner, start: i, numStart: i };
  }
  if (t.key === 'several' || (t.key === 'a' && spacedKey(toks, i + 1, 'few'))) {
    const end = t.key === 'a' ? i + 2 : i + 1;
    const m = multiplierAt(toks, end);
    const word = t.key === 'a' ? 'few' : 'several';
    return m ? vaguePart(i, i, end + 1, word, m) : vaguePart(i, i, end, word, 1);
  }
  const plural = VAGUE_PLURALS.get(t.key);
  if (plural) {
    const s = spacedKey(toks, i + 1, 'of') && spaced(toks[i + 2]) ? PLURAL_SCALES.get(toks[i + 2]!.key) : undefined;
    return s ? vaguePart(i, i, i + 3, plural, s) : vaguePart(i, i, i + 1, plural, 1);
  }
  const arabic = arabicVague(t.key);
  if (arabic) {
    const next = toks[i + 1];
    const ofThousands = spaced(next) && arabicVague(next.key) === 'thousands';
    return ofThousands ? vaguePart(i, i, i + 2, arabic, 1e3) : vaguePart(i, i, i + 1, arabic, 1);
  }
  return null;
}

function exactNumber(toks: readonly Token[], i: number): NumberPart | null {
  return longest([digitNumber(toks, i), wordNumber(toks, i)]);
}

/** Where the second end of a range starts, or null: "to"/"or"/a dash, or "and" after "between". */
function rangeLinkEnd(toks: readonly Token[], j: number, between: boolean): number | null {
  const link = toks[j];
  const b = toks[j + 1];
  if (!link || !b) return null;
  if (RANGE_DASHES.has(link.text)) {
    const tight = link.gap === '' && b.gap === '';
    return tight || (spaced(link) && spaced(b)) ? j + 1 : null;
  }
  const words = between ? BETWEEN_LINKS : RANGE_WORDS;
  return spaced(link) && words.has(link.key) && spaced(b) ? j + 1 : null;
}

/** "between 100 and 200", "100-200", "100 to 200", "two or three", "2 to 3 million". */
function rangeNumber(toks: readonly Token[], i: number): NumberPart | null {
  const between = BETWEEN_WORDS.has(toks[i]?.key ?? '');
  const aAt = between ? i + 1 : i;
  if (between && !spaced(toks[aAt])) return null;
  const a = exactNumber(toks, aAt);
  if (!a) return null;
  const bAt = rangeLinkEnd(toks, a.end, between);
  const b = bAt === null ? null : exactNumber(toks, bAt);
  if (!b) return null;
  const sharesScale = a.scale === 1 && b.scale > 1 && a.value < b.value / b.scale;
  const low = sharesScale ? a.value * b.scale : a.value;
  if (!(b.value > low)) return null;
  return {
    start: i,
    numStart: aAt,
    end: b.end,
    kind: 'range',
    value: low,
    low,
    high: b.value,
    scale: b.scale,
    digits: null,
    bareOne: false,
    ends: [a, b],
  };
}

function longest(parts: readonly (NumberPart | null)[]): NumberPart | null {
  let best: NumberPart | null = null;
  for (const p of parts) if (p && (!best || p.end > best.end)) best = p;
  return best;
}

/**
 * Every word a number in words, a vague word or a range can open with (see
 * `rangeNumber`, `vagueNumber`, `wordNumber`); Arabic words are left to
 * `arabicVague`. `numberAt` runs at every token, and most tokens are none of these.
 */
const NUMBER_OPENERS: ReadonlySet<string> = new Set([
  ...BETWEEN_WORDS,
  'many',
  'several',
  'a',
  'zero',
  'half',
  ...UNITS.keys(),
  ...TEENS.keys(),
  ...TENS.keys(),
  ...VAGUE_PLURALS.keys(),
]);

function mayStartNumber(t: Token | undefined): boolean {
  if (!t) return false;
  if (t.kind === 'num' || NUMBER_OPENERS.has(t.key)) return true;
  const first = t.key.charCodeAt(0);
  return first >= 0x0600 && first <= 0x06ff;
}

function numberAt(toks: readonly Token[], i: number): NumberPart | null {
  if (!mayStartNumber(toks[i])) return null;
  const best = longest([rangeNumber(toks, i), vagueNumber(toks, i), exactNumber(toks, i)]);
  // "rose from 8 to 18" reports a change: keep the ends apart, unless it is a date span.
  if (best?.ends && toks[best.start - 1]?.key === 'from' && !monthNear(toks, best)) return best.ends[0];
  return best;
}

// ---------------------------------------------------------------------------
// Context: what makes a number not a count

interface Context {
  toks: readonly Token[];
  part: NumberPart;
  qualifier: Qualifier | null;
}

/** The word a number qualifies: after a glued hyphen ("180-day"), or after modifiers and "of". */
function wordAfter(toks: readonly Token[], end: number): Token | undefined {
  const t = toks[end];
  if (t && t.gap === '' && HYPHENS.has(t.text)) {
    const u = toks[end + 1];
    return u && u.gap === '' && u.kind === 'word' ? u : undefined;
  }
  let j = end;
  for (let skipped = 0; skipped < 2 && spaced(toks[j]) && MODIFIERS.has(toks[j]!.key); skipped++) j++;
  if (spacedKey(toks, j, 'of') || spacedKey(toks, j, 'من')) j++;
  const n = toks[j];
  return spaced(n) && n.kind === 'word' ? n : undefined;
}

function isMonth(t: Token | undefined): boolean {
  if (!t || t.kind !== 'word') return false;
  return (EN_MONTHS.has(t.key) && /^\p{Lu}/u.test(t.text)) || AR_MONTHS.has(t.key);
}

function monthNear(toks: readonly Token[], part: NumberPart): boolean {
  const prev = toks[part.start - 1];
  const abbreviated = prev?.text === '.' && toks[part.start]?.gap !== '' && prev.gap === '';
  const before = abbreviated ? toks[part.start - 2] : prev;
  const first = toks[part.start];
  return (isMonth(before) && spaced(first)) || isMonth(wordAfter(toks, part.end));
}

function prevKey(toks: readonly Token[], i: number): string | undefined {
  const t = toks[i];
  return spaced(t) ? toks[i - 1]?.key : undefined;
}

function startsSentence(toks: readonly Token[], w: number): boolean {
  let k = w - 1;
  let gapOf = toks[w];
  while (k >= 0 && OPENERS.has(toks[k]!.text)) gapOf = toks[k--];
  const before = toks[k];
  if (!before || (gapOf && gapOf.gap.includes('\n'))) return true;
  if (SENTENCE_ENDS.has(before.text)) return true;
  return CLOSERS.has(before.text) && SENTENCE_ENDS.has(toks[k - 1]?.text ?? '');
}

function yearLike(part: NumberPart): boolean {
  const d = part.digits;
  return (
    part.kind === 'exact' && d !== null && d.plain && d.text.length === 4 && part.value >= 1800 && part.value <= 2099
  );
}

function isGlued({ toks, part }: Context): boolean {
  const first = toks[part.numStart]!;
  const prev = toks[part.numStart - 1];
  const next = toks[part.end];
  const touchesBefore = prev !== undefined && first.gap === '';
  const touchesAfter = next !== undefined && next.gap === '';
  if (touchesBefore && (prev.kind !== 'punct' || GLUE_BEFORE.has(prev.text))) return true;
  if (touchesAfter && (next.kind !== 'punct' || next.text === '/')) return true;
  // "COVID-19", "Su-25", and either end of a score or code like "3-0".
  const beforeHyphen = toks[part.numStart - 2];
  if (touchesBefore && HYPHENS.has(prev.text) && beforeHyphen && prev.gap === '' && beforeHyphen.kind !== 'punct')
    return true;
  const afterHyphen = toks[part.end + 1];
  return touchesAfter && HYPHENS.has(next.text) && afterHyphen?.gap === '' && afterHyphen.kind === 'num';
}

function isMoney({ toks, part }: Context): boolean {
  const prev = toks[part.start - 1];
  const first = toks[part.start]!;
  if (!prev || !(first.gap === '' || spaced(first))) return false;
  return CURRENCY_SYMBOLS.has(prev.text) || (prev.kind === 'word' && CURRENCY_CODES.has(prev.key) && spaced(first));
}

function isPercent({ toks, part }: Context): boolean {
  const next = toks[part.end];
  if (next && (next.text === '%' || next.text === '٪') && (next.gap === '' || spaced(next))) return true;
  return (
    spacedKey(toks, part.end, 'per') &&
    (spacedKey(toks, part.end + 1, 'cent') || spacedKey(toks, part.end + 1, 'centum'))
  );
}

function hasUnit({ toks, part }: Context): boolean {
  const w = wordAfter(toks, part.end);
  return w !== undefined && UNIT_WORDS.has(w.key);
}

function isOrdinal({ toks, part }: Context): boolean {
  const w = wordAfter(toks, part.end);
  return w !== undefined && ORDINALS.has(w.key);
}

function isDate({ toks, part }: Context): boolean {
  if (part.kind === 'vague' || part.high > 31 || part.low < 1 || part.scale !== 1) return false;
  return monthNear(toks, part);
}

function countNounAfter(toks: readonly Token[], end: number): boolean {
  const noun = wordAfter(toks, end);
  return noun !== undefined && COUNT_NOUNS.has(noun.key);
}

function isYear({ toks, part, qualifier }: Context): boolean {
  if (part.ends) return yearLike(part.ends[0]) && yearLike(part.ends[1]);
  if (!yearLike(part)) return false;
  if (qualifier && COUNT_QUALIFIERS.has(qualifier)) return false;
  if (!countNounAfter(toks, part.end)) return true;
  // A count noun follows. The word before the number decides, unless it is the
  // last word of a qualifier ("close to 2000 people", "estimated at 2000
  // people"): "to" or "at" there belongs to the qualifier, not to a date.
  if (qualifier) return false;
  const before = prevKey(toks, part.start);
  return before !== undefined && YEAR_PREPOSITIONS.has(before);
}

function isAge({ toks, part }: Context): boolean {
  const before = prevKey(toks, part.start);
  if (before === 'aged' || before === 'age' || before === 'ages') return true;
  const twoBefore = prevKey(toks, part.start - 1);
  return before === 'of' && (twoBefore === 'age' || twoBefore === 'ages');
}

function isName({ toks, part, qualifier }: Context): boolean {
  if (qualifier || part.start !== part.numStart || toks[part.numStart]?.kind !== 'num') return false;
  const prev = toks[part.start - 1];
  if (!prev || prev.kind !== 'word' || !spaced(toks[part.start])) return false;
  if (LABEL_WORDS.has(prev.key)) return true;
  if (!/^\p{Lu}/u.test(prev.text) || WEEKDAYS.has(prev.key) || EN_MONTHS.has(prev.key)) return false;
  if (startsSentence(toks, part.start - 1)) return false;
  // Title Case headlines capitalise every word, so a capital tells nothing
  // there; a name is followed by what it names ("Khabar 24 channel"), a count
  // by what it counts ("Police Say 26 Killed", "UN Says 164 Dead").
  return !countNounAfter(toks, part.end);
}

function isCodeDigits({ part }: Context): boolean {
  const d = part.digits;
  if (!d?.plain) return false;
  return d.text.length > 7 || (d.text.length > 1 && d.text.startsWith('0'));
}

function oneIsCount(toks: readonly Token[], part: NumberPart): boolean {
  const before = prevKey(toks, part.start);
  if (before !== undefined && ONE_DETERMINERS.has(before)) return false;
  const next = toks[part.end];
  if (!spaced(next) || next.kind !== 'word') return false;
  if (next.key === 'of') {
    for (let k = part.end + 1; k <= part.end + 3 && spaced(toks[k]); k++) {
      if (CLASS_MARKERS.has(toks[k]!.key)) return false;
    }
    return true;
  }
  return !ONE_STOP.has(next.key);
}

function isPronounOne({ toks, part, qualifier }: Context): boolean {
  return part.bareOne && qualifier === null && !oneIsCount(toks, part);
}

/** Why a number is not a count; the first that applies wins. */
const EXCLUSIONS: readonly (readonly [reason: string, applies: (c: Context) => boolean])[] = [
  ['part of a word or code', isGlued],
  ['money', isMoney],
  ['percentage', isPercent],
  ['unit of time, money or measure', hasUnit],
  ['ordinal', isOrdinal],
  ['date', isDate],
  ['year', isYear],
  ['age', isAge],
  ['name or label', isName],
  ['code-like digits', isCodeDigits],
  ['pronoun "one"', isPronounOne],
];

function exclusion(c: Context): string | null {
  for (const [reason, applies] of EXCLUSIONS) if (applies(c)) return reason;
  return null;
}

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
