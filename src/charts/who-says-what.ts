// Who says what: for each measure and group, the latest figure each source
// gave, as it wrote it, side by side. Where sources disagree, it shows.
import * as Plot from '@observablehq/plot';
import type { CasualtyRow } from '../datasets/schema.ts';
import { isToll } from '../datasets/schema.ts';
import type { Layout, TableRow } from './chart.ts';
import { FONT_SIZE, NARROW, WIDE } from './chart.ts';
import type { Drawing } from './define-chart.ts';
import { defineChart } from './define-chart.ts';
import type { PlacedGlyph, SourceStyle } from './encoding.ts';
import {
  ARROW_LENGTH,
  DOT_RADIUS,
  figureTitle,
  glyph,
  glyphLegend,
  glyphMarks,
  sourceStyles,
  styleOf,
} from './encoding.ts';
import { GROUP_LABELS, measureLabel, formatDay } from './labels.ts';
import type { Panel } from './panels.ts';
import { headline, panels as toPanels, selectRows } from './panels.ts';
import { niceScale } from './plot.ts';
import { figureWords, panelWords } from './summary.ts';
import { textWidth, wrap } from './text.ts';

/** A source's latest figure in a panel, and how many it gave there. */
export interface Latest {
  panel: Panel;
  row: CasualtyRow;
  source: SourceStyle;
  given: number;
}

interface Model {
  panels: Panel[];
  latest: Latest[];
}

export const whoSaysWhat = defineChart<Model>({
  name: 'who-says-what',
  filters: ['measure', 'group'],
  title: 'Who says what',
  model(data, options) {
    const styles = sourceStyles(data.articles);
    const panels = toPanels(selectRows(data.casualties, options));
    return { panels, latest: panels.flatMap((panel) => latestBySource(panel, styles)) };
  },
  subtitle:
    'The latest figure each article gave for each toll, as written, with who it cited. Bars start at zero; each panel has its own scale.',
  summarize: ({ panels, latest }) => summarize(panels, latest),
  describe: ({ panels, latest }) => describe(panels, latest),
  legend: ({ latest }) => glyphLegend(latest.map((l) => glyph(l.row))),
  draw: ({ panels, latest }, layout, legendHeight) => draw(panels, latest, layout, legendHeight),
  columns: [
    { field: 'measure', label: 'Measure' },
    { field: 'group', label: 'Group' },
    { field: 'source', label: 'Source' },
    { field: 'phrase', label: 'As written' },
    { field: 'value', label: 'Counted as', table: false },
    { field: 'as_of', label: 'Day' },
    { field: 'attribution', label: 'Attributed to' },
    { field: 'figures', label: 'Figures given' },
    { field: 'id', label: 'Row', table: false },
  ],
  rows: ({ latest }) =>
    latest.map((l): TableRow => ({
      values: {
        measure: measureLabel(l.row.measure),
        group: GROUP_LABELS[l.row.group],
        source: l.source.name,
        phrase:
          l.row.phrase +
          (l.row.status === 'retracted' ? ' (withdrawn)' : l.row.status === 'projected' ? ' (projected)' : ''),
        value: l.row.value,
        as_of: l.row.as_of,
        attribution: l.row.attribution,
        figures: l.given,
        id: l.row.id,
      },
      sources: [{ row: l.row.id }],
    })),
  sources: ({ latest }) => [...new Set(latest.map((l) => l.row.article))].sort(),
});

/**
 * Per article, the figure for the latest day it gave (a day-less figure counts
 * as the oldest); of several for that day, the headline one.
 */
export function latestBySource(panel: Panel, styles: Map<string, SourceStyle>): Latest[] {
  const articles = [...new Set(panel.rows.map((r) => r.article))].sort();
  return articles.map((article) => {
    const own = panel.rows.filter((r) => r.article === article);
    const usable = own.some((r) => isToll(r.status)) ? own.filter((r) => isToll(r.status)) : own;
    const lastDay = usable.reduce((d, r) => ((r.as_of ?? '') > d ? (r.as_of ?? '') : d), '');
    const row = headline(usable.filter((r) => (r.as_of ?? '') === lastDay));
    return { panel, row, source: styleOf(styles, article), given: own.length };
  });
}

