// Who the article says gave a figure: "according to X", "X said", "citing X",
// and "she added" / "the ministry said" for the last source named.

const SPEECH = String.raw`(?:said|says|say|told|tells|announced|announces|reported|reports|stated|states|added|adds|confirmed|confirms|declared|estimated|vowed|warned|quoted|wrote|posted|published|tweeted|claimed|claims|counted|recorded|put the (?:toll|number|figure)|saw|witnessed|quoting|citing|deleted|withdrew|retracted|revised|updated|raised|lowered)`;

/**
 * Common words a source's name is made of. They may open the name in lower
 * case ("state television reported", "the health ministry said"), unlike
 * other lower-case words, which would let any subject speak.
 */
const SOURCE_WORDS = [
  'ministry',
  'ministries',
  'police',
  'media',
  'outlets?',
  'authorities',
  'government',
  'officials?',
  'agency',
  'agencies',
  'spokes(?:man|woman|person)',
  'television',
  'TV',
  'channel',
  'office',
  'service',
  'committee',
  'department',
  'forces',
  'reporters',
  'correspondents',
  'journalists',
  'state',
  'health',
  'interior',
  'internal',
  'affairs',
  'local',
  'city',
  'regional',
  'news',
  'presidential',
  'emergenc(?:y|ies)',
  'press',
  'sources?',
  'hospitals?',
  'doctors',
  'medics',
  'witness(?:es)?',
  'activists?',
  'rights',
  'groups?',
  'military',
  'army',
  'defen[cs]e',
  'security',
  'prosecutors?',
  'administration',
  'council',
  'national',
  'search',
  'rescue',
  'fire',
  'brigades?',
  'disaster',
  'management',
  'humanitarian',
  'civil',
  'society',
  'provincial',
  'district',
  'county',
  'municipal',
  'federal',
  'central',
  'commission',
  'coast',
  'guard',
  'navy',
  'naval',
  'relief',
  'territory',
  'province',
  'officers?',
  'workers',
  'volunteers',
  'villagers',
  'residents',
  'survivors',
  'leaders?',
  'monitors?',
  'observers',
].join('|');
/** Titles: part of a name, but a capitalised title stays as written ("Deputy Health Minister"). */
const TITLE_WORDS =
  'minister|deputy|head|chief|mayor|governor|general|commander|director|administrator|chairman|chairperson|secretary';
/** A name of common words only ("Police", "State television", "Officials") is written in lower case. */
const COMMON_NAME = new RegExp(String.raw`^(?:(?:${SOURCE_WORDS})(?:\s+|$))+$`, 'i');
const NAME_WORD = String.raw`(?:[A-Z][\w’'.-]*|[a-z]+['’]s|(?:${SOURCE_WORDS}|${TITLE_WORDS})\b)`;
// A number may follow a name ("Khabar 24"), never open one: "3,000 reported" is no source.
const NP = String.raw`((?:${NAME_WORD}|the|an?(?= [a-z]))(?:\s+(?:${NAME_WORD}|[0-9]+\b|of|the|and|for|de|al|to(?= [A-Z])|on(?= (?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)[A-Z]))){0,7})`;

