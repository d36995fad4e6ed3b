// How the charts encode what they show, shared so a source looks the same in
// every chart and a vague or withdrawn figure is drawn the same way everywhere.
import * as Plot from '@observablehq/plot';
import type { ArticleRow, CasualtyRow } from '../datasets/schema.ts';
import { isToll } from '../datasets/schema.ts';
import { formatDay, formatNumber } from './labels.ts';
import { textWidth } from './text.ts';

/**
 * Colours for sources, in a fixed order. Each has at least 3:1 contrast with
 * both the light (#fff) and the dark (#16161a) page, as WCAG asks of marks,
 * and the first five are Okabe–Ito hues, told apart with colour-blindness.
 */
export const PALETTE = [
  '#0072b2',
  '#d55e00',
  '#009e73',
  '#cc79a7',
  '#8f7f00',
  '#7f7fd5',
  '#168aad',
  '#bc6c25',
] as const;

/** What Plot's dot mark calls to draw a custom symbol (d3-shape's SymbolType). */
export interface SymbolImplementation {
  draw(
    context: {
      moveTo(x: number, y: number): void;
      lineTo(x: number, y: number): void;
      arc(x: number, y: number, r: number, a0: number, a1: number): void;
      closePath(): void;
    },
    size: number,
  ): void;
}

/** A symbol per source as well as a colour, so sources are told apart without colour. */
const CIRCLE: SymbolImplementation = {
  draw: (c, size) => {
    const r = Math.sqrt(size / Math.PI);
    c.moveTo(r, 0);
    c.arc(0, 0, r, 0, 2 * Math.PI);
  },
};
export const SHAPES: readonly SymbolImplementation[] = [
  CIRCLE,
  {
    draw: (c, size) => {
      const s = Math.sqrt(size) / 2;
      c.moveTo(-s, -s);
      c.lineTo(s, -s);
      c.lineTo(s, s);
      c.lineTo(-s, s);
      c.closePath();
    },
  },
  {
    draw: (c, size) => {
      const a = Math.sqrt((4 * size) / Math.sqrt(3));
      const h = (a * Math.sqrt(3)) / 2;
      c.moveTo(0, (-2 * h) / 3);
      c.lineTo(a / 2, h / 3);
      c.lineTo(-a / 2, h / 3);
      c.closePath();
    },
  },
  {
    draw: (c, size) => {
      const d = Math.sqrt(size / 2);
      c.moveTo(0, -d);
      c.lineTo(d, 0);
      c.lineTo(0, d);
      c.lineTo(-d, 0);
      c.closePath();
    },
  },
  {
    draw: (c, size) => {
      const s = Math.sqrt((2 * size) / (3 * Math.sqrt(3)));
      for (let i = 0; i < 6; i++) {
        const a = (Math.PI / 3) * i + Math.PI / 6;
        if (i === 0) c.moveTo(s * Math.cos(a), s * Math.sin(a));
        else c.lineTo(s * Math.cos(a), s * Math.sin(a));
      }
      c.closePath();
    },
  },
];

export interface SourceStyle {
  article: string;
  /** "Al Mayadeen English" or "Article 000". */
  name: string;
  /** The name with the publication day: "Article 000, 6 Jan". */
  label: string;
  color: string;
  symbol: SymbolImplementation;
}

/** Styles keyed by article id. Assigned in the order of all the articles, so a filter never changes a source's colour. */
export function sourceStyles(articles: readonly ArticleRow[]): Map<string, SourceStyle> {
  const sorted = [...articles].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return new Map(
    sorted.map((article, i) => {
      const name = article.outlet ?? `Article ${article.id}`;
      return [
        article.id,
        {
          article: article.id,
          name,
          label: `${name}, ${formatDay(article.published, false)}`,
          color: PALETTE[i % PALETTE.length] ?? 'currentColor',
          symbol: SHAPES[i % SHAPES.length] ?? CIRCLE,
        },
      ] as const;
    }),
  );
}

/** The style of an article missing from the articles dataset: still drawn, in the text colour. */
export function styleOf(styles: Map<string, SourceStyle>, article: string): SourceStyle {
  return (
    styles.get(article) ?? {
      article,
      name: `Article ${article}`,
      label: `Article ${article}`,
      color: 'currentColor',
      symbol: CIRCLE,
    }
  );
}