const LAYOUT: Record<Layout, { width: number; font: number; stacked: boolean; rowHeight: number }> = {
  wide: { width: WIDE, font: FONT_SIZE.wide, stacked: false, rowHeight: 22 },
  narrow: { width: NARROW, font: FONT_SIZE.narrow, stacked: true, rowHeight: 18 },
};

interface Bar extends PlacedGlyph {
  latest: Latest;
  x0: number;
}

function phraseLabel(l: Latest): string {
  const who = l.row.attribution ? `${l.row.attribution}, ` : '';
  const status =
    l.row.status === 'retracted'
      ? ' (withdrawn)'
      : l.row.status === 'disputed'
        ? ' (disputed)'
        : l.row.status === 'projected'
          ? ' (projected)'
          : '';
  return `${l.row.phrase}${status} (${who}${l.row.as_of ? formatDay(l.row.as_of, false) : 'undated'})`;
}

/** What the panels are laid out into, in drawing order. */
interface Layers {
  bars: Bar[];
  titles: { y: number; text: string }[];
  names: { y: number; text: string }[];
  phrases: { x: number; y: number; text: string }[];
  baselines: { x: number; y1: number; y2: number }[];
}

function draw(panels: readonly Panel[], latest: readonly Latest[], layout: Layout, legendHeight: number): Drawing {
  const { font } = LAYOUT[layout];
  let y = legendHeight + 10;
  if (latest.length === 0) {
    return {
      marks: [Plot.text(['No casualty figures match this chart.'], { x: 0, y: y + 6, textAnchor: 'start' })],
      height: y + 20,
    };
  }
  const nameWidth = Math.ceil(Math.max(...latest.map((l) => textWidth(l.source.name, font)))) + 10;
  const layers: Layers = { bars: [], titles: [], names: [], phrases: [], baselines: [] };
  for (const panel of panels) {
    y = layoutPanel(
      latest.filter((l) => l.panel === panel),
      panel.title,
      y,
      LAYOUT[layout],
      nameWidth,
      layers,
    );
  }
  const lineHeight = Math.round(font * 1.3);
  return {
    marks: [
      Plot.text(layers.titles, {
        x: 0,
        y: 'y',
        text: 'text',
        textAnchor: 'start',
        lineAnchor: 'middle',
        fontWeight: 'bold',
      }),
      Plot.text(layers.names, { x: nameWidth - 8, y: 'y', text: 'text', textAnchor: 'end', lineAnchor: 'middle' }),
      Plot.ruleX(layers.baselines, { x: 'x', y1: 'y1', y2: 'y2', stroke: 'currentColor', strokeOpacity: 0.45 }),
      // The stem from zero, so lengths compare; pale, the figure's mark is what counts.
      Plot.ruleY(layers.bars, {
        y: 'y',
        x1: 'x0',
        x2: 'x',
        stroke: (b: Bar) => b.color,
        strokeWidth: 3,
        strokeOpacity: 0.45,
      }),
      ...glyphMarks(layers.bars, 'right'),
      Plot.text(layers.phrases, {
        x: 'x',
        y: 'y',
        text: 'text',
        textAnchor: 'start',
        lineAnchor: 'top',
        lineHeight: lineHeight / font,
      }),
    ],
    height: y - 4,
  };
}

