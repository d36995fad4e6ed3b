// `npm run check`: everything an editor can get wrong, found without writing
// anything: the articles, the gazetteer, the review file, the datasets (schema,
// offsets, ids, up to date) and the narrative (directives, footnotes, links).
// Prints every problem as `path:line:column  severity  message  (rule-id)`,
// a summary, and exits 1 when any is an error.
import { join, relative } from 'node:path';
import type { Root } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import type { Article } from '../articles/article.ts';
import type { ChartData } from '../charts/chart.ts';
import { chartDocument } from '../charts/dom.ts';
import { CHARTS } from '../charts/registry.ts';
import type { TimelineEvent } from '../charts/timeline-events.ts';
import { checkReviewQuotes, parseReview } from '../datasets/review.ts';
import type { Review } from '../datasets/review.ts';
import { DATASETS } from '../datasets/schema.ts';
import { rowLines, validateDataset } from '../datasets/serialize.ts';
import type { Datasets } from '../datasets/serialize.ts';
import { buildReport } from '../report/build.ts';
import { findDeepNesting } from '../report/nesting-depth.ts';
import { expected } from '../report/suggest.ts';
import { checkTimelineQuotes, parseTimelineEvents } from '../report/timeline-file.ts';
import { datasetFolderState } from './dataset-folder.ts';
import { manifestMatchesInputs } from './derive-inputs.ts';
import { staleLeftovers } from './leftovers.ts';
import { loadGazetteer, reviewDiagnostics } from './derive.ts';
import { formatDiagnostic, fromFileProblems, fromVFile } from './diagnostic.ts';
import type { Diagnostic } from './diagnostic.ts';
import { CliError } from './errors.ts';
import { loadArticles, readOutputIfExists, readTextIfExists } from './files.ts';
import { PATHS } from './paths.ts';
import type { Console } from './run.ts';
import { parseCommandArgs } from './run.ts';

export interface CheckOptions {
  articles: string;
  derived: string;
  gazetteer: string;
  review: string;
  narrative: string;
  timeline: string;
}

export const DEFAULT_CHECK_OPTIONS: CheckOptions = {
  articles: PATHS.articles,
  derived: PATHS.derived,
  gazetteer: PATHS.gazetteer,
  review: PATHS.review,
  narrative: PATHS.narrative,
  timeline: PATHS.timeline,
};

export interface CheckResult {
  diagnostics: Diagnostic[];
  articles: number;
}

/** Runs every check; never throws for a problem in the inputs, only reports it. */
export async function check(options: CheckOptions): Promise<CheckResult> {
  const diagnostics: Diagnostic[] = [];

  const { articles, diagnostics: articleProblems } = await loadArticles(options.articles);
  diagnostics.push(...sorted(articleProblems));
  if (articles.length === 0 && articleProblems.length === 0) {
    diagnostics.push(at(options.articles, 'error', 'Missing articles: expected `*.md` files in the articles folder', 'articles-folder'));
  }
  const bodies = new Map(articles.map((a) => [a.meta.id, a.body]));

  diagnostics.push(...(await problemsOf(() => loadGazetteer(options.gazetteer))));

  await checkReviewFile(options.review, bodies, diagnostics);

  const outdated = !(await safeMatchesInputs(options));
  // Files of two derives mixed (a derive killed while it swapped them in): never to be trusted.
  const folder = await datasetFolderState(options.derived);
  const data = await checkDatasets(options.derived, articles, outdated || folder.consistent === false, diagnostics);
  if (folder.consistent === false) {
    diagnostics.push(
      at(join(options.derived, folder.file), 'error', `Unexpected datasets that do not belong together: ${folder.reason} (a derive was interrupted?); expected the files of one derive: run \`npm run derive\``, 'datasets-inconsistent'),
    );
  }
  for (const name of await staleLeftovers(options.derived)) {
    diagnostics.push(at(join(options.derived, name), 'warning', 'Unexpected leftover of an interrupted write: the next `npm run derive` or `npm run report` removes it', 'datasets-leftover'));
  }
  if (outdated) {
    diagnostics.push(
      at(join(options.derived, 'manifest.json'), 'warning', 'Unexpected out-of-date datasets: the articles, the gazetteer, the review or the extraction code changed since the last derive; run `npm run derive`', 'datasets-stale'),
    );
  }

  const events = await checkTimelineFile(options.timeline, bodies, diagnostics);
  diagnostics.push(...(await checkNarrative(options.narrative, data && { ...data, events })));
  return { diagnostics, articles: articles.length };
}

async function checkReviewFile(path: string, bodies: ReadonlyMap<string, string>, diagnostics: Diagnostic[]): Promise<Review | null> {
  const text = await readTextIfExists(path);
  if (text === null) return null; // No review file: nothing reviewed yet.
  const { review, problems } = parseReview(text);
  if (problems.length > 0) {
    diagnostics.push(...reviewDiagnostics(path, problems));
    return null;
  }
  diagnostics.push(...reviewDiagnostics(path, checkReviewQuotes(review, bodies)));
  return review;
}

