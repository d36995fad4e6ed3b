// The words that say what a number counts and who it counts, as patterns.
// Kept apart from the logic so a reader can check the vocabulary at a glance.
import type { Group, Measure } from '../datasets/schema.ts';
import { alternation, wordSource } from './codebook.ts';
import type { Codebook } from './codebook.ts';
import { caseFree } from './regex-case.ts';

/**
 * The codebook's measures and groups as the patterns the grammar tries, made
 * once per codebook. Words come from the codebook only (data/codebook.yaml and
 * a story's additions); the grammar around them stays here.
 */
export interface MeasureLexicon {
  /** After a count, sticky (`y`): tried at each word start of the count's clause. */
  words: readonly [Measure, RegExp][];
  /** Frames with the count inside: "pulled * from the rubble" as the words before and after it. */
  frames: readonly { measure: Measure; before: RegExp; after: RegExp }[];
  /** Verbs right before a count whose object it is: "killing 10", "Police Detain 200". */
  verbs: readonly [Measure, RegExp][];
  /** Nominalisations before "of <count>": "the arrest of 2,000", "the death toll of 225". */
  nouns: readonly [Measure, RegExp][];
  /** A toll phrase before its figure: "the death toll … rose to <count>". */
  tolls: readonly [Measure, RegExp][];
  groups: readonly [Group, RegExp][];
  /** Any measure word at all: a sentence without one (nor a count) is read no further. */
  measureOf: (word: string) => Measure | null;
}

const LEXICONS = new WeakMap<Codebook, MeasureLexicon>();

export function measureLexicon(codebook: Codebook): MeasureLexicon {
  let lexicon = LEXICONS.get(codebook);
  if (!lexicon) {
    lexicon = compileLexicon(codebook);
    LEXICONS.set(codebook, lexicon);
  }
  return lexicon;
}

const isFrame = (w: string): boolean => !w.startsWith('/') && w.trim().split(/\s+/).includes('*');

function compileLexicon(codebook: Codebook): MeasureLexicon {
  const words: [Measure, RegExp][] = [];
  const frames: { measure: Measure; before: RegExp; after: RegExp }[] = [];
  const verbs: [Measure, RegExp][] = [];
  const nouns: [Measure, RegExp][] = [];
  const tolls: [Measure, RegExp][] = [];
  for (const m of codebook.measureEntries) {
    const plain = m.words.filter((w) => !isFrame(w));
    const after = alternation(plain);
    if (after) words.push([m.name, caseFree(`(?:${after})\\b`, 'iy')]);
    for (const frame of m.words.filter(isFrame)) {
      const [head = '', tail = ''] = frame.trim().split(/\s*(?<!\S)\*(?!\S)\s*/);
      frames.push({
        measure: m.name,
        // "had taken all six injured to hospitals", "transferred the 6 injured to the hospitals".
        before: caseFree(head ? `\\b(?:${wordSource(head)})(?:\\s+(?:all|the|all the))?\\s*$` : '$^', 'i'),
        after: caseFree(tail ? `^[^.;,]{0,40}?\\b(?:${wordSource(tail)})\\b` : '^', 'i'),
      });
    }
    const before = alternation(m.verbs);
    if (before) verbs.push([m.name, caseFree(`\\b(?:${before})$`, 'i')]);
    const of = alternation(m.nouns);
    if (of) nouns.push([m.name, caseFree(`\\b(?:${of})$`, 'i')]);
    const heads = [alternation(m.tolls), after ? `${NUMBER_OF}(?:${after})` : null].filter(Boolean).join('|');
    if (heads)
      tolls.push([
        m.name,
        caseFree(
          String.raw`\b(?:${heads})\b(?:${IN_SENTENCE}{0,100}?${TOLL_VERB}|${IN_SENTENCE}{0,160}?${RISE_VERB})`,
          'i',
        ),
      ]);
    if (after) tolls.push([m.name, caseFree(String.raw`(?<!\b(?:${NOT_COUNTED}) )\b(?:${after})${TOLL_OF_WORD}`, 'i')]);
  }
  const groups: [Group, RegExp][] = codebook.groupEntries.flatMap((g) => {
    const alt = alternation(g.words);
    return alt ? [[g.name as Group, caseFree(`\\b(?:${alt})\\b`, 'i')] as [Group, RegExp]] : [];
  });
  const memo = new Map<string, Measure | null>();
  const measureOf = (word: string): Measure | null => {
    let found = memo.get(word);
    if (found === undefined) {
      found = null;
      for (const [measure, pattern] of words) {
        pattern.lastIndex = 0;
        if (pattern.test(word)) found = measure;
      }
      memo.set(word, found);
    }
    return found;
  };
  return { words, frames, verbs, nouns, tolls, groups, measureOf };
}

