// What every chart gives the report: the plot itself (a wide and a narrow
// rendering, switched by CSS) and the furniture around it.
import type { ArticleRow, CasualtyRow, Group, Measure, ReactionRow } from '../datasets/schema.ts';

export interface ChartData {
  casualties: readonly CasualtyRow[];
  reactions: readonly ReactionRow[];
  articles: readonly ArticleRow[];
}

/** Attributes an editor may set on `::chart{…}`. */
export interface ChartOptions {
  title?: string;
  caption?: string;
  measure?: Measure;
  group?: Group;
}

export interface TableColumn {
  field: string;
  label: string;
}

export interface ChartOutput {
  title: string;
  subtitle: string;
  /** A text description generated from the data: the chart for those who cannot see it. */
  description: string;
  /** The plot at phone width and at full width. */
  narrow: Element;
  wide: Element;
  /** The rows behind the marks, shown in a table and offered as CSV. */
  columns: readonly TableColumn[];
  rows: readonly Record<string, string | number | null>[];
  /** Article ids the marks come from, for the source line and footnotes. */
  sources: readonly string[];
}

export interface ChartDefinition {
  name: string;
  render(data: ChartData, options: ChartOptions, document: Document): ChartOutput;
}

/** Widths the two renderings are drawn at, in CSS pixels. */
export const WIDE = 640;
export const NARROW = 360;
