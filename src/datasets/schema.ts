// The datasets of CONTRACT.md §3–4, as one zod schema each. Every write and
// every read goes through these, so a file on disk is either valid or an error.
import * as z from 'zod';
import { isLanguageTag } from '../articles/language-tag.ts';
import { remember } from '../common/remember.ts';

/** The contract's base measures; a codebook may add more (data/codebook.yaml, data/<story>/codebook.yaml). */
export const BASE_MEASURES = ['killed', 'injured', 'arrested', 'hospitalized', 'missing', 'displaced'] as const;
/** The measures a dataset without a story's codebook may hold: the base ones. */
export const MEASURES: readonly string[] = BASE_MEASURES;
export const GROUPS = ['security_forces', 'protesters', 'civilians', 'all'] as const;
export const QUALIFIERS = ['exact', 'at_least', 'more_than', 'about', 'up_to', 'fewer_than', 'vague'] as const;
export const STATUSES = ['reported', 'retracted', 'disputed', 'projected'] as const;
/** Whether a figure of this status is a toll a chart may draw: not one withdrawn, not a projection. */
export function isToll(status: (typeof STATUSES)[number]): boolean {
  return status !== 'retracted' && status !== 'projected';
}
export const ACTOR_TYPES = ['state', 'organization'] as const;
/** The contract's base stances; a codebook may add more. */
export const BASE_STANCES = [
  'expresses_concern',
  'expresses_sympathy',
  'urges_restraint',
  'urges_dialogue',
  'urges_rights',
  'supports_government',
  'offers_help',
  'sends_aid',
  'criticizes_crackdown',
  'blames_foreign_forces',
  'rejects_interference',
  'questions_intervention',
  'denies_involvement',
  'sends_troops',
  'withdraws_troops',
  'travel_warning',
] as const;
export const STANCES: readonly string[] = BASE_STANCES;

/** The names a codebook defines: what a dataset's `measure` and `stance` may be. */
export interface Vocabulary {
  measures: readonly string[];
  stances: readonly string[];
}

/** A codebook measure: a base one or a story's own. */
export type Measure = string;
export type Group = (typeof GROUPS)[number];
export type Qualifier = (typeof QUALIFIERS)[number];
export type Status = (typeof STATUSES)[number];
export type ActorType = (typeof ACTOR_TYPES)[number];
/** A codebook stance: a base one or a story's own. */
export type Stance = string;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected an ISO date (YYYY-MM-DD)', abort: true })
  .refine(isCalendarDate, 'expected a real calendar date');

const CALENDAR_DATES = new Map<string, boolean>();

/** Whether `YYYY-MM-DD` is a day that exists ("2022-02-30" and "2022-99-99" do not). */
export function isCalendarDate(s: string): boolean {
  // Every row of a derive is checked, and they name a handful of days: each is worked out once.
  return remember(
    CALENDAR_DATES,
    s,
    () => {
      const time = Date.parse(`${s}T00:00:00Z`);
      return !Number.isNaN(time) && new Date(time).toISOString().startsWith(s);
    },
    10_000,
  );
}

const count = z.number().int().nonnegative();

/** An article's id: the same rule in the articles, the datasets, the narrative, the timeline and the review. */
export const ARTICLE_ID = /^[A-Za-z0-9_-]+$/;
export const ARTICLE_ID_RULE = 'letters, digits, `_` and `-`, such as "003" or "quake-01"';
const articleId = z.string().regex(ARTICLE_ID, `expected an article id: ${ARTICLE_ID_RULE}`);

/**
 * Whether an editor signed off on the row in data/review.yaml (corrected or
 * confirmed it). Written as the last column of both datasets; a row fresh
 * from the extraction has not been reviewed, so it defaults to false.
 */
const reviewed = z.boolean().default(false);

/** Where a row's quote sits in its article body (UTF-16 offsets). */
const provenance = {
  quote: z.string().min(1),
  start: count,
  end: count,
};

/** The schema of each dataset for a codebook's measures and stances. */
export function datasetSchemas(vocabulary: Vocabulary) {
  return {
    casualties: { schema: casualtySchemaFor(vocabulary.measures), fields: CASUALTY_FIELDS },
    reactions: { schema: reactionSchemaFor(vocabulary.stances), fields: REACTION_FIELDS },
    articles: { schema: articleRowSchema, fields: ARTICLE_FIELDS },
  } as const;
}
export type DatasetSchemas = ReturnType<typeof datasetSchemas>;

