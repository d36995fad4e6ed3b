// How the tolls grew and how sources disagree: every reported figure by the
// day it refers to, one panel per measure and group, one colour per source.
import * as Plot from '@observablehq/plot';
import { GROUPS, MEASURES } from '../datasets/schema.ts';
import type { ArticleRow, CasualtyRow } from '../datasets/schema.ts';
import type { ChartData, ChartDefinition, ChartOptions, ChartOutput } from './chart.ts';
import { NARROW, WIDE } from './chart.ts';
import { formatDay, formatNumber, GROUP_LABELS, MEASURE_LABELS, QUALIFIER_LABELS, sourceName } from './labels.ts';

interface Point {
  row: CasualtyRow;
  panel: string;
  source: string;
  /** The day, nudged by source so figures of one day don't hide each other. */
  x: Date;
  low: number;
  high: number;
  /** Where an open-ended figure's arrow points to. */
  open: 'up' | 'down' | null;
  hollow: boolean;
  tip: string;
}

const DAY = 86_400_000;

export const casualtyEvolution: ChartDefinition = {
  name: 'casualty-evolution',
  render(data: ChartData, options: ChartOptions, document: Document): ChartOutput {
    const articles = new Map(data.articles.map((a) => [a.id, a]));
    const rows = data.casualties.filter(
      (r) => r.as_of !== null && (!options.measure || r.measure === options.measure) && (!options.group || r.group === options.group),
    );
    const sources = [...new Set(rows.map((r) => label(articles.get(r.article), r.article)))].sort();
    const points = rows.map((row) => toPoint(row, label(articles.get(row.article), row.article), sources));
    const panels = orderedPanels(rows);
    const plot = (width: number) => render(points, panels, sources, width, document);
    return {
      title: options.title ?? 'How the reported tolls grew',
      subtitle: 'Each dot is one figure as one article reported it, on the day it refers to; a line spans a range, an arrow an open-ended figure ("more than…"); hollow dots are vague words or withdrawn figures.',
      description: describe(rows, panels, articles),
      wide: plot(WIDE),
      narrow: plot(NARROW),
      columns: [
        { field: 'as_of', label: 'Day' },
        { field: 'measure', label: 'Measure' },
        { field: 'group', label: 'Group' },
        { field: 'phrase', label: 'As written' },
        { field: 'value', label: 'Value' },
        { field: 'source', label: 'Source' },
        { field: 'status', label: 'Status' },
        { field: 'id', label: 'Row' },
      ],
      rows: points.map(({ row, source }) => ({
        as_of: row.as_of,
        measure: row.measure,
        group: row.group,
        phrase: row.phrase,
        value: row.value,
        source,
        status: row.status,
        id: row.id,
      })),
      sources: [...new Set(rows.map((r) => r.article))],
    };
  },
};

function label(article: ArticleRow | undefined, id: string): string {
  return article ? `${sourceName(article)}, ${formatDay(article.published, false)}` : id;
}

function panelName(row: CasualtyRow): string {
  return `${MEASURE_LABELS[row.measure]}: ${GROUP_LABELS[row.group]}`;
}

function orderedPanels(rows: readonly CasualtyRow[]): string[] {
  const rank = (r: CasualtyRow) => MEASURES.indexOf(r.measure) * GROUPS.length + GROUPS.indexOf(r.group);
  const sorted = [...rows].sort((a, b) => rank(a) - rank(b));
  return [...new Set(sorted.map(panelName))];
}

function toPoint(row: CasualtyRow, source: string, sources: readonly string[]): Point {
  const day = Date.parse(`${row.as_of}T00:00:00Z`);
  const nudge = sources.length > 1 ? (sources.indexOf(source) / (sources.length - 1) - 0.5) * 0.5 : 0;
  const open = row.high === null ? 'up' : row.low === null ? 'down' : null;
  const withdrawn = row.status === 'retracted';
  return {
    row,
    panel: panelName(row),
    source,
    x: new Date(day + nudge * DAY),
    low: row.low ?? row.value,
    high: row.high ?? row.value,
    open,
    hollow: row.qualifier === 'vague' || withdrawn,
    tip: `${row.phrase} ${MEASURE_LABELS[row.measure]} (${GROUP_LABELS[row.group]})${withdrawn ? ', later withdrawn' : ''}\n${source}; refers to ${formatDay(row.as_of ?? '')}\n“${row.quote}”`,
  };
}

