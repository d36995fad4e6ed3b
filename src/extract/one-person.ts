// One person counted without a number: "a body", "a 17-year-old schoolboy
// was killed", "the gunmen killed a police constable and a teacher". The
// article stands for the number, so a phrase is read only where a measure
// holds it: the verb after it, the verb before it, or the count it is listed
// with ("killing two guards and a teacher").
import type { Reading } from './casualties.ts';
import {
  frame,
  groupOf,
  linkedMeasures,
  lookBack,
  matchMeasure,
  measuresAfter,
  objectOf,
} from './casualty-measures.ts';
import type { Measure } from '../datasets/schema.ts';
import { forEachMatch } from './each-match.ts';
import type { CountMention } from './numbers.ts';

/** Whether a sentence without a count may still count one person (the test before the patterns below). */
export function mayCountOne(text: string): boolean {
  return BODY_WORD.test(text) || text.includes(AGED) || PERSON_WORD.test(text);
}

/** Everyone counted one by one in a sentence, besides its `readings` (whose counts a person may be listed with). */
export function onePerson(text: string, readings: readonly Reading[]): Reading[] {
  const aged = agedPerson(text);
  return aged.concat(namedByNoun(text, readings, aged)).sort((a, b) => a.count.start - b.count.start);
}

/** "a body", "one body", "the body of a man": one of the dead. */
export function bodies(text: string, counts: readonly CountMention[]): Reading[] {
  const readings: Reading[] = [];
  // The pattern below tries "a"/"one" at every word; most sentences have no "body" for it to find.
  if (!BODY_WORD.test(text)) return readings;
  forEachMatch(BODY, text, (match) => {
    const start = match.index;
    // A count already there is read as itself, but for the "one" of "One body has yet to be identified".
    if (counts.some((c) => c.start <= start && start < c.end && c.phrase.toLowerCase() !== 'one')) return;
    // "a body of evidence", "the body of one of them" (one already counted); but "the body of a man" is one.
    if (
      !/ of /.test(match[0]) &&
      /\bbody of\b/i.test(match[0] + text.slice(start + match[0].length, start + match[0].length + 4))
    )
      return;
    const count = oneCounted(start, match[0]);
    // "a body in a civilian car": the words around describe the place, not who died.
    readings.push({ count, measures: ['killed'], group: null, continued: false });
  });
  return readings;
}

/** One person named by a phrase at `start` ("a body", "a 17-year-old schoolboy"), its first word standing for the number. */
function oneCounted(start: number, phrase: string): CountMention {
  return {
    start,
    end: start + phrase.length,
    phrase,
    numberStart: start,
    numberEnd: start + phrase.indexOf(' '),
    value: 1,
    qualifier: 'exact',
    low: 1,
    high: 1,
  };
}

// "a body", "the body of a man": one of the dead.
// Not "a body temperature of 26 degrees", "a body count".
const BODY =
  /\b(?:(?:an?|one) (?:dead )?body|the (?:dead )?body of an? (?:man|woman|boy|girl|child|person|baby|teenager|youth))\b(?! (?:temperatures?|counts?|mass|parts?|armou?r|language|bags?)\b)/gi;
const BODY_WORD = /body/i;

/**
 * "a 17-year-old schoolboy was killed", "A 7-year-old girl was found alive":
 * one person, told by age, the subject of a measure (or the object of its
 * verb: "arrested a 61-year-old man"). Not "Among the dead was
 * a 9-year-old girl" (one of a toll) nor "Brian Otieno, a 24-year-old rider".
 */
function agedPerson(text: string): Reading[] {
  const readings: Reading[] = [];
  if (!text.includes(AGED)) return readings;
  const read = (match: RegExpExecArray, measures: Measure[] | null): void => {
    const start = match.index;
    if (!measures || readings.some((r) => r.count.start === start)) return;
    const noun = text.slice(start + match[0].indexOf(AGED) + AGED.length);
    readings.push({
      count: oneCounted(start, match[0]),
      measures,
      group: groupOf(noun, lookBack(text, start), null, false),
      continued: false,
    });
  };
  forEachMatch(ONE_PERSON, text, (match) => {
    const start = match.index;
    if (/\b(?:among|of)\s+(?:the\s+)?(?:\S+\s+)?(?:was|were)\s+$/i.test(text.slice(Math.max(0, start - 40), start)))
      return;
    read(match, measuresAfter(text.slice(start + match[0].length)));
  });
  // "Police arrested a 61-year-old man": the object of its measure's verb, or of a frame ("brought out * alive").
  forEachMatch(ONE_PERSON_OBJECT, text, (match) => {
    const before = text.slice(0, match.index);
    read(match, objectOf(before) ?? frame(before, text.slice(match.index + match[0].length)));
  });
  return readings.sort((a, b) => a.count.start - b.count.start);
}

