// The project as the dev server holds it in memory: every article's rows, the
// gazetteer, the narrative, the last good page. A change updates only what
// depends on it: a narrative edit re-renders the page (charts from the cache),
// an article edit re-derives that article, a gazetteer edit re-derives the
// reactions; a review edit re-applies the review to the articles it names.
// Nothing is written to disk: `npm run report` does that. The articles
// (article-store.ts) and the editors' other files (editor-files.ts) keep
// their own state; this module decides what a change touches.
import { readdir } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { VFile } from 'vfile';
import { chartDocument } from '../charts/dom.ts';
import type { ChartData, StoryContext } from '../charts/chart.ts';
import { CHARTS } from '../charts/registry.ts';
import type { Review } from '../datasets/review.ts';
import type { StoryConfig } from '../project/config.ts';
import { storySettings } from '../project/config.ts';
import { isUpToDate, storyDeriveOptions } from '../project/derive-inputs.ts';
import type { VFileMessage } from '../common/problems.ts';
import { readDatasets, readStoryContext } from '../project/report.ts';
import { buildReport } from '../report/build.ts';
import { ArticleStore } from './article-store.ts';
import { PreviewCache } from './preview-cache.ts';
import type { ArticleEntry, ReviewInput } from './article-store.ts';
import { ChartCache } from './chart-cache.ts';
import { CellCache } from '../report/cells/cache.ts';
import type { ChartCacheStats } from './chart-cache.ts';
import { at, GazetteerFiles, ReviewFile, TimelineFile } from './editor-files.ts';
import { CliError } from '../project/errors.ts';
import { readTextIfExists } from '../project/files.ts';
import { loadExtraction } from './extraction.ts';

export type ChangeKind = 'narrative' | 'report' | 'article' | 'gazetteer' | 'codebook' | 'review' | 'timeline';

export interface Update {
  kinds: ChangeKind[];
  /** Files whose content changed, relative to the root. */
  changed: string[];
  /** Articles derived again (both datasets). */
  derived: string[];
  /** Of those, the ones whose rows came from the derive's cache (extracted before with the same inputs). */
  cached: string[];
  /** Articles whose reactions only were derived again (a gazetteer edit). */
  reactions: string[];
  /** Articles whose review was applied again, without deriving (a review edit). */
  reviewed: string[];
  /** Articles gone (file deleted or renamed). */
  removed: string[];
  /** Whether the datasets changed: the page and its charts must be rebuilt. */
  dataChanged: boolean;
  /** Whether the page must be rebuilt (narrative or data). */
  pageChanged: boolean;
  /** Extraction warnings of what was derived. */
  warnings: VFileMessage[];
}

export interface Render {
  ok: boolean;
  charts: ChartCacheStats;
  ms: number;
}

export class DevProject {
  /** The story; its settings follow the narrative's front matter as it is edited. */
  paths: StoryConfig;
  /** Bumped whenever the datasets change; the chart cache is keyed by it. */
  dataVersion = 0;
  /** The last page built without errors. */
  lastGoodHtml: string | null = null;
  /** How the datasets were obtained at start. */
  startedFrom: 'derived' | 'articles' = 'articles';

  readonly #cache: PreviewCache | null;
  readonly #articles: ArticleStore;
  readonly #gazetteer: GazetteerFiles;
  readonly #review: ReviewFile;
  readonly #timeline: TimelineFile;
  #narrative: string | null = null;
  #narrativeProblems: VFileMessage[] = [];
  #story: StoryContext | null = null;
  #buildDiagnostics: VFileMessage[] = [];
  #data: ChartData | null = null;
  #charts = new ChartCache(CHARTS, () => this.dataVersion);
  #cells = new CellCache(() => this.dataVersion);

  /** `cache`: the derive's extraction cache's folder (by default the project's, as the derive's); null for none. */
  constructor(config: StoryConfig, cache?: string | null) {
    this.paths = config;
    this.#cache = cache === null ? null : new PreviewCache(() => storyDeriveOptions(this.paths), cache);
    this.#articles = new ArticleStore(this.#cache);
    this.#gazetteer = new GazetteerFiles(config.gazetteers, config.codebooks, config.home);
    this.#review = new ReviewFile(config.review);
    this.#timeline = new TimelineFile(config.timeline);
  }