const ACCORDING = new RegExp(
  String.raw`\baccording to (?:the |a |an )?(?:same )?([^,.;“”"()]{2,80}?)(?=\s*(?:,|\.|;|“|”|"|\)|$| which| who| that| and then))`,
  'i',
);
const CITING = new RegExp(
  String.raw`\b(?:citing|quoting|quoted) (?:the |a |an )?([^,.;“”"()]{2,80}?)(?=\s*(?:,|\.|;|“|”|"|\)|$| as saying| that| on | in | to | was| had))`,
  'i',
);
/** Where a clause, and so its subject, may start. */
const CLAUSE_START = String.raw`^|[,;:“"—–]\s*|\s-\s+`;
const SUBJECT = new RegExp(
  String.raw`(?:${CLAUSE_START}|\b(?:and|while|as|but|that)\s+)${NP}\s+(?:(?:has|have|had|also|later|then|previously|earlier|on \w+)\s+)*${SPEECH}\b`,
);
/** "The defence ministry denied targeting civilians and said…": the subject of the verb the speech verb is joined to. */
const JOINED_SUBJECT = new RegExp(
  String.raw`(?:${CLAUSE_START})${NP}\s+[a-z]+(?:ed|es)\b[^,;.“”"]{0,80}?\band\s+(?:(?:also|later|then)\s+)?${SPEECH}\b`,
);
/** "A post on the Health Ministry's Telegram channel said…": the owner of the post is the source. */
const POSTED = new RegExp(
  String.raw`\b(?:posts?|statements?|messages?|tweets?|updates?|reports?|figures?|data) (?:on|by|from|of|in) (?:the )?${NP}['’]s\b`,
);
// SUBJECT and PRONOUN end on a speech verb after white space, and most
// sentences have none: this pattern, far cheaper than theirs, rules them out.
const SPEECH_AFTER_SPACE = new RegExp(String.raw`\s${SPEECH}\b`, 'i');
// POSTED ends on a possessive.
const POSSESSIVE = /['’]s/;
const PRONOUN = new RegExp(
  String.raw`(?:^|[,;“"—–]\s*|\b(?:and|while|but)\s+)(?:she|he|it|they|the (?:ministry|statement|agency|police|authorities|spokes(?:man|woman|person)|government|channel|department|organi[sz]ation|alliance|commission|committee|council|mission|hospital))\s+(?:(?:also|later|then|further)\s+)*${SPEECH}\b`,
  'i',
);

/** Office words whose holder speaks for an institution: "Deputy Health Minister Ajer Ghinat" → "Deputy Health Minister". */
const OFFICE =
  /^(.*\b(?:Minister|Ministry|spokes(?:man|woman|person)|Secretary|President|Chief|chief|head|Mayor|mayor|Governor|governor|Commander|commander|Prosecutor|prosecutor|Officer|officer|Director|director|Administrator|administrator|[Ll]eader|[Cc]hairman|[Cc]hairperson|[Cc]ommissioner))\s+(?:[A-Z][\w’'.-]+\s*){1,5}$/;

export interface Attribution {
  /** The source credited in this sentence, or the last one for "she added". */
  source: string | null;
  /** A source named in this sentence, to remember for the sentences that follow. */
  named: string | null;
}

/** Anaphors that name a kind of institution: they refer to the latest source of that kind. */
const INSTITUTION =
  /^(?:ministry|agency|channel|government|organi[sz]ation|alliance|department|office|commission|committee|council|mission|hospital)$/i;

/** Words that stand for a source named before: "the ministry said", "according to the channel". */
const ANAPHORIC =
  /^(?:ministry|statement|agency|channel|government|spokes(?:man|woman|person)|organi[sz]ation|alliance|department|office|commission|committee|council|mission|hospital)$/i;

/**
 * The source of one sentence. `earlier` holds the sources named before it, the
 * latest last (a single name is accepted too): "she added" takes the latest,
 * "the ministry said" the latest ministry.
 */
export function findAttribution(sentence: string, earlier: string | null | readonly string[]): Attribution {
  const history = earlier === null ? [] : typeof earlier === 'string' ? [earlier] : earlier;
  const speaks = SPEECH_AFTER_SPACE.test(sentence);
  const candidates = [
    first(CITING, sentence),
    speaks ? subject(sentence) : null,
    first(ACCORDING, sentence),
    POSSESSIVE.test(sentence) ? first(POSTED, sentence) : null,
  ].filter((c): c is string => c !== null);
  const named = candidates.find((c) => !ANAPHORIC.test(c));
  if (named) return { source: named, named };
  if (candidates.length > 0 || (speaks && PRONOUN.test(sentence)))
    return { source: resolveAnaphor(candidates[0], history), named: null };
  return { source: null, named: null };
}

// "the ministry" after "the Interior Ministry vowed…" is that ministry, even
// with another source named in between; "the statement", "the spokesman" and
// "she" are whoever spoke last. A ministry never named before stays as written.
function resolveAnaphor(word: string | undefined, history: readonly string[]): string | null {
  const last = history.at(-1) ?? null;
  if (!word || !INSTITUTION.test(word)) return last ?? word ?? null;
  const lower = word.toLowerCase();
  return history.findLast((source) => source.toLowerCase().includes(lower)) ?? word;
}

function first(pattern: RegExp, sentence: string): string | null {
  const match = pattern.exec(sentence);
  return match?.[1] ? named(normalize(match[1])) : null;
}

/**
 * A source is a noun phrase that names someone: never a number ("000"), a
 * function word ("an", "the") or a phrase without a noun.
 */
function named(name: string): string | null {
  if (!/\p{L}{2,}/u.test(name) || /^[\d\s,.]+$/.test(name)) return null;
  return FUNCTION_WORDS.test(name) ? null : name;
}
const FUNCTION_WORDS =
  /^(?:an?|the|some|this|that|these|those|it|its|they|them|he|she|we|i|you|one|all|many|most|several|others?|estimated|which|who|what)$/i;

function subject(sentence: string): string | null {
  const match = SUBJECT.exec(sentence) ?? JOINED_SUBJECT.exec(sentence);
  if (!match?.[1]) return null;
  const words = match[1].trim();
  // A bare sentence-initial capital ("Yesterday", "Meanwhile") is not a source.
  if (
    /^(?:Yesterday|Today|Meanwhile|However|Furthermore|Also|And|But|The|It|He|She|They|This|That|On|In|the)$/.test(
      words,
    )
  )
    return null;
  return named(normalize(words));
}

/**
 * Short institutional names, as a journalist would write them, so that one
 * source is spelled one way: "the Kazakh police spokesman Saltanat Azirbek" →
 * "police", "Ministry of the Interior" → "Interior Ministry", "State television"
 * at the start of a sentence → "state television".
 */
export function normalize(raw: string): string {
  let name = raw
    .trim()
    .replace(/^(?:and|but|while|as|so)\s+/i, '')
    .replace(/^(?:the|a|an)\s+/i, '');
  // "what the local authorities announced yesterday" → "local authorities"
  name = name.replace(/^what (?:the )?(.+?) (?:announced|said|reported|stated|told)\b.*$/i, '$1');
  // "the latest figures released by the Home Ministry", "a count by the commission": the one who gave them.
  name = name.replace(
    /^(?:[\w-]+\s+){0,3}?(?:figures?|data|count|toll|tally|statistics|numbers?|information|estimates?)\s+(?:[\w-]+\s+){0,2}?(?:by|from)\s+(?:the\s+)?/i,
    '',
  );
  name = name.replace(OFFICE, '$1');
  // "police spokesman" speaks for the police; "the Interior Ministry's press service" for the ministry.
  name = name.replace(
    /^(.+?)\s+(?:spokes(?:man|woman|person)|press (?:service|office|secretary)|representatives?|chief)$/i,
    '$1',
  );
  // "a spokesman for the fire brigade" speaks for the brigade.
  name = name.replace(/^(?:spokes(?:man|woman|person)|representatives?) (?:for|of) (?:the )?(?=\S)/i, '');
  name = name.replace(/[’']s$/, '').replace(/^(?:the )?country[’']s\s+/i, '');
  // "Reuters reporters", "Interfax news agency": lower case only, so "Committee to Protect Journalists" keeps its name.
  // "the national search and rescue agency" is a name of common words: it keeps its "agency".
  name = name
    .replace(/\s+(?:channel|TV channel|outlets|reporters|correspondents|journalists)$/, '')
    .replace(/^(.*[A-Z][^\s]*)\s+(?:news agency|agency)$/, '$1');
  // "rights group Human Rights Watch", "state channel Khabar 24": the name, not what it is.
  name = name.replace(
    /^(?:[A-Za-z]+\s+)?(?:group|agency|broadcaster|channel|outlet|newspaper|website|portal|organi[sz]ation|watchdog)\s+(?=[A-Z])/,
    '',
  );
  return canonicalMinistry(commonNoun(name)).replace(/\s+/g, ' ');
}

/** "Ministry of the Interior", "health ministry" → "Interior Ministry", "Health Ministry". */
function canonicalMinistry(name: string): string {
  name = name.replace(/^Ministry of (?:the )?(?:Interior|Internal Affairs)$/i, 'Interior Ministry');
  name = name.replace(/^Ministry of (?:the )?(\w+)$/i, (_, what: string) => `${capitalise(what)} Ministry`);
  return name.replace(/^(\w+) ministry$/i, (_, what: string) => `${capitalise(what)} Ministry`);
}

/**
 * The story's home country's own offices without its name ("Kazakh Interior
 * Ministry", "Kazakhstan's police" → "Interior Ministry", "police"), as the
 * usual source of the figures; a foreign ministry keeps its name ("Russian
 * Defence Ministry"). `home`: the names the gazetteer gives that country.
 */
export function homeOffice(attribution: Attribution, home: readonly string[] | undefined): Attribution {
  if (!home || home.length === 0) return attribution;
  let pattern = HOME_PATTERNS.get(home);
  if (!pattern) {
    const names = [...home].sort((a, b) => b.length - a.length).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    pattern = new RegExp(
      `^(?:${names.join('|')})(?:['’]s)?\\s+(?=(?:[\\w ]*\\b(?:Ministry|Minister|Office|Agency|Authority|Commission|Department)|Ministry of [\\w ]+|police|National Guard)$)`,
      'i',
    );
    HOME_PATTERNS.set(home, pattern);
  }
  const strip = (name: string | null) => (name === null ? null : name.replace(pattern, ''));
  return { source: strip(attribution.source), named: strip(attribution.named) };
}

/** One pattern per list of home names: a derive gives every article the same list. */
const HOME_PATTERNS = new WeakMap<readonly string[], RegExp>();

function commonNoun(name: string): string {
  return COMMON_NAME.test(name) ? name.toLowerCase() : name;
}

function capitalise(word: string): string {
  return `${word[0]?.toUpperCase() ?? ''}${word.slice(1).toLowerCase()}`;
}
