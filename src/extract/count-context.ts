// Context: what makes a number not a count (a date, a year, a code, a name, a
// measure), read from the tokens around it.
import type { Qualifier } from '../datasets/schema.ts';
import {
  CLASS_MARKERS,
  CLOSERS,
  COUNT_NOUNS,
  COUNT_QUALIFIERS,
  CURRENCY_CODES,
  CURRENCY_SYMBOLS,
  EN_MONTHS,
  GLUE_BEFORE,
  HYPHENS,
  ONE_DETERMINERS,
  ONE_MORE_VERBS,
  ONE_STOP,
  OPENERS,
  ORDINALS,
  SENTENCE_ENDS,
  UNIT_WORDS,
  WEEKDAYS,
  YEAR_PREPOSITIONS,
} from './context-words.ts';
import { LABEL_WORDS, NUMBER_VERB_AFTER } from './label-words.ts';
import { monthNear, spaced, spacedKey, wordAfter } from './count-tokens.ts';
import { TEENS, UNITS } from './count-words.ts';
import type { Token } from './count-tokens.ts';
import type { NumberPart } from './count-numbers.ts';

// ---------------------------------------------------------------------------
// Context: what makes a number not a count

export interface Context {
  toks: readonly Token[];
  part: NumberPart;
  qualifier: Qualifier | null;
}

export function prevKey(toks: readonly Token[], i: number): string | undefined {
  const t = toks[i];
  return spaced(t) ? toks[i - 1]?.key : undefined;
}

export function startsSentence(toks: readonly Token[], w: number): boolean {
  let k = w - 1;
  let gapOf = toks[w];
  while (k >= 0 && OPENERS.has(toks[k]!.text)) gapOf = toks[k--];
  const before = toks[k];
  if (!before || (gapOf && gapOf.gap.includes('\n'))) return true;
  if (SENTENCE_ENDS.has(before.text)) return true;
  return CLOSERS.has(before.text) && SENTENCE_ENDS.has(toks[k - 1]?.text ?? '');
}

export function yearLike(part: NumberPart): boolean {
  const d = part.digits;
  return (
    part.kind === 'exact' && d !== null && d.plain && d.text.length === 4 && part.value >= 1800 && part.value <= 2099
  );
}

