// How the tolls grew and how sources disagree: every reported figure on the
// day it refers to, one panel per measure and group, each panel on its own
// scale from zero, one colour and shape per source.
import * as Plot from '@observablehq/plot';
import type { CasualtyRow } from '../datasets/schema.ts';
import type { Layout, TableColumn, TableRow } from './chart.ts';
import { FONT_SIZE, NARROW, WIDE } from './chart.ts';
import type { Drawing } from './define-chart.ts';
import { defineChart } from './define-chart.ts';
import type { LegendItem, PlacedGlyph, SourceStyle } from './encoding.ts';
import {
  ARROW_LENGTH,
  BACKGROUND,
  DOT_RADIUS,
  compactFigure,
  figureTitle,
  glyph,
  glyphLegend,
  glyphMarks,
  sourceStyles,
  styleOf,
} from './encoding.ts';
import {
  GROUP_LABELS,
  measureLabel,
  QUALIFIER_LABELS,
  daysBetween,
  formatDay,
  formatNumber,
  formatWeekday,
} from './labels.ts';
import type { Panel } from './panels.ts';
import { compareRowIds, panels as toPanels, selectRows } from './panels.ts';
import type { Box, LabelRequest } from './placement.ts';
import { placeLabels } from './placement.ts';
import { niceScale } from './plot.ts';
import { trendSentence } from './summary.ts';
import { textWidth } from './text.ts';

const COLUMNS: readonly TableColumn[] = [
  { field: 'as_of', label: 'Day' },
  { field: 'measure', label: 'Measure' },
  { field: 'group', label: 'Group' },
  { field: 'phrase', label: 'As written' },
  { field: 'value', label: 'Counted as' },
  { field: 'low', label: 'Low', table: false },
  { field: 'high', label: 'High', table: false },
  { field: 'qualifier', label: 'Qualifier', table: false },
  { field: 'source', label: 'Source' },
  { field: 'attribution', label: 'Attributed to' },
  { field: 'status', label: 'Status' },
  { field: 'id', label: 'Row', table: false },
];

interface Model {
  /** The dated figures the editor's filters select. */
  rows: CasualtyRow[];
  styles: Map<string, SourceStyle>;
  panels: Panel[];
}

export const casualtyEvolution = defineChart<Model>({
  name: 'casualty-evolution',
  filters: ['measure', 'group'],
  title: 'How the reported tolls grew',
  model(data, options) {
    const rows = selectRows(data.casualties, options).filter((r) => r.as_of !== null);
    return { rows, styles: sourceStyles(data.articles), panels: toPanels(rows) };
  },
  subtitle:
    'Each mark is one figure as one article reported it, placed on the day it refers to. Every panel has its own scale, from zero. Hollow marks are vague words (“dozens”), drawn from the least to the most the word can mean; arrows mark open-ended figures (“more than 2,000”).',
  summarize: ({ panels }) => summarize(panels),
  describe: ({ panels, styles }) => describe(panels, styles),
  legend: ({ panels, styles }) => legend(panels, styles),
  draw: ({ panels, styles }, layout, legendHeight) => draw(panels, styles, layout, legendHeight),
  columns: COLUMNS,
  rows: ({ panels, styles }) => panels.flatMap((p) => p.rows).map((row) => tableRow(row, styleOf(styles, row.article))),
  sources: ({ rows }) => [...new Set(rows.map((r) => r.article))].sort(),
});

function tableRow(row: CasualtyRow, source: SourceStyle): TableRow {
  return {
    values: {
      as_of: row.as_of,
      measure: measureLabel(row.measure),
      group: GROUP_LABELS[row.group],
      phrase: row.phrase,
      value: counted(row),
      low: row.low,
      high: row.high,
      qualifier: row.qualifier,
      source: source.name,
      attribution: row.attribution,
      status: row.status,
      id: row.id,
    },
    sources: [{ row: row.id }],
  };
}

/** The number a chart draws, in words a table reader can check: "24–99", "more than 2,000". */
function counted(row: CasualtyRow): string {
  if (row.low !== null && row.high !== null && row.high > row.low)
    return `${formatNumber(row.low)}–${formatNumber(row.high)}`;
  if (row.qualifier === 'exact' || row.qualifier === 'vague') return formatNumber(row.value);
  return `${QUALIFIER_LABELS[row.qualifier]} ${formatNumber(row.value)}`;
}