/** The timeline's events, each quote found word for word in its article; none when the file is missing or broken. */
async function checkTimelineFile(path: string, bodies: ReadonlyMap<string, string>, diagnostics: Diagnostic[]): Promise<TimelineEvent[]> {
  const text = await readTextIfExists(path);
  if (text === null) return [];
  const file = parseTimelineEvents(text);
  const problems = file.problems.length > 0 ? file.problems : checkTimelineQuotes(file, bodies);
  diagnostics.push(...fromFileProblems(path, problems));
  return file.events;
}

/** Schema, ids, articles and offsets of each dataset; the datasets when they could be read. */
async function checkDatasets(dir: string, articles: readonly Article[], stale: boolean, diagnostics: Diagnostic[]): Promise<Datasets | null> {
  const read: Partial<Record<keyof Datasets, unknown[]>> = {};
  const byId = new Map(articles.map((a) => [a.meta.id, a]));
  let complete = true;
  for (const name of Object.keys(DATASETS) as (keyof Datasets)[]) {
    const path = join(dir, `${name}.json`);
    const text = await readOutputIfExists(path);
    if (text === null) {
      diagnostics.push(at(path, 'error', `Missing dataset \`${name}\`: run \`npm run derive\``, 'dataset-missing'));
      complete = false;
      continue;
    }
    const { rows, problems } = validateDataset(name, text, path);
    for (const p of problems) diagnostics.push({ path: p.path, line: p.line, column: p.column, severity: 'error', reason: p.message, ruleId: 'dataset-schema' });
    if (problems.length > 0) {
      complete = false;
      continue;
    }
    read[name] = rows;
    if (name === 'articles') continue;
    const lines = rowLines(text);
    const seen = new Set<string>();
    // Offsets that no longer match are expected while the datasets are out of date: a warning then.
    const severity = stale ? 'warning' : 'error';
    (rows as { id: string; article: string; quote: string; start: number; end: number }[]).forEach((row, i) => {
      const where = { path, line: lines[i] ?? 1, column: 1 };
      if (seen.has(row.id)) diagnostics.push({ ...where, severity: 'error', reason: `Unexpected duplicate id \`${row.id}\` in ${name}: expected each row to have its own`, ruleId: 'dataset-id' });
      seen.add(row.id);
      if (!row.id.startsWith(`${row.article}-`)) {
        diagnostics.push({ ...where, severity: 'error', reason: `Unexpected id \`${row.id}\` for a row of article ${row.article}: expected \`${row.article}-…\``, ruleId: 'dataset-id' });
      }
      const article = byId.get(row.article);
      if (!article) {
        diagnostics.push({ ...where, severity, reason: `Unexpected article \`${row.article}\` in row ${row.id}: no such article file, ${expected(row.article, [...byId.keys()])}`, ruleId: 'dataset-article' });
      } else if (article.body.slice(row.start, row.end) !== row.quote) {
        diagnostics.push({
          ...where,
          severity,
          reason: `Unexpected offsets ${row.start}–${row.end} in row ${row.id}: the article's text there is not the row's quote (expected \`body.slice(start, end) === quote\`)`,
          ruleId: 'dataset-offset',
        });
      }
    });
  }
  return complete ? (read as unknown as Datasets) : null;
}

async function checkNarrative(path: string, data: ChartData | null): Promise<Diagnostic[]> {
  const markdown = await readTextIfExists(path);
  if (markdown === null) return [at(path, 'error', 'Missing narrative: expected the story in Markdown', 'narrative-missing')];
  // Too deep to parse at all: that one error, without building or parsing the story.
  const deep = findDeepNesting(markdown);
  if (deep) return [{ path, line: deep.line, column: deep.column, severity: 'error', reason: deep.reason, ruleId: 'nesting-depth' }];
  const diagnostics: Diagnostic[] = [];
  let html: string | null = null;
  if (data) {
    const built = await buildReport({ markdown, path, data, charts: CHARTS, document: await chartDocument() });
    diagnostics.push(...fromVFile(built.file));
    html = built.html;
  } else {
    diagnostics.push(at(path, 'warning', 'Cannot check the charts and citations of the narrative without readable datasets: run `npm run derive`', 'narrative-unchecked'));
  }
  diagnostics.push(
    ...checkFootnotesAndLinks(markdown, path, {
      articleIds: data?.articles.map((a) => a.id) ?? null,
      rowIds: data ? [...data.casualties, ...data.reactions].map((r) => r.id) : null,
      html,
    }),
  );
  return sorted(diagnostics);
}

export interface NarrativeContext {
  /** Known article ids, or null when the datasets could not be read. */
  articleIds: readonly string[] | null;
  rowIds: readonly string[] | null;
  /** The built page, to check in-page links against its ids; null when it could not be built. */
  html: string | null;
}

/**
 * Footnotes and links the build does not report: GFM references with no
 * definition (left as literal `[^x]` text), definitions never referenced, and
 * links to `#article-<id>` (or `#source-<id>`) naming an unknown article or to
 * a `#fragment` the page does not have. Pure.
 */