/** How one reported figure is drawn. */
export interface Glyph {
  /** Vague words and withdrawn figures: an outline only, never a solid mark. */
  hollow: boolean;
  /** Withdrawn: crossed out as well. */
  struck: boolean;
  /** Disputed: a pale fill. */
  faded: boolean;
  /** An open-ended figure: "more than", "at least" point up; "up to", "fewer than" down. */
  open: 'up' | 'down' | null;
  /** Low and high when they differ (a vague word's range). */
  range: readonly [number, number] | null;
}

export function glyph(row: CasualtyRow): Glyph {
  const open = row.high === null && row.low !== null ? 'up' : row.low === null && row.high !== null ? 'down' : null;
  return {
    hollow: row.qualifier === 'vague' || !isToll(row.status),
    struck: row.status === 'retracted',
    faded: row.status === 'disputed',
    open,
    range: row.low !== null && row.high !== null && row.high > row.low ? [row.low, row.high] : null,
  };
}

/** A figure in a few characters, for a label next to its mark: "≥8", ">2,000", "≈750", "dozens". */
export function compactFigure(row: CasualtyRow): string {
  const n = formatNumber(row.value);
  const text = {
    exact: n,
    about: `≈${n}`,
    at_least: `≥${n}`,
    more_than: `>${n}`,
    up_to: `≤${n}`,
    fewer_than: `<${n}`,
    vague: row.phrase.toLowerCase(),
  }[row.qualifier];
  return row.status === 'disputed' ? `${text}?` : text;
}

/** A figure placed in pixels: the value at (x, y); `span` is its range along the value axis, in pixels. */
export interface PlacedGlyph {
  x: number;
  y: number;
  glyph: Glyph;
  color: string;
  symbol: SymbolImplementation;
  /** Pixel positions of low and high along the value axis, when the figure is a range. */
  span?: readonly [number, number];
  title?: string;
}

export const DOT_RADIUS = 4.5;
/** The page behind the chart (light or dark); white where the page does not say. */
export const BACKGROUND = 'var(--plot-background, #fff)';
export const ARROW_LENGTH = 13;

/**
 * The marks for figures in pixel space. `axis` is the direction values grow in:
 * 'up' when the value axis is vertical, 'right' when it is horizontal.
 */
export function glyphMarks(glyphs: readonly PlacedGlyph[], axis: 'up' | 'right'): Plot.Markish[] {
  return [
    ...rangeMarks(
      glyphs.filter((g) => g.span),
      axis,
    ),
    arrowMarks(
      glyphs.filter((g) => g.glyph.open),
      axis,
    ),
    ...dotMarks(glyphs),
  ];
}

/** A range is a line from low to high with a short cap at its high end. */
function rangeMarks(ranges: readonly PlacedGlyph[], axis: 'up' | 'right'): Plot.Markish[] {
  return [
    axis === 'up'
      ? Plot.ruleX(ranges, {
          x: 'x',
          y1: (g: PlacedGlyph) => g.span?.[0],
          y2: (g: PlacedGlyph) => g.span?.[1],
          stroke: (g: PlacedGlyph) => g.color,
          strokeWidth: 1.5,
        })
      : Plot.ruleY(ranges, {
          y: 'y',
          x1: (g: PlacedGlyph) => g.span?.[0],
          x2: (g: PlacedGlyph) => g.span?.[1],
          stroke: (g: PlacedGlyph) => g.color,
          strokeWidth: 1.5,
        }),
    Plot.link(ranges, {
      ...(axis === 'up'
        ? {
            x1: (g: PlacedGlyph) => g.x - 3,
            x2: (g: PlacedGlyph) => g.x + 3,
            y1: (g: PlacedGlyph) => g.span?.[1],
            y2: (g: PlacedGlyph) => g.span?.[1],
          }
        : {
            y1: (g: PlacedGlyph) => g.y - 3,
            y2: (g: PlacedGlyph) => g.y + 3,
            x1: (g: PlacedGlyph) => g.span?.[1],
            x2: (g: PlacedGlyph) => g.span?.[1],
          }),
      stroke: (g: PlacedGlyph) => g.color,
      strokeWidth: 1.5,
    }),
  ];
}

