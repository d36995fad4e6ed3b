// data/review.yaml: an editor's decisions on the rows the extraction found.
// An entry names a row by what survives re-deriving it (its article, a part
// of its sentence, and the phrase/measure/group or actor/stance that pick it
// among the rows of that sentence), never by its id, and either rejects it,
// confirms it, or corrects some of its fields. Pure: parseReview takes the
// YAML text, applyReview takes the rows; the CLI reads and writes files.
import type { Document } from 'yaml';
import { z } from 'zod';
import { VAGUE_COUNTS } from '../extract/numbers.ts';
import { closest, expected } from '../common/suggest.ts';
import {
  ARTICLE_ID,
  ARTICLE_ID_RULE,
  GROUPS,
  isCalendarDate,
  MEASURES,
  QUALIFIERS,
  STANCES,
  STATUSES,
} from './schema.ts';
import type { Vocabulary } from './schema.ts';
import type { ActorType, CasualtyRow, Group, Measure, Qualifier, ReactionRow, Stance } from './schema.ts';
import { yamlData } from '../common/yaml-data.ts';
import { locate, parseYamlWithPlaces } from '../common/yaml-places.ts';
import type { Place } from '../common/yaml-places.ts';

export interface ReviewProblem extends Place {
  severity: 'error' | 'warning';
  reason: string;
  ruleId: string;
}

export interface CasualtyCorrection {
  measure?: Measure | undefined;
  group?: Group | undefined;
  value?: number | undefined;
  qualifier?: Qualifier | undefined;
  as_of?: string | null | undefined;
  /** Only for a `vague` figure whose word is not in the table: its upper bound. */
  high?: number | null | undefined;
}

export interface ReactionCorrection {
  actor?: string | undefined;
  stance?: Stance | undefined;
}

export type Decision<C> = { kind: 'reject' } | { kind: 'confirm' } | { kind: 'correct'; set: C };

interface EntryBase<C> {
  article: string;
  /** The sentence, or any part of it (whitespace-insensitive). */
  quote: string;
  decision: Decision<C>;
  note: string | null;
  /** Where the entry starts in the review file, for messages about it. */
  place: Place;
}

export interface CasualtyReviewEntry extends EntryBase<CasualtyCorrection> {
  dataset: 'casualties';
  phrase: string | null;
  measure: Measure | null;
  group: Group | null;
}

export interface ReactionReviewEntry extends EntryBase<ReactionCorrection> {
  dataset: 'reactions';
  actor: string | null;
  stance: Stance | null;
}

export interface Review {
  casualties: CasualtyReviewEntry[];
  reactions: ReactionReviewEntry[];
}

export const EMPTY_REVIEW: Review = { casualties: [], reactions: [] };

// ------------------------------------------------------------------ the format

const text = z.string().trim().min(1, 'expected some text');
const articleId = z.string().regex(ARTICLE_ID, `expected the article id: ${ARTICLE_ID_RULE}`);
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected an ISO date (YYYY-MM-DD)')
  .refine(isCalendarDate, 'expected a real calendar date');
const count = z.number().int('expected a whole number').nonnegative('expected a count of people (0 or more)');
const decision = {
  reject: z.literal(true, 'expected `reject: true`').optional(),
  confirm: z.literal(true, 'expected `confirm: true`').optional(),
  note: text.optional(),
};

/** The codebook of the review being parsed (parseReview sets it; parsing is synchronous). */
let vocabulary: Vocabulary = { measures: MEASURES, stances: STANCES };
const codebookName = (kind: 'measures' | 'stances') =>
  z.string().superRefine((s, ctx) => {
    const names = vocabulary[kind];
    if (names.includes(s)) return;
    ctx.addIssue({ code: 'custom', message: `${expected(s, names)}: a ${kind.slice(0, -1)} of the codebook` });
  });
const measureName = codebookName('measures');
const stanceName = codebookName('stances');

const casualtyCorrection = z.strictObject({
  measure: measureName.optional(),
  group: z.enum(GROUPS).optional(),
  value: count.optional(),
  qualifier: z.enum(QUALIFIERS).optional(),
  as_of: isoDate.nullable().optional(),
  high: count.nullable().optional(),
  status: z.enum(STATUSES).optional(),
  attribution: text.nullable().optional(),
});
const reactionCorrection = z.strictObject({ actor: text.optional(), stance: stanceName.optional() });

