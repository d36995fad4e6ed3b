// Numbers as written, in digits or words, vague words and ranges: the parts a
// count is read from, each with its offsets, value and bounds.
import {
  ARABIC_VAGUE,
  MULTIPLIERS,
  PLURAL_SCALES,
  SCALES,
  TEENS,
  TENS,
  UNITS,
  VAGUE_COUNTS,
  VAGUE_PLURALS,
} from './count-words.ts';
import { BETWEEN_LINKS, BETWEEN_WORDS, HYPHENS, RANGE_DASHES, RANGE_WORDS } from './context-words.ts';
import type { VagueWord } from './count-words.ts';
import { monthNear, spaced, spacedKey } from './count-tokens.ts';
import type { Token } from './count-tokens.ts';

// ---------------------------------------------------------------------------
// Numbers

export interface Digits {
  text: string;
  /** No separator and no decimal point: candidates for years and codes. */
  plain: boolean;
}

export interface NumberPart {
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

export interface Span {
  value: number;
  end: number;
}

export function exactPart(
  start: number,
  end: number,
  value: number,
  scale: number,
  extra?: Partial<NumberPart>,
): NumberPart {
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

export const ARABIC_ZERO = 0x0660;
export const PERSIAN_ZERO = 0x06f0;

export function westernDigits(text: string): string {
  // Almost every number is written in ASCII digits already.
  if (!/[^\x00-\x7f]/.test(text)) return text;
  return text
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - ARABIC_ZERO))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - PERSIAN_ZERO))
    .replace(/\u066C/g, ',')
    .replace(/\u066B/g, '.');
}

export function readDigits(raw: string): { mantissa: number; decimals: number; digits: Digits } | null {
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

export function scaleAt(toks: readonly Token[], i: number): number | undefined {
  const t = toks[i];
  return spaced(t) ? SCALES.get(t.key) : undefined;
}

export function digitNumber(toks: readonly Token[], i: number): NumberPart | null {
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

export function unitAfterTens(toks: readonly Token[], j: number): Span | null {
  const a = toks[j];
  if (a && a.gap === '' && HYPHENS.has(a.text)) {
    const u = toks[j + 1];
    const v = u && u.gap === '' ? UNITS.get(u.key) : undefined;
    return v === undefined ? null : { value: v, end: j + 2 };
  }
  const v = spaced(a) ? UNITS.get(a.key) : undefined;
  return v === undefined ? null : { value: v, end: j + 1 };
}

export function below100(toks: readonly Token[], i: number): Span | null {
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
export function wordGroup(toks: readonly Token[], i: number, allowA: boolean): Span | null {
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

export function multiplierAt(toks: readonly Token[], i: number): number | undefined {
  const t = toks[i];
  return spaced(t) ? MULTIPLIERS.get(t.key) : undefined;
}

/** Numbers in words, including "a dozen", "half a dozen", "a couple", "two thousand three hundred". */
export function wordNumber(toks: readonly Token[], i: number): NumberPart | null {
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

export function arabicVague(key: string): VagueWord | undefined {
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

export function vaguePart(start: number, numStart: number, end: number, word: VagueWord, scale: number): NumberPart {
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
export function vagueNumber(toks: readonly Token[], i: number): NumberPart | null {
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

export function exactNumber(toks: readonly Token[], i: number): NumberPart | null {
  return longest([digitNumber(toks, i), wordNumber(toks, i)]);
}

/** Where the second end of a range starts, or null: "to"/"or"/a dash, or "and" after "between". */
export function rangeLinkEnd(toks: readonly Token[], j: number, between: boolean): number | null {
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
export function rangeNumber(toks: readonly Token[], i: number): NumberPart | null {
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

export function longest(parts: readonly (NumberPart | null)[]): NumberPart | null {
  let best: NumberPart | null = null;
  for (const p of parts) if (p && (!best || p.end > best.end)) best = p;
  return best;
}

/**
 * Every word a number in words, a vague word or a range can open with (see
 * `rangeNumber`, `vagueNumber`, `wordNumber`); Arabic words are left to
 * `arabicVague`. `numberAt` runs at every token, and most tokens are none of these.
 */
export const NUMBER_OPENERS: ReadonlySet<string> = new Set([
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

export function mayStartNumber(t: Token | undefined): boolean {
  if (!t) return false;
  if (t.kind === 'num' || NUMBER_OPENERS.has(t.key)) return true;
  const first = t.key.charCodeAt(0);
  return first >= 0x0600 && first <= 0x06ff;
}

export function numberAt(toks: readonly Token[], i: number): NumberPart | null {
  if (!mayStartNumber(toks[i])) return null;
  const best = longest([rangeNumber(toks, i), vagueNumber(toks, i), exactNumber(toks, i)]);
  // "rose from 8 to 18" reports a change: keep the ends apart, unless it is a date span.
  if (best?.ends && toks[best.start - 1]?.key === 'from' && !monthNear(toks, best)) return best.ends[0];
  return best;
}
