// `npm run check`: everything an editor can get wrong, found without writing
// anything: the articles, the gazetteer, the review file, the datasets (schema,
// offsets, ids, up to date) and the narrative (directives, footnotes, links).
// Prints every problem as `path:line:column  severity  message  (rule-id)`,
// a summary, and exits 1 when any is an error.
import { join } from 'node:path';
import { VFile } from 'vfile';
import type { Article } from '../articles/article.ts';
import type { ChartData } from '../charts/chart.ts';
import { chartDocument } from '../charts/dom.ts';
import { CHARTS } from '../charts/registry.ts';
import type { TimelineEvent } from '../charts/timeline-events.ts';
import { parseReview } from '../datasets/review.ts';
import { checkReviewQuotes } from '../datasets/review-apply.ts';
import type { Review } from '../datasets/review.ts';
import { rowLines, validateDataset } from '../datasets/serialize.ts';
import type { Datasets } from '../datasets/serialize.ts';
import { buildReport } from '../report/build.ts';
import { checkFootnotesAndLinks } from '../report/check-footnotes.ts';
import { expected } from '../common/suggest.ts';
import { checkTimelineQuotes, parseTimelineEvents } from '../report/timeline-file.ts';
import type { StoryConfig } from './config.ts';
import { manifestMatchesInputs, storyDeriveOptions } from './derive-inputs.ts';
import { datasetFolderState } from './dataset-folder.ts';
import { staleLeftovers } from './leftovers.ts';
import { findDeepNesting } from '../report/nesting-depth.ts';
import { loadCodebook, loadGazetteer } from './derive.ts';
import type { Codebook } from '../extract/codebook.ts';
import { DATASETS as BASE_SCHEMAS, schemasFor } from '../datasets/schema.ts';
import type { DatasetSchemas } from '../datasets/schema.ts';
import { byPlace, report, reportAt } from '../common/problems.ts';
import type { Severity, VFileMessage } from '../common/problems.ts';
import { CliError } from './errors.ts';
import { loadArticles, readOutputIfExists, readTextIfExists } from './files.ts';
import { readActorNames, readStoryContext } from './report.ts';

export interface CheckResult {
  diagnostics: VFileMessage[];
  articles: number;
}

/** Runs every check of one story; never throws for a problem in the inputs, only reports it. */
export async function check(config: StoryConfig): Promise<CheckResult> {
  const diagnostics: VFileMessage[] = [];

  const { articles, diagnostics: articleProblems } = await loadArticles(config.articles);
  diagnostics.push(...sorted(articleProblems));
  if (articles.length === 0 && articleProblems.length === 0) {
    diagnostics.push(
      at(
        config.articles,
        'warning',
        'No articles yet: save them in this folder as `<id>.md` (see the README)',
        'articles-folder',
      ),
    );
  }
  const bodies = new Map(articles.map((a) => [a.meta.id, a.body]));

  let codebook: Codebook | null = null;
  const codebookProblems = await problemsOf(async () => {
    codebook = await loadCodebook(config.codebooks);
  });
  diagnostics.push(...codebookProblems);
  if (codebook !== null)
    diagnostics.push(...(await problemsOf(() => loadGazetteer(config.gazetteers, config.codebooks))));

  await checkReviewFile(config.review, bodies, diagnostics, codebook ?? undefined);

  const stale = !(await manifestMatchesInputs(storyDeriveOptions(config)).catch(() => false));
  // Files of two derives mixed (a derive killed while it swapped them in): never to be trusted.
  const folder = await datasetFolderState(config.derived);
  const data = await checkDatasets(
    config.derived,
    articles,
    stale || folder.consistent === false,
    diagnostics,
    codebook === null ? BASE_SCHEMAS : schemasFor(codebook),
  );
  if (folder.consistent === false) {
    diagnostics.push(
      at(
        join(config.derived, folder.file),
        'error',
        `Unexpected datasets that do not belong together: ${folder.reason} (a derive was interrupted?); expected the files of one derive: run \`npm run derive\``,
        'datasets-inconsistent',
      ),
    );
  }
  for (const name of await staleLeftovers(config.derived)) {
    diagnostics.push(
      at(
        join(config.derived, name),
        'warning',
        'Unexpected leftover of an interrupted write: the next `npm run derive` or `npm run report` removes it',
        'datasets-leftover',
      ),
    );
  }
  if (stale) {
    diagnostics.push(
      at(
        join(config.derived, 'manifest.json'),
        'warning',
        'Unexpected out-of-date datasets: the articles, the gazetteer, the review or the extraction code changed since the last derive; run `npm run derive`',
        'datasets-stale',
      ),
    );
  }

  const events = await checkTimelineFile(config.timeline, bodies, diagnostics);
  const story = await readStoryContext(config);
  diagnostics.push(...(await checkNarrative(config, data && { ...data, events, story })));
  return { diagnostics, articles: articles.length };
}

async function checkReviewFile(
  path: string,
  bodies: ReadonlyMap<string, string>,
  diagnostics: VFileMessage[],
  codebook?: Codebook,
): Promise<Review | null> {
  const text = await readTextIfExists(path);
  if (text === null) return null; // No review file: nothing reviewed yet.
  const file = new VFile({ path, value: text });
  const { review, problems } = parseReview(file, codebook);
  if (problems.length > 0) {
    diagnostics.push(...problems);
    return null;
  }
  diagnostics.push(...checkReviewQuotes(review, bodies, file));
  return review;
}

