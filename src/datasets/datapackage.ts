// The datasets described for the tools researchers load them with: a
// Frictionless Data Package (datapackage.json) beside the CSV files, with a
// Table Schema per dataset (each column's type, meaning and allowed values,
// the primary key and the foreign keys to the articles), so that pandas, R or
// the Frictionless tools read the files with their types. Pure: written by the
// derive, atomically with the datasets it describes.
import type { ZodType } from 'zod';
import type { ArticleRow } from './schema.ts';
import { ACTOR_TYPES, DATASETS, GROUPS, QUALIFIERS, STATUSES } from './schema.ts';
import type { DatasetName, Vocabulary } from './schema.ts';

/** What each column means, as data/README.md says it (a test holds the two together). */
export const FIELD_DESCRIPTIONS: {
  readonly [N in DatasetName]: Readonly<Record<(typeof DATASETS)[N]['fields'][number], string>>;
} = {
  casualties: {
    id: '<article>-c<n>, n counting from 1 in the order of the text',
    article: "the article's id (articles.id)",
    measure: 'what happened to the people counted (below)',
    group: 'who they were (below); all when the text does not say',
    value:
      'the number as stated: 2000 for "more than two thousand", 12 for "a dozen"; for a vague word, the table below',
    qualifier: 'how exact the text says the number is (below)',
    low: 'the smallest count the phrase allows; null when open',
    high: 'the largest count the phrase allows; null when open ("more than 2,000")',
    phrase: 'the count as written ("more than two thousand", "dozens", "2,300")',
    as_of:
      'the day the figure refers to (YYYY-MM-DD): a date or weekday in the sentence or its paragraph, resolved against the publication day ("Tuesday" is the most recent Tuesday on or before it; "yesterday" the day before), otherwise the publication day',
    attribution: 'who the article says gave the figure ("Interior Ministry"); null when it does not say',
    status: 'whether the figure stands (below)',
    quote: 'the whole sentence',
    start: "where the sentence starts in the article's body",
    end: 'where it ends',
    reviewed: "an editor's decision in the story's review.yaml applies to the row",
  },
  reactions: {
    id: '<article>-r<n>, n counting from 1 in the order of the text',
    article: "the article's id (articles.id)",
    actor: 'the government or organisation, by its canonical name in the gazetteer ("United States", "European Union")',
    actor_type: 'state or organization',
    speaker: 'the person who spoke for it, by canonical name ("Antony Blinken")',
    speaker_as_written: 'the name as the article spells it ("Anthony Blinken")',
    stance: 'the position taken (below)',
    cameo:
      "the stance's CAMEO event code, from the codebook, for joining with event data such as GDELT; empty where it gives none",
    as_of: 'the day it refers to, as for casualties',
    quote: 'the whole sentence',
    start: "where the sentence starts in the article's body",
    end: 'where it ends',
    reviewed: "an editor's decision in the story's review.yaml applies to the row",
  },
  articles: {
    id: "the article's id: its file name without .md",
    title: 'the headline',
    outlet: 'who published it; null when the text does not say',
    url: 'its address, when known',
    published: 'the day it was published',
    published_basis: 'whether the article states that day or it was worked out',
    published_note: 'how an inferred day was worked out',
    language: 'the language of the text (a BCP 47 code: en)',
    translated_from: 'the language it was translated from, when it is a translation',
  },
};

/** The values a coded column may hold: the codebook's measures, groups, stances…, and the schema's own. */
export interface Vocabularies {
  measure: readonly string[];
  group: readonly string[];
  qualifier: readonly string[];
  status: readonly string[];
  stance: readonly string[];
  actor_type: readonly string[];
  published_basis: readonly string[];
}

/** The coded columns' values for a story's codebook (its measures and stances), the rest from the schema. */
export function vocabularies(codebook: Vocabulary): Vocabularies {
  return {
    measure: codebook.measures,
    group: GROUPS,
    qualifier: QUALIFIERS,
    status: STATUSES,
    stance: codebook.stances,
    actor_type: ACTOR_TYPES,
    published_basis: ['stated', 'inferred'],
  };
}

export interface PackageStory {
  /** The story's slug, or null for a derive of any folder. */
  name: string | null;
  title: string | null;
  description: string | null;
}

export const DATA_PACKAGE = 'datapackage.json';

type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'date';

interface Field {
  name: string;
  type: FieldType;
  description: string;
  constraints?: { required?: boolean; minimum?: number; enum?: readonly string[]; pattern?: string };
}