export function isGlued({ toks, part }: Context): boolean {
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

export function isMoney({ toks, part }: Context): boolean {
  const prev = toks[part.start - 1];
  const first = toks[part.start]!;
  if (!prev || !(first.gap === '' || spaced(first))) return false;
  return CURRENCY_SYMBOLS.has(prev.text) || (prev.kind === 'word' && CURRENCY_CODES.has(prev.key) && spaced(first));
}

export function isPercent({ toks, part }: Context): boolean {
  const next = toks[part.end];
  if (next && (next.text === '%' || next.text === '٪') && (next.gap === '' || spaced(next))) return true;
  return (
    spacedKey(toks, part.end, 'per') &&
    (spacedKey(toks, part.end + 1, 'cent') || spacedKey(toks, part.end + 1, 'centum'))
  );
}

export function hasUnit({ toks, part }: Context): boolean {
  const w = wordAfter(toks, part.end);
  if (w === undefined) return false;
  if (UNIT_WORDS.has(w.key)) return true;
  // "Towards 11 of this morning", as an Italian or French clock is translated ("alle 11 di questa mattina").
  return (w.key === 'this' || w.key === 'that') && PARTS_OF_DAY.has(toks[toks.indexOf(w) + 1]?.key ?? '');
}

const PARTS_OF_DAY = new Set(['morning', 'afternoon', 'evening', 'night']);

export function isOrdinal({ toks, part }: Context): boolean {
  const w = wordAfter(toks, part.end);
  return w !== undefined && ORDINALS.has(w.key);
}

export function isDate({ toks, part }: Context): boolean {
  if (part.kind === 'vague' || part.high > 31 || part.low < 1 || part.scale !== 1) return false;
  return monthNear(toks, part);
}

export function countNounAfter(toks: readonly Token[], end: number): boolean {
  const noun = wordAfter(toks, end);
  return noun !== undefined && COUNT_NOUNS.has(noun.key);
}

export function isYear({ toks, part, qualifier }: Context): boolean {
  if (part.ends) return yearLike(part.ends[0]) && yearLike(part.ends[1]);
  if (!yearLike(part)) return false;
  if (qualifier && COUNT_QUALIFIERS.has(qualifier)) return false;
  if (!countNounAfter(toks, part.end)) return true;
  // A count noun follows. The word before the number decides, unless it is the
  // last word of a qualifier ("close to 2000 people", "estimated at 2000
  // people"): "to" or "at" there belongs to the qualifier, not to a date.
  if (qualifier) return false;
  const before = prevKey(toks, part.start);
  // "a single attack in April 2025 killed 54 soldiers": a month names the year after it.
  return before !== undefined && (YEAR_PREPOSITIONS.has(before) || EN_MONTHS.has(before));
}

export function isAge({ toks, part }: Context): boolean {
  const before = prevKey(toks, part.start);
  if (before === 'aged' || before === 'age' || before === 'ages') return true;
  const twoBefore = prevKey(toks, part.start - 1);
  return before === 'of' && (twoBefore === 'age' || twoBefore === 'ages');
}

export function isName({ toks, part, qualifier }: Context): boolean {
  if (qualifier || part.start !== part.numStart || toks[part.numStart]?.kind !== 'num') return false;
  const prev = toks[part.start - 1];
  if (!prev || prev.kind !== 'word' || !spaced(toks[part.start])) return false;
  if (LABEL_WORDS.has(prev.key)) return !(prev.key === 'number' && isNumberVerb(toks[part.start - 2]));
  // "cell blocks 2 and 4": the second label of a pair.
  const [first, label] = [toks[part.start - 2], toks[part.start - 3]];
  if ((prev.key === 'and' || prev.key === 'or') && first?.kind === 'num' && label && LABEL_WORDS.has(label.key))
    return true;
  if (!/^\p{Lu}/u.test(prev.text) || WEEKDAYS.has(prev.key) || EN_MONTHS.has(prev.key)) return false;
  if (startsSentence(toks, part.start - 1)) return false;
  // Title Case headlines capitalise every word, so a capital tells nothing
  // there; a name is followed by what it names ("Khabar 24 channel"), a count
  // by what it counts ("Police Say 26 Killed", "UN Says 164 Dead").
  return !countNounAfter(toks, part.end);
}

/**
 * "The dead now number 64", "the survivors number 81": "number" the verb,
 * after an adverb, a modal or the people it counts; not the label of "room
 * number 12" or "the number 7 bus".
 */
function isNumberVerb(before: Token | undefined): boolean {
  return (
    before?.kind === 'word' &&
    (NUMBER_VERB_AFTER.has(before.key) || (before.key !== 'of' && COUNT_NOUNS.has(before.key)))
  );
}

export function isCodeDigits({ part }: Context): boolean {
  const d = part.digits;
  if (!d?.plain) return false;
  return d.text.length > 7 || (d.text.length > 1 && d.text.startsWith('0'));
}

export function oneIsCount(toks: readonly Token[], part: NumberPart): boolean {
  const before = prevKey(toks, part.start);
  if (before !== undefined && ONE_DETERMINERS.has(before)) return false;
  const next = toks[part.end];
  if (!spaced(next) || next.kind !== 'word') return false;
  // "Three were shot dead in Mombasa and one in Kisumu": one more, somewhere else ("one in five" is no place).
  if (before === 'and' && (next.key === 'in' || next.key === 'at') && /^\p{Lu}/u.test(toks[part.end + 1]?.text ?? ''))
    return true;
  if (next.key === 'of') {
    for (let k = part.end + 1; k <= part.end + 3 && spaced(toks[k]); k++) {
      if (CLASS_MARKERS.has(toks[k]!.key)) return false;
    }
    return true;
  }
  // "three died, one is in hospital and one is still missing": one more of the people just counted.
  if (
    (before === ',' || before === ';' || before === 'and') &&
    ONE_MORE_VERBS.has(next.key) &&
    countBefore(toks, part.start)
  )
    return true;
  return !ONE_STOP.has(next.key);
}

/** Whether a count (digits or a number word above one) comes before token `i`. */
function countBefore(toks: readonly Token[], i: number): boolean {
  for (let k = 0; k < i; k += 1) {
    const t = toks[k]!;
    if (t.kind === 'num' || (t.key !== 'one' && (UNITS.has(t.key) || TEENS.has(t.key)))) return true;
  }
  return false;
}

export function isPronounOne({ toks, part, qualifier }: Context): boolean {
  return part.bareOne && qualifier === null && !oneIsCount(toks, part);
}

/** Why a number is not a count; the first that applies wins. */
export const EXCLUSIONS: readonly (readonly [reason: string, applies: (c: Context) => boolean])[] = [
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

export function exclusion(c: Context): string | null {
  for (const [reason, applies] of EXCLUSIONS) if (applies(c)) return reason;
  return null;
}
