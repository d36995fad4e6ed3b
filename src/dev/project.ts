// The project as the dev server holds it in memory: every article's rows, the
// gazetteer, the narrative, the last good page. A change updates only what
// depends on it: a narrative edit re-renders the page (charts from the cache),
// an article edit re-derives that article, a gazetteer edit re-derives the
// reactions; a review edit re-applies the review to the articles it names.
// Nothing is written to disk: `npm run report` does that.
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { decodeArticle, parseArticle } from '../articles/article.ts';
import type { Article } from '../articles/article.ts';
import { chartDocument } from '../charts/dom.ts';
import type { ChartData, StoryContext } from '../charts/chart.ts';
import type { TimelineEvent } from '../charts/timeline-events.ts';
import { CHARTS } from '../charts/registry.ts';
import { readActorWords } from '../extract/actor-names.ts';
import type { StoryConfig } from '../project/config.ts';
import { storySettings } from '../project/config.ts';
import { isUpToDate, storyDeriveOptions } from '../project/derive-inputs.ts';
import { fromArticleProblem, fromExtractionMessage, fromFileProblems, fromVFile } from '../project/diagnostic.ts';
import type { Diagnostic } from '../project/diagnostic.ts';
import { CliError } from '../project/errors.ts';
import { readDatasets, readStoryContext } from '../project/report.ts';
import type { CasualtyRow, ReactionRow } from '../datasets/schema.ts';
import type { Review } from '../datasets/review.ts';
import type { Gazetteer } from '../extract/gazetteer.ts';
import type { Message } from '../extract/types.ts';
import { buildReport } from '../report/build.ts';
import { checkTimelineQuotes, parseTimelineEvents } from '../report/timeline-file.ts';
import { ChartCache } from './chart-cache.ts';
import type { ChartCacheStats } from './chart-cache.ts';

export type ChangeKind = 'narrative' | 'report' | 'article' | 'gazetteer' | 'review' | 'timeline';

export interface Update {
  kinds: ChangeKind[];
  /** Files whose content changed, relative to the root. */
  changed: string[];
  /** Articles derived again (both datasets). */
  derived: string[];
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
  warnings: Diagnostic[];
}

export interface Render {
  ok: boolean;
  charts: ChartCacheStats;
  ms: number;
}

interface Rows {
  casualties: CasualtyRow[];
  reactions: ReactionRow[];
}

interface ArticleEntry {
  path: string;
  bytes: Buffer;
  /** The last version that parsed. */
  article: Article | null;
  /** Its rows as extracted, before the review: null when they came from data/derived. */
  raw: Rows | null;
  /** Its rows with the review applied: what the page shows. */
  rows: Rows | null;
  /** Problems of the file as it is now (the last good rows stay in the page meanwhile). */
  problems: Diagnostic[];
  /** The review's entries for this article that cannot be applied, or match no row. */
  reviewProblems: Diagnostic[];
}

type Extraction = typeof import('../datasets/derive.ts') &
  Pick<typeof import('../datasets/review.ts'), 'applyReview' | 'parseReview'> &
  Pick<typeof import('../extract/reactions.ts'), 'extractReactions'> &
  Pick<typeof import('../extract/gazetteer.ts'), 'withHome'> &
  Pick<typeof import('../project/derive.ts'), 'loadGazetteer' | 'loadReview' | 'reviewDiagnostics'>;

export class DevProject {
  /** The story; its settings follow the narrative's front matter as it is edited. */
  paths: StoryConfig;
  /** Bumped whenever the datasets change; the chart cache is keyed by it. */
  dataVersion = 0;
  /** The last page built without errors. */
  lastGoodHtml: string | null = null;
  /** How the datasets were obtained at start. */
  startedFrom: 'derived' | 'articles' = 'articles';

  #articles = new Map<string, ArticleEntry>();
  #gazetteer: Gazetteer | null = null;
  #gazetteerText: string | null = null;
  #gazetteerProblems: Diagnostic[] = [];
  /** null until needed: rows read from data/derived already have it applied. */
  #review: Review | null = null;
  #reviewText: string | null = null;
  #reviewProblems: Diagnostic[] = [];
  #narrative: string | null = null;
  #narrativeProblems: Diagnostic[] = [];
  #timelineText: string | null = null;
  /** null: the story has no timeline file. */
  #events: TimelineEvent[] | null = null;
  #story: StoryContext | null = null;
  #timelineProblems: Diagnostic[] = [];
  #buildDiagnostics: Diagnostic[] = [];
  #data: ChartData | null = null;
  #charts = new ChartCache(CHARTS, () => this.dataVersion);
  #extraction: Promise<Extraction> | undefined;

