// Where the world stood: foreign governments and organisations × the
// positions they took, each cell the number of articles that reported it.
// The home authorities' own statements (the story's `home`) are not reactions and stay out.
import * as Plot from '@observablehq/plot';
import type { ReactionRow, Stance } from '../datasets/schema.ts';
import type { Layout, StoryContext, TableRow } from './chart.ts';
import { FONT_SIZE, NARROW, WIDE, shortName } from './chart.ts';
import type { Drawing } from './define-chart.ts';
import { defineChart } from './define-chart.ts';
import type { LegendItem } from './encoding.ts';
import { styleOf, sourceStyles } from './encoding.ts';
import type { StanceGroup } from './labels.ts';
import { STANCE_GROUPS, stanceLabel, STANCE_ORDER, stanceGroup } from './labels.ts';
import { compareRowIds } from './panels.ts';
import { textWidth } from './text.ts';

/** A colour per family of stances; at least 3:1 against light and dark pages. */
export const GROUP_COLORS: Record<StanceGroup, string> = {
  backing: '#d55e00',
  restraint: '#0072b2',
  critical: '#a86bc2',
};

export interface Cell {
  actor: string;
  stance: Stance;
  /** Articles reporting it, in id order, each with its sentences. */
  articles: { article: string; rows: ReactionRow[] }[];
  sentences: number;
}

interface Model {
  /** Reactions of others than the home authorities: what the chart shows. */
  foreign: ReactionRow[];
  /** The home authorities' own statements, left out and said so. */
  home: ReactionRow[];
  cells: Cell[];
  actors: string[];
  stances: Stance[];
  styles: ReturnType<typeof sourceStyles>;
  story: StoryContext;
}

export const reactions = defineChart<Model>({
  name: 'reactions',
  filters: [],
  title: 'Where the world stood',
  model(data) {
    const foreign = data.reactions.filter((r) => r.actor !== data.story.home);
    const home = data.reactions.filter((r) => r.actor === data.story.home);
    const cells = toCells(foreign);
    const actors = orderActors(cells);
    const stances = STANCE_ORDER.filter((s) => cells.some((c) => c.stance === s));
    return { foreign, home, cells, actors, stances, styles: sourceStyles(data.articles), story: data.story };
  },
  subtitle: ({ home, story }) => {
    const homeNote = home.length
      ? ` ${capitalizeFirst(story.homeAuthorities ?? 'the home authorities')}’ own statements are left out: ${home.length} sentence${home.length === 1 ? '' : 's'} (${[...new Set(home.map((r) => stanceLabel(r.stance)))].join(', ')}).`
      : '';
    return `How many articles reported each foreign government or organisation taking each position; the darker the cell, the more articles.${homeNote}`;
  },
  summarize: ({ cells, actors, story }) => summarize(cells, actors, story),
  describe: ({ cells, actors, home, story }) => describe(cells, actors, home, story),
  legend: ({ cells, stances }) => legend(cells, stances),
  draw: (model, layout, legendHeight) => draw(model, layout, legendHeight),
  columns: [
    { field: 'actor', label: 'Actor' },
    { field: 'stance', label: 'Position' },
    { field: 'family', label: 'Family', table: false },
    { field: 'articles', label: 'Articles' },
    { field: 'sentences', label: 'Sentences' },
    { field: 'article_ids', label: 'Article ids', table: false },
  ],
  rows: ({ cells, actors, stances }) => tableRows(cells, actors, stances),
  sources: ({ foreign }) => [...new Set(foreign.map((r) => r.article))].sort(),
});

function tableRows(cells: readonly Cell[], actors: readonly string[], stances: readonly Stance[]): TableRow[] {
  return actors.flatMap((actor) =>
    stances.flatMap((stance): TableRow[] => {
      const cell = cells.find((c) => c.actor === actor && c.stance === stance);
      if (!cell) return [];
      return [
        {
          values: {
            actor,
            stance: stanceLabel(stance),
            family: stanceGroup(stance),
            articles: cell.articles.length,
            sentences: cell.sentences,
            article_ids: cell.articles.map((a) => a.article).join(' '),
          },
          // One footnote per article counted: its first sentence with this actor and stance.
          sources: cell.articles.map((a) => ({ row: a.rows[0]?.id ?? '' })),
        },
      ];
    }),
  );
}

