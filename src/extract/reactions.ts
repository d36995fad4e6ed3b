// The `reactions` dataset of CONTRACT §4: one row per (sentence, actor,
// stance). Rule-based and explainable: the gazetteer (data/gazetteer.yaml)
// names the actors and the codebook (data/codebook.yaml) the stance cues; this
// module decides, per cue, WHO
// holds that position, from the grammar around it:
//   - a cue of saying ("concern", "dialogue") belongs to the subject of the
//     nearest speech verb before it ("Iran said ... dialogue" -> Iran);
//   - a cue of doing ("sent troops") to the nearest subject before it
//     ("the CSTO announced that Moscow had sent troops" -> Russia);
//   - names after a preposition or a verb are objects and never hold a
//     position ("called on Kazakhstan", "support for Kazakhstan");
//   - quotes belong to their attribution ("“...,” it added"), and "he",
//     "the ministry", "the statement" to the last actor named before.
// Pure: text in, rows and messages out. Its parts: what it knows of a text
// (reaction-text.ts), the roles of names (reaction-roles.ts), the cues and
// their owners (reaction-owners.ts); this module reads sentence by sentence.
import { datelineEnd } from './dateline.ts';
import { resolveAsOf } from './dates.ts';
import { normalizeText, type Gazetteer } from './gazetteer.ts';
import { isArabic } from './text-fold.ts';
import { layoutOf } from './sentences.ts';
import type { Layout } from './sentences.ts';
import type { Extraction, Message, ReactionDraft, Sentence } from './types.ts';
import {
  Discourse,
  asideSpans,
  assignRoles,
  collectMentions,
  isPostedIn,
  longQuotes,
  tokenize,
  within,
} from './reaction-text.ts';
import type { Claim, Entry, Reading, SentenceContext, Token } from './reaction-text.ts';
import {
  arabicRole,
  englishRole,
  groupLists,
  resolveAnaphors,
  speakersBeforeVerbs,
  unknownSpeakers,
} from './reaction-roles.ts';
import { arabicOwners, englishOwners, findStanceCues, personNear } from './reaction-owners.ts';

export interface ReactionArticle {
  id: string;
  body: string;
  published: string;
}

/**
 * The reactions of one article, rows in text order. `layout`: the body's
 * layout when the caller has it (it must be `layoutOf(article.body)`).
 */
export function extractReactions(
  article: ReactionArticle,
  gazetteer: Gazetteer,
  layout: Layout = layoutOf(article.body),
): Extraction<ReactionDraft> {
  const { paragraphs, sentences, paragraphSentences, days } = layout;
  const discourse = new Discourse(gazetteer, paragraphs);
  const found: { row: ReactionDraft; paragraph: number; cue: string }[] = [];
  const messages: Message[] = [];
  for (const sentence of sentences) {
    // A dateline opens the story, after a headline or byline at most (see dateline.ts).
    const opening = sentence.paragraph < 3 && sentence.start === paragraphs[sentence.paragraph]?.start;
    const reading = readSentence(sentence, gazetteer, discourse, opening);
    const asOf =
      reading.claims.length > 0
        ? resolveAsOf(sentence.text, paragraphSentences[sentence.paragraph] ?? [], article.published, days)
        : null;
    for (const claim of reading.claims) {
      const row: ReactionDraft = {
        article: article.id,
        actor: claim.actor.name,
        actor_type: claim.actor.type,
        speaker: claim.speaker?.name ?? null,
        speaker_as_written: claim.speaker?.written ?? null,
        stance: claim.stance,
        as_of: asOf,
        quote: sentence.text,
        start: sentence.start,
        end: sentence.end,
      };
      found.push({ row, paragraph: sentence.paragraph, cue: claim.cue });
    }
    messages.push(...reading.notes.map((reason) => note(sentence, reason)));
  }
  return { rows: aidThatIsTroops(found), messages };
}

const CIVILIAN_AID = /humanitarian|medic|food|suppl|expert|mediat|financ|econom/iu;

/**
 * Aid pledged by an actor that sends troops in the same paragraph is those
 * troops ("the alliance has pledged aid. It will send peacekeeping troops"):
 * sends_troops, not offers_help, unless the aid is named as civilian.
 */
function aidThatIsTroops(found: { row: ReactionDraft; paragraph: number; cue: string }[]): ReactionDraft[] {
  const rows: ReactionDraft[] = [];
  for (const f of found) {
    const military =
      f.row.stance === 'offers_help' &&
      !CIVILIAN_AID.test(f.cue) &&
      found.some((o) => o.paragraph === f.paragraph && o.row.actor === f.row.actor && o.row.stance === 'sends_troops');
    if (!military) rows.push(f.row);
    else if (
      !found.some((o) => o.row.start === f.row.start && o.row.actor === f.row.actor && o.row.stance === 'sends_troops')
    ) {
      rows.push({ ...f.row, stance: 'sends_troops' });
    }
  }
  return rows;
}

