// What the extraction asks of a compiled gazetteer: the names, cues, speech
// verbs and negations in a text, each answer remembered per word where it can be.
import { remember } from '../common/remember.ts';
import type { CueMatch, Gazetteer, NameEntry, NameMatch } from './gazetteer.ts';
import type { MatcherSet } from './matcher.ts';
import { isArabic, nameKey, normalizePattern } from './text-fold.ts';
import type { Span } from './types.ts';
import type { Stance } from '../datasets/schema.ts';

// ------------------------------------------------------------------ matching

/**
 * Actor aliases, non-actors, anaphors and non-Latin person spellings in
 * `text` (already normalised), leftmost-longest, not overlapping.
 */
export function findNames(g: Gazetteer, text: string): NameMatch[] {
  const names = matchNames(g, text, g.names);
  const anaphors = matchNames(g, text, g.anaphors).filter(
    (a) => !names.some((n) => a.start < n.end && n.start < a.end),
  );
  return [...names, ...anaphors].sort((a, b) => a.start - b.start);
}

export function matchNames(g: Gazetteer, text: string, set: MatcherSet): NameMatch[] {
  const found: NameMatch[] = [];
  for (const m of set.spans(text)) {
    const raw = text.slice(m.start, m.end);
    const start = m.start;
    let entry = lookup(g, raw);
    let proclitic: string | null = null;
    if (!entry && isArabic(raw) && /^[وفبلك]/u.test(raw)) {
      entry = lookup(g, raw.slice(1));
      proclitic = raw[0]!;
    }
    if (!entry) continue;
    const offset = proclitic ? 1 : 0;
    found.push({
      start: start + offset,
      end: start + raw.length,
      kind: entry.kind,
      written: raw.slice(offset),
      actor: entry.actor,
      person: entry.person,
      refersTo: entry.refersTo,
      proclitic,
    });
  }
  return found;
}

export function lookup(g: Gazetteer, raw: string): NameEntry | undefined {
  return (
    remember(g.memo.name, raw, () => {
      const candidates = g.nameEntries.get(nameKey(raw));
      if (!candidates) return null;
      // "US" must not be found as "us": an entry in capitals only takes itself.
      return (
        candidates.find(
          (e) =>
            e.kind === 'anaphor' || /\p{Ll}/u.test(e.text) || normalizePattern(e.text) === raw.replace(/\s+/gu, ' '),
        ) ?? null
      );
    }) ?? undefined
  );
}

/** Every cue of every stance in `text` (normalised), overlapping ones included. */
export function findCues(g: Gazetteer, text: string): CueMatch[] {
  return g.cues
    .all(text)
    .filter((m) => m.end > m.start)
    .map((m) => {
      const rule = g.cueRule[m.index]!;
      return { start: m.start, end: m.end, stance: rule.stance, agent: rule.agent, text: text.slice(m.start, m.end) };
    });
}

/**
 * A cue whose doers are the names right after it ("forces from Russia,
 * Belarus"): tested on the text before a name; the cue span or null.
 */
export function findAgentAfterCue(g: Gazetteer, textBefore: string): CueMatch | null {
  // Such a cue is a few words long: it is looked for in the last 200 characters (from a space on).
  const from =
    textBefore.length > AGENT_WINDOW ? Math.max(0, textBefore.lastIndexOf(' ', textBefore.length - AGENT_WINDOW)) : 0;
  const tail = from > 0 ? textBefore.slice(from) : textBefore;
  for (const rule of g.stances) {
    for (const re of rule.agentAfter) {
      const m = re.exec(tail);
      if (m)
        return { start: from + m.index, end: textBefore.length, stance: rule.stance, agent: 'subject', text: m[0] };
    }
  }
  return null;
}

export const AGENT_WINDOW = 200;

/** Whether a stance's cue at this point is an accusation reported, not held. */
export function isReportedOnly(g: Gazetteer, stance: Stance, textBefore: string): boolean {
  const rule = g.stances.find((r) => r.stance === stance);
  return rule?.notAfter ? rule.notAfter.test(textBefore) : false;
}

/** Spans of speech verbs in `text`. */
export function findSpeechVerbs(g: Gazetteer, text: string): Span[] {
  return g.speechVerbs.spans(text);
}

export function isObjectVerb(g: Gazetteer, word: string): boolean {
  return remember(
    g.memo.objectVerb,
    word,
    () => g.objectVerbs.isWholeWord(word.replace(/^[وف]/u, ''), false) || g.objectVerbs.isWholeWord(word, false),
  );
}

/** Spans of negation words in `text`. */
export function findNegations(g: Gazetteer, text: string): Span[] {
  return g.negation.spans(text);
}