  /** Everything current: article, gazetteer and narrative problems, then the page's own diagnostics. */
  get diagnostics(): VFileMessage[] {
    const entries = this.#articles.all();
    return [
      ...entries.flatMap((e) => e.problems),
      ...this.#gazetteer.problems,
      ...this.#review.problems,
      ...entries.flatMap((e) => e.reviewProblems),
      ...this.#narrativeProblems,
      ...this.#timeline.problems,
      ...this.#buildDiagnostics,
    ];
  }

  /** The datasets, timeline and story settings the page is built from, in the derive's order. */
  async currentData(): Promise<ChartData> {
    this.#story ??= await readStoryContext(this.paths);
    if (this.#data === null) {
      const entries = this.#articles.withRows();
      this.#data = {
        casualties: entries.flatMap((e) => e.rows.casualties),
        reactions: entries.flatMap((e) => e.rows.reactions),
        articles: entries.map((e) => e.article.meta),
        events: this.#timeline.events,
        story: this.#story,
      };
    }
    return this.#data;
  }

  /**
   * Reads everything. The datasets come from the derived folder when its
   * manifest says they are what the articles, the gazetteer, the review and
   * the code give (no extraction to run); otherwise every article is derived
   * here, in memory.
   */
  async load(): Promise<Update> {
    const update = emptyUpdate();
    const names = (await readdir(this.paths.articles).catch((): string[] => []))
      .filter((n) => n.endsWith('.md'))
      .sort();
    for (const name of names) await this.#articles.read(join(this.paths.articles, name));
    this.#narrative = await this.#readNarrative();
    await this.#timeline.read(this.#articles.bodies());
    this.#review.text = await this.#review.readText();
    this.#story = await readStoryContext(this.paths);
    const entries = this.#articles.all();
    if (
      (await isUpToDate(storyDeriveOptions(this.paths)).catch(() => false)) &&
      entries.every((e) => e.article !== null)
    ) {
      const data = await readDatasets(this.paths.derived);
      for (const entry of entries) {
        const id = entry.article!.meta.id;
        entry.rows = {
          casualties: data.casualties.filter((r) => r.article === id),
          reactions: data.reactions.filter((r) => r.article === id),
        };
      }
      this.startedFrom = 'derived';
    } else {
      // The gazetteer and the review are read first, so their problems show even with no article to derive.
      await this.#reviewInput();
      for (const entry of entries) await this.#derive(entry, update);
      this.startedFrom = 'articles';
    }
    update.dataChanged = true;
    update.pageChanged = true;
    this.#dataChanged();
    return update;
  }

  /** Takes in the files that changed; says what it re-derived. Never throws for a bad input: it becomes a problem. */
  async update(paths: Iterable<string>): Promise<Update> {
    const update = emptyUpdate();
    const kinds = new Set<ChangeKind>();
    for (const path of [...paths].sort()) {
      const kind = this.kindOf(path);
      if (kind !== null && (await this.#take(kind, path, update))) kinds.add(kind);
    }
    update.kinds = [...kinds];
    if (update.dataChanged) {
      update.pageChanged = true;
      this.#dataChanged();
    }
    return update;
  }

  /** Builds the page from the narrative and the in-memory datasets. */
  async render(): Promise<Render> {
    const started = performance.now();
    this.#buildDiagnostics = [];
    const done = (ok: boolean): Render => ({ ok, charts: this.#charts.takeStats(), ms: performance.now() - started });
    if (this.#narrative === null) return done(false);
    try {
      const { html, file } = await buildReport({
        markdown: this.#narrative,
        path: this.paths.narrative,
        data: await this.currentData(),
        charts: this.#charts.charts,
        document: await chartDocument(),
        actors: await this.#gazetteer.actors(),
        cellCache: this.#cells,
      });
      this.#buildDiagnostics = [...file.messages];
      if (html !== null) this.lastGoodHtml = html;
      return done(html !== null);
    } catch (error) {
      // A bug in the build must not stop the server: it shows like any other error.
      this.#buildDiagnostics = [
        at(
          this.paths.narrative,
          `Unexpected internal error while building the page: ${(error as Error)?.message ?? String(error)}`,
          'internal-error',
        ),
      ];
      return done(false);
    }
  }

  /** What a changed path is to the preview, or null when it does not matter. */
  kindOf(path: string): ChangeKind | null {
    if (path === this.paths.narrative) return 'narrative';
    if (this.paths.gazetteers.includes(path)) return 'gazetteer';
    if (this.paths.codebooks.includes(path)) return 'codebook';
    if (path === this.paths.review) return 'review';
    if (path === this.paths.timeline) return 'timeline';
    if (dirname(path) === this.paths.articles) return path.endsWith('.md') ? 'article' : null;
    // Anything else beside the narrative (not the built output) re-renders the page.
    if (dirname(path) === dirname(this.paths.narrative) && path !== this.paths.dist && !basename(path).startsWith('.'))
      return 'report';
    return null;
  }

  relative(path: string): string {
    return relative(this.paths.root, path) || path;
  }

  /** One changed file of a kind; whether anything changed. */
  async #take(kind: ChangeKind, path: string, update: Update): Promise<boolean> {
    switch (kind) {
      case 'article':
        return this.#updateArticle(path, update);
      case 'gazetteer':
        return this.#updateGazetteer(path, update, false);
      case 'codebook':
        // The codebook holds the casualty words too: every article is derived again, not only its reactions.
        return this.#updateGazetteer(path, update, true);
      case 'review':
        return this.#updateReview(update);
      case 'timeline':
        if (!(await this.#timeline.read(this.#articles.bodies()))) return false;
        update.dataChanged = true;
        break;
      case 'narrative': {
        const text = await this.#readNarrative();
        if (text === this.#narrative && this.#narrativeProblems.length === 0) return false;
        this.#narrative = text;
        // The story's `home` is in the narrative's front matter: the charts and the figures' sources depend on it.
        const home = text === null ? this.paths.home : storySettings(text, this.paths.slug).home;
        if (home !== this.paths.home) await this.#changeHome(home, update);
        break;
      }
      case 'report':
        // Something else in report/: the page may depend on it; re-rendering is cheap.
        break;
    }
    update.changed.push(this.relative(path));
    update.pageChanged = true;
    return true;
  }

  #dataChanged(): void {
    this.dataVersion++;
    this.#data = null;
  }

  /** An article file saved, renamed or deleted: derived again alone. */
  async #updateArticle(path: string, update: Update): Promise<boolean> {
    const outcome = await this.#articles.read(path);
    if (outcome.kind === 'same') return false;
    update.changed.push(this.relative(path));
    if (outcome.kind === 'gone') {
      if (outcome.removed) {
        update.removed.push(basename(path, '.md'));
        update.dataChanged = true;
      }
      return true;
    }
    // A file that does not parse keeps its last good rows in the page until it is fixed.
    if (outcome.entry.problems.length > 0) return true;
    await this.#derive(outcome.entry, update);
    update.dataChanged = true;
    return true;
  }

  /** Derives one article with the current gazetteer and review; without a gazetteer (broken from the start) its rows stay. */
  async #derive(entry: ArticleEntry, update: Update): Promise<void> {
    const input = await this.#reviewInput();
    if (!input || !entry.article) return;
    const derived = await this.#articles.derive(entry, input);
    if (derived === null) return;
    update.derived.push(entry.article.meta.id);
    if (derived.cached) update.cached.push(entry.article.meta.id);
    update.warnings.push(...derived.warnings);
  }

  /** The gazetteer and the review, loaded on first need; null while the gazetteer has never compiled. */
  async #reviewInput(): Promise<ReviewInput | null> {
    await this.#gazetteer.ensure();
    await this.#review.ensure();
    const gazetteer = this.#gazetteer.gazetteer;
    return gazetteer ? { gazetteer, review: this.#review.review, path: this.paths.review } : null;
  }

  /** Applies the edited review again to the articles it names now or named before. */
  async #updateReview(update: Update): Promise<boolean> {
    const text = await this.#review.readText();
    if (text === this.#review.text && this.#review.problems.length === 0) return false;
    update.changed.push(this.relative(this.paths.review));
    await this.#gazetteer.ensure();
    // The review in effect: rows read from the derived datasets had the file as it was at start.
    const { parseReview } = await loadExtraction();
    const before =
      this.#review.review ??
      (this.#review.text === null
        ? null
        : parseReview(new VFile({ path: this.paths.review, value: this.#review.text })).review);
    if (!(await this.#review.load())) return true;
    const input = await this.#reviewInput();
    if (!input) return true;
    for (const entry of this.#articles.all()) {
      if (!entry.article || !reviewChanged(before, input.review, entry)) continue;
      if (entry.raw === null) {
        // Rows read from the derived datasets carry the old review: derive them afresh.
        await this.#derive(entry, update);
      } else {
        await this.#articles.applyReview(entry, input);
        update.reviewed.push(entry.article.meta.id);
      }
      update.dataChanged = true;
    }
    return true;
  }

  /** The gazetteer or the codebook edited: the reactions derived again, or (`everything`) every article. */
  async #updateGazetteer(path: string, update: Update, everything: boolean): Promise<boolean> {
    if (!(await this.#gazetteer.changed())) return false;
    this.#cache?.reset();
    update.changed.push(this.relative(path));
    this.#story = null;
    const hadGazetteer = this.#gazetteer.gazetteer !== null;
    if (!(await this.#gazetteer.load())) return true;
    const input = (await this.#reviewInput())!;
    for (const entry of this.#articles.all()) {
      if (!entry.article) continue;
      if (!entry.rows || !hadGazetteer || everything) {
        await this.#derive(entry, update);
        continue;
      }
      update.warnings.push(...(await this.#articles.deriveReactions(entry, input)));
      update.reactions.push(entry.article.meta.id);
    }
    update.dataChanged = true;
    return true;
  }

  /** A new `home` in the narrative: the charts keep its statements apart, and the figures' sources are written by it. */
  async #changeHome(home: string | null, update: Update): Promise<void> {
    this.paths = { ...this.paths, home };
    this.#cache?.reset();
    this.#story = null;
    update.dataChanged = true;
    await this.#gazetteer.setHome(home);
    if (this.#gazetteer.gazetteer === null) return;
    for (const entry of this.#articles.all()) if (entry.article) await this.#derive(entry, update);
  }

  async #readNarrative(): Promise<string | null> {
    try {
      const text = await readTextIfExists(this.paths.narrative);
      this.#narrativeProblems =
        text === null
          ? [at(this.paths.narrative, 'Cannot read the narrative: the file is missing', 'narrative-missing')]
          : [];
      return text;
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      this.#narrativeProblems = [...error.diagnostics];
      return null;
    }
  }
}

/** Whether the review's entries for the article of `entry` changed (moving an entry in the file changes nothing). */
function reviewChanged(before: Review | null, after: Review | null, entry: ArticleEntry): boolean {
  const id = entry.article!.meta.id;
  const entriesOf = (review: Review | null) =>
    JSON.stringify(
      [...(review?.casualties ?? []), ...(review?.reactions ?? [])]
        .filter((e) => e.article === id)
        .map(({ place: _place, ...rest }) => rest),
    );
  const was = entriesOf(before);
  return was !== entriesOf(after) || (was !== '[]' && entry.raw !== null);
}

function emptyUpdate(): Update {
  return {
    kinds: [],
    changed: [],
    derived: [],
    cached: [],
    reactions: [],
    reviewed: [],
    removed: [],
    dataChanged: false,
    pageChanged: false,
    warnings: [],
  };
}