const SCHEMAS = new WeakMap<Vocabulary, DatasetSchemas>();
/** datasetSchemas, made once per codebook. */
export function schemasFor(vocabulary: Vocabulary): DatasetSchemas {
  let schemas = SCHEMAS.get(vocabulary);
  if (!schemas) SCHEMAS.set(vocabulary, (schemas = datasetSchemas(vocabulary)));
  return schemas;
}

// An enum, as fast to check as a fixed one (a refinement would take the row off zod's compiled path).
const oneOf = (names: readonly string[]) => z.enum(names as [string, ...string[]]);

function casualtySchemaFor(measures: readonly string[]) {
  return z
    .strictObject({
      id: z.string().regex(/^.+-c\d+$/),
      article: articleId,
      measure: oneOf(measures),
      group: z.enum(GROUPS),
      value: count,
      qualifier: z.enum(QUALIFIERS),
      low: count.nullable(),
      high: count.nullable(),
      phrase: z.string().min(1),
      as_of: isoDate.nullable(),
      attribution: z.string().min(1).nullable(),
      status: z.enum(STATUSES),
      ...provenance,
      reviewed,
    })
    .refine((r) => r.end - r.start === r.quote.length, 'end - start must equal the quote length');
}

function reactionSchemaFor(stances: readonly string[]) {
  return z
    .strictObject({
      id: z.string().regex(/^.+-r\d+$/),
      article: articleId,
      actor: z.string().min(1),
      actor_type: z.enum(ACTOR_TYPES),
      speaker: z.string().min(1).nullable(),
      speaker_as_written: z.string().min(1).nullable(),
      stance: oneOf(stances),
      /** The stance's CAMEO event code in the codebook, for joining with event data such as GDELT; null where it gives none. */
      cameo: z
        .string()
        .regex(/^\d{2,4}$/)
        .nullable()
        .default(null),
      as_of: isoDate.nullable(),
      ...provenance,
      reviewed,
    })
    .refine((r) => r.end - r.start === r.quote.length, 'end - start must equal the quote length');
}

export const casualtySchema = casualtySchemaFor(MEASURES);
export const reactionSchema = reactionSchemaFor(STANCES);

const languageTag = z.string().refine(isLanguageTag, 'expected a BCP 47 language tag such as `en`, `ar` or `pt-BR`');

/** The article metadata dataset: the front matter of CONTRACT §2, one row per article. */
export const articleRowSchema = z.strictObject({
  id: articleId,
  title: z.string().min(1),
  outlet: z.string().min(1).nullable(),
  // Only the web: a `javascript:` or `file:` address is no source a reader can follow.
  url: z
    .string()
    .url({ abort: true })
    .refine((url) => /^https?:\/\//i.test(url), 'expected an http(s) address, or null')
    .nullable(),
  published: isoDate,
  published_basis: z.enum(['stated', 'inferred']),
  published_note: z.string().min(1).nullable(),
  language: languageTag,
  translated_from: languageTag.nullable(),
});

// A row as code builds it: `reviewed` may be left out until the review is
// applied (the extraction never sets it). Rows read back from a file, and
// every row written, always carry it.
export type CasualtyRow = z.input<typeof casualtySchema>;
export type ReactionRow = z.input<typeof reactionSchema>;
export type ArticleRow = z.infer<typeof articleRowSchema>;

/** Field order of each dataset: the CSV header and the JSON key order. */
export const CASUALTY_FIELDS = [
  'id',
  'article',
  'measure',
  'group',
  'value',
  'qualifier',
  'low',
  'high',
  'phrase',
  'as_of',
  'attribution',
  'status',
  'quote',
  'start',
  'end',
  'reviewed',
] as const satisfies readonly (keyof CasualtyRow)[];
export const REACTION_FIELDS = [
  'id',
  'article',
  'actor',
  'actor_type',
  'speaker',
  'speaker_as_written',
  'stance',
  'cameo',
  'as_of',
  'quote',
  'start',
  'end',
  'reviewed',
] as const satisfies readonly (keyof ReactionRow)[];
export const ARTICLE_FIELDS = [
  'id',
  'title',
  'outlet',
  'url',
  'published',
  'published_basis',
  'published_note',
  'language',
  'translated_from',
] as const satisfies readonly (keyof ArticleRow)[];

/** The datasets' schemas for the base codebook, for callers that have no story. */
export const DATASETS: DatasetSchemas = datasetSchemas({ measures: MEASURES, stances: STANCES });
export type DatasetName = keyof typeof DATASETS;