const INTEGERS = new Set(['value', 'low', 'high', 'start', 'end']);
const DATES = new Set(['as_of', 'published']);
/** Whether a column is never empty: its schema refuses null (a nullable column is an empty CSV cell when null). */
function isRequired(dataset: DatasetName, name: string): boolean {
  const shape = DATASETS[dataset].schema.shape as Record<string, ZodType>;
  return shape[name]?.safeParse(null).success === false;
}

function field(dataset: DatasetName, name: string, vocabularies: Vocabularies): Field {
  const type: FieldType = INTEGERS.has(name)
    ? 'integer'
    : DATES.has(name)
      ? 'date'
      : name === 'reviewed'
        ? 'boolean'
        : 'string';
  const constraints: NonNullable<Field['constraints']> = {};
  if (isRequired(dataset, name)) constraints.required = true;
  if (type === 'integer') constraints.minimum = 0;
  const values = (vocabularies as unknown as Record<string, readonly string[] | undefined>)[name];
  if (values) constraints.enum = values;
  if (name === 'id' || name === 'article')
    constraints.pattern =
      dataset === 'articles' || name === 'article'
        ? '[A-Za-z0-9_-]+'
        : `.+-${dataset === 'casualties' ? 'c' : 'r'}[0-9]+`;
  const description = (FIELD_DESCRIPTIONS[dataset] as Record<string, string>)[name] ?? '';
  return { name, type, description, ...(Object.keys(constraints).length > 0 ? { constraints } : {}) };
}

function resource(dataset: DatasetName, vocabularies: Vocabularies) {
  const fields = DATASETS[dataset].fields.map((name) => field(dataset, name, vocabularies));
  return {
    name: dataset,
    path: `${dataset}.csv`,
    profile: 'tabular-data-resource',
    // The CSV dialect, UTF-8 and a header row are the specification's defaults: as written.
    format: 'csv',
    schema: {
      fields,
      missingValues: [''],
      primaryKey: ['id'],
      ...(dataset === 'articles'
        ? {}
        : { foreignKeys: [{ fields: ['article'], reference: { resource: 'articles', fields: ['id'] } }] }),
    },
  };
}

/** An article as the data package names it among its sources. */
export interface PackageSource {
  title: string;
  path?: string;
}

/** The source an article is: a derive keeps only this of each article's front matter until it writes the package. */
export function packageSource(article: ArticleRow): PackageSource {
  const title = `${article.outlet ?? 'Outlet not stated'}: ${article.title} (${article.published})`;
  return article.url ? { title, path: article.url } : { title };
}

/**
 * datapackage.json for the datasets of the articles whose sources
 * (packageSource) are given, as bytes the same inputs always give: the text
 * JSON.stringify(descriptor, null, 2) writes, its sources made a few at a
 * time. At 100,000 articles that text is some 9 MB: made whole, then hashed
 * and written as bytes, it raised the process's peak by 16 MB more than
 * these pieces do, at the very end of a derive, where its peak is.
 */
export function dataPackage(
  story: PackageStory,
  sources: readonly PackageSource[],
  vocabularies: Vocabularies,
): Buffer {
  const descriptor = {
    profile: 'tabular-data-package',
    name: story.name ?? 'newsbook-datasets',
    title: story.title ?? 'Casualty figures and reactions reported in news articles',
    ...(story.description ? { description: story.description } : {}),
    // Left for the newsroom to fill: the articles' own terms decide what may be shared.
    licenses: [
      { title: 'To be set by the newsroom before the data are shared', path: 'https://licenses.opendefinition.org/' },
    ],
    sources: [],
    resources: (['casualties', 'reactions', 'articles'] as const).map((name) => resource(name, vocabularies)),
  };
  const text = `${JSON.stringify(descriptor, null, 2)}\n`;
  // The descriptor's own key: a line break in the text is the layout's (one in a string is written `\n`).
  const at = text.indexOf(NO_SOURCES);
  const pieces = [Buffer.from(text.slice(0, at + NO_SOURCES.length - 2))];
  let piece = '';
  sources.forEach((source, i) => {
    // As JSON.stringify lays out an element of an array that is a value of the descriptor: two levels in.
    piece += `${i === 0 ? '[' : ','}\n    ${JSON.stringify(source, null, 2).replaceAll('\n', '\n    ')}`;
    if (piece.length < PIECE) return;
    pieces.push(Buffer.from(piece));
    piece = '';
  });
  pieces.push(Buffer.from(`${sources.length === 0 ? '[]' : `${piece}\n  ]`}${text.slice(at + NO_SOURCES.length)}`));
  return Buffer.concat(pieces);
}

const NO_SOURCES = '\n  "sources": []';

/** Characters of sources made into bytes at once. */
const PIECE = 2 ** 16;
