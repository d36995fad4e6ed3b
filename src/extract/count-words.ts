// The words numbers are written with and the words around them that tell a
// count from a date, a sum, a measure or a name: the tables numbers.ts reads by.
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

export interface Bounds {
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

export type BoundQualifier = Exclude<Qualifier, 'exact' | 'vague'>;

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
  ['above', 'more_than'],
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
  ['as high as', 'up_to'],
  ['at most', 'up_to'],
  ['no more than', 'up_to'],
  ['not more than', 'up_to'],
  ['a maximum of', 'up_to'],
  ['fewer than', 'fewer_than'],
  ['below', 'fewer_than'],
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

export const UNITS = new Map(
  Object.entries({ one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 }),
);
export const TEENS = new Map(
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
export const TENS = new Map(
  Object.entries({ twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 }),
);
// The Indian numbering system's lakh (100,000) and crore (10,000,000): "two lakh pilgrims", "1.5 crore devotees".
export const SCALES = new Map(
  Object.entries({ thousand: 1e3, lakh: 1e5, lakhs: 1e5, million: 1e6, crore: 1e7, crores: 1e7, billion: 1e9 }),
);
export const PLURAL_SCALES = new Map(Object.entries({ thousands: 1e3, millions: 1e6, billions: 1e9 }));
/** What "a few"/"several"/"a couple"/"half a" can multiply. */
export const MULTIPLIERS = new Map(
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
export const VAGUE_PLURALS = new Map<string, VagueWord>([
  ['tens', 'tens'],
  ['dozens', 'dozens'],
  ['hundreds', 'hundreds'],
  ['thousands', 'thousands'],
  ['millions', 'millions'],
]);
/** Arabic vague words, hamza-normalised (أ/إ/آ → ا), without prefixes. */
export const ARABIC_VAGUE = new Map<string, VagueWord>([
  ['عشرات', 'tens'],
  ['مئات', 'hundreds'],
  ['مءات', 'hundreds'],
  ['الاف', 'thousands'],
  ['الوف', 'thousands'],
]);
