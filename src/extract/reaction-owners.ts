// The stance cues of a sentence and whose position each is: the speaker or
// the doer named before it, in English and in Arabic.
import {
  findAgentAfterCue,
  findCues,
  findNegations,
  findSpeechVerbs,
  isReportedOnly,
  type Actor,
  type CueMatch,
  type Gazetteer,
} from './gazetteer.ts';
import type { Span } from './types.ts';
import { speaksForList, within } from './reaction-text.ts';
import type { Entry, Mention, Owners, SentenceContext, Speaker } from './reaction-text.ts';

// -------------------------------------------------------------------- cues

export interface SentenceCue extends CueMatch {
  /** Set for cues whose doers are named after them. */
  owners: Owners;
}

/**
 * The stance cues of a sentence that stand: negated ones ("did not express
 * concern") and reported accusations ("claims that X is behind") are dropped,
 * and where cues overlap the longest wins.
 */
export function findStanceCues(g: Gazetteer, text: string, mentions: Mention[]): SentenceCue[] {
  // A cue inside a name is part of the name: "Human Rights" in "UN High Commissioner for Human Rights", "Humanitarian Aid" in KSrelief's.
  const cues: SentenceCue[] = findCues(g, text)
    .filter((c) => !mentions.some((m) => m.start <= c.start && c.end <= m.end))
    .map((c) => ({ ...c, owners: null }));
  for (const head of mentions.filter((m, i) => m.group === i)) {
    const cue = findAgentAfterCue(g, text.slice(0, head.start - (head.proclitic ? 1 : 0)));
    if (!cue) continue;
    const members = mentions.filter((m) => m.group === head.group);
    const owners = members.flatMap((m) =>
      m.actor && m.kind !== 'non_actor'
        ? [{ actor: m.actor, speaker: m.kind === 'person' ? m.speaker : null, subject: true, paragraph: -1 }]
        : [],
    );
    if (owners.length > 0) cues.push({ ...cue, owners });
  }
  const standing = cues.filter(
    (c) => !negated(g, text, c) && !isReportedOnly(g, c.stance, text.slice(Math.max(0, c.start - 80), c.start)),
  );
  return longestFirst(standing);
}