export function checkFootnotesAndLinks(markdown: string, path: string, context: NarrativeContext): Diagnostic[] {
  const tree = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(remarkDirective).parse(markdown) as Root;
  const diagnostics: Diagnostic[] = [];
  const place = (offset: number) => {
    const before = markdown.slice(0, offset);
    return { line: before.split('\n').length, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
  };
  const referenced = new Set<string>();
  visit(tree, 'footnoteReference', (node) => {
    referenced.add(node.identifier);
  });
  visit(tree, 'footnoteDefinition', (node) => {
    if (referenced.has(node.identifier)) return;
    diagnostics.push({
      path,
      ...(node.position ? { line: node.position.start.line, column: node.position.start.column } : { line: 1, column: 1 }),
      severity: 'warning',
      reason: `Unexpected footnote definition \`[^${node.label ?? node.identifier}]\` that nothing references: expected \`[^${node.label ?? node.identifier}]\` in the text, or remove it`,
      ruleId: 'footnote-unused',
    });
  });
  // micromark only makes a reference of `[^x]` when `x` is defined: the rest stays text.
  visit(tree, 'text', (node) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    for (const match of markdown.slice(start, end).matchAll(/\[\^([^\]\s]+)\]/g)) {
      const label = match[1]!;
      const source = /^source-(.+)$/.exec(label)?.[1];
      const reason =
        source !== undefined
          ? `Unexpected footnote reference \`[^${label}]\` with no definition: cite an article with \`:cite[${source}]\``
          : `Unexpected footnote reference \`[^${label}]\` with no definition: expected a \`[^${label}]: …\` line with the note`;
      diagnostics.push({ path, ...place(start + match.index), severity: 'error', reason, ruleId: 'footnote-undefined' });
    }
  });
  const pageIds = context.html === null ? null : new Set([...context.html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
  visit(tree, 'link', (node) => {
    if (!node.url.startsWith('#')) return;
    const fragment = decodeURIComponent(node.url.slice(1));
    const where = { path, ...(node.position ? { line: node.position.start.line, column: node.position.start.column } : { line: 1, column: 1 }) };
    const article = /^(?:article|source)-(.+)$/.exec(fragment)?.[1];
    if (article !== undefined && context.articleIds !== null) {
      if (!context.articleIds.includes(article)) {
        diagnostics.push({ ...where, severity: 'error', reason: `Unexpected link to unknown article \`${article}\`, ${expected(article, context.articleIds)}`, ruleId: 'link-unknown-article' });
      }
      return;
    }
    if (pageIds !== null && !pageIds.has(fragment) && !pageIds.has(`user-content-${fragment}`)) {
      diagnostics.push({ ...where, severity: 'warning', reason: `Unexpected link to \`#${fragment}\`: nothing in the page has that id`, ruleId: 'link-unknown-fragment' });
    }
  });
  return diagnostics;
}

export async function checkCommand(argv: string[], out: Console): Promise<void> {
  const args = parseCommandArgs(argv, {
    articles: { type: 'string', default: DEFAULT_CHECK_OPTIONS.articles },
    derived: { type: 'string', default: DEFAULT_CHECK_OPTIONS.derived },
    gazetteer: { type: 'string', default: DEFAULT_CHECK_OPTIONS.gazetteer },
    review: { type: 'string', default: DEFAULT_CHECK_OPTIONS.review },
    narrative: { type: 'string', default: DEFAULT_CHECK_OPTIONS.narrative },
    timeline: { type: 'string', default: DEFAULT_CHECK_OPTIONS.timeline },
  });
  const options: CheckOptions = { articles: args.articles, derived: args.derived, gazetteer: args.gazetteer, review: args.review, narrative: args.narrative, timeline: args.timeline };
  const { diagnostics, articles } = await check(options);
  for (const d of diagnostics) (d.severity === 'error' ? out.error : out.log)(formatDiagnostic(d));
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const tally = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
  const scope = `${plural(articles, 'article')}, the datasets in ${relative(process.cwd(), options.derived) || '.'}, the gazetteer, the review file, the timeline and the narrative`;
  if (errors > 0) throw new CliError(`Cannot pass the check: ${tally} in ${scope}`);
  out.log(`✔ ${tally} in ${scope}`);
}

async function problemsOf(load: () => Promise<unknown>): Promise<Diagnostic[]> {
  try {
    await load();
    return [];
  } catch (error) {
    if (error instanceof CliError) return [...error.diagnostics];
    throw error;
  }
}

async function safeMatchesInputs(options: CheckOptions): Promise<boolean> {
  try {
    return await manifestMatchesInputs({ articles: options.articles, out: options.derived, gazetteer: options.gazetteer, review: options.review });
  } catch {
    return false;
  }
}

function at(path: string, severity: Diagnostic['severity'], reason: string, ruleId: string): Diagnostic {
  return { path, line: 1, column: 1, severity, reason, ruleId };
}

function sorted(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column));
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