export function toCells(rows: readonly ReactionRow[]): Cell[] {
  const cells = new Map<string, Cell>();
  for (const row of [...rows].sort((a, b) => compareRowIds(a.id, b.id))) {
    const key = `${row.actor}\u0000${row.stance}`;
    const cell = cells.get(key) ?? { actor: row.actor, stance: row.stance, articles: [], sentences: 0 };
    const entry = cell.articles.find((a) => a.article === row.article);
    if (entry) entry.rows.push(row);
    else cell.articles.push({ article: row.article, rows: [row] });
    cell.sentences++;
    cells.set(key, cell);
  }
  return [...cells.values()];
}

/**
 * Actors from those backing the authorities to those keeping their distance:
 * by the mean family of their positions (weighted by articles), then by how
 * often they were reported, then by name.
 */
export function orderActors(cells: readonly Cell[]): string[] {
  const rank: Record<StanceGroup, number> = { backing: 0, restraint: 1, critical: 2 };
  const stats = new Map<string, { weight: number; total: number }>();
  for (const c of cells) {
    const s = stats.get(c.actor) ?? { weight: 0, total: 0 };
    s.weight += rank[stanceGroup(c.stance)] * c.articles.length;
    s.total += c.articles.length;
    stats.set(c.actor, s);
  }
  const lean = (a: string) => {
    const s = stats.get(a);
    return s ? s.weight / s.total : 0;
  };
  return [...stats.keys()].sort(
    (a, b) =>
      lean(a) - lean(b) || (stats.get(b)?.total ?? 0) - (stats.get(a)?.total ?? 0) || (a < b ? -1 : a > b ? 1 : 0),
  );
}

const LAYOUT: Record<Layout, { width: number; font: number; rowHeight: number; maxCell: number }> = {
  wide: { width: WIDE, font: FONT_SIZE.wide, rowHeight: 22, maxCell: 40 },
  narrow: { width: NARROW, font: FONT_SIZE.narrow, rowHeight: 22, maxCell: 40 },
};

/** The families of the positions shown, each swatch as dark as the darkest cell. */
function legend(cells: readonly Cell[], stances: readonly Stance[]): LegendItem[] {
  const max = mostArticles(cells);
  return STANCE_GROUPS.filter((g) => stances.some((s) => stanceGroup(s) === g.id)).map((g) => ({
    label: g.label,
    swatch: { kind: 'cell', color: GROUP_COLORS[g.id], opacity: opacity(max, max) },
  }));
}

function mostArticles(cells: readonly Cell[]): number {
  return Math.max(1, ...cells.map((c) => c.articles.length));
}

/** Where the grid's columns, rows and heads fall. */
interface Grid {
  labelWidth: number;
  cellWidth: number;
  rowHeight: number;
  /** The family bar under the column heads; the grid starts under it. */
  barY: number;
  gridTop: number;
  colX: (stance: Stance) => number;
  rowY: (actor: string) => number;
}