const casualtyEntry = z.strictObject({
  article: articleId,
  quote: text,
  phrase: text.optional(),
  measure: measureName.optional(),
  group: z.enum(GROUPS).optional(),
  ...decision,
  set: casualtyCorrection.optional(),
});
const reactionEntry = z.strictObject({
  article: articleId,
  quote: text,
  actor: text.optional(),
  stance: stanceName.optional(),
  ...decision,
  set: reactionCorrection.optional(),
});
const reviewSchema = z.strictObject({
  casualties: z.array(casualtyEntry).nullable().optional(),
  reactions: z.array(reactionEntry).nullable().optional(),
});

/** The fields an editor may write, for "expected one of …" in messages. */
export const REVIEW_FIELDS = {
  top: Object.keys(reviewSchema.shape),
  casualties: Object.keys(casualtyEntry.shape),
  reactions: Object.keys(reactionEntry.shape),
  'casualties.set': Object.keys(casualtyCorrection.shape),
  'reactions.set': Object.keys(reactionCorrection.shape),
} as const;

// --------------------------------------------------------------------- parsing

export interface ParsedReview {
  review: Review;
  /** Errors only: a review with problems must not be applied. */
  problems: ReviewProblem[];
}

/** Parses and validates review YAML; every problem has the line and column of the field at fault. */
export function parseReview(
  yamlText: string,
  codebook: Vocabulary = { measures: MEASURES, stances: STANCES },
): ParsedReview {
  vocabulary = codebook;
  const { doc, at } = parseYamlWithPlaces(yamlText);
  const error = (place: Place, reason: string, ruleId: string): ReviewProblem => ({
    ...place,
    severity: 'error',
    reason,
    ruleId,
  });
  if (doc.errors.length > 0) {
    return {
      review: EMPTY_REVIEW,
      problems: doc.errors.map((e) =>
        error(at(e.pos[0]), `Cannot parse the review file: ${e.message.split('\n')[0]}`, 'review-yaml'),
      ),
    };
  }
  const read = doc.contents === null ? { data: {} } : yamlData(doc);
  if ('message' in read)
    return {
      review: EMPTY_REVIEW,
      problems: [error(at(read.offset), `Cannot parse the review file: ${read.message}`, 'review-yaml')],
    };
  const data = read.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return {
      review: EMPTY_REVIEW,
      problems: [
        error(
          { line: 1, column: 1 },
          'Unexpected review file: expected `casualties:` and `reactions:` lists of entries',
          'review-yaml',
        ),
      ],
    };
  }
  const result = reviewSchema.safeParse(data);
  const problems: ReviewProblem[] = [];
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path as (string | number)[];
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
      for (const key of keys.length > 0 ? keys : [undefined]) {
        problems.push(
          error(
            at(locate(doc, path, key)),
            describeIssue(issue, path, key, doc),
            key === undefined ? 'review-value' : 'review-field',
          ),
        );
      }
    }
    return { review: EMPTY_REVIEW, problems: sortProblems(problems) };
  }
  const place = (path: (string | number)[]) => at(locate(doc, path));
  const review: Review = { casualties: [], reactions: [] };
  (result.data.casualties ?? []).forEach((entry, i) => {
    const d = toDecision(entry, ['casualties', i], doc, at, problems);
    if (!d) return;
    const set = d.kind === 'correct' ? d.set : null;
    if (set && set.high !== undefined && (set.qualifier ?? 'vague') !== 'vague') {
      problems.push(
        error(
          place(['casualties', i, 'set', 'high']),
          'Unexpected `high` for a figure that is not `vague`: its bounds follow from the qualifier',
          'review-value',
        ),
      );
    }
    review.casualties.push({
      dataset: 'casualties',
      article: entry.article,
      quote: entry.quote,
      phrase: entry.phrase ?? null,
      measure: entry.measure ?? null,
      group: entry.group ?? null,
      decision: d,
      note: entry.note ?? null,
      place: place(['casualties', i]),
    });
  });
  (result.data.reactions ?? []).forEach((entry, i) => {
    const d = toDecision(entry, ['reactions', i], doc, at, problems);
    if (!d) return;
    review.reactions.push({
      dataset: 'reactions',
      article: entry.article,
      quote: entry.quote,
      actor: entry.actor ?? null,
      stance: entry.stance ?? null,
      decision: d,
      note: entry.note ?? null,
      place: place(['reactions', i]),
    });
  });
  return problems.length > 0 ? { review: EMPTY_REVIEW, problems: sortProblems(problems) } : { review, problems: [] };
}