export function negated(g: Gazetteer, text: string, cue: Span): boolean {
  const before =
    text
      .slice(Math.max(0, cue.start - 60), cue.start)
      // "said it had no aircraft and denied having drones": a negation before "and" or "but" is of the verb before it.
      .split(/[,;:()–—“”"]|\b(?:and|but)\b/u)
      .at(-1) ?? '';
  const lastWords = before.trim().split(/\s+/u).slice(-4).join(' ');
  return findNegations(g, lastWords).length > 0;
}

/**
 * Where cues overlap, a cue inside a longer one gives way to it ("without the
 * interference of external forces" hides "external forces"), and of two
 * cues of one stance the longer stands. Cues of different stances that only
 * overlap both stand: "the ability to resolve their differences" is
 * confidence in the government and a call for dialogue.
 */
export function longestFirst<C extends Span & { stance: string; owners?: unknown }>(cues: C[]): C[] {
  const kept: C[] = [];
  const bySize = [...cues].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  for (const c of bySize) {
    const hidden = kept.some((k) => {
      const within = k.start <= c.start && c.end <= k.end;
      // A cue whose doers are named after it ("helicopters from Sweden") stands inside a longer cue of its
      // stance that names none ("helicopters from Sweden landed in").
      if (within && k.stance === c.stance && c.owners && !k.owners) return false;
      return within || (k.stance === c.stance && c.start < k.end && k.start < c.end);
    });
    if (!hidden) kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

// ------------------------------------------------------------ owners (English)

/**
 * Who holds a cue, in order of trust:
 *  1. a cue of doing: the nearest subject before it (in its own quote, if quoted);
 *  2. the subject of the nearest speech verb before the cue or its quote, or
 *     failing a verb, the nearest subject before;
 *  3. a quote's attribution after it ("“...,” Psaki told reporters");
 *  4. for a quote with no attribution, the speaker named before it;
 *  5. the author of a post embedded in the paragraph.
 */
export function englishOwners(ctx: SentenceContext, cue: SentenceCue): Owners {
  // Deeds only: "Kazakhstan's ability to deal with" is no position of Kazakhstan's.
  const owner = cue.agent === 'subject' ? possessor(ctx, cue) : null;
  if (owner) return owner;
  const q = within(cue.start, ctx.quotes);
  const quote = q >= 0 ? ctx.quotes[q]! : null;
  const anchor = quote ? quote.start : cue.start;
  if (cue.agent === 'subject') {
    // A deed has a doer before it; when it is quoted, the one quoted did it.
    const doer = nearestSubject(ctx, cue.start, q) ?? (quote ? nearestSubject(ctx, anchor, -1) : null);
    if (doer) return ownersOf(ctx, doer);
    return quote ? quoteOwners(ctx, quote) : null;
  }
  const verb = nearestVerb(ctx, anchor);
  const sayer = nearestSubject(ctx, verb ? verb.start : anchor, -1);
  // "He said that Qatar condemned the attack": the cue's own subject, not the one who reports it, unless
  // they are one ("She added that Moscow was worried": Russia, through her).
  const own = quote ? null : ownSubject(ctx, cue);
  if (own && own !== sayer) {
    const said = sayer ? ownersOf(ctx, sayer) : null;
    return Array.isArray(said) && said.some((o) => o.actor.name === own.actor?.name) ? said : ownersOf(ctx, own);
  }
  if (sayer) return ownersOf(ctx, sayer);
  if (quote) return quoteOwners(ctx, quote);
  // A short quote or plain words with the attribution after them: "“Calm down,” he said.", not in a
  // clause of its own ("countries called for restraint, as the UN said it was alarmed").
  const attributed = ctx.verbs?.some((v) => v.start >= cue.end) ? attributionAfter(ctx, cue) : null;
  if (attributed && !CLAUSE_JOINED.test(ctx.text.slice(cue.end, attributed.start))) return ownersOf(ctx, attributed);
  const tweet = ctx.discourse.tweetAuthor(ctx.sentence.paragraph);
  return tweet ? [tweet] : null;
}

const CLAUSE_JOINED = /;|,\s+(?:as|while|whereas|but|and|after|when)\s/iu;

/** The actor or person named right before a cue, but for words that go with its verb ("Qatar has also strongly condemned"). */
function ownSubject(ctx: SentenceContext, cue: Span): Mention | null {
  const m = nearestSubject(ctx, cue.start, -1);
  if (!m || (m.kind !== 'actor' && m.kind !== 'person')) return null;
  return BEFORE_OWN_VERB.test(ctx.text.slice(m.end, cue.start)) ? m : null;
}
const BEFORE_OWN_VERB =
  /^(?:\s+(?:has|have|had|was|were|is|are|been|also|too|itself|strongly|firmly|publicly|swiftly|quickly|promptly|immediately|later|then|again|deeply|very|gravely|seriously|extremely|greatly))*\s+$/iu;

/**
 * "Turkey's dispatch of a search team", "Germany's contribution of 1 million
 * euros": a nominalised action belongs to the actor that owns it, whatever
 * the clause around it does.
 */
export function possessor(ctx: SentenceContext, cue: Span): Owners {
  const owner = ctx.mentions.findLast((m) => m.end <= cue.start && POSSESSED.test(ctx.text.slice(m.end, cue.start)));
  if (!owner?.actor || owner.kind === 'non_actor' || owner.kind === 'anaphor' || owner.role === 'modifier') return null;
  return [
    {
      actor: owner.actor,
      speaker: owner.kind === 'person' ? owner.speaker : null,
      subject: true,
      paragraph: ctx.sentence.paragraph,
    },
  ];
}
export const POSSESSED = /^['’]s\s+(?:[\p{Ll}-]+\s+){0,2}$/u;

/** A quote's speaker: its attribution after it, else (no attribution) the speaker before. */
export function quoteOwners(ctx: SentenceContext, quote: Span): Owners {
  const attributed = attributionAfter(ctx, quote);
  if (attributed) return ownersOf(ctx, attributed);
  const context = ctx.discourse.resolve('speaker', ctx.sentence.paragraph, []);
  if (context) return [context];
  const tweet = ctx.discourse.tweetAuthor(ctx.sentence.paragraph);
  return tweet ? [tweet] : null;
}

export const canHold = (m: Mention): boolean => m.role === 'subject' && !m.aside;

/** The nearest name before `pos` that holds the floor, within quote `q` (-1: outside quotes). */
export function nearestSubject(ctx: SentenceContext, pos: number, q: number): Mention | null {
  for (let i = ctx.mentions.length - 1; i >= 0; i -= 1) {
    const m = ctx.mentions[i]!;
    if (m.end <= pos && m.quote === q && canHold(m)) return m;
  }
  return null;
}

export function nearestVerb(ctx: SentenceContext, pos: number): Span | null {
  ctx.verbs ??= findSpeechVerbs(ctx.g, ctx.text).filter(
    (v) => within(v.start, ctx.quotes) < 0 && !ctx.mentions.some((m) => v.start < m.end && m.start < v.end),
  );
  return ctx.verbs.findLast((v) => v.end <= pos) ?? null;
}

/** The speaker named after a quote: a name first, else "it", "the statement". */
export function attributionAfter(ctx: SentenceContext, quote: Span): Mention | null {
  const after = ctx.mentions.filter((m) => m.start >= quote.end && m.quote === -1 && canHold(m));
  return (
    after.find((m) => m.kind === 'actor' || m.kind === 'person') ??
    after.find((m) => m.kind === 'anaphor') ??
    after[0] ??
    null
  );
}

/** The entries a holding mention stands for: its whole list, with speakers. */
export function ownersOf(ctx: SentenceContext, m: Mention): Owners {
  const members = ctx.mentions.filter((o) => o.group === m.group && canHold(o));
  if (members.some((o) => o.kind === 'non_actor')) return 'blocked';
  const owners: Entry[] = [];
  for (const o of members) {
    // A joint statement's "it", "the statement": each signatory (copies, as below: taken from the
    // discourse, they speak here through the anaphor, and are not noted as speaking again).
    if (o.kind === 'anaphor' && o.resolved?.fellows && speaksForList(o.refersTo)) {
      owners.push(...o.resolved.fellows.map((fellow) => ({ ...fellow })));
      continue;
    }
    const entry =
      o.kind === 'anaphor'
        ? o.resolved
        : o.actor
          ? {
              actor: o.actor,
              speaker: o.kind === 'person' ? o.speaker : null,
              subject: true,
              paragraph: ctx.sentence.paragraph,
            }
          : null;
    if (!entry) continue;
    owners.push({ ...entry, speaker: entry.speaker ?? personInClause(ctx, o, entry.actor) });
  }
  return owners;
}

/** A named person of the same actor in the clause of `m` ("Britain – through its Foreign Minister Liz Truss –"). */
export function personInClause(ctx: SentenceContext, m: Mention, actor: Actor): Speaker | null {
  const clauses = (ctx.clauses ??= clauseBreaks(ctx.text));
  const clause = clauseOf(clauses, m.start);
  const people = ctx.mentions.filter(
    (p) => p.kind === 'person' && p.actor === actor && p.speaker && clauseOf(clauses, p.start) === clause,
  );
  people.sort((a, b) => Math.abs(a.start - m.start) - Math.abs(b.start - m.start));
  return people[0]?.speaker ?? null;
}

/** A named person of `actor` in the clause at `pos` (a list's doers: "Pashinyan said forces of the CSTO..."). */
export function personNear(ctx: SentenceContext, pos: number, actor: Actor): Speaker | null {
  const clauses = (ctx.clauses ??= clauseBreaks(ctx.text));
  const clause = clauseOf(clauses, pos);
  return (
    ctx.mentions.find(
      (p) => p.kind === 'person' && p.actor === actor && p.speaker && clauseOf(clauses, p.start) === clause,
    )?.speaker ?? null
  );
}

/** Clause boundaries: ";", ", and", ", but", "while", and the comma closing an opening "While ...". */
export function clauseBreaks(text: string): number[] {
  const breaks = [...text.matchAll(/;|,\s+(?:and|but|while|whereas)\s|\swhile\s/giu)].map((m) => m.index);
  const opening = /^\s*(?:while|whereas|although|though|as)\b[^,]*,/iu.exec(text);
  if (opening) breaks.push(opening[0].length);
  return breaks.sort((a, b) => a - b);
}

export const clauseOf = (breaks: number[], pos: number): number => breaks.filter((b) => b <= pos).length;

// ------------------------------------------------------------- owners (Arabic)

/**
 * Arabic puts the verb first ("حثت الولايات المتحدة" = urged the United
 * States): the holder is the first subject named after the nearest speech
 * verb before the cue, else the nearest named before it, else after it.
 */
export function arabicOwners(ctx: SentenceContext, cue: SentenceCue): Owners {
  const holders = ctx.mentions.filter((m) => m.role === 'subject' && m.kind !== 'anaphor');
  const verb = nearestVerb(ctx, cue.start);
  const afterVerb = verb ? holders.find((m) => m.start >= verb.end && m.end <= cue.start) : undefined;
  const before = holders.filter((m) => m.end <= (verb ? verb.start : cue.start)).at(-1);
  const after = holders.find((m) => m.start >= cue.end);
  const holder = afterVerb ?? before ?? after;
  return holder ? ownersOf(ctx, holder) : null;
}