  constructor(config: StoryConfig) {
    this.paths = config;
  }

  /** Everything current: article, gazetteer and narrative problems, then the page's own diagnostics. */
  get diagnostics(): Diagnostic[] {
    const entries = [...this.#articles.values()].sort((a, b) => compare(a.path, b.path));
    return [
      ...entries.flatMap((e) => e.problems),
      ...this.#gazetteerProblems,
      ...this.#reviewProblems,
      ...entries.flatMap((e) => e.reviewProblems),
      ...this.#narrativeProblems,
      ...this.#timelineProblems,
      ...this.#buildDiagnostics,
    ];
  }

  /** The datasets, timeline and story settings the page is built from. */
  async currentData(): Promise<ChartData> {
    this.#story ??= await readStoryContext(this.paths);
    this.#data ??= this.#assemble();
    return this.#data;
  }

  /** The gazetteer files that exist (the base one and the story's additions). */
  async #gazetteerSources(): Promise<{ text: string; path: string }[]> {
    const sources = [];
    for (const path of this.paths.gazetteers) {
      const text = await readText(path);
      if (text !== null) sources.push({ text, path });
    }
    return sources;
  }

  /**
   * Reads everything. The datasets come from data/derived when its manifest
   * says they are what the articles, the gazetteer, the review and the code
   * give (no extraction to run); otherwise every article is derived here, in memory.
   */
  async load(): Promise<Update> {
    const update = emptyUpdate();
    const names = (await readdir(this.paths.articles).catch((): string[] => [])).filter((n) => n.endsWith('.md')).sort();
    for (const name of names) await this.#readArticle(join(this.paths.articles, name), update, false);
    this.#narrative = await this.#readNarrative();
    await this.#readTimeline();
    this.#reviewText = await readText(this.paths.review);
    this.#story = await readStoryContext(this.paths);

    const derivedDir = this.paths.derived;
    const upToDate = await isUpToDate(storyDeriveOptions(this.paths)).catch(() => false);
    if (upToDate && [...this.#articles.values()].every((e) => e.article !== null)) {
      const data = await readDatasets(derivedDir);
      for (const entry of this.#articles.values()) {
        const id = entry.article!.meta.id;
        entry.rows = { casualties: data.casualties.filter((r) => r.article === id), reactions: data.reactions.filter((r) => r.article === id) };
      }
      this.startedFrom = 'derived';
    } else {
      await this.#ensureGazetteer();
      await this.#ensureReview();
      for (const entry of this.#articles.values()) if (entry.article) await this.#derive(entry, update);
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
      if (kind === null) continue;
      if (kind === 'article') {
        if (await this.#readArticle(path, update, true)) kinds.add(kind);
      } else if (kind === 'gazetteer') {
        if (await this.#updateGazetteer(update)) kinds.add(kind);
      } else if (kind === 'review') {
        if (await this.#updateReview(update)) kinds.add(kind);
      } else if (kind === 'timeline') {
        if (await this.#readTimeline()) {
          update.changed.push(this.relative(path));
          update.dataChanged = true;
          kinds.add(kind);
        }
      } else if (kind === 'narrative') {
        const text = await this.#readNarrative();
        if (text !== this.#narrative || this.#narrativeProblems.length > 0) {
          this.#narrative = text;
          // The story's `home` is in the narrative's front matter: the charts depend on it.
          const home = text === null ? this.paths.home : storySettings(text, this.paths.slug).home;
          if (home !== this.paths.home) await this.#changeHome(home, update);
          update.changed.push(this.relative(path));
          update.pageChanged = true;
          kinds.add(kind);
        }
      } else {
        // Something else in report/: the page may depend on it; re-rendering is cheap.
        update.changed.push(this.relative(path));
        update.pageChanged = true;
        kinds.add(kind);
      }
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
    if (this.#narrative === null) return { ok: false, charts: this.#charts.takeStats(), ms: performance.now() - started };
    try {
      const { html, file } = await buildReport({
        markdown: this.#narrative,
        path: this.paths.narrative,
        data: await this.currentData(),
        charts: this.#charts.charts,
        document: await chartDocument(),
        actors: [...readActorWords(await this.#gazetteerSources()).keys()],
      });
      this.#buildDiagnostics = fromVFile(file);
      if (html !== null) this.lastGoodHtml = html;
      return { ok: html !== null, charts: this.#charts.takeStats(), ms: performance.now() - started };
    } catch (error) {
      // A bug in the build must not stop the server: it shows like any other error.
      this.#buildDiagnostics = [at(this.paths.narrative, `Unexpected internal error while building the page: ${(error as Error)?.message ?? String(error)}`, 'internal-error')];
      return { ok: false, charts: this.#charts.takeStats(), ms: performance.now() - started };
    }
  }

  /** What a changed path is to the preview, or null when it does not matter. */
  kindOf(path: string): ChangeKind | null {
    if (path === this.paths.narrative) return 'narrative';
    if (this.paths.gazetteers.includes(path)) return 'gazetteer';
    if (path === this.paths.review) return 'review';
    if (path === this.paths.timeline) return 'timeline';
    if (dirname(path) === this.paths.articles) return path.endsWith('.md') ? 'article' : null;
    // Anything else beside the narrative (not the built output) re-renders the page.
    if (dirname(path) === dirname(this.paths.narrative) && path !== this.paths.dist && !basename(path).startsWith('.')) return 'report';
    return null;
  }

  relative(path: string): string {
    return relative(this.paths.root, path) || path;
  }

  #dataChanged(): void {
    this.dataVersion++;
    this.#data = null;
  }

  /** The three datasets in derive's order: by article id, rows in text order. */
  #assemble(): ChartData {
    const entries = [...this.#articles.values()].filter((e) => e.article !== null && e.rows !== null).sort((a, b) => compare(a.article!.meta.id, b.article!.meta.id));
    return {
      casualties: entries.flatMap((e) => e.rows!.casualties),
      reactions: entries.flatMap((e) => e.rows!.reactions),
      articles: entries.map((e) => e.article!.meta),
      events: this.#events,
      story: this.#story!,
    };
  }

  /** Reads one article file; returns whether anything changed. */
  async #readArticle(path: string, update: Update, derive: boolean): Promise<boolean> {
    const key = basename(path, '.md');
    const entry = this.#articles.get(key);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      if (!entry) return false;
      this.#articles.delete(key);
      update.changed.push(this.relative(path));
      if (entry.rows) {
        update.removed.push(key);
        update.dataChanged = true;
      }
      return true;
    }
    if (entry && entry.bytes.equals(bytes)) return false;
    update.changed.push(this.relative(path));
    const next: ArticleEntry = entry ?? { path, bytes, article: null, raw: null, rows: null, problems: [], reviewProblems: [] };
    next.bytes = bytes;
    this.#articles.set(key, next);
    const text = decodeArticle(bytes);
    const parsed = typeof text === 'string' ? parseArticle(text, path) : { article: null, problems: [text] };
    if (parsed.article === null) {
      // The last good version's rows stay in the page until the file is fixed.
      next.problems = parsed.problems.map((problem) => fromArticleProblem(path, problem));
      return true;
    }
    next.problems = [];
    next.article = parsed.article;
    if (derive) {
      // Without a gazetteer yet (broken from the start) the old rows stay until it is fixed.
      await this.#ensureGazetteer();
      await this.#derive(next, update);
      update.dataChanged = true;
    }
    return true;
  }

  /** Derives one article's rows (ids renumbered for that article only), then applies its review. */
  async #derive(entry: ArticleEntry, update: Update): Promise<void> {
    if (!entry.article || !this.#gazetteer) return;
    const { deriveArticle } = await this.#loadExtraction();
    let derived: ReturnType<typeof deriveArticle>;
    try {
      derived = deriveArticle(entry.article, this.#gazetteer);
    } catch (error) {
      // An extraction bug on this text: shown on the article; its last rows stay.
      entry.problems = [at(entry.path, `Unexpected internal error while deriving this article: ${(error as Error)?.message ?? String(error)}`, 'internal-error')];
      return;
    }
    entry.raw = { casualties: derived.casualties, reactions: derived.reactions };
    await this.#ensureReview();
    await this.#applyReview(entry);
    update.derived.push(entry.article.meta.id);
    update.warnings.push(...warnings(entry.article, derived.messages));
  }

  /**
   * The review entries name their article, so the review applies article by
   * article, exactly as `derive` applies it to the whole datasets.
   */
  async #applyReview(entry: ArticleEntry, rows: Rows | null = entry.raw, only?: 'reactions'): Promise<Rows | null> {
    if (!entry.article || !rows || !this.#gazetteer) return null;
    const { applyReview, reviewContext, reviewDiagnostics } = await this.#loadExtraction();
    const id = entry.article.meta.id;
    const review = this.#review ?? { casualties: [], reactions: [] };
    const mine: Review = {
      casualties: only === 'reactions' ? [] : review.casualties.filter((e) => e.article === id),
      reactions: review.reactions.filter((e) => e.article === id),
    };
    const outcome = applyReview(rows, mine, reviewContext(this.#gazetteer));
    entry.reviewProblems = reviewDiagnostics(this.paths.review, outcome.problems);
    const reviewed = { casualties: outcome.casualties, reactions: outcome.reactions };
    if (rows === entry.raw) entry.rows = reviewed;
    return reviewed;
  }

  /** Applies the edited review again to the articles it names now or named before. */
  async #updateReview(update: Update): Promise<boolean> {
    const text = await readText(this.paths.review);
    if (text === this.#reviewText && this.#reviewProblems.length === 0) return false;
    update.changed.push(this.relative(this.paths.review));
    await this.#ensureGazetteer();
    // The review in effect: rows read from data/derived had the file as it was at start.
    const { parseReview } = await this.#loadExtraction();
    const before = this.#review ?? (this.#reviewText === null ? null : parseReview(this.#reviewText).review);
    if (!(await this.#loadReview())) return true;
    const after = this.#review ?? { casualties: [], reactions: [] };
    // Entries without their place in the file: moving an entry changes nothing.
    const entriesOf = (review: Review | null, id: string) =>
      JSON.stringify([...(review?.casualties ?? []), ...(review?.reactions ?? [])].filter((e) => e.article === id).map(({ place: _place, ...entry }) => entry));
    for (const entry of [...this.#articles.values()].sort((a, b) => compare(a.path, b.path))) {
      if (!entry.article) continue;
      const id = entry.article.meta.id;
      const was = entriesOf(before, id);
      const now = entriesOf(after, id);
      if (was === now && (was === '[]' || entry.raw === null)) continue;
      if (entry.raw === null) {
        // Rows read from data/derived carry the old review: derive them afresh.
        await this.#derive(entry, update);
      } else {
        await this.#applyReview(entry);
        update.reviewed.push(id);
      }
      update.dataChanged = true;
    }
    return true;
  }

  async #updateGazetteer(update: Update): Promise<boolean> {
    const text = gazetteerText(await this.#gazetteerSources());
    if (text === this.#gazetteerText && this.#gazetteer !== null) return false;
    update.changed.push(...this.paths.gazetteers.filter((p) => update.changed.indexOf(this.relative(p)) < 0).map((p) => this.relative(p)));
    this.#story = null;
    const hadGazetteer = this.#gazetteer !== null;
    if (!(await this.#loadGazetteer())) return true;
    const { extractReactions } = await this.#loadExtraction();
    for (const entry of [...this.#articles.values()].sort((a, b) => compare(a.path, b.path))) {
      const article = entry.article;
      if (!article) continue;
      if (!entry.rows || !hadGazetteer) {
        await this.#derive(entry, update);
        continue;
      }
      // Casualties do not depend on the gazetteer: only the reactions are derived again.
      const extracted = extractReactions({ id: article.meta.id, body: article.body, published: article.meta.published }, this.#gazetteer!);
      const reactions = extracted.rows.map((row, i) => ({ id: `${article.meta.id}-r${i + 1}`, ...row }));
      await this.#ensureReview();
      if (entry.raw) {
        entry.raw = { casualties: entry.raw.casualties, reactions };
        await this.#applyReview(entry);
      } else {
        // Casualties read from data/derived are reviewed already: the review of the reactions only.
        const reviewed = await this.#applyReview(entry, { casualties: [], reactions }, 'reactions');
        entry.rows = { casualties: entry.rows.casualties, reactions: reviewed?.reactions ?? reactions };
      }
      update.reactions.push(article.meta.id);
      update.warnings.push(...warnings(article, extracted.messages));
    }
    update.dataChanged = true;
    return true;
  }

  /** A new `home` in the narrative: the charts keep its statements apart, and the figures' sources are written by it. */
  async #changeHome(home: string | null, update: Update): Promise<void> {
    this.paths = { ...this.paths, home };
    this.#story = null;
    update.dataChanged = true;
    if (this.#gazetteer === null) return;
    this.#gazetteer = (await this.#loadExtraction()).withHome(this.#gazetteer, home);
    for (const entry of [...this.#articles.values()].sort((a, b) => compare(a.path, b.path))) if (entry.article) await this.#derive(entry, update);
  }

  /** Loads the review once, before the first derivation that needs it. */
  async #ensureReview(): Promise<void> {
    if (this.#review === null && this.#reviewProblems.length === 0) await this.#loadReview();
  }

  /** A missing file is an empty review; a broken one keeps the last good review in use. */
  async #loadReview(): Promise<boolean> {
    this.#reviewText = await readText(this.paths.review);
    const { loadReview } = await this.#loadExtraction();
    try {
      this.#review = await loadReview(this.paths.review);
      this.#reviewProblems = [];
      return true;
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      this.#reviewProblems = error.diagnostics.length > 0 ? [...error.diagnostics] : [at(this.paths.review, error.message, 'review')];
      return false;
    }
  }

  /** Loads the gazetteer once, before the first derivation that needs it. */
  async #ensureGazetteer(): Promise<void> {
    if (this.#gazetteer === null && this.#gazetteerProblems.length === 0) await this.#loadGazetteer();
  }

  async #loadGazetteer(): Promise<boolean> {
    this.#gazetteerText = gazetteerText(await this.#gazetteerSources());
    const { loadGazetteer } = await this.#loadExtraction();
    try {
      this.#gazetteer = (await this.#loadExtraction()).withHome(await loadGazetteer(this.paths.gazetteers, this.paths.codebooks), this.paths.home);
      this.#gazetteerProblems = [];
      return true;
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      // The last good gazetteer stays in use until this one is fixed.
      this.#gazetteerProblems = error.diagnostics.length > 0 ? [...error.diagnostics] : [at(this.paths.gazetteers[0]!, error.message, 'gazetteer')];
      return false;
    }
  }

  async #readNarrative(): Promise<string | null> {
    const text = await readText(this.paths.narrative);
    this.#narrativeProblems = text === null ? [at(this.paths.narrative, 'Cannot read the narrative: the file is missing', 'narrative-missing')] : [];
    return text;
  }

  /** Reads the timeline's events (the last good ones stay when the file is broken); returns whether it changed. */
  async #readTimeline(): Promise<boolean> {
    const text = await readText(this.paths.timeline);
    if (text === this.#timelineText && this.#timelineProblems.length === 0 && (text !== null || this.#events === null)) return false;
    this.#timelineText = text;
    if (text === null) {
      this.#events = null;
      this.#timelineProblems = [];
      return true;
    }
    const file = parseTimelineEvents(text);
    const bodies = new Map([...this.#articles.values()].flatMap((e) => (e.article ? [[e.article.meta.id, e.article.body] as const] : [])));
    const problems = file.problems.length > 0 ? file.problems : checkTimelineQuotes(file, bodies);
    this.#timelineProblems = fromFileProblems(this.paths.timeline, problems);
    if (file.problems.length === 0) this.#events = file.events;
    return true;
  }

  /** The extraction code is most of a cold start: loaded only when something must be derived. */
  #loadExtraction(): Promise<Extraction> {
    this.#extraction ??= Promise.all([import('../datasets/derive.ts'), import('../datasets/review.ts'), import('../extract/reactions.ts'), import('../project/derive.ts'), import('../extract/gazetteer.ts')]).then(
      ([derive, review, reactions, cli, gazetteer]) => ({
        withHome: gazetteer.withHome,
        ...derive,
        applyReview: review.applyReview,
        parseReview: review.parseReview,
        extractReactions: reactions.extractReactions,
        loadGazetteer: cli.loadGazetteer,
        loadReview: cli.loadReview,
        reviewDiagnostics: cli.reviewDiagnostics,
      }),
    );
    return this.#extraction;
  }
}

function warnings(article: Article, messages: readonly Message[]): Diagnostic[] {
  return messages.filter((m) => m.severity !== 'info').map((m) => fromExtractionMessage(article, m));
}

function emptyUpdate(): Update {
  return { kinds: [], changed: [], derived: [], reactions: [], reviewed: [], removed: [], dataChanged: false, pageChanged: false, warnings: [] };
}

function at(path: string, reason: string, ruleId: string): Diagnostic {
  return { path, line: 1, column: 1, severity: 'error', reason, ruleId };
}

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'EISDIR') return null;
    throw error;
  }
}

/** The gazetteer files' text as one, to tell whether any changed. */
function gazetteerText(sources: readonly { text: string; path: string }[]): string {
  return sources.map((s) => `${s.path}\0${s.text}`).join('\0');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