// Within the sentence: past a decimal point ("The death toll from the magnitude 7.4 earthquake … has risen to").
const IN_SENTENCE = String.raw`(?:[^.;]|(?<=\d)\.(?=\d))`;
// A toll phrase before its figure: "the death toll … rose to <count>". The gap
// is bounded so a long sentence is never scanned more than 100 characters back.
const TOLL_VERB = String.raw`\b(?:rose|risen|rises|climbed|climbs|jumped|reached|reaches|stands|stood|standing|is|was|at|to|hit|hits|of|from|increased|grew|fell|fallen|dropped|decreased|declined|exceed|exceeded|exceeds|top|topped|tops|pass|passed|passes|cross|crossed|crosses|surpass|surpassed|surpasses|reach|rise|climb|became|becomes|become|totalled|totaled|totals|amounted to|amounts to|given as|touched|touches|(?:could|may|might|will|would) be)(?:\s+(?:now|told|said to be|reported to be|reported as))?\s*$`;
// A toll told at length before its verb ("The death toll from Wednesday's head-on collision between … rose to 43"):
// only a verb of rising reaches that far, not the prepositions TOLL_VERB also takes ("… a total of about 2,500").
const RISE_VERB = String.raw`\b(?:rose|risen|rises|rising|climbed|climbs|jumped|jumps|reached|reaches|increased|increases|grew|grown|ascended|ascends|ascend)\b(?:[^.;]{0,30}?\b(?:to|at))?\s*$`;
// A measure's own word as the head of its toll, right before the verb: "Deaths now total 212", "the dead now
// number 64", "deaths in the state rose to 400", "the missing descended to four" (a translation's). Tighter
// than a toll's: no "is", "at" or "of" ("deaths were reported from 12 provinces").
const TOLL_OF_WORD = String.raw`(?:\s+(?:from|in|among|across|linked to|caused by)\s+[^.;,]{1,40}?)?\s+(?:(?:have|has|had|could|may|might|will|would)\s+)?(?:(?:now|so far|already|since|then|also)\s+)?(?:(?:be|number(?:ed|s)?)|total(?:l?ed|s)?|stand(?:s)? at|stood at|(?:rise|rose|risen|rises|climb|climbed|climbs|jumped|increase|increased|grow|grown|grew|fell|fallen|falls|dropped|drops|descended|descends|declined|went down|came down|(?:was|were|been) (?:revised|lowered|reduced)) to|reach(?:ed|es)?|top(?:ped|s)?|exceed(?:ed|s)?|pass(?:ed|es)?|surpass(?:ed|es)?|hit)\s*$`;
// Not the animals that died: "the number of livestock that died … has reached 2.9 million". (The families
// displaced are still a toll: the people they number often follow, "21,600 families, about 96,000 persons".)
const NOT_COUNTED = 'livestock|cattle|animals|goats|sheep|cows|camels|poultry|chickens|birds|fish';
const NUMBER_OF = String.raw`(?:number|count|tally|total|toll|figure|balance|estimate) of (?:the )?(?!(?:${NOT_COUNTED})\b)(?:[\w-]+ ){0,5}?`;

/**
 * "withdrew the figure of 3,000", "The number is expected to reach 600", "raised it to 171",
 * "lowering a figure of 26", "corrected an earlier total of 53": a count of
 * the figure spoken of before; it takes the previous figure's measure. Not
 * "a number of" nor "a total of", which bring a new one.
 */
export const BACK_FIGURE =
  /\b(?:(?:raised|lowered|revised|put|updated|increased|reduced|brought|took|taken) it(?: up| down)?|(?:the|this|that|its|their) (?:(?:previous|earlier|initial|first|new|latest|final|official|revised|higher|lower|updated|real|actual|true) )?(?:figure|number|count|tally|estimate|total)|an? (?:(?:previous|earlier|initial|first|new|latest|final|official|revised|higher|lower|updated|real|actual|true) (?:figure|number|count|tally|estimate|total)|figure|tally|estimate))\b[^.;]{0,60}?\b(?:of|to|at|reach|exceed|top|cross|pass|is|was|stands|stood)\s*$/i;