function toDecision<C extends object>(
  entry: { reject?: true | undefined; confirm?: true | undefined; set?: C | undefined },
  path: (string | number)[],
  doc: Document,
  at: (offset: number) => Place,
  problems: ReviewProblem[],
): Decision<C> | null {
  const given = (['reject', 'confirm', 'set'] as const).filter((key) => entry[key] !== undefined);
  if (given.length !== 1) {
    const reason =
      given.length === 0
        ? 'Missing decision in the review entry: expected `reject: true`, `confirm: true` or `set:` with the corrected fields'
        : `Unexpected ${given.map((k) => `\`${k}\``).join(' and ')} in one review entry: expected only one decision`;
    problems.push({ ...at(locate(doc, path, given[1])), severity: 'error', reason, ruleId: 'review-decision' });
    return null;
  }
  if (entry.set !== undefined) {
    if (Object.keys(entry.set).length === 0) {
      problems.push({
        ...at(locate(doc, [...path, 'set'])),
        severity: 'error',
        reason: 'Missing corrected fields under `set:`',
        ruleId: 'review-decision',
      });
      return null;
    }
    return { kind: 'correct', set: entry.set };
  }
  return entry.reject ? { kind: 'reject' } : { kind: 'confirm' };
}

function describeIssue(
  issue: z.core.$ZodIssue,
  path: (string | number)[],
  key: string | undefined,
  doc: Document,
): string {
  const where = fieldsKey(path);
  if (key !== undefined) {
    const allowed = REVIEW_FIELDS[where];
    const context =
      where === 'top'
        ? 'at the top of the review file'
        : where.endsWith('.set')
          ? 'under `set`'
          : `in a review entry of \`${where}\``;
    return `Unexpected field \`${key}\` ${context}, ${expected(key, allowed)}`;
  }
  const field = String(path.at(-1) ?? '');
  const value = doc.getIn(path);
  if (value === undefined) {
    const hints: Record<string, string> = {
      article: 'the id of the article, e.g. `article: "002"`',
      quote: 'the sentence, or a part of it, as in the dataset’s `quote`',
    };
    return `Missing field \`${field}\` in the review entry: expected ${hints[field] ?? 'a value'}`;
  }
  const shown = JSON.stringify(value);
  if (field === 'article' && typeof value === 'number') {
    return `Unexpected article ${shown}: write the id as a quoted string, e.g. \`article: "${String(value).padStart(3, '0')}"\``;
  }
  if (issue.code === 'invalid_value' && Array.isArray(issue.values) && typeof value === 'string') {
    return `Unexpected value ${shown} for \`${field}\`, ${expected(value, issue.values.map(String))}`;
  }
  if (issue.code === 'invalid_type' && issue.expected === 'array') {
    return `Unexpected value for \`${field}\`: expected a list of entries, each starting with \`- article: …\``;
  }
  return `Unexpected value ${shown} for \`${field}\`: ${issue.message}`;
}

function fieldsKey(path: (string | number)[]): keyof typeof REVIEW_FIELDS {
  const dataset = path[0] === 'reactions' ? 'reactions' : 'casualties';
  if (path.length === 0) return 'top';
  return path.includes('set') ? `${dataset}.set` : dataset;
}

export function sortProblems(problems: ReviewProblem[]): ReviewProblem[] {
  return [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
}

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
  /** Errors (a correction that cannot be applied) and warnings (entries that match no row, or several). */
  problems: ReviewProblem[];
  /** How many rows each decision touched. */
  counts: { rejected: number; corrected: number; confirmed: number };
}

/**
 * Applies the review: rejected rows are left out (ids are kept, so a footnote
 * never moves to another sentence), corrected and confirmed rows carry
 * `reviewed: true`, every other row `reviewed: false`.
 */
