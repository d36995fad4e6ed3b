// The editors' review applied to the rows: each entry names its row by its
// article and a piece of its sentence, then rejects, confirms or corrects it;
// an entry that matches no row, or several, is a problem at its place.
import type { VFile } from 'vfile';
import { fail, warn } from '../common/problems.ts';
import type { VFileMessage } from '../common/problems.ts';
import { VAGUE_COUNTS } from '../extract/numbers.ts';
import { closest, expected } from '../common/suggest.ts';
import type { ActorType, CasualtyRow, ReactionRow } from './schema.ts';
import { sortProblems } from './review.ts';
import type {
  CasualtyCorrection,
  ReactionCorrection,
  CasualtyReviewEntry,
  ReactionReviewEntry,
  Review,
} from './review.ts';

// -------------------------------------------------------------------- applying

export interface ReviewRows {
  casualties: readonly CasualtyRow[];
  reactions: readonly ReactionRow[];
}

export interface ReviewContext {
  /** The type of a gazetteer actor, or null when the name is not one. */
  actorType(name: string): ActorType | null;
  /** Canonical actor names, for "did you mean". */
  actorNames: readonly string[];
  /** The CAMEO code of a stance, which follows it when the review sets it. */
  cameoOf?(stance: string): string | null;
}

export interface ReviewOutcome {
  casualties: CasualtyRow[];
  reactions: ReactionRow[];
  /** Errors (a correction that cannot be applied) and warnings (entries that match no row, or several), on the review's file. */
  problems: VFileMessage[];
  /** How many rows each decision touched. */
  counts: { rejected: number; corrected: number; confirmed: number };
}

/** Where an entry's problems go: `error` and `warning` report on the review's file at the entry's place. */
interface EntryProblems {
  error(entry: CasualtyReviewEntry | ReactionReviewEntry, reason: string, ruleId: string): void;
  warning(entry: CasualtyReviewEntry | ReactionReviewEntry, reason: string, ruleId: string): void;
}

function entryProblems(file: VFile, problems: VFileMessage[]): EntryProblems {
  return {
    error: (entry, reason, ruleId) => problems.push(fail(file, reason, entry.place, ruleId)),
    warning: (entry, reason, ruleId) => problems.push(warn(file, reason, entry.place, ruleId)),
  };
}

/**
 * Applies the review: rejected rows are left out (ids are kept, so a footnote
 * never moves to another sentence), corrected and confirmed rows carry
 * `reviewed: true`, every other row `reviewed: false`. Problems are reported on
 * `file`, the review's.
 */
export function applyReview(rows: ReviewRows, review: Review, context: ReviewContext, file: VFile): ReviewOutcome {
  const problems: VFileMessage[] = [];
  const report = entryProblems(file, problems);
  const counts = { rejected: 0, corrected: 0, confirmed: 0 };
  const casualties = apply(
    rows.casualties,
    review.casualties,
    matchesCasualty,
    (row, set, entry) => correctCasualty(row, set, entry, report),
    report,
    counts,
  );
  const reactions = apply(
    rows.reactions,
    review.reactions,
    matchesReaction,
    (row, set, entry) => correctReaction(row, set, entry, context, report),
    report,
    counts,
  );
  return { casualties, reactions, problems: sortProblems(problems), counts };
}

function apply<
  R extends { id: string; article: string; quote: string; reviewed?: boolean | undefined },
  E extends CasualtyReviewEntry | ReactionReviewEntry,
>(
  rows: readonly R[],
  entries: readonly E[],
  matches: (row: R, entry: E) => boolean,
  correct: (row: R, set: E extends CasualtyReviewEntry ? CasualtyCorrection : ReactionCorrection, entry: E) => R | null,
  report: EntryProblems,
  counts: ReviewOutcome['counts'],
): R[] {
  const decided = new Map<string, { entry: E; row: R | null }>();
  for (const entry of entries) {
    const found = rows.filter(
      (row) =>
        row.article === entry.article && normalize(row.quote).includes(normalize(entry.quote)) && matches(row, entry),
    );
    const warning = (reason: string, ruleId: string) => report.warning(entry, reason, ruleId);
    if (found.length === 0) {
      warning(
        `Unexpected review entry that matches no ${entry.dataset === 'casualties' ? 'figure' : 'reaction'}: ${describeKey(entry)}; update or remove it (the extraction or the article may have changed)`,
        'review-unmatched',
      );
      continue;
    }
    if (found.length > 1) {
      const hint = entry.dataset === 'casualties' ? '`phrase`, `measure` or `group`' : '`actor` or `stance`';
      warning(
        `Unexpected review entry that matches ${found.length} rows (${found.map((r) => r.id).join(', ')}): add ${hint} to pick one; not applied`,
        'review-ambiguous',
      );
      continue;
    }
    const row = found[0]!;
    const earlier = decided.get(row.id);
    if (earlier) {
      warning(
        `Unexpected second review of row ${row.id} (the first is at line ${earlier.entry.place.line}); not applied`,
        'review-conflict',
      );
      continue;
    }
    const d = entry.decision;
    let next: R | null = null;
    if (d.kind === 'reject') counts.rejected += 1;
    else if (d.kind === 'confirm') {
      counts.confirmed += 1;
      next = { ...row, reviewed: true };
    } else {
      next = correct(row, d.set as never, entry);
      if (next === null) continue;
      counts.corrected += 1;
    }
    decided.set(row.id, { entry, row: next });
  }
  const out: R[] = [];
  for (const row of rows) {
    const decision = decided.get(row.id);
    // A row that already says `reviewed: false` (as validated rows do) is kept as it is: the same object.
    if (!decision) out.push(row.reviewed === false ? row : { ...row, reviewed: false });
    else if (decision.row) out.push(decision.row);
  }
  return out;
}

