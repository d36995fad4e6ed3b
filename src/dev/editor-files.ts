// The files an editor writes beside the articles, as the preview holds them:
// each read again on a save, and, when it breaks, its problems shown while
// the last good version stays in use until it is fixed.
import type { TimelineEvent } from '../charts/timeline-events.ts';
import type { Review } from '../datasets/review.ts';
import { readActorWords } from '../extract/actor-names.ts';
import type { Gazetteer } from '../extract/gazetteer.ts';
import { VFile } from 'vfile';
import { reportAt } from '../common/problems.ts';
import type { VFileMessage } from '../common/problems.ts';
import { CliError } from '../project/errors.ts';
import { readTextIfExists } from '../project/files.ts';
import { checkTimelineQuotes, parseTimelineEvents } from '../report/timeline-file.ts';
import { loadExtraction } from './extraction.ts';

/** The base gazetteer and the story's additions, compiled with the story's home. */
export class GazetteerFiles {
  gazetteer: Gazetteer | null = null;
  problems: VFileMessage[] = [];
  #text: string | null = null;

  constructor(
    readonly paths: readonly string[],
    /** The codebook files, whose cues compile with the gazetteer's names. */
    readonly codebooks: readonly string[],
    private home: string | null,
  ) {}

  /** The files that exist, with their text (the codebooks' too: an edit of either changes the matchers). */
  async sources(): Promise<{ text: string; path: string }[]> {
    const sources = [];
    for (const path of [...this.paths, ...this.codebooks]) {
      const text = await readText(path);
      if (text !== null) sources.push({ text, path });
    }
    return sources;
  }

  /** The actors' names, which the story's `home` must be one of. */
  async actors(): Promise<string[]> {
    return [...readActorWords((await this.sources()).filter((s) => this.paths.includes(s.path))).keys()];
  }

  /** Whether the files differ from those last loaded (or none loaded yet). */
  async changed(): Promise<boolean> {
    return joined(await this.sources()) !== this.#text || this.gazetteer === null;
  }

  /** Loads the gazetteer once, before the first derivation that needs it. */
  async ensure(): Promise<void> {
    if (this.gazetteer === null && this.problems.length === 0) await this.load();
  }

  /** Reads and compiles the files; false (the last good gazetteer kept) when they have errors. */
  async load(): Promise<boolean> {
    this.#text = joined(await this.sources());
    const { loadGazetteer, withHome } = await loadExtraction();
    try {
      this.gazetteer = withHome(await loadGazetteer(this.paths, this.codebooks), this.home);
      this.problems = [];
      return true;
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      this.problems =
        error.diagnostics.length > 0 ? [...error.diagnostics] : [at(this.paths[0]!, error.message, 'gazetteer')];
      return false;
    }
  }

  async setHome(home: string | null): Promise<void> {
    this.home = home;
    if (this.gazetteer !== null) this.gazetteer = (await loadExtraction()).withHome(this.gazetteer, home);
  }
}

/** The editors' review; a missing file is an empty review. */
export class ReviewFile {
  /** null until needed: rows read from the derived datasets have it applied already. */
  review: Review | null = null;
  text: string | null = null;
  problems: VFileMessage[] = [];

  constructor(readonly path: string) {}

  async readText(): Promise<string | null> {
    return readText(this.path);
  }

  /** Loads the review once, before the first derivation that needs it. */
  async ensure(): Promise<void> {
    if (this.review === null && this.problems.length === 0) await this.load();
  }

  /** Reads and validates it; false (the last good review kept) when it has errors. */
  async load(): Promise<boolean> {
    this.text = await readText(this.path);
    const { loadReview } = await loadExtraction();
    try {
      this.review = await loadReview(this.path);
      this.problems = [];
      return true;
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      this.problems = error.diagnostics.length > 0 ? [...error.diagnostics] : [at(this.path, error.message, 'review')];
      return false;
    }
  }
}

/** The story's key events, each quote checked against its article; none when the story has no timeline file. */
export class TimelineFile {
  /** null: the story has no timeline file. */
  events: TimelineEvent[] | null = null;
  problems: VFileMessage[] = [];
  #text: string | null = null;
  #read = false;

  constructor(readonly path: string) {}

  /** Reads the file again (the last good events stay when it is broken); whether anything changed. */
  async read(bodies: ReadonlyMap<string, string>): Promise<boolean> {
    const text = await readText(this.path);
    if (this.#read && text === this.#text && this.problems.length === 0) return false;
    this.#read = true;
    this.#text = text;
    if (text === null) {
      this.events = null;
      this.problems = [];
      return true;
    }
    const file = new VFile({ path: this.path, value: text });
    const timeline = parseTimelineEvents(file);
    this.problems = timeline.problems.length > 0 ? timeline.problems : checkTimelineQuotes(timeline, bodies, file);
    if (timeline.problems.length === 0) this.events = timeline.events;
    return true;
  }
}

/** An error about a whole file, at 1:1. */
export function at(path: string, reason: string, ruleId: string): VFileMessage {
  return reportAt(path, 'error', reason, { line: 1, column: 1 }, ruleId);
}

/** A text file's content; null when it is missing or is no regular file (loadGazetteer, loadReview and the narrative then say why). */
export async function readText(path: string): Promise<string | null> {
  try {
    return await readTextIfExists(path);
  } catch (error) {
    if (error instanceof CliError) return null;
    throw error;
  }
}

/** The gazetteer files' text as one, to tell whether any changed. */
function joined(sources: readonly { text: string; path: string }[]): string {
  return sources.map((s) => `${s.path}\0${s.text}`).join('\0');
}