/** The timeline's events, each quote found word for word in its article; null when the story has no timeline file, none when it is broken. */
async function checkTimelineFile(
  path: string,
  bodies: ReadonlyMap<string, string>,
  diagnostics: VFileMessage[],
): Promise<TimelineEvent[] | null> {
  const text = await readTextIfExists(path);
  if (text === null) return null;
  const file = new VFile({ path, value: text });
  const timeline = parseTimelineEvents(file);
  diagnostics.push(...(timeline.problems.length > 0 ? timeline.problems : checkTimelineQuotes(timeline, bodies, file)));
  return timeline.events;
}

/** Schema, ids, articles and offsets of each dataset; the datasets when they could be read. */
async function checkDatasets(
  dir: string,
  articles: readonly Article[],
  stale: boolean,
  diagnostics: VFileMessage[],
  schemas: DatasetSchemas,
): Promise<Datasets | null> {
  const read: Partial<Record<keyof Datasets, unknown[]>> = {};
  const byId = new Map(articles.map((a) => [a.meta.id, a]));
  let complete = true;
  for (const name of Object.keys(schemas) as (keyof Datasets)[]) {
    const path = join(dir, `${name}.json`);
    const text = await readOutputIfExists(path);
    if (text === null) {
      diagnostics.push(at(path, 'error', `Missing dataset \`${name}\`: run \`npm run derive\``, 'dataset-missing'));
      complete = false;
      continue;
    }
    const { rows, problems } = validateDataset(name, text, path, schemas);
    diagnostics.push(...problems);
    if (problems.length > 0) {
      complete = false;
      continue;
    }
    read[name] = rows;
    if (name === 'articles') continue;
    const lines = rowLines(text);
    const file = new VFile({ path });
    const seen = new Set<string>();
    // Offsets that no longer match are expected while the datasets are out of date: a warning then.
    const severity = stale ? 'warning' : 'error';
    (rows as { id: string; article: string; quote: string; start: number; end: number }[]).forEach((row, i) => {
      const where = { line: lines[i] ?? 1, column: 1 };
      const problem = (severity: Severity, reason: string, ruleId: string) =>
        diagnostics.push(report(file, severity, reason, where, ruleId));
      if (seen.has(row.id))
        problem(
          'error',
          `Unexpected duplicate id \`${row.id}\` in ${name}: expected each row to have its own`,
          'dataset-id',
        );
      seen.add(row.id);
      if (!row.id.startsWith(`${row.article}-`)) {
        problem(
          'error',
          `Unexpected id \`${row.id}\` for a row of article ${row.article}: expected \`${row.article}-…\``,
          'dataset-id',
        );
      }
      const article = byId.get(row.article);
      if (!article) {
        problem(
          severity,
          `Unexpected article \`${row.article}\` in row ${row.id}: no such article file, ${expected(row.article, [...byId.keys()])}`,
          'dataset-article',
        );
      } else if (article.body.slice(row.start, row.end) !== row.quote) {
        problem(
          severity,
          `Unexpected offsets ${row.start}–${row.end} in row ${row.id}: the article's text there is not the row's quote (expected \`body.slice(start, end) === quote\`)`,
          'dataset-offset',
        );
      }
    });
  }
  return complete ? (read as unknown as Datasets) : null;
}

async function checkNarrative(config: StoryConfig, data: ChartData | null): Promise<VFileMessage[]> {
  const path = config.narrative;
  const markdown = await readTextIfExists(path);
  if (markdown === null)
    return [at(path, 'error', 'Missing narrative: expected the story in Markdown', 'narrative-missing')];
  // Too deep to parse at all: that one error, without building or parsing the story.
  const deep = findDeepNesting(new VFile({ path, value: markdown }));
  if (deep) return [deep];
  const diagnostics: VFileMessage[] = [];
  let html: string | null = null;
  if (data) {
    const built = await buildReport({
      markdown,
      path,
      data,
      charts: CHARTS,
      document: await chartDocument(),
      actors: await readActorNames(config),
    });
    diagnostics.push(...built.file.messages);
    html = built.html;
  } else {
    diagnostics.push(
      at(
        path,
        'warning',
        'Cannot check the charts and citations of the narrative without readable datasets: run `npm run derive`',
        'narrative-unchecked',
      ),
    );
  }
  diagnostics.push(
    ...checkFootnotesAndLinks(new VFile({ path, value: markdown }), {
      articleIds: data?.articles.map((a) => a.id) ?? null,
      rowIds: data ? [...data.casualties, ...data.reactions].map((r) => r.id) : null,
      html,
    }),
  );
  return sorted(diagnostics);
}

async function problemsOf(load: () => Promise<unknown>): Promise<VFileMessage[]> {
  try {
    await load();
    return [];
  } catch (error) {
    if (error instanceof CliError) return [...error.diagnostics];
    throw error;
  }
}

/** A problem with a whole file, at 1:1. */
function at(path: string, severity: Severity, reason: string, ruleId: string): VFileMessage {
  return reportAt(path, severity, reason, { line: 1, column: 1 }, ruleId);
}

function sorted(diagnostics: readonly VFileMessage[]): VFileMessage[] {
  return [...diagnostics].sort(byPlace);
}
