// How a count with no measure of its own is joined to a neighbour that has
// one: the words between them say whether it continues a list, shares a verb,
// or tells its whole in parts (casualties.ts reads the measures).
import { INCLUDED } from './casualty-cues.ts';

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
const LIST_AFTER = new RegExp(
  String.raw`^\s*(?:${LIST_WORD}\s+){0,2}?${LIST_WORD}(?:\s*[,.;)—–]|\s*$|\s+(?:in|at|on|from|during|since|and|or|according)\b)`,
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
