// How every chart is put together, so that a chart module says only what is
// its own: what it makes of the data (its model), its words, its table and
// its marks. The furniture (the title an editor may replace, the subtitle,
// summary, description, table and source list) and the figure (a legend on
// top, the chart's marks under it, drawn at phone and at full width) are
// assembled here, the same way for all.
import type * as Plot from '@observablehq/plot';
import type {
  ChartData,
  ChartDefinition,
  ChartFilter,
  ChartOptions,
  ChartOutput,
  Layout,
  TableColumn,
  TableRow,
} from './chart.ts';
import { FONT_SIZE, NARROW, WIDE } from './chart.ts';
import type { LegendItem } from './encoding.ts';
import { legendMarks } from './encoding.ts';
import { renderPlot } from './plot.ts';

/** A chart's marks, placed under its legend, and the height of the whole figure. */
export interface Drawing {
  marks: Plot.Markish[];
  height: number;
}

export interface ChartSpec<Model> {
  name: string;
  filters: readonly ChartFilter[];
  unavailable?(data: ChartData): string | null;
  /** The title where the editor gives none. */
  title: string;
  /** What the chart makes of the data and the editor's options, once for both renderings and the words. */
  model(data: ChartData, options: ChartOptions): Model;
  subtitle: string | ((model: Model) => string);
  summarize(model: Model): string;
  describe(model: Model): string;
  legend(model: Model): LegendItem[];
  /** The marks for one rendering; `legendHeight` is the height of the legend drawn above them. */
  draw(model: Model, layout: Layout, legendHeight: number): Drawing;
  columns: readonly TableColumn[];
  rows(model: Model): TableRow[];
  /** Article ids the marks come from. */
  sources(model: Model): string[];
}

const WIDTH: Record<Layout, number> = { wide: WIDE, narrow: NARROW };

export function defineChart<Model>(spec: ChartSpec<Model>): ChartDefinition {
  return {
    name: spec.name,
    filters: spec.filters,
    ...(spec.unavailable ? { unavailable: spec.unavailable } : {}),
    render(data: ChartData, options: ChartOptions, document: Document): ChartOutput {
      const model = spec.model(data, options);
      const title = options.title ?? spec.title;
      const figure = (layout: Layout) => {
        const width = WIDTH[layout];
        const legend = legendMarks(spec.legend(model), 0, 0, width, FONT_SIZE[layout]);
        const { marks, height } = spec.draw(model, layout, legend.height);
        return renderPlot({ document, layout, width, height, ariaLabel: title, marks: [...legend.marks, ...marks] });
      };
      return {
        title,
        subtitle: typeof spec.subtitle === 'string' ? spec.subtitle : spec.subtitle(model),
        summary: spec.summarize(model),
        description: spec.describe(model),
        wide: figure('wide'),
        narrow: figure('narrow'),
        columns: spec.columns,
        rows: spec.rows(model),
        sources: spec.sources(model),
      };
    },
  };
}