/** "Among the dead were four children": the measure word follows "among the". */
export const AMONG_BEFORE = /\bamong (?:the|those) ([\w ]{1,30}?)(?:\s+(?:were|was|are|is))?\s*$/i;
/** "Of the dead, 24 were inmates": likewise, the sentence opening on "of the". */
export const OF_THE_BEFORE = /^\s*of (?:the|those) ([\w ]{1,30}?),$/i;
/** "The dead included four children", "those arrested include two journalists": likewise before "include". */
export const INCLUDED_BEFORE = /\b(?:the|those) ([\w ]{1,30}?)\s+(?:included|includes|include)\s*$/i;

/** "claimed 164 lives", "cost at least 225 lives": the count is of the dead. */
export const LIVES_VERB = /\b(?:claim(?:ed|s|ing)?|cost(?:s|ing)?|took|tak(?:es|ing))\s*$/i;
export const LIVES_NOUN = /^\s*lives\b/i;

/**
 * Words that link two measures sharing one count: "killed and wounded", "the
 * killing and wounding of". Sticky: tried right where the first measure ends.
 */
export const MEASURE_LINK = /\s*(?:and|or|and\/or|,)\s+(?:were\s+|have been\s+|had been\s+)?/iy;

/**
 * Where the clause of a count ends: a new clause with its own subject ("A crowd
 * of 5,000 gathered, and police detained…") or a subordinate clause about
 * something else ("3,000 troops were sent to Almaty, where…").
 */