function draw(model: Model, layout: Layout, legendHeight: number): Drawing {
  const { cells, actors, stances, story } = model;
  const shortActor = (actor: string) => shortName(story, actor);
  const { width, font, rowHeight, maxCell } = LAYOUT[layout];
  if (cells.length === 0) {
    return {
      marks: [Plot.text(['No reactions match this chart.'], { x: 0, y: legendHeight + 16, textAnchor: 'start' })],
      height: legendHeight + 30,
    };
  }
  const labelWidth = Math.ceil(Math.max(...actors.map((a) => textWidth(shortActor(a), font)))) + 8;
  const cellWidth = Math.min(maxCell, Math.floor((width - labelWidth - 4) / stances.length));
  const headerHeight = Math.ceil(Math.max(...stances.map((s) => textWidth(stanceLabel(s), font)))) + 6;
  const barY = legendHeight + 10 + headerHeight + 3;
  const gridTop = barY + 6;
  const grid: Grid = {
    labelWidth,
    cellWidth,
    rowHeight,
    barY,
    gridTop,
    colX: (s: Stance) => labelWidth + (stances.indexOf(s) + 0.5) * cellWidth,
    rowY: (a: string) => gridTop + (actors.indexOf(a) + 0.5) * rowHeight,
  };
  return {
    marks: [
      ...headMarks(grid, stances),
      ...rowMarks(grid, actors, stances, shortActor),
      ...cellMarks(grid, cells, model.styles),
    ],
    height: gridTop + actors.length * rowHeight + 4,
  };
}

/** Column heads, turned to read upwards; a bar in the family's colour under each family. */
function headMarks({ colX, barY, cellWidth }: Grid, stances: readonly Stance[]): Plot.Markish[] {
  const families = STANCE_GROUPS.map((g) => ({
    id: g.id,
    columns: stances.filter((s) => stanceGroup(s) === g.id),
  })).filter((f) => f.columns.length > 0);
  return [
    Plot.text(stances, {
      x: colX,
      y: barY - 4,
      text: (s: Stance) => stanceLabel(s),
      rotate: -90,
      textAnchor: 'start',
      lineAnchor: 'middle',
    }),
    Plot.rect(families, {
      x1: (f: (typeof families)[number]) => colX(f.columns[0] ?? stances[0] ?? 'sends_troops') - cellWidth / 2 + 1,
      x2: (f: (typeof families)[number]) => colX(f.columns.at(-1) ?? stances[0] ?? 'sends_troops') + cellWidth / 2 - 1,
      y1: barY,
      y2: barY + 4,
      fill: (f: (typeof families)[number]) => GROUP_COLORS[f.id],
    }),
  ];
}

/** Row labels and faint row rules. */
function rowMarks(
  { labelWidth, cellWidth, rowHeight, rowY }: Grid,
  actors: readonly string[],
  stances: readonly Stance[],
  shortActor: (actor: string) => string,
): Plot.Markish[] {
  return [
    Plot.text(actors, { x: labelWidth - 6, y: rowY, text: shortActor, textAnchor: 'end', lineAnchor: 'middle' }),
    Plot.ruleY(actors, {
      x1: 0,
      x2: labelWidth + stances.length * cellWidth,
      y: (a: string) => rowY(a) + rowHeight / 2,
      stroke: 'currentColor',
      strokeOpacity: 0.1,
    }),
  ];
}

/** Cells: the family's colour, darker with more articles, and the number. */
function cellMarks(
  { colX, rowY, cellWidth, rowHeight }: Grid,
  cells: readonly Cell[],
  styles: ReturnType<typeof sourceStyles>,
): Plot.Markish[] {
  const max = mostArticles(cells);
  const pad = 1.5;
  return [
    Plot.rect(cells, {
      x1: (c: Cell) => colX(c.stance) - cellWidth / 2 + pad,
      x2: (c: Cell) => colX(c.stance) + cellWidth / 2 - pad,
      y1: (c: Cell) => rowY(c.actor) - rowHeight / 2 + pad,
      y2: (c: Cell) => rowY(c.actor) + rowHeight / 2 - pad,
      fill: (c: Cell) => GROUP_COLORS[stanceGroup(c.stance)],
      fillOpacity: (c: Cell) => opacity(c.articles.length, max),
      title: (c: Cell) => cellTitle(c, styles),
    }),
    Plot.text(cells, {
      x: (c: Cell) => colX(c.stance),
      y: (c: Cell) => rowY(c.actor),
      text: (c: Cell) => String(c.articles.length),
      lineAnchor: 'middle',
      pointerEvents: 'none',
    }),
  ];
}