const AGED = '-year-old';
// "a 17-year-old schoolboy was killed", "a 19-year-old seasonal worker from Albania, was found dead", "a 19-year-old
// Australian woman died", "an 81-year-old man had drowned"; named or placed in between ("a 72-year-old woman, Hatice
// Aslan, was rescued", "a 17-year-old boy in Antakya, was rescued").
const ONE_PERSON =
  /\b[Aa]n? \d{1,3}-year-old(?: [\p{Ll}-]+){1,3}?(?:,? from \p{Lu}[\p{L}'’-]*(?: \p{Lu}[\p{L}'’-]*)?)?(?=(?:,? (?:in|from) \p{Lu}[\p{L}'’-]*|, \p{Lu}[\p{L}'’-]*(?: \p{Lu}[\p{L}'’-]*){0,2},)?,? (?:was|had been|has been|(?:has |had )?(?:died|drowned)) )/gu;
// Its noun may be a nationality: "arrested a 29-year-old Chechen".
const ONE_PERSON_OBJECT = /\b[Aa]n? \d{1,3}-year-old(?: [\p{L}-]+){1,3}?(?=[\s,.;:])/gu;

/** A phrase naming one person, as `namedByNoun` finds them before grouping them into lists. */
interface Named {
  start: number;
  end: number;
  phrase: string;
}

/**
 * "a police constable was killed", "the gunmen killed a police constable and
 * a civil defence officer", "killing two guards and a teacher": a person named
 * by a singular noun after "a", counted once where a measure holds it (the
 * verb before the list it stands in, the count that list goes on from, or the
 * verb after it). After a preposition ("the son of a soldier killed in 2014",
 * "shot by a policeman") or as one of a toll ("among the dead was a teacher")
 * it is not counted.
 */
function namedByNoun(text: string, readings: readonly Reading[], aged: readonly Reading[]): Reading[] {
  const found: Named[] = [];
  forEachMatch(PERSON, text, (match) => {
    const start = match.index;
    const covered = (r: Reading) => r.count.start <= start && start < r.count.end;
    if (readings.some(covered) || aged.some(covered)) return;
    found.push({ start, end: start + match[0].length, phrase: match[0] });
  });
  const out: Reading[] = [];
  for (let i = 0; i < found.length;) {
    // The phrases listed one after the other ("a police constable and a civil defence officer"), read together.
    let last = i;
    while (last + 1 < found.length && LISTED.test(text.slice(found[last]!.end, found[last + 1]!.start))) last += 1;
    const list = found.slice(i, last + 1);
    i = last + 1;
    const first = list[0]!;
    const before = text.slice(0, first.start);
    if (AFTER_PREPOSITION.test(before) || ONE_OF_A_TOLL.test(before.slice(-40))) continue;
    // "Two of the injured, a French guide and a German woman, were flown …": who the count is, not more of them.
    if (readings.some((r) => r.count.end <= first.start && APPOSED.test(text.slice(r.count.end, first.start))))
      continue;
    // "chaos and arrests A man in Almaty …" (a headline run into a caption): a noun, not the verb of the list.
    const object = NOUN_BEFORE.test(before) ? null : objectOf(before);
    const measures = object ?? listedAfterCount(text, first.start, readings) ?? verbAfter(text, list.at(-1)!.end);
    if (!measures || isBreakdown(text, first.start, measures, readings)) continue;
    for (const named of list) {
      const words = text.slice(named.start + named.phrase.indexOf(' '));
      out.push({
        count: oneCounted(named.start, named.phrase),
        measures,
        group: groupOf(words, lookBack(text, named.start), null, false),
        continued: false,
      });
    }
  }
  return out;
}

/**
 * "killing two guards and a teacher": the measures of the count the phrase is
 * listed after, when both are the object of one verb (a subject list, "two
 * parents and a local official told …", has its own verb after it).
 */
function listedAfterCount(text: string, start: number, readings: readonly Reading[]): Measure[] | null {
  let before: Reading | undefined;
  for (const r of readings) if (r.count.end <= start && (!before || r.count.end > before.count.end)) before = r;
  if (!before || !AFTER_COUNT.test(text.slice(before.count.end, start))) return null;
  return objectOf(text.slice(0, before.count.start)) ? before.measures : null;
}

/**
 * "arrested 11 people: the nine crew members …, a Libyan man detained in
 * Bari": one of a whole counted before it in the sentence, after a colon or
 * "including", as a count would be (a part in its own sentence is a row).
 */
function isBreakdown(text: string, start: number, measures: readonly Measure[], readings: readonly Reading[]): boolean {
  return readings.some(
    (r) =>
      r.count.end <= start &&
      r.measures.some((m) => measures.includes(m)) &&
      BREAKDOWN.test(text.slice(r.count.end, start)),
  );
}

/** "a police constable was killed", "a soldier died": the measure of the verb right after ("an official death toll" is none). */
function verbAfter(text: string, end: number): Measure[] | null {
  const between = SUBJECT_OF.exec(text.slice(end))?.[0] ?? '';
  const measure = matchMeasure(text, end + between.length);
  if (!measure || !(AUXILIARY.test(between) || /(?:ed|dead)$/i.test(text.slice(0, measure.end)))) return null;
  return [measure.measure, ...linkedMeasures(text, measure.end)].filter((m, i, all) => all.indexOf(m) === i);
}

// Singular nouns for a person, as one is counted in the news ("a policeman", "a teacher", "a passer-by").
const PERSON_NOUNS =
  'man|woman|boy|girl|child|baby|infant|toddler|teenager|teen|youth|person|civilian|resident|villager|farmer|' +
  'herder|fisherman|worker|labou?rer|miner|employee|driver|passenger|pilot|crew ?member|crewman|sailor|seaman|' +
  'policeman|policewoman|officer|constable|guard|soldier|serviceman|servicewoman|trooper|sergeant|corporal|' +
  'lieutenant|captain|colonel|commander|militiaman|fighter|militant|gunman|attacker|assailant|bomber|insurgent|' +
  'rebel|suspect|protest[eo]r|demonstrator|activist|student|pupil|schoolboy|schoolgirl|teacher|doctor|nurse|' +
  'paramedic|medic|firefighter|fireman|rescuer|volunteer|journalist|reporter|photographer|cameraman|tourist|' +
  'pilgrim|worshipper|prisoner|inmate|detainee|migrant|refugee|trader|vendor|shopkeeper|merchant|motorcyclist|' +
  'cyclist|pedestrian|bystander|passer-by|motorist|official|priest|imam|monk|nun|peacekeeper|ranger|watchman|' +
  'citizen|national|expatriate|foreigner|hostage|congregant|mother|father|grandmother|grandfather|climber|hiker|diver|guide|' +
  'owner|landlord|contractor|engineer|architect|manager|supervisor|technician|operator|mechanic|electrician|' +
  'builder|cook|waiter|cleaner|janitor|caretaker|housekeeper|nanny|porter|flight attendant|stewardess|steward|co-pilot|' +
  'lecturer|professor|surgeon|pharmacist|lawyer|judge|pastor|clerk|accountant|salesman|saleswoman|shepherd';
// Words that end a phrase rather than describe its noun.
const FUNCTION_WORDS =
  'and|or|but|nor|an?|the|of|in|at|on|to|from|with|by|for|as|who|whom|whose|that|which|was|were|is|are|be|been|has|had|have|said|says';
const WORD = `(?!(?:${FUNCTION_WORDS})(?![\\p{L}-]))[\\p{L}-]+`;
// "a police constable", "an off-duty officer", "a civil defence officer", "a third member of the crew".
const PERSON = new RegExp(
  `\\b[Aa]n? (?:${WORD} ){0,3}(?:${PERSON_NOUNS})(?![\\p{L}-])(?: of (?:the|a|an|his|her|their|its)(?: ${WORD}){1,2}(?: \\p{Lu}[\\p{L}'’.-]*){0,3})?`,
  'gu',
);
const PERSON_WORD = new RegExp(PERSON.source, 'u');
// Between two phrases of one list: a comma or "and", maybe after a relative clause ("who were guarding the gate,").
const LISTED = /^(?: who [^;:.()“”"]{0,80}?)?(?:,\s*|\s+)(?:(?:and|or|as well as)\s+)?$/u;
// Between a count and a phrase listed after it: the count's noun, maybe a relative clause, then "and".
const AFTER_COUNT = new RegExp(`^(?: ${WORD}){0,3}(?: who [^;:.()“”"]{0,80}?)?,?\\s+(?:and|as well as)\\s+$`, 'u');
// "…, was", "was also", "had been critically": what stands between a subject and its measure word.
// Its age may come between, apposed: "a British woman, 24, died early Wednesday", "a woman in her 90s was found dead",
// "a man aged 83 died".
const SUBJECT_OF =
  /^(?:, \d{1,3},| in (?:his|her) (?:(?:early|mid|late)[- ])?\d0s,?| aged \d{1,3},?)?,? (?:(?:was|were|is|are|had been|has been|have been|had|has|have) )?(?:(?:also|reportedly|allegedly|later|then|now|fatally|seriously|critically|badly|slightly|lightly|severely) )*/u;
const NOUN_BEFORE = /\b(?:and|or|of|the|with|for|no|more)\s+\p{L}+s\s*$/iu;
const AUXILIARY = /\b(?:was|were|is|are|been)\b/u;
const BREAKDOWN = /:|\b(?:including|among them|among whom|of whom|of them)\b/iu;
const AFTER_PREPOSITION =
  /\b(?:of|for|to|with|from|about|like|by|on|at|in|into|as|than|whose|against|toward|towards)\s+$/i;
const APPOSED = /^(?:\s+(?:of\s+(?:the|them|those|these)(?:\s+[\p{L}-]+)?|more|others|[\p{L}-]+))?\s*,\s*$/iu;
const ONE_OF_A_TOLL = /\b(?:among|of)\s+(?:the\s+)?(?:\S+\s+)?(?:was|were|is|are)\s+$/i;