function matchesCasualty(row: CasualtyRow, entry: CasualtyReviewEntry): boolean {
  return (
    (entry.phrase === null || normalize(row.phrase) === normalize(entry.phrase)) &&
    (entry.measure === null || row.measure === entry.measure) &&
    (entry.group === null || row.group === entry.group)
  );
}

function matchesReaction(row: ReactionRow, entry: ReactionReviewEntry): boolean {
  return (entry.actor === null || row.actor === entry.actor) && (entry.stance === null || row.stance === entry.stance);
}

function correctCasualty(
  row: CasualtyRow,
  set: CasualtyCorrection,
  entry: CasualtyReviewEntry,
  report: EntryProblems,
): CasualtyRow | null {
  const { high, ...fields } = set;
  const next: CasualtyRow = { ...row, ...defined(fields), reviewed: true };
  if (high !== undefined && next.qualifier !== 'vague') {
    report.error(
      entry,
      `Unexpected \`high\` for row ${row.id}, which is \`${next.qualifier}\`: only a \`vague\` figure takes its bounds from the review`,
      'review-bounds',
    );
    return null;
  }
  const boundsChanged = set.value !== undefined || set.qualifier !== undefined || high !== undefined;
  if (!boundsChanged) return next;
  const value = next.value;
  switch (next.qualifier) {
    case 'exact':
    case 'about':
      return { ...next, low: value, high: value };
    case 'at_least':
    case 'more_than':
      return { ...next, low: value, high: null };
    case 'up_to':
    case 'fewer_than':
      return { ...next, low: null, high: value };
    case 'vague': {
      if (high !== undefined) {
        if (high !== null && high < value) {
          report.error(
            entry,
            `Unexpected \`high: ${high}\` below the value ${value} of row ${row.id}`,
            'review-bounds',
          );
          return null;
        }
        return { ...next, low: value, high };
      }
      // Unchanged vague figure: its bounds (maybe scaled, "several hundred") stand.
      if (row.qualifier === 'vague' && row.value === value) return next;
      const word = Object.values(VAGUE_COUNTS).find((bounds) => bounds.low === value);
      if (word) return { ...next, low: word.low, high: word.high };
      const values = [...new Set(Object.values(VAGUE_COUNTS).map((b) => b.low))].join(', ');
      report.error(
        entry,
        `Cannot bound the vague value ${value} of row ${row.id}: expected one of the vague-word values ${values}, or \`high:\` under \`set\``,
        'review-bounds',
      );
      return null;
    }
  }
}

function correctReaction(
  row: ReactionRow,
  set: ReactionCorrection,
  entry: ReactionReviewEntry,
  context: ReviewContext,
  report: EntryProblems,
): ReactionRow | null {
  const next: ReactionRow = { ...row, ...defined(set), reviewed: true };
  if (set.stance !== undefined && context.cameoOf) next.cameo = context.cameoOf(set.stance);
  if (set.actor !== undefined && set.actor !== row.actor) {
    const type = context.actorType(set.actor);
    if (type === null) {
      const guess = closest(set.actor, context.actorNames);
      report.error(
        entry,
        `Unexpected actor \`${set.actor}\` under \`set\`: expected the canonical name of a gazetteer actor${guess ? ` (did you mean \`${guess}\`?)` : ''}`,
        'review-actor',
      );
      return null;
    }
    next.actor_type = type;
  }
  return next;
}

function describeKey(entry: CasualtyReviewEntry | ReactionReviewEntry): string {
  const parts = [`article ${entry.article}`, `quote containing “${entry.quote}”`];
  if (entry.dataset === 'casualties') {
    if (entry.phrase !== null) parts.push(`phrase “${entry.phrase}”`);
    if (entry.measure !== null) parts.push(`measure \`${entry.measure}\``);
    if (entry.group !== null) parts.push(`group \`${entry.group}\``);
  } else {
    if (entry.actor !== null) parts.push(`actor \`${entry.actor}\``);
    if (entry.stance !== null) parts.push(`stance \`${entry.stance}\``);
  }
  return parts.join(', ');
}

/** The fields actually given (zod leaves absent ones out; the types say they may be undefined). */
function defined<T extends object>(fields: T): { [K in keyof T]-?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]-?: Exclude<T[K], undefined>;
  };
}

/** Quotes are compared whitespace-insensitively: an editor may copy a sentence across a line break. */
function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * What can be checked without re-deriving: every entry names a known article
 * and quotes a part of its text. Warnings, as derive gives for unmatched entries.
 */
export function checkReviewQuotes(review: Review, bodies: ReadonlyMap<string, string>, file: VFile): VFileMessage[] {
  const problems: VFileMessage[] = [];
  const report = entryProblems(file, problems);
  for (const entry of [...review.casualties, ...review.reactions]) {
    const body = bodies.get(entry.article);
    if (body === undefined) {
      report.warning(
        entry,
        `Unexpected review entry for unknown article \`${entry.article}\`, ${expected(entry.article, [...bodies.keys()])}`,
        'review-unmatched',
      );
    } else if (!normalize(body).includes(normalize(entry.quote))) {
      report.warning(
        entry,
        `Unexpected review quote “${entry.quote}”: article ${entry.article} does not contain it; update or remove the entry`,
        'review-unmatched',
      );
    }
  }
  return sortProblems(problems);
}