export function applyReview(rows: ReviewRows, review: Review, context: ReviewContext): ReviewOutcome {
  const problems: ReviewProblem[] = [];
  const counts = { rejected: 0, corrected: 0, confirmed: 0 };
  const casualties = apply(
    rows.casualties,
    review.casualties,
    matchesCasualty,
    (row, set, entry) => correctCasualty(row, set, entry, problems),
    problems,
    counts,
  );
  const reactions = apply(
    rows.reactions,
    review.reactions,
    matchesReaction,
    (row, set, entry) => correctReaction(row, set, entry, context, problems),
    problems,
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
  problems: ReviewProblem[],
  counts: ReviewOutcome['counts'],
): R[] {
  const decided = new Map<string, { entry: E; row: R | null }>();
  for (const entry of entries) {
    const found = rows.filter(
      (row) =>
        row.article === entry.article && normalize(row.quote).includes(normalize(entry.quote)) && matches(row, entry),
    );
    const warn = (reason: string, ruleId: string) =>
      problems.push({ ...entry.place, severity: 'warning', reason, ruleId });
    if (found.length === 0) {
      warn(
        `Unexpected review entry that matches no ${entry.dataset === 'casualties' ? 'figure' : 'reaction'}: ${describeKey(entry)}; update or remove it (the extraction or the article may have changed)`,
        'review-unmatched',
      );
      continue;
    }
    if (found.length > 1) {
      const hint = entry.dataset === 'casualties' ? '`phrase`, `measure` or `group`' : '`actor` or `stance`';
      warn(
        `Unexpected review entry that matches ${found.length} rows (${found.map((r) => r.id).join(', ')}): add ${hint} to pick one; not applied`,
        'review-ambiguous',
      );
      continue;
    }
    const row = found[0]!;
    const earlier = decided.get(row.id);
    if (earlier) {
      warn(
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
  problems: ReviewProblem[],
): CasualtyRow | null {
  const { high, ...fields } = set;
  const next: CasualtyRow = { ...row, ...defined(fields), reviewed: true };
  if (high !== undefined && next.qualifier !== 'vague') {
    problems.push({
      ...entry.place,
      severity: 'error',
      reason: `Unexpected \`high\` for row ${row.id}, which is \`${next.qualifier}\`: only a \`vague\` figure takes its bounds from the review`,
      ruleId: 'review-bounds',
    });
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
          problems.push({
            ...entry.place,
            severity: 'error',
            reason: `Unexpected \`high: ${high}\` below the value ${value} of row ${row.id}`,
            ruleId: 'review-bounds',
          });
          return null;
        }
        return { ...next, low: value, high };
      }
      // Unchanged vague figure: its bounds (maybe scaled, "several hundred") stand.
      if (row.qualifier === 'vague' && row.value === value) return next;
      const word = Object.values(VAGUE_COUNTS).find((bounds) => bounds.low === value);
      if (word) return { ...next, low: word.low, high: word.high };
      const values = [...new Set(Object.values(VAGUE_COUNTS).map((b) => b.low))].join(', ');
      problems.push({
        ...entry.place,
        severity: 'error',
        reason: `Cannot bound the vague value ${value} of row ${row.id}: expected one of the vague-word values ${values}, or \`high:\` under \`set\``,
        ruleId: 'review-bounds',
      });
      return null;
    }
  }
}

function correctReaction(
  row: ReactionRow,
  set: ReactionCorrection,
  entry: ReactionReviewEntry,
  context: ReviewContext,
  problems: ReviewProblem[],
): ReactionRow | null {
  const next: ReactionRow = { ...row, ...defined(set), reviewed: true };
  if (set.stance !== undefined && context.cameoOf) next.cameo = context.cameoOf(set.stance);
  if (set.actor !== undefined && set.actor !== row.actor) {
    const type = context.actorType(set.actor);
    if (type === null) {
      const guess = closest(set.actor, context.actorNames);
      problems.push({
        ...entry.place,
        severity: 'error',
        reason: `Unexpected actor \`${set.actor}\` under \`set\`: expected the canonical name of a gazetteer actor${guess ? ` (did you mean \`${guess}\`?)` : ''}`,
        ruleId: 'review-actor',
      });
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
export function checkReviewQuotes(review: Review, bodies: ReadonlyMap<string, string>): ReviewProblem[] {
  const problems: ReviewProblem[] = [];
  for (const entry of [...review.casualties, ...review.reactions]) {
    const body = bodies.get(entry.article);
    if (body === undefined) {
      problems.push({
        ...entry.place,
        severity: 'warning',
        reason: `Unexpected review entry for unknown article \`${entry.article}\`, ${expected(entry.article, [...bodies.keys()])}`,
        ruleId: 'review-unmatched',
      });
    } else if (!normalize(body).includes(normalize(entry.quote))) {
      problems.push({
        ...entry.place,
        severity: 'warning',
        reason: `Unexpected review quote “${entry.quote}”: article ${entry.article} does not contain it; update or remove the entry`,
        ruleId: 'review-unmatched',
      });
    }
  }
  return sortProblems(problems);
}