interface Geometry {
  width: number;
  font: number;
  /** Left edge of the plotting area (tick labels sit to its left) and right edge. */
  left: number;
  right: number;
  titleHeight: number;
  plotHeight: number;
  gap: number;
  /** Largest gap between figures of one day, in pixels. */
  spacing: number;
  ticks: number;
}

const GEOMETRY: Record<Layout, Omit<Geometry, 'left'>> = {
  wide: {
    width: WIDE,
    font: FONT_SIZE.wide,
    right: WIDE - 4,
    titleHeight: 26,
    plotHeight: 66,
    gap: 12,
    spacing: 30,
    ticks: 3,
  },
  narrow: {
    width: NARROW,
    font: FONT_SIZE.narrow,
    right: NARROW - 2,
    titleHeight: 26,
    plotHeight: 78,
    gap: 12,
    spacing: 22,
    ticks: 2,
  },
};

interface Figure extends PlacedGlyph {
  row: CasualtyRow;
  label: string;
}

/** Sources first, then what the shapes of the marks mean. */
function legend(panels: readonly Panel[], styles: Map<string, SourceStyle>): LegendItem[] {
  const rows = panels.flatMap((p) => p.rows);
  const sourceIds = [...new Set(rows.map((r) => r.article))].sort();
  return [
    ...sourceIds.map((id) => {
      const s = styleOf(styles, id);
      return { label: s.label, swatch: { kind: 'symbol' as const, symbol: s.symbol, color: s.color } };
    }),
    ...glyphLegend(rows.map(glyph)),
  ];
}

/** The day columns every panel shares, and the row of day names drawn above and below the panels. */
interface Days {
  days: string[];
  width: number;
  x: (day: string) => number;
  axis: (y: number) => Plot.Markish;
}

/** What the panels are laid out into, in drawing order. */
interface Layers {
  figures: Figure[];
  requests: LabelRequest<Figure>[];
  obstacles: Box[];
  grid: { y: number; zero: boolean }[];
  tickLabels: { y: number; text: string }[];
  titles: { y: number; text: string }[];
  separators: { x: number; y1: number; y2: number }[];
}

function draw(
  panels: readonly Panel[],
  styles: Map<string, SourceStyle>,
  layout: Layout,
  legendHeight: number,
): Drawing {
  const rows = panels.flatMap((p) => p.rows);
  let top = legendHeight + 8;
  if (rows.length === 0) {
    return {
      marks: [Plot.text(['No casualty figures match this chart.'], { x: 0, y: top + 12, textAnchor: 'start' })],
      height: top + 30,
    };
  }
  const scales = new Map(panels.map((p) => [p.key, scaleFor(p.rows, GEOMETRY[layout])]));
  const tickWidth = Math.max(
    0,
    ...[...scales.values()].flatMap((s) => s.ticks.map((t) => textWidth(formatNumber(t), GEOMETRY[layout].font))),
  );
  const g: Geometry = { ...GEOMETRY[layout], left: Math.ceil(tickWidth) + 8 };
  const days = dayColumns(rows, g);
  const marks: Plot.Markish[] = [days.axis(top + 8)];
  top += 20;
  const layers: Layers = {
    figures: [],
    requests: [],
    obstacles: [],
    grid: [],
    tickLabels: [],
    titles: [],
    separators: [],
  };
  for (const panel of panels) {
    top = layoutPanel(panel, scales.get(panel.key) ?? niceScale(1, g.ticks), top, g, days, styles, layers);
  }
  marks.push(...layerMarks(layers, g), days.axis(top + 2));
  return { marks, height: top + 12 };
}

function dayColumns(rows: readonly CasualtyRow[], g: Geometry): Days {
  const days = daysBetween(minOf(rows.map((r) => r.as_of ?? '')), maxOf(rows.map((r) => r.as_of ?? '')));
  const dayWidth = (g.right - g.left) / days.length;
  const dayX = (day: string) => g.left + (days.indexOf(day) + 0.5) * dayWidth;
  const dayLabels = days.map((day) => ({ day, x: dayX(day), text: fitDay(day, dayWidth - 6, g.font) }));
  const axis = (y: number) =>
    Plot.text(dayLabels, { x: 'x', y, text: 'text', fontWeight: 'bold', lineAnchor: 'middle' });
  return { days, width: dayWidth, x: dayX, axis };
}