/** Paler for one article, darkest for the most; never so dark the number on it loses contrast. */
function opacity(count: number, max: number): number {
  return max <= 1 ? 0.5 : Math.round((0.25 + (0.5 * (count - 1)) / (max - 1)) * 100) / 100;
}

function cellTitle(cell: Cell, styles: ReturnType<typeof sourceStyles>): string {
  const speakers = [
    ...new Set(cell.articles.flatMap((a) => a.rows.map((r) => r.speaker)).filter((s): s is string => s !== null)),
  ];
  const articles = cell.articles.map(
    (a) => `${styleOf(styles, a.article).label}${a.rows.length > 1 ? ` (${a.rows.length} sentences)` : ''}`,
  );
  return `${cell.actor} — ${stanceLabel(cell.stance)}\nReported by ${cell.articles.length} article${cell.articles.length === 1 ? '' : 's'}: ${articles.join('; ')}${speakers.length ? `\nSpeaking: ${speakers.join(', ')}` : ''}`;
}

/** How many actors and articles, and the positions most reported. */
function summarize(cells: readonly Cell[], actors: readonly string[], story: StoryContext): string {
  if (cells.length === 0) return 'No reactions by foreign governments or organisations were found.';
  const articles = new Set(cells.flatMap((c) => c.articles.map((a) => a.article))).size;
  const most = Math.max(...cells.map((c) => c.articles.length));
  const top = cells
    .filter((c) => c.articles.length === most)
    .sort((a, b) => actors.indexOf(a.actor) - actors.indexOf(b.actor));
  const names = top.slice(0, 3).map((c) => `${shortName(story, c.actor)} ${stanceLabel(c.stance)}`);
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
  return `${actors.length} foreign governments and organisations, reported in ${articles} article${articles === 1 ? '' : 's'}. Most reported${top.length > 3 ? ', among others' : ''}: ${list} (${most} article${most === 1 ? '' : 's'}${top.length > 1 ? ' each' : ''}).`;
}

function describe(
  cells: readonly Cell[],
  actors: readonly string[],
  home: readonly ReactionRow[],
  story: StoryContext,
): string {
  const shortActor = (actor: string) => shortName(story, actor);
  if (cells.length === 0) return 'No reactions by foreign governments or organisations were found.';
  const articles = new Set(cells.flatMap((c) => c.articles.map((a) => a.article)));
  const top = [...cells]
    .sort((a, b) => b.articles.length - a.articles.length || actors.indexOf(a.actor) - actors.indexOf(b.actor))
    .slice(0, 4);
  // Every cell, by family and actor: "Russia sends troops (2 articles), blames outside forces (1 article)".
  const count = (c: Cell) => `${c.articles.length} article${c.articles.length === 1 ? '' : 's'}`;
  const families = STANCE_GROUPS.map((g) => {
    const who = actors.flatMap((a) => {
      const own = STANCE_ORDER.flatMap((s) =>
        cells.filter((c) => c.actor === a && c.stance === s && stanceGroup(s) === g.id),
      );
      return own.length
        ? [`${shortActor(a)} ${own.map((c) => `${stanceLabel(c.stance)} (${count(c)})`).join(', ')}`]
        : [];
    });
    return who.length ? `${capitalizeFirst(g.label)}: ${who.join('; ')}` : null;
  }).filter((s): s is string => s !== null);
  const homeNote = home.length
    ? ` ${capitalizeFirst(story.homeAuthorities ?? 'the home authorities')}’ own statements (${home.length}) are not shown.`
    : '';
  return `${actors.length} foreign governments and organisations, reported in ${articles.size} article${articles.size === 1 ? '' : 's'}. Most reported: ${top
    .map(
      (c) =>
        `${shortActor(c.actor)} ${stanceLabel(c.stance)} (${c.articles.length} article${c.articles.length === 1 ? '' : 's'})`,
    )
    .join('; ')}. ${families.join('. ')}.${homeNote}`;
}

function capitalizeFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
