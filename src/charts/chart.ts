// What every chart gives the report: the plot itself (a wide and a narrow
// rendering, switched by CSS) and the furniture around it.
import type { ArticleRow, CasualtyRow, Group, Measure, ReactionRow } from '../datasets/schema.ts';
import type { TimelineEvent } from './timeline-events.ts';

export interface ChartData {
  casualties: readonly CasualtyRow[];
  reactions: readonly ReactionRow[];
  articles: readonly ArticleRow[];
  /** The editors' key events (report/<story>.timeline.yaml), for the timeline; null when the story has no such file. */
  events: readonly TimelineEvent[] | null;
  story: StoryContext;
}

/** What the charts need to know of the story beyond its rows: its settings and the gazetteer's words for its actors. */
export interface StoryContext {
  /** The actor whose own authorities' statements are not reactions (the story's `home`); null for none. */
  home: string | null;
  /** How readers are told of them: "the Kazakh authorities". */
  homeAuthorities: string | null;
  /** Short names where a chart has little room ("CSTO"), from the gazetteer. */
  shortNames: ReadonlyMap<string, string>;
  /** The timeline file, as the editor would name it: "report/flood.timeline.yaml". */
  timelineFile: string;
}

/** A story with no settings: no home, no short names. */
export const NO_STORY: StoryContext = {
  home: null,
  homeAuthorities: null,
  shortNames: new Map(),
  timelineFile: 'report/<story>.timeline.yaml',
};

/** An actor's short name where there is one. */
export function shortName(story: StoryContext, actor: string): string {
  return story.shortNames.get(actor) ?? actor;
}

/** Attributes an editor may set on `::chart{…}`. */
export interface ChartOptions {
  title?: string;
  caption?: string;
  measure?: Measure;
  group?: Group;
}

/** The filtering attributes of `ChartOptions`: not every chart takes them. */
export type ChartFilter = 'measure' | 'group';

export interface TableColumn {
  field: string;
  label: string;
  /** false: in the CSV only, not in the table readers see. */
  table?: boolean;
}

/** Where a table row comes from: a dataset row (its quote becomes a footnote), a passage of an article, or an article. */
export type RowSource = { row: string } | { article: string; quote?: string };

export interface TableRow {
  values: Readonly<Record<string, string | number | null>>;
  sources: readonly RowSource[];
}

export interface ChartOutput {
  title: string;
  subtitle: string;
  /** What the chart shows and its main finding, from the data, in at most two sentences: printed under the chart. */
  summary: string;
  /** The full description generated from the data, every point in words: the chart for those who cannot see it. */
  description: string;
  /** The plot at phone width and at full width. */
  narrow: Element;
  wide: Element;
  /** The rows behind the marks, shown in a table (each with its footnotes) and offered as CSV. */
  columns: readonly TableColumn[];
  rows: readonly TableRow[];
  /** Article ids the marks come from, for the source line and footnotes. */
  sources: readonly string[];
}

export interface ChartDefinition {
  name: string;
  /** The filters this chart honours; `remark-chart` can reject the others. */
  filters: readonly ChartFilter[];
  /** Why this chart cannot be drawn for the story (a file it needs is missing), or null when it can. */
  unavailable?(data: ChartData): string | null;
  render(data: ChartData, options: ChartOptions, document: Document): ChartOutput;
}

/** Widths the two renderings are drawn at, in CSS pixels. */
export const WIDE = 640;
export const NARROW = 360;

/** Font size of chart text in each rendering: the narrow one is shown at about 1:1 on a phone. */
export const FONT_SIZE = { wide: 12, narrow: 12 } as const;

export type Layout = 'wide' | 'narrow';