export const CLAUSE_END =
  /[;:]|,["”]?\s+(?:he |she |they |it |officials |police )?(?:said|says|told|added)\b|\s[—–]\s|,\s*(?:and|but|while|whereas|as|when|where|after|before|although|though|because|since|until)\b|\b(?:while|whereas|where|when|because|although|though|until|if|unless|once)\b/i;

/**
 * An aside that names a part of a count: "…, including eight police officers,",
 * "(among them two children)", "nine refugees, four of them children, were
 * killed" (before the verb they share). A breakdown of the whole, no figure of
 * its own unless the part is in another state (readPart in casualties.ts).
 */
// A list may run through its own commas up to the verb: "At least 163 people, among them students, passers-by, a
// four-year-old child and three policemen, have been killed".
export const INCLUSION =
  /,\s*(?:including|among them|among whom)\b[^;()—–.]*?,(?=\s*(?:have|has|had|were|was|are|is)\s)|(?:,|\(|\s[—–])\s*(?:including|among them|among whom|of whom|of them|of which|most of them|many of them|mostly)\b[^,;()—–]*(?:,|\)|\s[—–]|(?=[.;]|$))|,\s*[\w.,]+ of them\b[^,;()—–]*,(?=\s*(?:were|was|are|is|had|have|has)\s)/gi;

const INCLUDES = String.raw`\binclud(?:es|ed|e|ing)`;
/**
 * "up from 5,800 on Saturday", "rose from 8 to 18", "the toll of 225 includes
 * 19 police officers": the count repeats the measure of the one before.
 */
export const FROM_PREVIOUS = new RegExp(
  String.raw`(?:\b(?:up|down|rising|risen|rose|climbing|compared) (?:from|with)|\bfrom|^\s*to|${INCLUDES}|\b(?:fallen|fell|dropped|risen|rose|climbed|jumped|increased|decreased|declined|grown|grew) to)\s*$`,
  'i',
);
/** "The 187 rescued miners included 96 Mozambicans": of those linked so, the whole told in parts (count-links.ts). */
export const INCLUDED = new RegExp(String.raw`${INCLUDES}\s*$`, 'i');
/** "Four children were among 164 people killed": the count takes the measure of the next one. */
export const TO_NEXT = /\b(?:were|was|are|is)\s+among(?: the)?\s*$/i;

/**
 * "were journalists", "were mostly police officers": a predicate that names
 * who the counted people were. Prepositions and participles end it, so "were
 * killed by police" or "were in police custody" name no group.
 */
export const PREDICATE =
  /^\s*(?:were|was|are|is)\s+((?:(?!(?:in|by|at|on|of|from|with|to|for|among|killed|dead|died|injured|wounded|hurt|detained|arrested|hospitali[sz]ed|reported|taken|being|been|found|shot)\b)[\w-]+\s*){1,4})/i;

/** "people who participated in the riots" are counted as protesters. */
export const PARTICIPANTS =
  /\b(?:participated|took part|taking part|involved|involvement|participation) in (?:what [^,.;]{0,40} as )?(?:the )?(?:riots?|protests?|unrest|demonstrations?|disturbances|clashes|mass (?:riots|unrest))\b/i;

/**
 * Head nouns that are never people: a count of these is not a casualty count.
 * Up to two modifiers may come between ("70 Russian planes"), but not a
 * preposition or article: "up from 5,800 a day earlier", "40 in three days".
 */
const MODIFIER = String.raw`(?!(?:a|an|the|in|on|at|of|over|for|per|during|within|after|before|across|and|or|as|when|while|since|where|who|whose|whom|which|that|were|was|had|have|has|are|is|people|persons)\b)[\w-]+\s+`;
export const NOT_PEOPLE = new RegExp(
  String.raw`^(?:${MODIFIER}){0,2}?(?:planes?|aircraft|airplanes?|jets?|helicopters?|drones?|missiles?|rockets?|shells?|bombs?|mortars?|projectiles?|pieces?|items?|vehicles?|cars?|trucks?|tanks?|buses|coaches|carriages?|wagons?|locomotives?|armou?red|carriers?|checkpoints?|buildings?|sites?|shops?|stores?|banks?|stations?|cities|towns|regions?|provinces?|countries|states|members? states|nations|km|kilometres?|kilometers?|miles?|metres?|meters?|head(?= of\b)|cm|centimet(?:re|er)s?|mm|millimet(?:re|er)s?|inch(?:es)?|feet|foot|ft|degrees|tons?|tonnes?|barrels?|dollars?|tenge|rubles?|euros?|pounds|manats?|rupees|naira|shillings|pesos|reais|rand|liras?|dinars?|dirhams?|riyals?|yen|yuan|baht|ringgit|rupiah|taka|kwacha|cedis?|birr|francs|soms?|hryvnias?|percent|per cent|points?|weapons?|guns?|rifles?|firearms?|pistols?|ammunition|explosives|detonators|knives|kg|kilograms?|grams?|ounces|carats|rounds|grenades|shots?|videos?|channels?|airlines?|flights?|battalions?|units?|brigades?|companies|reports?|statements?|hours?|days?|weeks?|months?|years?|minutes?|seconds?|times|inhabitants|residents of the country|criminal (?:cases|investigations|proceedings)|cases|charges|counts|offen[cs]es|accidents|incidents|attacks|earthquakes|quakes|aftershocks|disasters|sinkings|homes|houses|villages|hamlets|communities|settlements|neighbou?rhoods|localities|shelters|camps|cent(?:re|er)s|hospitals|clinics|streets|roads|bridges|farms|fields|churches|mosques|temples|hotels|factories|islands|valleys|schools|ferries|boats|ships|vessels|wards|districts|counties|municipalities|embassies|missions|governments|organi[sz]ations|agencies|ministries|meals|rations|tents|tarpaulins|blankets|mattresses|beds|kits|doses|vaccines|parcels|packages|sacks|bags|litres|liters|gallons|hectares|acres|cattle|livestock|goats|sheep|cows|camels|animals|calls|jobs|sides|votes|abstentions|ballots|seats|trees|poles|pylons|roofs|suburbs|slums|townships|boroughs|parishes|communes|quarters)\b(?![ -](?:drivers?|workers?|owners?|operators?|crews?|passengers|pilots?|staff|employees|attendants?|guards?|officers?|personnel|members?|residents|users)\b)`,
  'i',
);

/** Words before "of <count>" that make it a size, not a toll: "a crowd of 5,000", "a country of 19 million". */
export const SIZE_OF =
  /\b(?:crowds?|rall(?:y|ies)|gatherings?|march(?:es)?|protests?|demonstrations?|country|nation|city|population|force|contingent|deployment|army|team|delegation|panel|committee|commission|brigade|squad)\s+of\s*$/i;

/**
 * Those who wait for news of the victims: "Hundreds of relatives gathered
 * outside the prison gates … shouting for lists of the dead", "dozens of
 * families waited for the bodies". Not "three relatives were killed".
 */
export const GATHERED =
  /^\s+(?:of\s+)?(?:\S+\s+){0,2}?(?:relatives|families|family members|mourners|onlookers|well-wishers|bystanders)\s+(?:\S+\s+)?(?:gathered|waited|queued|lined|thronged|crowded|massed|stood|rallied|attended|marched|camped|kept vigil|held (?:a )?vigils?)\b|^\s+(?:of\s+)?(?:\S+\s+){0,4}?(?:came|queued|lined up|turned out)\s+(?:\S+\s+){0,5}?to (?:donate|give) blood\b|^\s+(?:of\s+)?(?:people|residents|mourners|fans|worshippers)\s+(?:held|lit|carried) candles\b/i;

/** Counts about other events: "After his election there had also been protests with hundreds of arrests". */
export const OTHER_EVENT =
  /\b(?:after|during|following|before) (?:his|her|their|the) (?:\w+ ){0,2}(?:election|inauguration|re-election|vote)\b|\beven before (?:the|this|last)\b|\bhad also been\b|\b(?:last|previous|earlier) (?:year|protests|unrest|uprising|winter|summer|spring|autumn|season)\b|\bthe (?:winter|summer|spring|autumn|season|year) before\b|\bin (?:the )?past\b(?! (?:(?:\d+|few|several|two|three|four|five|six|seven|ten|twenty-four|forty-eight) )?(?:hours?|days?|weeks?)\b)|\b(?:died|were killed|was killed|were injured|were arrested) (?:back )?then\b|\bbetween (?:january|february|march|april|may|june|july|august|september|october|november|december) and (?:january|february|march|april|may|june|july|august|september|october|november|december)\b/i;

/** A count over years, after its count: "kill about 100 people a year", "600,000 deaths annually" (not "a year ago"). */
export const ANNUAL_RATE = /^[^,;.]{0,40}?\b(?:(?:a|per|each|every) year\b(?! ago)|annually\b)/i;

/**
 * A year the sentence places itself in: "in 2011", "the 2011 massacre",
 * "December 16, 2011". "since 1991" is left out: it dates a period that runs
 * up to now, not an event.
 */
export const YEAR_OF_EVENT =
  /\b(?:in|of|during|the|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?,?)?)\s+((?:1[89]|20)\d\d)(s?)\b(?![,.]?\d)/gi;

