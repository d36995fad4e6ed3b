// A story's page: re-derive when the articles or the extraction changed, then
// build the explainer, and write the datasets and the page at once; then the
// index of every story built.
import { readdir, readFile, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { VFile } from 'vfile';
import { chartDocument } from '../charts/dom.ts';
import type { ChartData, ChartDefinition, StoryContext } from '../charts/chart.ts';
import { CHARTS } from '../charts/registry.ts';
import type { TimelineEvent } from '../charts/timeline-events.ts';
import { validateDataset } from '../datasets/serialize.ts';
import type { Datasets } from '../datasets/serialize.ts';
import { readActorWords } from '../extract/actor-names.ts';
import { parseCodebooks } from '../extract/codebook.ts';
import type { Codebook } from '../extract/codebook.ts';
import { useCodebookLabels } from '../charts/labels.ts';
import { schemasFor } from '../datasets/schema.ts';
import { buildReport } from '../report/build.ts';
import { renderIndexPage } from '../report/index-page.ts';
import type { StoryEntry } from '../report/index-page.ts';
import { parseTimelineEvents } from '../report/timeline-file.ts';
import type { StoryConfig } from './config.ts';
import { printDiagnostics } from './console.ts';
import type { Console } from './console.ts';
import { datasetsState, storyDeriveOptions } from './derive-inputs.ts';
import { MANIFEST } from '../datasets/fingerprint.ts';
import { DATA_PACKAGE } from '../datasets/datapackage.ts';
import type { DeriveEffects } from './derive.ts';
import { severityOf } from '../common/problems.ts';
import type { VFileMessage } from '../common/problems.ts';
import { CliError } from './errors.ts';
import { readTextIfExists, writeFileGroupsAtomically } from './files.ts';
import type { FileContent, FileGroup, WriteFs } from './files.ts';
import { projectLayout } from './layout.ts';
import { makeStage } from './staging.ts';
import { cacheRoot } from './extract-cache.ts';
import { moveStamp } from './stamp-file.ts';
import { plural } from '../common/plural.ts';

/** What the charts draw: the datasets in `dir`, the editors' timeline and the story's settings. */
export async function readChartData(config: StoryConfig, dir: string): Promise<ChartData> {
  const codebook = await readCodebook(config);
  return {
    ...(await readDatasets(dir, codebook)),
    events: await readTimeline(config.timeline),
    story: await readStoryContext(config),
  };
}

/**
 * The story's codebook (the base one and its additions), whose labels the
 * charts and the narrative's figures then use; null when it has errors, which
 * the derive and `npm run check` report at their place.
 */
export async function readCodebook(config: StoryConfig): Promise<Codebook | null> {
  try {
    const codebook = parseCodebooks(await readExisting(config.codebooks));
    useCodebookLabels(codebook);
    return codebook;
  } catch {
    return null;
  }
}

/** The story's settings and the gazetteer's words for its actors, as the charts use them. */
export async function readStoryContext(config: StoryConfig): Promise<StoryContext> {
  const words = readActorWords(await readExisting(config.gazetteers));
  const shortNames = new Map([...words].flatMap(([name, w]) => (w.short ? [[name, w.short] as const] : [])));
  const home = config.home;
  const adjective = home === null ? null : (words.get(home)?.adjective ?? null);
  return {
    home,
    homeAuthorities: home === null ? null : `the ${adjective ?? home} authorities`,
    shortNames,
    timelineFile: relative(config.root, config.timeline),
  };
}

export async function readDatasets(dir: string, codebook: Codebook | null = null): Promise<Datasets> {
  const read = async <N extends 'casualties' | 'reactions' | 'articles'>(name: N) => {
    const path = join(dir, `${name}.json`);
    const text = await readFile(path, 'utf8').catch(() => null);
    if (text === null) throw new CliError(`Cannot read the dataset ${path}: run \`npm run derive\``);
    const { rows, problems } = validateDataset(name, text, path, codebook ? schemasFor(codebook) : undefined);
    if (problems[0]) throw new CliError(`Cannot read the dataset ${name}`, [problems[0]]);
    return rows;
  };
  return { casualties: await read('casualties'), reactions: await read('reactions'), articles: await read('articles') };
}

/** The key events of the story's timeline file; null when the story has none. */
export async function readTimeline(path: string): Promise<TimelineEvent[] | null> {
  const text = await readTextIfExists(path);
  if (text === null) return null;
  const { events, problems } = parseTimelineEvents(new VFile({ path, value: text }));
  if (problems.length > 0) throw new CliError('Cannot read the timeline events; nothing was overwritten', problems);
  return events;
}

/** The gazetteer's actors (the base one's and the story's), which the story's `home` must name. */
export async function readActorNames(config: StoryConfig): Promise<string[]> {
  return [...readActorWords(await readExisting(config.gazetteers)).keys()];
}

/** The files of `paths` that exist, with their text. */
async function readExisting(paths: readonly string[]): Promise<{ text: string; path: string }[]> {
  const found = [];
  for (const path of paths) {
    const text = await readTextIfExists(path);
    if (text !== null) found.push({ text, path });
  }
  return found;
}

/** Builds the page from the datasets in `datasetsDir`; throws with the narrative's diagnostics when it has errors. */
export async function buildExplainer(
  config: StoryConfig,
  datasetsDir: string,
  charts: ReadonlyMap<string, ChartDefinition> = CHARTS,
): Promise<{ html: string; diagnostics: VFileMessage[]; data: ChartData }> {
  const markdown = await readTextIfExists(config.narrative);
  if (markdown === null) throw new CliError(`Cannot read the narrative ${config.narrative}`);
  const data = await readChartData(config, datasetsDir);
  const actors = await readActorNames(config);
  const dataPackage = await readTextIfExists(join(datasetsDir, DATA_PACKAGE));
  const { html, file } = await buildReport({
    markdown,
    path: config.narrative,
    data,
    charts,
    document: await chartDocument(),
    actors,
    dataPackage,
  });
  const diagnostics = [...file.messages];
  if (html === null)
    throw new CliError('Cannot build the explainer: the narrative has errors; nothing was overwritten', diagnostics);
  return { html, diagnostics, data };
}

/** What a test replaces to make one stage fail (tests/cli/faults.test.ts); the real thing by default. */
export interface ReportEffects {
  /** The charts `::chart` can place. */
  charts?: ReadonlyMap<string, ChartDefinition>;
  /** The file operations of the final write. */
  fs?: WriteFs;
  /** Given to the derive step. */
  derive?: DeriveEffects;
  /** Where staging folders are made: by default the project's cache. */
  staging?: string;
}

export interface StoryReport {
  path: string;
  bytes: number;
  entry: StoryEntry;
}

/**
 * Re-derives the story's datasets when their inputs changed, builds its page
 * and writes both at once. The new datasets go to a staging folder first and
 * the page is built from there, so a failure at any step (an article, the
 * review, the narrative, a chart, the write itself) leaves the datasets folder
 * and report/dist exactly as they were.
 */
export async function reportStory(
  config: StoryConfig,
  out: Console,
  effects: ReportEffects = {},
): Promise<StoryReport> {
  const deriveOptions = storyDeriveOptions(config);
  const datasetsDir = config.derived;
  const groups: FileGroup[] = [];
  let staging: string | null = null;
  try {
    let source = datasetsDir;
    const state = await datasetsState(deriveOptions);
    if (state === 'up-to-date') {
      out.log(`✔ ${config.slug}: datasets up to date with the articles and the extraction code`);
    } else {
      out.log(
        state === 'inconsistent'
          ? `… ${config.slug}: the datasets in ${relative(process.cwd(), datasetsDir) || '.'} do not belong together (a write was interrupted?): deriving them again`
          : `… ${config.slug}: articles or extraction code changed: deriving the datasets`,
      );
      staging = await makeStage(effects.staging ?? join(projectLayout(config.root).cache, 'staging'));
      // Loaded only when needed: the extraction code is most of a cold start.
      const { derive } = await import('./derive.ts');
      // Into the staging folder, replacing the datasets there now: CHANGES.md says what changed since them (nothing
      // when they do not belong together), and the rows of unchanged articles are copied from them.
      const summary = await derive({ ...deriveOptions, out: staging, replaces: datasetsDir }, effects.derive);
      printDiagnostics(withoutInfo(summary.diagnostics), out);
      out.log(
        `✔ ${config.slug}: derived ${plural(summary.casualties, 'casualty figure')} and ${plural(summary.reactions, 'reaction')} from ${plural(summary.articles, 'article')}`,
      );
      groups.push({ dir: datasetsDir, files: await readFolder(staging) });
      source = staging;
    }
    const { html, diagnostics, data } = await buildExplainer(config, source, effects.charts);
    printDiagnostics(diagnostics, out);
    groups.push({ dir: config.dist, files: new Map([[config.output, html]]) });
    await writeFileGroupsAtomically(groups, effects.fs);
    // The derive noted what it wrote to the staging folder, for the next one: now in the story's.
    if (staging !== null) await moveStamp(effects.derive?.cache ?? cacheRoot(config.code), staging, datasetsDir);
    const dates = data.articles.map((a) => a.published).sort();
    return {
      path: join(config.dist, config.output),
      bytes: Buffer.byteLength(html),
      entry: {
        href: config.output,
        title: config.title,
        description: config.description,
        articles: data.articles.length,
        lastUpdated: dates.at(-1) ?? null,
      },
    };
  } finally {
    if (staging !== null) await rm(staging, { recursive: true, force: true });
  }
}

/** The index of the stories whose page is in `dist`: those just built, and those built before. */
export async function writeIndex(
  all: readonly StoryConfig[],
  built: readonly StoryEntry[],
  dist: string,
  fs?: WriteFs,
): Promise<string> {
  const entries: StoryEntry[] = [];
  const present = new Set(await readdir(dist).catch((): string[] => []));
  for (const config of all) {
    const fresh = built.find((e) => e.href === config.output);
    if (fresh) entries.push(fresh);
    else if (present.has(config.output)) entries.push(await entryFromDatasets(config));
  }
  const path = join(dist, 'index.html');
  await writeFileGroupsAtomically([{ dir: dist, files: new Map([['index.html', renderIndexPage(entries)]]) }], fs);
  return path;
}

async function entryFromDatasets(config: StoryConfig): Promise<StoryEntry> {
  const articles = await readDatasets(config.derived).then(
    (d) => d.articles,
    () => [],
  );
  const dates = articles.map((a) => a.published).sort();
  return {
    href: config.output,
    title: config.title,
    description: config.description,
    articles: articles.length,
    lastUpdated: dates.at(-1) ?? null,
  };
}

/** The files of the staging folder, the manifest last: it is swapped in last (files.ts). Moved, not read: the datasets may be large. */
async function readFolder(dir: string): Promise<Map<string, FileContent>> {
  const files = new Map<string, FileContent>();
  const entries = (await readdir(dir, { withFileTypes: true })).filter((entry) => entry.isFile());
  for (const entry of [...entries.filter((e) => e.name !== MANIFEST), ...entries.filter((e) => e.name === MANIFEST)]) {
    files.set(entry.name, { from: join(dir, entry.name) });
  }
  return files;
}

/** The warnings and errors among a derive's messages, as they come: its notes are for `npm run derive`. */
function* withoutInfo(messages: Iterable<VFileMessage>): Generator<VFileMessage> {
  for (const message of messages) if (severityOf(message) !== 'info') yield message;
}