/** A panel at `y`: its title, then a bar per source on the panel's own scale; returns the next panel's top. */
function layoutPanel(
  rows: readonly Latest[],
  title: string,
  y: number,
  { width, font, stacked, rowHeight }: (typeof LAYOUT)[Layout],
  nameWidth: number,
  layers: Layers,
): number {
  const lineHeight = Math.round(font * 1.3);
  const right = width - 4;
  layers.titles.push({ y: y + font / 2, text: title });
  y += lineHeight + 4;
  const x0 = stacked ? 2 : nameWidth;
  // Wide: the phrase follows the bar, so the bars leave room for the longest phrase.
  const room = stacked ? 0 : Math.max(...rows.map((l) => textWidth(phraseLabel(l), font))) + DOT_RADIUS + 8;
  const barWidth = Math.max(
    60,
    right - x0 - room - DOT_RADIUS - 2 - (rows.some((l) => glyph(l.row).open === 'up') ? ARROW_LENGTH : 0),
  );
  const scale = niceScale(Math.max(...rows.map((l) => glyph(l.row).range?.[1] ?? l.row.value)), 4);
  const x = (v: number) => x0 + (v / scale.max) * barWidth;
  const top = y;
  for (const l of rows) {
    let barY: number;
    if (stacked) {
      const lines = wrap(`${l.source.name}: ${phraseLabel(l)}`, width - 8, font);
      layers.phrases.push({ x: 0, y, text: lines.join('\n') });
      barY = y + lines.length * lineHeight + 5;
      y = barY + rowHeight / 2 + 6;
    } else {
      barY = y + rowHeight / 2;
      layers.names.push({ y: barY, text: l.source.name });
      y += rowHeight;
    }
    const bar = toBar(l, x0, barY, x);
    layers.bars.push(bar);
    if (!stacked) {
      const end =
        Math.max(bar.x, bar.span?.[1] ?? 0, bar.glyph.open === 'up' ? bar.x + ARROW_LENGTH : 0) + DOT_RADIUS + 5;
      layers.phrases.push({ x: end, y: barY - lineHeight / 2 + 1, text: phraseLabel(l) });
    }
  }
  layers.baselines.push({ x: x0, y1: top, y2: y - (stacked ? 4 : 0) });
  return y + 12;
}

function toBar(l: Latest, x0: number, y: number, x: (value: number) => number): Bar {
  const gl = glyph(l.row);
  return {
    latest: l,
    x0,
    x: x(l.row.value),
    y,
    glyph: gl,
    color: l.source.color,
    symbol: l.source.symbol,
    title: `${figureTitle(l.row, l.source, `${measureLabel(l.row.measure)}, ${GROUP_LABELS[l.row.group]}`)}\nThe latest of ${l.given} figure${l.given === 1 ? '' : 's'} this article gave here.`,
    ...(gl.range ? { span: [x(gl.range[0]), x(gl.range[1])] as const } : {}),
  };
}

/** How many sources and tolls, and where the latest figures are furthest apart. */
function summarize(panels: readonly Panel[], latest: readonly Latest[]): string {
  if (latest.length === 0) return 'No casualty figures match this chart.';
  const articles = new Set(latest.map((l) => l.row.article)).size;
  const head = `The latest figure from each of ${articles} article${articles === 1 ? '' : 's'}, for ${panels.length} toll${panels.length === 1 ? '' : 's'}.`;
  const spreads = panels
    .map((panel) => {
      const own = latest.filter((l) => l.panel === panel && l.row.status !== 'retracted');
      const low = own.reduce<Latest | null>((a, b) => (a === null || b.row.value < a.row.value ? b : a), null);
      const high = own.reduce<Latest | null>((a, b) => (a === null || b.row.value > a.row.value ? b : a), null);
      return { panel, low, high, ratio: low && high ? high.row.value / Math.max(low.row.value, 1) : 1 };
    })
    .filter((s) => s.ratio > 1)
    .sort((a, b) => b.ratio - a.ratio);
  const widest = spreads[0];
  if (!widest?.low || !widest.high) return `${head} Where several articles give a toll, their latest figures agree.`;
  return `${head} They are furthest apart for ${panelWords(widest.panel)}: from ${figureWords(widest.low.row)} (${widest.low.source.name}) to ${figureWords(widest.high.row)} (${widest.high.source.name}).`;
}

function describe(panels: readonly Panel[], latest: readonly Latest[]): string {
  if (latest.length === 0) return 'No casualty figures match this chart.';
  return `${panels
    .map(
      (panel) =>
        `${panel.title}: ${latest
          .filter((l) => l.panel === panel)
          .map((l) => `${l.source.name}, ${phraseLabel(l)}`)
          .join('; ')}`,
    )
    .join('. ')}.`;
}