/** The text says the figure was withdrawn: it must never be shown as fact. */
export const RETRACTED =
  /\b(?:(?:has|had|have|was|were|been) (?:since |later |subsequently )?(?:been )?(?:deleted|withdrawn|retracted|removed|taken down|dropped|corrected|revised away|scrapped)|(?:deleted|withdrew|retracted|removed|walked back|took down|dropped|corrected|scrapped) (?:the|its|their|this|that|an|a) (?:(?:earlier|previous|initial|first) )?(?:figure|toll|post|report|number|statement|tweet|count|estimate)|(?:figure|toll|number|count|estimate)\b[^.;]{0,60}\bwas (?:wrong|incorrect|false|an error|a mistake|erroneous)|later deleted|since deleted|(?:posted|published|made|released|issued) (?:by mistake|in error|erroneously)|erroneous(?:ly)?)\b/i;

/**
 * The words right before a figure corrected away, where the sentence gives the
 * figure that replaces it: "put the number of dead at 153, revising its earlier
 * figure of 157" (157 retracted, 153 reported). A toll raised or updated is no
 * correction: the earlier figure was true when given.
 */
export const CORRECTED_BEFORE =
  /\b(?:revis(?:e|es|ed|ing)|correct(?:s|ed|ing)?) (?:down(?:wards?)? )?(?:its|the|their|his|her|an?) (?:own )?(?:earlier|previous|initial|original|first) (?:death |casualty )?(?:figure|toll|count|tally|estimate|number)s? (?:of )?$/i;

/** A sentence naming the figure it speaks of: "The figure … was later removed", "could not verify the toll". */
export const BACK_REFERENCE =
  /\b(?:the|that|this|these|those) (?:figures?|toll|tally|numbers?|post|report|statement|data)\b/i;

/** The text says the figure is contested. */
export const DISPUTED =
  /\b(?:disputed|denied (?:the|this|that) (?:figure|toll|number)|could not (?:be )?(?:independently |immediately )?(?:verif(?:y|ied)|confirm(?:ed)?)|(?:has|have) not been (?:independently )?(?:verified|confirmed)|unverified|contested|rejected (?:the|this) (?:figure|toll))\b/i;
