// What a count counts, from the words around it: the measure (killed,
// injured, a story's own) and the group (security forces, protesters,
// civilians), by the codebook's words and the grammar of the clause.
import { BASE_MEASURES } from '../datasets/schema.ts';
import type { Group, Measure } from '../datasets/schema.ts';
import {
  AMONG_BEFORE,
  OF_THE_BEFORE,
  INCLUDED_BEFORE,
  CLAUSE_END,
  LIVES_NOUN,
  LIVES_VERB,
  MEASURE_LINK,
  NOT_PEOPLE,
  PARTICIPANTS,
  PREDICATE,
} from './casualty-cues.ts';
import type { MeasureLexicon } from './casualty-cues.ts';

/**
 * The measures and groups of the sentence being read: set by readSentence on
 * entry (reading is synchronous), so the helpers here need not pass it on.
 */
let LEX: MeasureLexicon;

export function useLexicon(lexicon: MeasureLexicon): void {
  LEX = lexicon;
}

/** `after`: the words after a count, up to the next count when `beforeCount`. */
export function measuresAfter(after: string, beforeCount = false): Measure[] | null {
  const end = after.search(CLAUSE_END);
  const clause = end === -1 ? after : after.slice(0, end);
  for (const word of clause.matchAll(/(?<![\w-])[\w]/g)) {
    let measure = matchMeasure(clause, word.index);
    if (!measure) continue;
    // "infected 3,400 people and killed 61": a verb after "and" right before the next count (the clause reaches it) is
    // that count's.
    if (
      beforeCount &&
      end === -1 &&
      /\b(?:and|or)\s+$/i.test(clause.slice(0, word.index)) &&
      /^\s*$/.test(clause.slice(measure.end))
    )
      return null;
    // "38 survivors were being treated at the hospital": the noun says who they were, the predicate what happened to them
    // ("nine Rohingya refugees were killed": a name may qualify the noun).
    const noun = /^\s*(?:\p{Lu}[\p{L}'’-]*\s+){0,2}$/u.test(clause.slice(0, word.index));
    // "Seven injured people were taken to hospital": the measure word may qualify the noun.
    const predicate = noun ? (PREDICATE_VERB.exec(clause.slice(measure.end)) ?? qualified(clause, measure)) : null;
    // "11 patients wounded in the fighting were still on its wards": who they are, where, then what is now.
    const later =
      !predicate && PEOPLE_BEFORE.test(clause.slice(0, word.index))
        ? LATER_PREDICATE.exec(clause.slice(measure.end))
        : null;
    // "39 foreign hostages killed", "12 hostages dead": a story's plural noun, then what became of them.
    const reduced =
      predicate ||
      later ||
      (BASE_MEASURES as readonly string[]).includes(measure.measure) ||
      !/s$/i.test(clause.slice(0, measure.end))
        ? null
        : REDUCED_RELATIVE.exec(clause.slice(measure.end));
    const at = predicate ?? later ?? reduced;
    const then = at ? matchMeasure(clause, measure.end + at.index + at[0].length) : null;
    if (then && then.measure !== measure.measure) measure = then;
    else if (noun) measure = refined(clause, measure);
    return [measure.measure, ...linkedMeasures(clause, measure.end)].filter((m, i, all) => all.indexOf(m) === i);
  }
  return null;
}

/**
 * "402 deaths under investigation", "455 deaths remain under investigation":
 * a story's own measure right after a base one's noun says what the count
 * is (a story's words are its editors' distinctions); not after one of its
 * own ("two recaptured escapees" were recaptured).
 */
function refined(clause: string, measure: { measure: Measure; end: number }): { measure: Measure; end: number } {
  const base = BASE_MEASURES as readonly string[];
  if (!base.includes(measure.measure)) return measure;
  const between = REFINING.exec(clause.slice(measure.end))![0];
  const next = matchMeasure(clause, measure.end + between.length);
  return next && !base.includes(next.measure) ? next : measure;
}
const REFINING = /^\s*(?:(?:still|remain|remains|remained|are|were|is|was|being|now)\s+)*/;

const REDUCED_RELATIVE = /^\s+(?=\p{L}+ed\b|dead\b)/iu;
const PEOPLE_BEFORE = /^\s*(?:patients|people|persons|civilians|survivors|victims|passengers|workers)\s+$/i;
const LATER_PREDICATE =
  /^\s+(?:in|during|from|at|by)\s+(?:the\s+)?[\p{L}-]+(?:\s+[\p{L}-]+)?\s+(?:were|was|are|is|had been|have been|has been|remain|remains|remained)\s+(?:(?:still|later|then|being|now)\s+)*(?=\w)/iu;

/** The predicate after "injured people" or "wounded soldiers", when it takes them to hospital or kills them. */
function qualified(clause: string, measure: { measure: Measure; end: number }): RegExpExecArray | null {
  if (measure.measure !== 'injured') return null;
  const at = PEOPLE_PREDICATE.exec(clause.slice(measure.end));
  const then = at ? matchMeasure(clause, measure.end + at[0].length) : null;
  return then && (then.measure === 'hospitalized' || then.measure === 'killed') ? at : null;
}
const PEOPLE_PREDICATE =
  /^\s+(?:people|persons|patients|civilians|survivors|victims|passengers|workers|soldiers|officers|children|residents|miners)\s+(?:were|was|are|is|had been|have been|has been)\s+(?:(?:still|later|then|being|now)\s+)*(?=\w)/i;

export const PREDICATE_VERB =
  /^\s+(?:were|was|are|is|had been|have been|has been)\s+(?:(?:still|later|then|being|now)\s+)*(?=\w)/i;

/** "killed and wounded", "killed or injured": further measures sharing the count. */
export function linkedMeasures(clause: string, from: number): Measure[] {
  const found: Measure[] = [];
  let at = from;
  for (;;) {
    MEASURE_LINK.lastIndex = at;
    const link = MEASURE_LINK.exec(clause);
    if (!link) break;
    const next = matchMeasure(clause, at + link[0].length);
    if (!next) break;
    found.push(next.measure);
    at = next.end;
  }
  return found;
}

/** The first measure whose words match at a word of `text` starting in [`from`, `to`). */
function firstMeasure(text: string, from = 0, to = text.length): { measure: Measure; end: number } | null {
  for (const word of text.slice(from, to).matchAll(/(?<![\w-])\w/g)) {
    const found = matchMeasure(text, from + word.index);
    if (found) return found;
  }
  return null;
}

/** The measure whose words match at `at`, the longest match winning ("missing, feared dead" is missing). */
export function matchMeasure(text: string, at: number): { measure: Measure; end: number } | null {
  let best: { measure: Measure; end: number } | null = null;
  for (const [measure, pattern] of LEX.words) {
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    // The longest; of two as long, the later: a story's own measures come after the base's, and its
    // `evacuated` ("were evacuated") is the reading its editors meant, not the base's `displaced`.
    if (match && (!best || at + match[0].length >= best.end)) best = { measure, end: at + match[0].length };
  }
  return best;
}

/**
 * Whether the words after a count make it a count of things ("70 Russian
 * planes", NOT_PEOPLE), unless the codebook counts what they name: a story of
 * an epidemic whose measure is `cases` counts "1,102 suspected cholera cases".
 */
export function countsThings(after: string): boolean {
  // "a 120-bed centre", "a 12-member team": a count joined to its noun measures a thing.
  if (/^-\p{L}/u.test(after)) return true;
  // "Three of the sites", "16 of Malawi's 28 districts": a part of things is things.
  const rest = after.trimStart().replace(PART_OF_THINGS, '');
  const things = NOT_PEOPLE.exec(rest);
  if (!things) return false;
  for (const word of things[0].matchAll(/\S+/gu)) if (matchMeasure(rest, word.index) !== null) return false;
  return true;
}

const PART_OF_THINGS = /^of\s+(?:the|its|their|these|those|\p{Lu}[\p{L}.-]*['’]s)\s+(?:[\d,.]+\s+)?/u;

/** "748 wounded" (no noun of its own): the count shares the subject of the clause before. */
export function startsWithMeasure(after: string): boolean {
  const start = after.search(/\S/);
  return start !== -1 && matchMeasure(after, start) !== null;
}

/**
 * "Police killed 26 armed criminals and arrested 18 others": a count right
 * after its verb is that verb's object, whatever verbs follow it.
 */
export function objectOf(before: string): Measure[] | null {
  // "killing his two crewmates": a possessive between the verb and its count; "seized on Monday evening a 29-year-old": a day.
  const trimmed = trimBefore(before)
    // "detained a further 12", "killed another 14": more of the same, still the verb's object.
    .replace(/\s+(?:his|her|their|its|our|a further|another|an additional)$/i, '')
    .replace(
      /\s+(?:on|last|early on|late on) (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?: (?:morning|afternoon|evening|night))?$/,
      '',
    );
  // "killed a teacher and two students", "killed the driver, 12 passengers": the verb's first objects.
  const objects = /(?:\band|,)$/.test(trimmed) ? trimmed.replace(FIRST_OBJECTS, '') : trimmed;
  // A translation's noun before its number: "its soldiers have killed bandits 11", "wounded others seven".
  const noun = objects.replace(NOUN_BEFORE_COUNT, '');
  const participle = measureIn(LEX.verbs, objects) ?? (noun === objects ? null : measureIn(LEX.verbs, noun));
  return participle ? [participle] : null;
}

/** The measure of the first entry of `list` (in the codebook's order) whose pattern `text` matches. */
function measureIn(list: readonly (readonly [Measure, RegExp])[], text: string): Measure | null {
  for (const [measure, pattern] of list) if (pattern.test(text)) return measure;
  return null;
}
const NOUN_BEFORE_COUNT = /\s+(?:[\p{Ll}-]+s|others|people|children|men|women)$/u;
const FIRST_OBJECTS = /(?:\s+(?:an?|the)\s+(?:[\p{L}-]+\s+){0,2}[\p{L}-]+,?)+(?:\s+and)?$/iu;

/**
 * "had treated dozens of pilgrims for heatstroke", "treated 40 people for
 * cholera": what they were treated for, when it is a measure of its own (a
 * story's); else the verb's object, hurt.
 */
export function treatedFor(before: string, after: string): Measure[] | null {
  if (!TREATED.test(before)) return null;
  const to = FOR_WHAT.exec(after);
  if (!to) return null;
  const from = to.index + to[0].length;
  const measure = firstMeasure(after, from, from + 40)?.measure;
  return measure && measure !== 'injured' ? [measure] : null;
}
const TREATED = /\btreat(?:ed|ing|s)?\s+(?:(?:some|about|around|nearly|more than|over|at least)\s+)?$/i;
const FOR_WHAT = /^[^.;,]{0,40}?\bfor\s+/i;

/** The words before a count without the space, quotes or bracket that open it. */
export const trimBefore = (before: string): string => before.replace(/[\s“"”(]+$/, '');

/** "the arrest of 2,000", "the killing and wounding of dozens", "the death toll rose to 164", "among the dead were". */
export function measuresBefore(before: string): Measure[] | null {
  const trimmed = trimBefore(before);
  const nouns = nominalised(trimmed);
  if (nouns) return nouns;
  const label = labelled(trimmed);
  if (label) return [label];
  const toll = tollBefore(trimmed);
  if (toll) return [toll];
  const among = (AMONG_BEFORE.exec(trimmed + ' ') ?? INCLUDED_BEFORE.exec(trimmed) ?? OF_THE_BEFORE.exec(trimmed))?.[1];
  if (among === undefined) return null;
  // "Among the identified dead are 1,017 children": the measure word may follow an adjective.
  const amongMeasure = firstMeasure(among);
  if (amongMeasure) return [amongMeasure.measure];
  // "The toll includes 14 children": a measure's noun.
  const noun = measureIn(LEX.nouns, among.trimEnd());
  return noun ? [noun] : null;
}

/**
 * "Deceased: 6 persons", "(6) Of the above, persons admitted to hospital: 23
 * persons", "Deaths: 12; injured: 40": a line of a report or a press
 * release, its label before a colon the measure.
 */
function labelled(trimmed: string): Measure | null {
  const label = LABEL.exec(trimmed)?.[1];
  if (label === undefined) return null;
  return firstMeasure(label)?.measure ?? measureIn(LEX.nouns, label);
}
// Capitalised, as a line starts: not "31 dead: 29 inmates and two guards", a breakdown of the count before.
const LABEL = /^(?:\s*;)?\s*(?:\(\w{1,3}\)\s*)?(\p{Lu}[^:;.]{0,99}):$/u;

/** "the death toll rose to", "the number of people displaced has risen to": the toll whose head starts first (is the longest). */
export function tollBefore(trimmed: string): Measure | null {
  // Nothing before the count: no toll, and no call. V8 compiles a pattern once for each way it stores the texts it
  // runs on, and the empty text is stored as Latin-1 where a sentence cut from an article with a curly quote is not:
  // these long patterns took some 90 ms to compile a second time, in a derive worker's first article.
  if (trimmed.length === 0) return null;
  let best: { measure: Measure; start: number } | null = null;
  for (const [measure, pattern] of LEX.tolls) {
    const match = pattern.exec(trimmed);
    if (match && (!best || match.index < best.start)) best = { measure, start: match.index };
  }
  return best?.measure ?? null;
}

/** "the killing and wounding of", "the killing of the five attackers": nouns joined by and/or before "of". */
export function nominalised(trimmed: string): Measure[] | null {
  const ofMatch = /^(.*)\bof(?:\s+the)?$/is.exec(trimmed);
  if (ofMatch?.[1] === undefined) return null;
  const found: Measure[] = [];
  for (const part of ofMatch[1]
    .trimEnd()
    .split(/\s+(?:and|or)\s+/i)
    .reverse()) {
    const measure = measureIn(LEX.nouns, part.trimEnd());
    if (!measure) break;
    found.unshift(measure);
  }
  return found.length > 0 ? [...new Set(found)] : null;
}

/** "two were injured": a count standing for its noun, before its verb. */
export const BARE_SUBJECT = /^\s*(?:were|was|had been|have been)\s/i;

/**
 * "One of the injured later died", "2 more patients in critical condition
 * could not be saved": the count moved from the injured to the dead; the
 * "injured" or the condition it names is not its measure.
 */
export function laterDied(after: string): Measure[] | null {
  return LATER_DIED.test(after) || DIED_IN_CONDITION.test(after) ? ['killed'] : null;
}

// "2 more patients in critical condition could not be saved", "Three more injured persons, who were admitted in the ICU, died".
const DIED_IN_CONDITION =
  /^\s*(?:more\s+)?(?:(?:patients|people|persons|victims|children)\s+in (?:a )?(?:very )?(?:critical|serious|grave) condition|(?:injured|wounded)(?:\s+(?:patients|people|persons))?)(?:,?\s+who\s+[^.;,]{0,80},?)?\s+(?:[a-z]+\s+){0,2}?(?:died|succumbed|passed away|expired|could not be saved|(?:could|did) not survive)\b/i;

/**
 * "A further 28 injured workers were admitted to the hospital", "47 patients
 * from the factory were being treated": hurt, and now in hospital, which is
 * the figure; not those "treated at the scene".
 */
export function admitted(after: string): Measure[] | null {
  return ADMITTED.test(after) ? ['hospitalized'] : null;
}
const ADMITTED =
  /^\s+(?:more\s+|other\s+)?(?:(?:injured|wounded|hurt|burned|burnt)\s+)?(?:[\p{L}-]+\s+){0,4}?(?:were|was|had been|have been|are|is)\s+(?:still\s+)?(?:being\s+)?(?:admitted|hospitali[sz]ed|treated (?:at|in)\b(?! (?:the )?(?:scene|site|spot)\b))|^\s+patients\s+(?:[\p{L}-]+\s+){0,3}?(?:were|are)\s+(?:still\s+)?(?:being\s+)?treated\b/iu;
/**
 * "85 of the injured were airlifted to hospitals": a part of people counted
 * before, in a new state; the measure is the new one (none: the usual reading).
 */
export function partOf(after: string): Measure[] | null {
  const part = PART_OF.exec(after);
  if (!part) return null;
  const rest = after.slice(part[0].length);
  // "19 of the wounded were still being treated": in care now, which is in hospital.
  if (STILL_TREATED.test(rest)) return ['hospitalized'];
  // "About 30 of those arrested were arraigned": a part in a state that is no measure counts nothing new.
  return measuresAfter(rest) ?? (NEW_STATE.test(rest) ? [] : null);
}
const STILL_TREATED = /^(?:were|was|are|is)\s+(?:still\s+)?being\s+treated\b/i;
export const NEW_STATE =
  /^(?:were|was|have been|had been|are|is|have|has|had)\s+(?:since\s+|later\s+|then\s+|subsequently\s+|now\s+)?(?:been\s+)?[a-z]+ed\b/i;
// "of the wounded from Um Haraz", "of the injured in Kisumu": where the people were counted may come between.
const PLACE_OF_PART = String.raw`(?:,?\s+(?:from|in|at)(?:\s+[\w'’-]+){1,4}?)?`;
export const PART_OF = new RegExp(
  String.raw`^\s*of (?:the|those|these|them|whom)(?: [a-z]+){0,2}?${PLACE_OF_PART},?\s+(?=(?:were|was|had|have|are|is|later|then|subsequently|remain|remains|remained|still)\b)`,
  'i',
);

/** "pulled 212 survivors from the rubble": a codebook frame with the count in its middle. */
export function frame(before: string, after: string): Measure[] | null {
  const found = LEX.frames.find((f) => f.before.test(before) && f.after.test(after));
  return found ? [found.measure] : null;
}

/**
 * A projection, not a count: "the toll could rise to several hundred", "may
 * exceed 70", "is expected to reach 600", "could top 100", "might be trapped".
 */
export const PROJECTED_BEFORE =
  /\b(?:could|may|might|would|will|expected to|likely to|set to|feared to|forecast to|projected to|predicted to|estimated to)\s+(?:\w+\s+){0,2}?(?:rise|climb|reach|exceed|top|cross|pass|surpass|increase|go up|hit|grow|double|be|soar|jump)\b(?:(?!\b(?:because|but|while|although|though|since)\b)[^.;]){0,30}$/i;
export const PROJECTED_AFTER =
  /^\s+(?:(?:more\s+)?(?:people|persons|others|passengers|villagers|residents)\s+)?(?:(?:are|were|is|was)\s+)?(?:feared|expected|likely|projected|predicted)\s+(?:to (?:have )?(?:died|be dead|be killed|been killed)|dead|killed)\b|^\s+(?:[\w-]+\s+){0,3}?(?:might|may|could) (?:still )?be (?:trapped|buried|under the rubble)\b/i;

export const LATER_DIED = new RegExp(
  String.raw`^\s*of (?:the|those|these) (?:\w+ly )?(?:injured|wounded|rescued|evacuated|trapped|hospitali[sz]ed)(?: [a-z]+)?${PLACE_OF_PART},?\s+(?:[a-z]+\s+){0,2}?(?:died|succumbed|passed away)\b`,
  'i',
);

/** "claimed 164 lives". */
export function lives(before: string, after: string): Measure[] | null {
  return LIVES_VERB.test(before) && LIVES_NOUN.test(after) ? ['killed'] : null;
}

/**
 * The words before `start` that "among the security forces" may stand in:
 * bounded, so a long line of figures is never re-read from its start for
 * each one.
 */
export function lookBack(text: string, start: number): string {
  return text.slice(Math.max(0, start - LOOK_BACK), start);
}
const LOOK_BACK = 200;

/**
 * Who a count counts: its own noun phrase, then "people who took part in the
 * riots", then "among the security forces", then what "others" or an elided
 * subject ("were killed and 748 wounded") refers to.
 */
export function groupOf(after: string, before: string, inherited: Group | null, elided: boolean): Group | null {
  // "300 detained journalists": a participle before the noun describes it.
  after = after
    .replace(/^[\s”"’)]+/, '')
    .replace(/^of\s+/i, ' ')
    .replace(/^\s*(?:detained|arrested|wounded|injured|dead|killed)\s+(?=[a-z])/i, ' ');
  const phrase = nounPhrase(after);
  const own = groupIn(phrase) ?? predicateGroup(after.slice(phrase.length));
  if (own) return own;
  if (PARTICIPANTS.test(after)) return 'protesters';
  const among = /\bamong (?:the )?([^,.;]+)/i.exec(after) ?? /\bamong (?:the )?([^,.;]+)/i.exec(before);
  const amongGroup = among?.[1] ? groupIn(among[1]) : null;
  if (amongGroup) return amongGroup;
  if (/^\s*(?:more\s+)?others\b/i.test(after)) return bothSides(after) ? null : inherited;
  // "2,000 of them had been detained": part of the people just counted.
  if (/^\s*(?:them|whom|those)\b/i.test(after)) return inherited;
  if (/^\s*more\b/i.test(after) || elided) return inherited;
  return null;
}

/** The words after a count up to its verb: "armed criminals", "police and National Guard personnel". */
export function nounPhrase(after: string): string {
  const end = after.search(
    /\b(?:who|which|that|were|was|are|is|have|has|had|died|killed|wounded|injured|arrested|detained|in|at|on|during|while|by|and (?:a|an|the|one))\b|[,;:.“”"(]/i,
  );
  return end === -1 ? after : after.slice(0, end);
}

/** "four of the dead were journalists", "two of those killed were police officers": the group is the predicate. */
export function predicateGroup(rest: string): Group | null {
  const predicate = PREDICATE.exec(rest)?.[1];
  return predicate ? groupIn(predicate) : null;
}

/** The group a phrase names; a phrase naming two ("protesters and police") counts everyone. */
export function groupIn(text: string): Group | null {
  const named = LEX.groups.filter(([, pattern]) => pattern.test(text)).map(([group]) => group);
  if (named.length > 1) return 'all';
  return named[0] ?? null;
}

/**
 * "…and 2,000 others were injured in clashes between protesters and security
 * forces": when the clause itself puts both sides in play, "others" is anyone.
 */
export function bothSides(after: string): boolean {
  const end = after.search(/[;.]/);
  return groupIn(end === -1 ? after : after.slice(0, end)) === 'all';
}

/** "a body", "two bodies": a count of the dead with no number written as such. */