/** A panel at `top`: its title, gridlines, day separators, figures and label requests; returns the next panel's top. */
function layoutPanel(
  panel: Panel,
  scale: ReturnType<typeof niceScale>,
  top: number,
  g: Geometry,
  days: Days,
  styles: Map<string, SourceStyle>,
  layers: Layers,
): number {
  const plotTop = top + g.titleHeight;
  const base = plotTop + g.plotHeight;
  const y = (v: number) => base - (v / scale.max) * g.plotHeight;
  layers.titles.push({ y: top + g.font / 2, text: panel.title });
  layers.obstacles.push({ x1: 0, y1: top, x2: textWidth(panel.title, g.font, true), y2: top + g.font + 2 });
  for (const t of scale.ticks) {
    layers.grid.push({ y: y(t), zero: t === 0 });
    layers.tickLabels.push({ y: y(t), text: formatNumber(t) });
  }
  for (let i = 1; i < days.days.length; i++)
    layers.separators.push({ x: g.left + i * days.width, y1: plotTop - 4, y2: base });
  for (const day of days.days) placeFigures(panel, day, y, g, days, styles, layers);
  // Labels: the largest figures first, withdrawn ones last.
  const inPanel = layers.figures.filter((f) => panel.rows.includes(f.row));
  const ordered = [...inPanel].sort(
    (a, b) => Number(a.glyph.struck) - Number(b.glyph.struck) || b.row.value - a.row.value,
  );
  for (const fig of ordered) {
    layers.requests.push({
      datum: fig,
      x: fig.x,
      y: fig.y,
      width: textWidth(fig.label, g.font),
      height: g.font,
      gap: DOT_RADIUS + 3,
      bounds: { x1: g.left - 2, y1: top + 2, x2: g.width, y2: base + g.font / 2 + 2 },
    });
  }
  return base + g.gap;
}

/** A panel's figures for one day, side by side in the day's column, by article; their marks are obstacles to labels. */
function placeFigures(
  panel: Panel,
  day: string,
  y: (value: number) => number,
  g: Geometry,
  days: Days,
  styles: Map<string, SourceStyle>,
  layers: Layers,
): void {
  const group = panel.rows
    .filter((r) => r.as_of === day)
    .sort((a, b) => (a.article < b.article ? -1 : a.article > b.article ? 1 : compareRowIds(a.id, b.id)));
  const spacing = Math.min(g.spacing, (days.width - 14) / Math.max(group.length, 1));
  group.forEach((row, i) => {
    const source = styleOf(styles, row.article);
    const gl = glyph(row);
    const x = days.x(day) + (i - (group.length - 1) / 2) * spacing;
    const fig: Figure = {
      row,
      x,
      y: y(row.value),
      glyph: gl,
      color: source.color,
      symbol: source.symbol,
      label: compactFigure(row),
      title: figureTitle(row, source, `${measureLabel(row.measure)}, ${GROUP_LABELS[row.group]}`),
      ...(gl.range ? { span: [y(gl.range[0]), y(gl.range[1])] as const } : {}),
    };
    layers.figures.push(fig);
    layers.obstacles.push(...glyphBoxes(fig));
  });
}

/** Gridlines, day separators, tick labels, panel titles, the figures and their labels, in painting order. */
function layerMarks(layers: Layers, g: Geometry): Plot.Markish[] {
  const { placed } = placeLabels(layers.requests, layers.obstacles);
  return [
    Plot.ruleY(layers.grid, {
      x1: g.left,
      x2: g.right,
      y: 'y',
      stroke: 'currentColor',
      strokeOpacity: (d: { zero: boolean }) => (d.zero ? 0.45 : 0.14),
    }),
    Plot.ruleX(layers.separators, {
      x: 'x',
      y1: 'y1',
      y2: 'y2',
      stroke: 'currentColor',
      strokeOpacity: 0.14,
      strokeDasharray: '2,3',
    }),
    Plot.text(layers.tickLabels, {
      x: g.left - 5,
      y: 'y',
      text: 'text',
      textAnchor: 'end',
      lineAnchor: 'middle',
      fillOpacity: 0.8,
    }),
    Plot.text(layers.titles, {
      x: 0,
      y: 'y',
      text: 'text',
      textAnchor: 'start',
      lineAnchor: 'middle',
      fontWeight: 'bold',
    }),
    ...glyphMarks(layers.figures, 'up'),
    ...(['start', 'middle', 'end'] as const).map((anchor) =>
      Plot.text(
        placed.filter((p) => p.textAnchor === anchor),
        {
          x: 'x',
          y: 'y',
          text: (p: (typeof placed)[number]) => p.datum.label,
          textAnchor: anchor,
          lineAnchor: 'middle',
          fill: 'currentColor',
          stroke: BACKGROUND,
          strokeWidth: 3,
        },
      ),
    ),
  ];
}

