// `npm run report`: re-derive when the articles or the extraction changed,
// then build the explainer into report/dist/ (atomically).
import { copyFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { chartDocument } from '../charts/dom.ts';
import type { ChartData, ChartDefinition } from '../charts/chart.ts';
import { CHARTS } from '../charts/registry.ts';
import type { TimelineEvent } from '../charts/timeline-events.ts';
import { DATASET_NAMES, DatasetError, parseDataset } from '../datasets/serialize.ts';
import type { Datasets } from '../datasets/serialize.ts';
import { buildReport } from '../report/build.ts';
import { parseTimelineEvents } from '../report/timeline-file.ts';
import { MANIFEST } from '../datasets/fingerprint.ts';
import { datasetsState, DEFAULT_DERIVE_OPTIONS } from './derive-inputs.ts';
import type { DeriveOptions } from './derive-inputs.ts';
import type { DeriveEffects } from './derive.ts';
import { fromFileProblems, fromVFile } from './diagnostic.ts';
import type { Diagnostic } from './diagnostic.ts';
import { CliError } from './errors.ts';
import { readTextIfExists, writeFileGroupsAtomically } from './files.ts';
import type { FileGroup, WriteFs } from './files.ts';
import { PATHS } from './paths.ts';
import type { Console } from './run.ts';
import { parseCommandArgs, printDiagnostics } from './run.ts';

/** What the charts draw: the datasets in `dir` and the editors' timeline. */
export async function readChartData(dir: string, timelinePath: string): Promise<ChartData> {
  return { ...(await readDatasets(dir)), events: await readTimeline(timelinePath) };
}

export async function readDatasets(dir: string): Promise<Datasets> {
  const read = async <N extends 'casualties' | 'reactions' | 'articles'>(name: N) => {
    const path = join(dir, `${name}.json`);
    try {
      return parseDataset(name, await readFile(path, 'utf8'), path);
    } catch (error) {
      if (error instanceof DatasetError) {
        throw new CliError(`Cannot read the dataset ${name}`, [{ path: error.path, line: error.line, column: error.column, severity: 'error', reason: error.message, ruleId: 'dataset-schema' }]);
      }
      throw new CliError(`Cannot read the dataset ${path}: run \`npm run derive\``);
    }
  };
  return { casualties: await read('casualties'), reactions: await read('reactions'), articles: await read('articles') };
}

/** The key events of report/timeline.yaml; none when there is no such file. */
export async function readTimeline(path: string): Promise<TimelineEvent[]> {
  const text = await readTextIfExists(path);
  if (text === null) return [];
  const { events, problems } = parseTimelineEvents(text);
  if (problems.length > 0) {
    throw new CliError('Cannot read the timeline events; nothing was overwritten', fromFileProblems(path, problems));
  }
  return events;
}

/** Builds the page from the datasets; throws with the narrative's diagnostics when it has errors. */
export async function buildExplainer(
  narrativePath: string,
  datasetsDir: string,
  timelinePath: string = PATHS.timeline,
  charts: ReadonlyMap<string, ChartDefinition> = CHARTS,
): Promise<{ html: string; diagnostics: Diagnostic[] }> {
  const markdown = await readTextIfExists(narrativePath);
  if (markdown === null) throw new CliError(`Cannot read the narrative ${narrativePath}`);
  const data = await readChartData(datasetsDir, timelinePath);
  const { html, file } = await buildReport({ markdown, path: narrativePath, data, charts, document: await chartDocument() });
  const diagnostics = fromVFile(file);
  if (html === null) throw new CliError('Cannot build the explainer: the narrative has errors; nothing was overwritten', diagnostics);
  return { html, diagnostics };
}

/** Where `npm run report` reads and writes. */
export interface ReportOptions {
  /** The articles, gazetteer and review, and `out`: the datasets folder (data/derived). */
  derive: DeriveOptions;
  narrative: string;
  timeline: string;
  dist: string;
  /** The page's file name in `dist`. */
  output: string;
}

export const DEFAULT_REPORT_OPTIONS: ReportOptions = {
  derive: DEFAULT_DERIVE_OPTIONS,
  narrative: PATHS.narrative,
  timeline: PATHS.timeline,
  dist: PATHS.dist,
  output: PATHS.output,
};

/** What a test replaces to make one stage fail (tests/cli/faults.test.ts); the real thing by default. */
export interface ReportEffects {
  /** The charts `::chart` can place. */
  charts?: ReadonlyMap<string, ChartDefinition>;
  /** The file operations of the final write. */
  fs?: WriteFs;
  /** Given to the derive step. */
  derive?: DeriveEffects;
}

/** Prefix of the folder, in the system's temporary folder, that a re-derive writes to before the page is built. */
export const STAGING_PREFIX = 'newsbook-report-staging-';

/**
 * Re-derives the datasets when their inputs changed, builds the page and
 * writes both at once. The new datasets go to a staging folder first and the
 * page is built from there, so a failure at any step (an article, the review,
 * the narrative, a chart, the write itself) leaves the datasets folder and
 * report/dist exactly as they were.
 */
export async function report(options: ReportOptions, out: Console, effects: ReportEffects = {}): Promise<{ path: string; bytes: number }> {
  const datasetsDir = options.derive.out;
  const groups: FileGroup[] = [];
  let staging: string | null = null;
  try {
    let source = datasetsDir;
    const state = await datasetsState(options.derive);
    if (state === 'up-to-date') {
      out.log('✔ datasets up to date with the articles and the extraction code');
    } else {
      out.log(
        state === 'inconsistent'
          ? `… the datasets in ${relative(process.cwd(), datasetsDir) || '.'} do not belong together (a write was interrupted?): deriving them again`
          : '… articles or extraction code changed: deriving the datasets',
      );
      staging = await mkdtemp(join(tmpdir(), STAGING_PREFIX));
      // The datasets there now, so that CHANGES.md says what changed since them (none when they do not belong together).
      for (const name of state === 'inconsistent' ? [] : DATASET_NAMES) {
        await copyFile(join(datasetsDir, `${name}.json`), join(staging, `${name}.json`)).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') throw error;
        });
      }
      // Loaded only when needed: the extraction code is most of a cold start.
      const { derive } = await import('./derive.ts');
      const summary = await derive({ ...options.derive, out: staging }, effects.derive);
      printDiagnostics(summary.diagnostics.filter((d) => d.severity !== 'info'), out);
      out.log(`✔ derived ${summary.casualties} casualty figures and ${summary.reactions} reactions from ${summary.articles} articles`);
      groups.push({ dir: datasetsDir, files: await readFolder(staging) });
      source = staging;
    }
    const { html, diagnostics } = await buildExplainer(options.narrative, source, options.timeline, effects.charts);
    printDiagnostics(diagnostics, out);
    groups.push({ dir: options.dist, files: new Map([[options.output, html]]) });
    await writeFileGroupsAtomically(groups, effects.fs);
    return { path: join(options.dist, options.output), bytes: Buffer.byteLength(html) };
  } finally {
    if (staging !== null) await rm(staging, { recursive: true, force: true });
  }
}

/** The files of the staging folder, the manifest last: it is swapped in last (files.ts). */
async function readFolder(dir: string): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  const entries = (await readdir(dir, { withFileTypes: true })).filter((entry) => entry.isFile());
  for (const entry of [...entries.filter((e) => e.name !== MANIFEST), ...entries.filter((e) => e.name === MANIFEST)]) {
    files.set(entry.name, await readFile(join(dir, entry.name)));
  }
  return files;
}

export async function reportCommand(argv: string[], out: Console, effects: ReportEffects = {}): Promise<void> {
  parseCommandArgs(argv, {});
  const { path, bytes } = await report(DEFAULT_REPORT_OPTIONS, out, effects);
  out.log(`✔ wrote ${relative(process.cwd(), path)} (${Math.round(bytes / 1024)} KB)`);
}