function render(points: Point[], panels: string[], sources: string[], width: number, document: Document): Element {
  const narrow = width < WIDE;
  const days = points.map((p) => Date.parse(`${p.row.as_of}T00:00:00Z`));
  const first = Math.min(...days);
  const last = Math.max(...days);
  const dot = { x: 'x', y: (p: Point) => p.row.value, fy: 'panel', stroke: 'source', r: 4, strokeWidth: 1.5, title: 'tip' } as const;
  return Plot.plot({
    document,
    width,
    height: panels.length * (narrow ? 110 : 95) + 60,
    marginLeft: 48,
    marginRight: narrow ? 12 : 150,
    style: { fontSize: narrow ? '12px' : '11px' },
    x: {
      type: 'utc',
      domain: [new Date(first - 0.6 * DAY), new Date(last + 0.6 * DAY)],
      // Whole days only: a figure refers to a day, never to an hour.
      ticks: 'day',
      tickFormat: '%-d %b',
      label: null,
    },
    y: { type: 'log', label: 'people', grid: true, nice: true, tickFormat: ',' },
    fy: { domain: panels, label: null, axis: narrow ? 'left' : 'right' },
    color: { domain: sources, legend: true },
    ariaLabel: 'Casualty figures by day, panel per measure and group',
    marks: [
      Plot.frame({ stroke: 'currentColor', strokeOpacity: 0.15 }),
      Plot.ruleX(points.filter((p) => p.high > p.low), { x: 'x', y1: 'low', y2: 'high', fy: 'panel', stroke: 'source', strokeWidth: 2 }),
      Plot.arrow(points.filter((p) => p.open !== null), {
        x1: 'x',
        x2: 'x',
        y1: (p: Point) => p.row.value,
        y2: (p: Point) => (p.open === 'up' ? p.row.value * 1.8 : p.row.value / 1.8),
        fy: 'panel',
        stroke: 'source',
        headLength: 6,
      }),
      // Solid for figures stated as numbers; hollow for vague words and withdrawn figures.
      Plot.dot(points.filter((p) => !p.hollow), { ...dot, fill: 'source' }),
      Plot.dot(points.filter((p) => p.hollow), { ...dot, fill: 'none', strokeWidth: 2 }),
      Plot.text(points, {
        x: 'x',
        y: (p: Point) => p.row.value,
        fy: 'panel',
        text: (p: Point) => formatNumber(p.row.value),
        dx: 8,
        textAnchor: 'start',
        fill: 'currentColor',
      }),
    ],
  } as Plot.PlotOptions);
}

function describe(rows: readonly CasualtyRow[], panels: readonly string[], articles: Map<string, ArticleRow>): string {
  if (rows.length === 0) return 'No casualty figures match this chart.';
  const days = [...new Set(rows.map((r) => r.as_of ?? ''))].sort();
  const parts = panels.map((panel) => {
    const inPanel = rows.filter((r) => panelName(r) === panel);
    const top = inPanel.reduce((a, b) => (b.value > a.value ? b : a));
    const who = articles.get(top.article);
    return `${panel}: ${inPanel.length} figure${inPanel.length === 1 ? '' : 's'}, the highest ${top.phrase} (${QUALIFIER_LABELS[top.qualifier]}) from ${who ? sourceName(who) : top.article}`;
  });
  return `${rows.length} reported figures from ${new Set(rows.map((r) => r.article)).size} articles, referring to ${formatDay(days[0] ?? '')} to ${formatDay(days[days.length - 1] ?? '')}. ${parts.join('. ')}.`;
}