/** An open-ended figure's arrow, pointing the way its value is open. */
function arrowMarks(arrows: readonly PlacedGlyph[], axis: 'up' | 'right'): Plot.Markish {
  const step = (g: PlacedGlyph, sign: number) =>
    axis === 'up' ? { x: g.x, y: g.y - sign * ARROW_LENGTH } : { x: g.x + sign * ARROW_LENGTH, y: g.y };
  return Plot.arrow(arrows, {
    x1: 'x',
    y1: 'y',
    x2: (g: PlacedGlyph) => step(g, g.glyph.open === 'up' ? 1 : -1).x,
    y2: (g: PlacedGlyph) => step(g, g.glyph.open === 'up' ? 1 : -1).y,
    stroke: (g: PlacedGlyph) => g.color,
    strokeWidth: 1.5,
    headLength: 6,
    insetStart: DOT_RADIUS,
  });
}

/**
 * The figures' dots, and a cross over withdrawn ones. The tooltip goes on the
 * dot only, once per figure.
 */
function dotMarks(glyphs: readonly PlacedGlyph[]): Plot.Markish[] {
  const title = (g: PlacedGlyph) => g.title ?? null;
  const dots = (filter: (g: PlacedGlyph) => boolean, fill: (g: PlacedGlyph) => string, extra: Plot.DotOptions = {}) =>
    Plot.dot(glyphs.filter(filter), {
      x: 'x',
      y: 'y',
      r: DOT_RADIUS,
      symbol: (g: PlacedGlyph) => g.symbol,
      stroke: (g: PlacedGlyph) => g.color,
      fill,
      strokeWidth: 1.5,
      title,
      ...extra,
    });
  return [
    // Stated figures solid; disputed ones pale; vague words and withdrawn figures an outline on the background.
    dots(
      (g) => !g.glyph.hollow && !g.glyph.faded,
      (g) => g.color,
    ),
    dots(
      (g) => g.glyph.faded && !g.glyph.hollow,
      (g) => g.color,
      { fillOpacity: 0.3 },
    ),
    dots(
      (g) => g.glyph.hollow,
      () => BACKGROUND,
    ),
    Plot.dot(
      glyphs.filter((g) => g.glyph.struck),
      { x: 'x', y: 'y', r: DOT_RADIUS + 2.5, symbol: 'times', stroke: 'currentColor', strokeWidth: 1.5 },
    ),
  ];
}

/** One entry of a legend: a swatch drawn with the chart's own marks, and its words. */
export interface LegendItem {
  label: string;
  swatch:
    | { kind: 'glyph'; glyph: Glyph; color: string; symbol: SymbolImplementation }
    | { kind: 'cell'; color: string; opacity: number }
    | { kind: 'symbol'; symbol: SymbolImplementation | Plot.SymbolName; color: string };
}

const SWATCH = 16;
const SWATCH_GAP = 5;
const ITEM_GAP = 14;

