// How a count is joined to its neighbours: the words between them say whether
// it continues a list, shares a verb, tells its whole in parts, or is the whole
// its neighbour is a part of (casualties.ts reads the measures).
import { INCLUDED } from './casualty-cues.ts';
import type { CountMention } from './numbers.ts';

/**
 * "105 people had died in Jajarkot and 52 in Rukum West", "1,102 cases in
 * Nsanje and Chikwawa 736": a count with its verb and noun left out, after
 * "and" and at most a place, is of the count before it.
 */
export function isGapped(before: string, after: string): boolean {
  return GAP_BEFORE.test(before) && GAP_AFTER.test(after);
}
const GAP_BEFORE = /\b(?:and|while)\s+(?:\p{Lu}[\p{L}'’-]*\s+){0,3}$/u;
const GAP_AFTER = /^\s*(?:(?:in|at|on|from)\s|[,.;)]|$)/u;

/**
 * "Among the dead were 22 children and 13 women", "Police arrested 12 students
 * and 30 workers": a count that only continues a list of nouns, with no verb
 * of its own, is of the measure of the count before it.
 */
export function isListed(before: string, after: string): boolean {
  return LIST_BEFORE.test(before) && LIST_AFTER.test(after);
}
const LIST_BEFORE = /^\s*(?:[\p{L}'’-]+\s+){1,3}(?:and|or)\s+$|^\s*(?:[\p{L}'’-]+\s+){0,2}[\p{L}'’-]+,\s*(?:and\s+)?$/u;
const NOUN_WORD = String.raw`(?!(?:were|was|are|is|had|have|has|been|being|will|would|who|which|that|whom)\b)[\p{L}'’.-]+`;
const LIST_WORD = String.raw`(?!of\b)${NOUN_WORD}`;
const COORDINATED = new RegExp(
  String.raw`^\s*(?:(?!(?:in|at|on|from|to|with|by|for|near|into|across|during)\b)${NOUN_WORD}\s+){0,6}?(?:and|or)\s*$`,
  'u',
);
// Its noun may name a country: "25 citizens of Azerbaijan, seven citizens of Russia, three of Kazakhstan".
const OF_COUNTRY = String.raw`of\s+(?:the\s+)?\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,2}`;
const LIST_AFTER = new RegExp(
  String.raw`^\s*(?:(?:${LIST_WORD}\s+){0,2}?${LIST_WORD}(?:\s+${OF_COUNTRY})?|${OF_COUNTRY})(?:\s*[,.;)—–]|\s*$|\s+(?:in|at|on|from|during|since|and|or|according)\b)`,
  'u',
);

/** "four members of the Republican Guard and two of the mutineers were killed": a subject joined to the next count's. */
export function isCoordinated(after: string): boolean {
  return COORDINATED.test(after);
}

/**
 * "Three of the dead were soldiers and nine were civilians", "24 were inmates
 * and two were guards": a count that only says who they were, after one that
 * said the same way, is of its measure. Not "… and 12 were released".
 */
export function isParallel(before: string, after: string): boolean {
  return PARALLEL_BEFORE.test(before) && PARALLEL_AFTER.test(after);
}
const PARALLEL_BEFORE =
  /^\s*(?:of (?:the|those) [\p{L}-]+\s+)?(?:were|was|are|is)\s+(?![\p{L}'’-]+ed\b)(?:[\p{L}'’-]+\s+){1,2}(?:and\s+|,\s*(?:and\s+)?)$/u;
const PARALLEL_AFTER =
  /^\s*(?:were|was|are|is)\s+(?!(?:not|also|still|later|since)\b)(?![\p{L}'’-]+ed\b)(?:[\p{L}'’-]+\s*){1,2}(?:[,.;]|$|\s+(?:and|in|at|on|from)\b)/u;

/** "The 187 rescued miners included 96 Mozambicans": the whole, told in parts. */
export function isIncluded(before: string): boolean {
  return INCLUDED.test(before);
}

/** "to 44 from 31" names an earlier figure; "DNA samples from 61 relatives", far from the count before it, does not. */
export const farFrom = (before: string): boolean =>
  before.length > 40 && /(?<!\b(?:up|down|rising|risen|rose|climbing)) from\s*$/i.test(before);

/** "Of the 225 dead, 19 were police officers": the count after the comma is a part of the one after "of the" (no row of its own). */
export function isPartOfHead(text: string, head: CountMention | undefined, before: string): boolean {
  if (!head || !/^[^,;.]*,\s*$/.test(before)) return false;
  return /\bof (?:the|those|these)\s*$/i.test(text.slice(Math.max(0, head.start - 12), head.start));
}

/** What partsOfWholes needs of a count being read (casualties.ts's drafts). */
interface Linked {
  count: { start: number; end: number; value: number };
  measures: readonly string[] | null;
  group: string | null;
  part: boolean;
}

/**
 * "Twelve of the 40 passengers died", "163 of the school's 418 boarders
 * missing": the measure is the part's; the whole after "of the" is how many
 * there were, no figure of its own.
 */
export function partsOfWholes(text: string, drafts: Linked[]): void {
  for (let j = 1; j < drafts.length; j += 1) {
    const part = drafts[j - 1]!;
    const whole = drafts[j]!;
    if (part.measures?.length || !whole.measures || !OF_WHOLE.test(text.slice(part.count.end, whole.count.start)))
      continue;
    // The part is what the clause is about, not the object of another verb ("DNA tests identified 11
    // of the 14 bodies"), nor one person among them ("one of six minors among the survivors").
    const before = text.slice(Math.max(0, part.count.start - 30), part.count.start);
    if (part.count.value < 2 || !PART_SUBJECT.test(before)) continue;
    part.measures = whole.measures;
    part.group ??= whole.group;
    whole.part = true;
  }
}
const PART_SUBJECT =
  /(?:^|[,;]\s*|\b(?:that|said|says|and|but|while|found)\s+)(?:at least\s+|about\s+|some\s+|only\s+)?$/i;
const OF_WHOLE = /^\s+(?:of|out of)\s+(?:(?:the|its|their|his|her)\s+)?(?:[\p{L}-]+['’]s\s+)?$/u;

/**
 * "Investigators arrested 15 people …; seven remain in detention": those who
 * remain are some of a larger count of the same measure before them in the
 * sentence, no figure of their own (those who remain in another state, "12
 * remain in hospital" after the injured, are).
 */
export function remainsOf(
  drafts: readonly Linked[],
  count: { value: number },
  own: readonly string[] | null,
  after: string,
): boolean {
  if (!own || !REMAIN_AFTER.test(after)) return false;
  return drafts.some(
    (d) =>
      d.count.value > count.value && d.measures?.length === own.length && own.every((m) => d.measures!.includes(m)),
  );
}
const REMAIN_AFTER = /^\s+(?:\S+\s+)?(?:still\s+)?remain(?:s|ed)?\b/i;