/** A panel's scale: from zero to above its largest figure, with room for the arrows of open-ended ones. */
function scaleFor(rows: readonly CasualtyRow[], g: Omit<Geometry, 'left'>) {
  const needed = rows.map((r) => {
    const gl = glyph(r);
    if (gl.range) return gl.range[1];
    if (gl.open === 'up') return r.value / (1 - (ARROW_LENGTH + 2) / g.plotHeight);
    return r.value;
  });
  return niceScale(Math.max(...needed), g.ticks);
}

/** Boxes a figure's mark covers, for labels to avoid. */
function glyphBoxes(f: Figure): Box[] {
  const r = DOT_RADIUS + 1.5;
  const boxes: Box[] = [{ x1: f.x - r, y1: f.y - r, x2: f.x + r, y2: f.y + r }];
  if (f.span) boxes.push({ x1: f.x - 4, y1: Math.min(...f.span), x2: f.x + 4, y2: Math.max(...f.span) });
  if (f.glyph.open === 'up') boxes.push({ x1: f.x - 4, y1: f.y - ARROW_LENGTH - 1, x2: f.x + 4, y2: f.y });
  if (f.glyph.open === 'down') boxes.push({ x1: f.x - 4, y1: f.y, x2: f.x + 4, y2: f.y + ARROW_LENGTH + 1 });
  if (f.glyph.struck) boxes.push({ x1: f.x - r - 2, y1: f.y - r - 2, x2: f.x + r + 2, y2: f.y + r + 2 });
  return boxes;
}

/** "Wed 5 Jan", or "5 Jan", or "5": the longest that fits a day's column. */
function fitDay(day: string, width: number, font: number): string {
  return (
    [formatWeekday(day), formatDay(day, false), day.slice(8).replace(/^0/, '')].find(
      (t) => textWidth(t, font, true) <= width,
    ) ?? day.slice(8)
  );
}

function minOf(values: readonly string[]): string {
  return values.reduce((a, b) => (b < a ? b : a));
}

function maxOf(values: readonly string[]): string {
  return values.reduce((a, b) => (b > a ? b : a));
}

/** "24 figures from 5 articles, for 5 to 7 Jan 2022, in 6 panels." and how the most watched toll moved. */
function summarize(panels: readonly Panel[]): string {
  const rows = panels.flatMap((p) => p.rows);
  if (rows.length === 0) return 'No casualty figures match this chart.';
  const days = rows.map((r) => r.as_of ?? '');
  const articles = new Set(rows.map((r) => r.article)).size;
  const span =
    minOf(days) === maxOf(days)
      ? formatDay(minOf(days))
      : `${formatDay(minOf(days), false)} to ${formatDay(maxOf(days))}`;
  const head = `${rows.length} reported figure${rows.length === 1 ? '' : 's'} from ${articles} article${articles === 1 ? '' : 's'}, for ${span}, in ${panels.length} panel${panels.length === 1 ? '' : 's'}.`;
  const trend = trendSentence(panels);
  return trend ? `${head} ${trend}` : head;
}

function describe(panels: readonly Panel[], styles: Map<string, SourceStyle>): string {
  const rows = panels.flatMap((p) => p.rows);
  if (rows.length === 0) return 'No casualty figures match this chart.';
  const days = rows.map((r) => r.as_of ?? '');
  const articles = new Set(rows.map((r) => r.article));
  const head = `${rows.length} reported figure${rows.length === 1 ? '' : 's'} from ${articles.size} article${articles.size === 1 ? '' : 's'}, for ${formatDay(minOf(days), false)} to ${formatDay(maxOf(days))}.`;
  const parts = panels.map((panel) => {
    const byDay = new Map<string, CasualtyRow[]>();
    for (const r of panel.rows) byDay.set(r.as_of ?? '', [...(byDay.get(r.as_of ?? '') ?? []), r]);
    const dayParts = [...byDay.keys()].sort().map((day) => {
      const phrases = (byDay.get(day) ?? []).map(
        (r) =>
          `${r.phrase}${r.status === 'retracted' ? ' (withdrawn)' : r.status === 'disputed' ? ' (disputed)' : r.status === 'projected' ? ' (projected)' : ''} (${styleOf(styles, r.article).name})`,
      );
      return `${formatDay(day, false)}: ${phrases.join(', ')}`;
    });
    return `${panel.title}: ${dayParts.join('; ')}`;
  });
  return `${head} ${parts.join('. ')}.`;
}