/** A legend that wraps to `width`, drawn at (x, y) in pixels: the marks and the height it takes. */
export function legendMarks(
  items: readonly LegendItem[],
  x: number,
  y: number,
  width: number,
  fontSize: number,
): { marks: Plot.Markish[]; height: number } {
  const tall = items.some(
    (i) => i.swatch.kind === 'glyph' && (i.swatch.glyph.range !== null || i.swatch.glyph.open !== null),
  );
  const lineHeight = Math.max(tall ? 26 : SWATCH + 4, Math.round(fontSize * 1.5));
  let cx = x;
  let cy = y + lineHeight / 2;
  const placed: { item: LegendItem; x: number; y: number }[] = [];
  for (const item of items) {
    const itemWidth = SWATCH + SWATCH_GAP + textWidth(item.label, fontSize);
    if (cx > x && cx + itemWidth > x + width) {
      cx = x;
      cy += lineHeight;
    }
    placed.push({ item, x: cx, y: cy });
    cx += itemWidth + ITEM_GAP;
  }
  const glyphs: PlacedGlyph[] = [];
  const cells: { x: number; y: number; color: string; opacity: number }[] = [];
  const symbols: { x: number; y: number; color: string; symbol: SymbolImplementation | Plot.SymbolName }[] = [];
  for (const { item, x: sx, y: sy } of placed) {
    const { swatch } = item;
    const center = sx + SWATCH / 2;
    if (swatch.kind === 'cell') cells.push({ x: sx, y: sy, color: swatch.color, opacity: swatch.opacity });
    else if (swatch.kind === 'symbol') symbols.push({ x: center, y: sy, color: swatch.color, symbol: swatch.symbol });
    else {
      // A range or an arrow needs the height of the swatch: the dot goes at the bottom.
      const dy = swatch.glyph.range !== null || swatch.glyph.open === 'up' ? 5 : swatch.glyph.open === 'down' ? -5 : 0;
      glyphs.push({
        x: center,
        y: sy + dy,
        glyph: swatch.glyph,
        color: swatch.color,
        symbol: swatch.symbol,
        ...(swatch.glyph.range ? { span: [sy + dy, sy + dy - 10] as const } : {}),
      });
    }
  }
  const legendArrows = glyphs.map((g) => ({ ...g, glyph: { ...g.glyph, open: null } }));
  const arrows = glyphs.filter((g) => g.glyph.open);
  const marks: Plot.Markish[] = [
    ...glyphMarks(legendArrows, 'up'),
    Plot.arrow(arrows, {
      x1: 'x',
      x2: 'x',
      y1: 'y',
      y2: (g: PlacedGlyph) => (g.glyph.open === 'up' ? g.y - 12 : g.y + 12),
      stroke: (g: PlacedGlyph) => g.color,
      strokeWidth: 1.5,
      headLength: 5,
      insetStart: DOT_RADIUS,
    }),
    Plot.rect(cells, {
      x1: 'x',
      x2: (d) => d.x + SWATCH,
      y1: (d) => d.y - SWATCH / 2,
      y2: (d) => d.y + SWATCH / 2,
      fill: 'color',
      fillOpacity: 'opacity',
    }),
    Plot.dot(symbols, { x: 'x', y: 'y', r: DOT_RADIUS, symbol: 'symbol', fill: 'color' }),
    Plot.text(placed, {
      x: (d) => d.x + SWATCH + SWATCH_GAP,
      y: 'y',
      text: (d) => d.item.label,
      textAnchor: 'start',
      lineAnchor: 'middle',
    }),
  ];
  return { marks, height: cy - y + lineHeight / 2 };
}

/** Words for the legend of casualty figures: only the encodings the data uses. */
export function glyphLegend(glyphs: readonly Glyph[]): LegendItem[] {
  const base: Glyph = { hollow: false, struck: false, faded: false, open: null, range: null };
  const item = (label: string, g: Partial<Glyph>): LegendItem => ({
    label,
    swatch: { kind: 'glyph', glyph: { ...base, ...g }, color: 'currentColor', symbol: CIRCLE },
  });
  const items: LegendItem[] = [item('number as stated', {})];
  if (glyphs.some((g) => g.range)) items.push(item('vague word, line to its range', { hollow: true, range: [0, 1] }));
  if (glyphs.some((g) => g.open === 'up')) items.push(item('“more than”, “at least”', { open: 'up' }));
  if (glyphs.some((g) => g.open === 'down')) items.push(item('“up to”, “fewer than”', { open: 'down' }));
  if (glyphs.some((g) => g.faded)) items.push(item('disputed', { faded: true }));
  if (glyphs.some((g) => g.struck)) items.push(item('withdrawn, not a fact', { hollow: true, struck: true }));
  return items;
}

/** "Article 000, 6 Jan, says 18 (Interior Ministry)": a figure's tooltip. */
export function figureTitle(row: CasualtyRow, source: SourceStyle, what: string): string {
  const status =
    row.status === 'retracted'
      ? ' — later withdrawn'
      : row.status === 'disputed'
        ? ' — disputed'
        : row.status === 'projected'
          ? ' — a projection, not a count'
          : '';
  const by = row.attribution ? `, citing ${row.attribution}` : '';
  return `${row.phrase} ${what}${status}\n${source.label}${by}; refers to ${row.as_of ? formatDay(row.as_of, false) : 'an unknown day'} (row ${row.id})`;
}
