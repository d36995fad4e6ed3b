// data/review.yaml: an editor's decisions on the rows the extraction found.
// An entry names a row by what survives re-deriving it (its article, a part
// of its sentence, and the phrase/measure/group or actor/stance that pick it
// among the rows of that sentence), never by its id, and either rejects it,
// confirms it, or corrects some of its fields. Pure: parseReview takes the
// YAML text, applyReview takes the rows; the CLI reads and writes files.
import type { VFile } from 'vfile';
import type { Document } from 'yaml';
import * as z from 'zod';
import { byPlace, fail } from '../common/problems.ts';
import type { VFileMessage } from '../common/problems.ts';
import { expected } from '../common/suggest.ts';
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
import type { Group, Measure, Qualifier, Stance } from './schema.ts';
import { yamlData } from '../common/yaml-data.ts';
import { locate, parseYamlWithPlaces } from '../common/yaml-places.ts';
import type { Place } from '../common/yaml-places.ts';

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
  /** Errors only, reported on the review's file, in file order: a review with problems must not be applied. */
  problems: VFileMessage[];
}

/** Parses and validates the review file's YAML (`file.value`); every problem is reported on `file` at the line and column of the field at fault. */
export function parseReview(
  file: VFile,
  codebook: Vocabulary = { measures: MEASURES, stances: STANCES },
): ParsedReview {
  vocabulary = codebook;
  const { doc, at } = parseYamlWithPlaces(String(file.value ?? ''));
  const error: ReportError = (place, reason, ruleId) => fail(file, reason, place, ruleId);
  const failed = (problems: VFileMessage[]): ParsedReview => ({ review: EMPTY_REVIEW, problems });
  if (doc.errors.length > 0) {
    return failed(
      doc.errors.map((e) =>
        error(at(e.pos[0]), `Cannot parse the review file: ${e.message.split('\n')[0]}`, 'review-yaml'),
      ),
    );
  }
  const read = doc.contents === null ? { data: {} } : yamlData(doc);
  if ('message' in read)
    return failed([error(at(read.offset), `Cannot parse the review file: ${read.message}`, 'review-yaml')]);
  const data = read.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return failed([
      error(
        { line: 1, column: 1 },
        'Unexpected review file: expected `casualties:` and `reactions:` lists of entries',
        'review-yaml',
      ),
    ]);
  }
  const result = reviewSchema.safeParse(data);
  if (!result.success) {
    return failed(sortProblems(result.error.issues.flatMap((issue) => issueProblems(issue, doc, at, error))));
  }
  const { review, problems } = reviewEntries(result.data, doc, at, error);
  return problems.length > 0 ? failed(sortProblems(problems)) : { review, problems: [] };
}

type ReportError = (place: Place, reason: string, ruleId: string) => VFileMessage;

/** A schema issue as problems: one per unknown field it names, else one for the value at fault. */
function issueProblems(
  issue: z.core.$ZodIssue,
  doc: Document,
  at: (offset: number) => Place,
  error: ReportError,
): VFileMessage[] {
  const path = issue.path as (string | number)[];
  const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
  return (keys.length > 0 ? keys : [undefined]).map((key) =>
    error(
      at(locate(doc, path, key)),
      describeIssue(issue, path, key, doc),
      key === undefined ? 'review-value' : 'review-field',
    ),
  );
}

/** The entries of a review that fits the schema, each with its decision and place; the problems of those that do not make sense. */
function reviewEntries(
  data: z.infer<typeof reviewSchema>,
  doc: Document,
  at: (offset: number) => Place,
  error: ReportError,
): { review: Review; problems: VFileMessage[] } {
  const problems: VFileMessage[] = [];
  const decisionProblem = (place: Place, reason: string) => problems.push(error(place, reason, 'review-decision'));
  const place = (path: (string | number)[]) => at(locate(doc, path));
  const review: Review = { casualties: [], reactions: [] };
  (data.casualties ?? []).forEach((entry, i) => {
    const d = toDecision(entry, ['casualties', i], doc, at, decisionProblem);
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
  (data.reactions ?? []).forEach((entry, i) => {
    const d = toDecision(entry, ['reactions', i], doc, at, decisionProblem);
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
  return { review, problems };
}

function toDecision<C extends object>(
  entry: { reject?: true | undefined; confirm?: true | undefined; set?: C | undefined },
  path: (string | number)[],
  doc: Document,
  at: (offset: number) => Place,
  problem: (place: Place, reason: string) => void,
): Decision<C> | null {
  const given = (['reject', 'confirm', 'set'] as const).filter((key) => entry[key] !== undefined);
  if (given.length !== 1) {
    const reason =
      given.length === 0
        ? 'Missing decision in the review entry: expected `reject: true`, `confirm: true` or `set:` with the corrected fields'
        : `Unexpected ${given.map((k) => `\`${k}\``).join(' and ')} in one review entry: expected only one decision`;
    problem(at(locate(doc, path, given[1])), reason);
    return null;
  }
  if (entry.set !== undefined) {
    if (Object.keys(entry.set).length === 0) {
      problem(at(locate(doc, [...path, 'set'])), 'Missing corrected fields under `set:`');
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

/** A file's problems in file order (they are found field by field, entry by entry). */
export function sortProblems(problems: readonly VFileMessage[]): VFileMessage[] {
  return [...problems].sort(byPlace);
}