function note(sentence: Sentence, reason: string): Message {
  return { start: sentence.start, end: sentence.end, reason, ruleId: 'reactions/no-actor', severity: 'info' };
}

// ------------------------------------------------------------ one sentence

function readSentence(sentence: Sentence, g: Gazetteer, discourse: Discourse, opening: boolean): Reading {
  const norm = normalizeText(sentence.text);
  const text = norm.text;
  const arabic = sentence.lang === 'ar' || isMostlyArabic(text);
  const dateline = opening && !arabic ? datelineEnd(text) : 0;
  // Asides, tokens and clauses are worked out only for sentences that need them (most name no one).
  const named = collectMentions(g, text, norm.toOriginal, sentence.text, discourse.seen, () =>
    arabic ? [] : asideSpans(text, dateline),
  );
  const mentions = named.filter((m) => m.start >= dateline && !isPostedIn(text, m));
  assignRoles(mentions, discourse, sentence.paragraph);
  // A quoted name (the “Organization of the Collective Security Treaty”) is no speech.
  const quotes = (arabic ? [] : longQuotes(text)).filter(
    (q) => !mentions.some((m) => text.slice(q.start + 1, q.end - 1).trim() === text.slice(m.start, m.end)),
  );
  for (const m of mentions) m.quote = within(m.start, quotes);
  // englishRole reads only the tokens before a mention: those up to the last one are enough.
  let tokens: Token[] | null = null;
  for (const m of mentions)
    m.role = arabic
      ? arabicRole(text, m)
      : englishRole(g, text, (tokens ??= tokenize(text, Math.max(...mentions.map((o) => o.start)))), mentions, m);
  groupLists(g, text, mentions);
  if (!arabic) {
    speakersBeforeVerbs(g, text, mentions);
    unknownSpeakers(g, text, mentions);
  }
  const pending = resolveAnaphors(mentions, discourse, sentence.paragraph);
  const cues = findStanceCues(g, text, mentions);
  const context: SentenceContext = { g, text, sentence, mentions, quotes, discourse };
  const claims: Claim[] = [];
  const notes: string[] = [];
  const fromContext: Entry[] = [];
  for (const cue of cues) {
    const owners = cue.owners ?? (arabic ? arabicOwners(context, cue) : englishOwners(context, cue));
    if (owners === 'blocked') continue;
    if (!owners || owners.length === 0) {
      notes.push(`stance cue "${cue.text}" (${cue.stance}) has no actor the text names`);
      continue;
    }
    for (const owner of owners) {
      const speaker = owner.speaker ?? personNear(context, cue.start, owner.actor);
      addClaim(claims, { actor: owner.actor, speaker, stance: cue.stance, cue: cue.text });
      // A speaker found only from context speaks here too, for the next "he added".
      if (discourse.isKnown(owner)) fromContext.push({ ...owner, subject: true, paragraph: sentence.paragraph });
    }
  }
  const people = mentions.flatMap((m) => (m.person ? [m.person] : []));
  discourse.commit([...pending, ...fromContext], people);
  return { claims: claims.filter((c) => !onlyTroopsNamed(c, claims)), notes };
}

const SENDING = /\b(?:send|sent|dispatch|deploy|airlift|land|transfer|mov|transport|flown|إرسال|نشر)/iu;

/**
 * Troops named in a sentence about their withdrawal ("Belarus began
 * withdrawing its paratroopers") are not being sent: a sends_troops whose
 * cue is only the troops gives way to the same actor's withdraws_troops.
 */
function onlyTroopsNamed(claim: Claim, claims: Claim[]): boolean {
  return (
    claim.stance === 'sends_troops' &&
    !SENDING.test(claim.cue) &&
    claims.some((c) => c.actor === claim.actor && c.stance === 'withdraws_troops')
  );
}

/** One row per actor and stance in a sentence; a named speaker beats none. */
function addClaim(claims: Claim[], claim: Claim): void {
  const prior = claims.find((c) => c.actor === claim.actor && c.stance === claim.stance);
  if (!prior) claims.push(claim);
  else if (!prior.speaker && claim.speaker) prior.speaker = claim.speaker;
}

function isMostlyArabic(text: string): boolean {
  // Only Arabic letters count for it: a text without any is done with one scan.
  if (!isArabic(text)) return false;
  let balance = 0;
  for (const ch of text) balance += scriptOf(ch);
  return balance > 0;
}

/** 1 for an Arabic character, -1 for a Latin one, 0 otherwise. */
function scriptOf(ch: string): number {
  const code = ch.codePointAt(0)!;
  if (code < 128) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) ? -1 : 0;
  let s = SCRIPTS.get(code);
  if (s === undefined) {
    s = /\p{Script=Arabic}/u.test(ch) ? 1 : /\p{Script=Latin}/u.test(ch) ? -1 : 0;
    if (SCRIPTS.size < 10_000) SCRIPTS.set(code, s);
  }
  return s;
}
const SCRIPTS = new Map<number, number>();
