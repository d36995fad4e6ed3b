// The days of the unrest, one under the other: the key events (data, each
// with its source passage), the tolls given for each day (the highest figure
// per measure and group) and the first reported reactions of each actor.
import * as Plot from '@observablehq/plot';
import type { CasualtyRow, ReactionRow, Stance } from '../datasets/schema.ts';
import { isToll } from '../datasets/schema.ts';
import type { Layout, RowSource } from './chart.ts';
import { FONT_SIZE, NARROW, WIDE, shortName } from './chart.ts';
import type { Drawing } from './define-chart.ts';
import { defineChart } from './define-chart.ts';
import type { LegendItem, SymbolImplementation } from './encoding.ts';
import { SHAPES } from './encoding.ts';
import type { StanceGroup } from './labels.ts';
import {
  GROUP_LABELS,
  measureLabel,
  STANCE_GROUPS,
  stanceLabel,
  STANCE_ORDER,
  daysBetween,
  formatDay,
  formatWeekday,
  stanceGroup,
} from './labels.ts';
import { capitalize, compareRowIds, headline, panels } from './panels.ts';
import { GROUP_COLORS } from './reactions.ts';
import { wrap } from './text.ts';
import type { TimelineEvent } from './timeline-events.ts';

export type ItemKind = 'event' | 'toll' | StanceGroup;

export interface TimelineItem {
  day: string;
  kind: ItemKind;
  text: string;
  sources: RowSource[];
}

const TOLL_COLOR = '#d55e00';
const KIND_LABELS: Record<ItemKind, string> = {
  event: 'event',
  toll: 'toll',
  backing: 'first reaction: backs the authorities',
  restraint: 'first reaction: concern, restraint',
  critical: 'first reaction: criticism, distance',
};

interface Model {
  items: TimelineItem[];
  /** Every day from the first item's to the last's, those with none too. */
  days: string[];
}

export const timeline = defineChart<Model>({
  name: 'timeline',
  filters: [],
  unavailable: (data) =>
    data.events === null
      ? `Cannot draw the timeline: the story has no key events; create \`${data.story.timelineFile}\` with them (see the README)`
      : null,
  title: 'Day by day',
  model(data) {
    const known = new Set(data.articles.map((a) => a.id));
    const items = timelineItems(
      (data.events ?? []).filter((e) => known.has(e.article)),
      data.casualties,
      data.reactions.filter((r) => r.actor !== data.story.home),
      (actor) => shortName(data.story, actor),
    );
    return { items, days: items.length ? daysBetween(items[0]?.day ?? '', items.at(-1)?.day ?? '') : [] };
  },
  subtitle:
    'The key events, the tolls given for each day (the highest figure per group), and the first time each foreign government or organisation was reported taking each position.',
  summarize: ({ items, days }) => summarize(items, days),
  describe: ({ items, days }) => describe(items, days),
  legend: ({ items }) => legend(items),
  draw: ({ items, days }, layout, legendHeight) => draw(items, days, layout, legendHeight),
  columns: [
    { field: 'day', label: 'Day' },
    { field: 'kind', label: 'What' },
    { field: 'text', label: 'Entry' },
  ],
  rows: ({ items }) =>
    items.map((item) => ({
      values: { day: item.day, kind: KIND_LABELS[item.kind], text: item.text },
      sources: item.sources,
    })),
  sources: ({ items }) =>
    [
      ...new Set(
        items.flatMap((i) => i.sources.map((s) => ('row' in s ? s.row.replace(/-[a-z]\d+$/, '') : s.article))),
      ),
    ].sort(),
});

/** Everything the timeline shows, by day: events, then tolls, then first reactions. */
export function timelineItems(
  events: readonly TimelineEvent[],
  casualties: readonly CasualtyRow[],
  reactions: readonly ReactionRow[],
  shortActor: (actor: string) => string = (actor) => actor,
): TimelineItem[] {
  const items: TimelineItem[] = [];
  for (const e of events)
    items.push({ day: e.day, kind: 'event', text: e.text, sources: [{ article: e.article, quote: e.quote }] });

  // Tolls: for each day and measure, the highest figure each group was given (withdrawn figures never).
  const dated = casualties.filter((r) => r.as_of !== null && isToll(r.status));
  for (const day of [...new Set(dated.map((r) => r.as_of ?? ''))].sort()) {
    const ofDay = dated.filter((r) => r.as_of === day);
    for (const measure of [...new Set(panels(ofDay).map((p) => p.measure))]) {
      const picks = panels(ofDay.filter((r) => r.measure === measure)).map((p) => headline(p.rows));
      // The group, and "disputed" when the highest figure is one: never passed off as the toll.
      const notes = (r: CasualtyRow) =>
        [r.group === 'all' ? '' : GROUP_LABELS[r.group], r.status === 'disputed' ? 'disputed' : '']
          .filter(Boolean)
          .join(', ');
      const text = `${capitalize(measureLabel(measure))}: ${picks.map((r) => `${r.phrase.charAt(0).toLowerCase()}${r.phrase.slice(1)}${notes(r) ? ` (${notes(r)})` : ''}`).join(', ')}`;
      items.push({ day, kind: 'toll', text, sources: picks.map((r) => ({ row: r.id })) });
    }
  }

  // First reactions: the first day each actor was reported taking each position, grouped by family,
  // and actors with the same positions that day together.
  const first = new Map<string, ReactionRow>();
  for (const r of [...reactions]
    .filter((r) => r.as_of !== null)
    .sort((a, b) =>
      (a.as_of ?? '') < (b.as_of ?? '') ? -1 : (a.as_of ?? '') > (b.as_of ?? '') ? 1 : compareRowIds(a.id, b.id),
    )) {
    const key = `${r.actor}\u0000${r.stance}`;
    if (!first.has(key)) first.set(key, r);
  }
  const firsts = [...first.values()];
  for (const day of [...new Set(firsts.map((r) => r.as_of ?? ''))].sort()) {
    for (const family of STANCE_GROUPS) {
      const rows = firsts.filter((r) => r.as_of === day && stanceGroup(r.stance) === family.id);
      const byActor = new Map<string, ReactionRow[]>();
      for (const r of rows) byActor.set(r.actor, [...(byActor.get(r.actor) ?? []), r]);
      const bySet = new Map<string, { actors: string[]; stances: Stance[]; rows: ReactionRow[] }>();
      for (const [actor, actorRows] of byActor) {
        const stances = STANCE_ORDER.filter((s) => actorRows.some((r) => r.stance === s));
        const key = stances.join(' ');
        const entry = bySet.get(key) ?? { actors: [], stances, rows: [] };
        entry.actors.push(actor);
        entry.rows.push(...actorRows);
        bySet.set(key, entry);
      }
      for (const entry of bySet.values()) {
        items.push({
          day,
          kind: family.id,
          text: `${entry.actors.map(shortActor).join(', ')}: ${entry.stances.map((s) => stanceLabel(s)).join(', ')}`,
          // One footnote per actor: its first sentence of the day in this family.
          sources: entry.actors.map((actor) => ({ row: entry.rows.find((r) => r.actor === actor)?.id ?? '' })),
        });
      }
    }
  }
  const order: ItemKind[] = ['event', 'toll', 'backing', 'restraint', 'critical'];
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) =>
      a.item.day < b.item.day
        ? -1
        : a.item.day > b.item.day
          ? 1
          : order.indexOf(a.item.kind) - order.indexOf(b.item.kind) || a.index - b.index,
    )
    .map(({ item }) => item);
}

const LAYOUT: Record<Layout, { width: number; font: number; spine: number; stacked: boolean }> = {
  wide: { width: WIDE, font: FONT_SIZE.wide, spine: 84, stacked: false },
  narrow: { width: NARROW, font: FONT_SIZE.narrow, spine: 50, stacked: true },
};

function color(kind: ItemKind): string {
  return kind === 'event' ? 'currentColor' : kind === 'toll' ? TOLL_COLOR : GROUP_COLORS[kind];
}

const KIND_LEGEND: Record<ItemKind, string> = {
  event: 'event',
  toll: 'toll given for the day',
  backing: 'first reaction: backs the authorities',
  restraint: 'first reaction: concern, restraint',
  critical: 'first reaction: criticism, distance',
};

const DIAMOND = SHAPES[3] ?? 'diamond';
const SYMBOLS: Record<ItemKind, SymbolImplementation | Plot.SymbolName> = {
  event: 'circle',
  toll: 'triangle',
  backing: DIAMOND,
  restraint: DIAMOND,
  critical: DIAMOND,
};

/** The kinds of entry shown, in the order of a day's entries. */
function legend(items: readonly TimelineItem[]): LegendItem[] {
  const kinds = (['event', 'toll', 'backing', 'restraint', 'critical'] as const).filter((k) =>
    items.some((i) => i.kind === k),
  );
  return kinds.map((k) => ({
    label: KIND_LEGEND[k],
    swatch: { kind: 'symbol', symbol: SYMBOLS[k], color: color(k) },
  }));
}

/** The days laid out one under the other: what each mark draws, and where the spine starts and the last day ends. */
interface Days {
  dayLabels: { y: number; text: string }[];
  dayDots: { y: number }[];
  bullets: { x: number; y: number; kind: ItemKind; title: string }[];
  texts: { y: number; text: string; kind: ItemKind }[];
  empty: { y: number }[];
  spineTop: number;
  bottom: number;
}

function draw(items: readonly TimelineItem[], days: readonly string[], layout: Layout, legendHeight: number): Drawing {
  const laid = layoutDays(items, days, layout, legendHeight + 14);
  return { marks: dayMarks(laid, layout), height: laid.bottom };
}

function layoutDays(items: readonly TimelineItem[], days: readonly string[], layout: Layout, top: number): Days {
  const { width, font, spine, stacked } = LAYOUT[layout];
  const lineHeight = Math.round(font * 1.35);
  const textWidthMax = width - (spine + 22) - 2;
  const laid: Days = { dayLabels: [], dayDots: [], bullets: [], texts: [], empty: [], spineTop: top, bottom: top };
  let y = top;
  for (const day of days) {
    laid.dayDots.push({ y: y + lineHeight / 2 });
    laid.dayLabels.push({ y, text: stacked ? formatWeekday(day).replace(' ', '\n') : formatWeekday(day) });
    const ofDay = items.filter((i) => i.day === day);
    if (ofDay.length === 0) {
      laid.empty.push({ y });
      y += (stacked ? 2 : 1) * lineHeight + 10;
      continue;
    }
    const dayTop = y;
    for (const item of ofDay) {
      const lines = wrap(item.text, textWidthMax, font);
      laid.bullets.push({
        x: spine + 11,
        y: y + lineHeight / 2,
        kind: item.kind,
        title: `${formatDay(item.day, false)} — ${KIND_LABELS[item.kind]}: ${item.text}`,
      });
      laid.texts.push({ y, text: lines.join('\n'), kind: item.kind });
      y += lines.length * lineHeight + 4;
    }
    y = Math.max(y, dayTop + (stacked ? 2 : 1) * lineHeight) + 10;
  }
  laid.bottom = y;
  return laid;
}

/** The spine with a dot per day, the day names, "nothing" for empty days, and each entry's bullet and text. */
function dayMarks(laid: Days, layout: Layout): Plot.Markish[] {
  const { font, spine } = LAYOUT[layout];
  const lineHeight = Math.round(font * 1.35);
  const textX = spine + 22;
  const lastDot = laid.dayDots.at(-1)?.y ?? laid.spineTop;
  return [
    Plot.ruleX([spine], {
      x: (d: number) => d,
      y1: laid.spineTop + lineHeight / 2,
      y2: lastDot,
      stroke: 'currentColor',
      strokeOpacity: 0.35,
    }),
    Plot.dot(laid.dayDots, {
      x: spine,
      y: 'y',
      r: 4,
      fill: 'var(--plot-background, #fff)',
      stroke: 'currentColor',
      strokeWidth: 1.5,
    }),
    Plot.text(laid.dayLabels, {
      x: spine - 10,
      y: 'y',
      text: 'text',
      textAnchor: 'end',
      lineAnchor: 'top',
      fontWeight: 'bold',
      lineHeight: lineHeight / font,
    }),
    Plot.text(laid.empty, {
      x: textX,
      y: 'y',
      text: () => 'nothing in these sources',
      textAnchor: 'start',
      lineAnchor: 'top',
      fillOpacity: 0.75,
      fontStyle: 'italic',
    }),
    ...(Object.keys(SYMBOLS) as ItemKind[]).map((kind) =>
      Plot.dot(
        laid.bullets.filter((b) => b.kind === kind),
        { x: 'x', y: 'y', r: 4, symbol: SYMBOLS[kind], fill: color(kind), title: 'title' },
      ),
    ),
    Plot.text(laid.texts, {
      x: textX,
      y: 'y',
      text: 'text',
      textAnchor: 'start',
      lineAnchor: 'top',
      lineHeight: lineHeight / font,
    }),
  ];
}

/** What the days hold, and when the first toll and the first foreign reaction came. */
function summarize(items: readonly TimelineItem[], days: readonly string[]): string {
  if (items.length === 0) return 'No events, tolls or reactions to show.';
  const events = items.filter((i) => i.kind === 'event').length;
  const firstOf = (test: (i: TimelineItem) => boolean) => items.find(test)?.day ?? null;
  const toll = firstOf((i) => i.kind === 'toll');
  const reaction = firstOf((i) => i.kind !== 'event' && i.kind !== 'toll');
  const head = `${events} key event${events === 1 ? '' : 's'} over ${days.length} day${days.length === 1 ? '' : 's'}, ${formatDay(days[0] ?? '', false)} to ${formatDay(days.at(-1) ?? '')}.`;
  const firsts = [
    toll ? `the first toll was given for ${formatDay(toll, false)}` : null,
    reaction ? `the first foreign reaction reported on ${formatDay(reaction, false)}` : null,
  ].filter(Boolean);
  return firsts.length ? `${head} In these sources ${firsts.join(' and ')}.` : head;
}

function describe(items: readonly TimelineItem[], days: readonly string[]): string {
  if (items.length === 0) return 'No events, tolls or reactions to show.';
  const parts = days.map((day) => {
    const ofDay = items.filter((i) => i.day === day);
    if (ofDay.length === 0) return `${formatWeekday(day)}: nothing in these sources`;
    const events = ofDay.filter((i) => i.kind === 'event').map((i) => i.text);
    const tolls = ofDay.filter((i) => i.kind === 'toll').map((i) => i.text);
    const reactions = ofDay.filter((i) => i.kind !== 'event' && i.kind !== 'toll').map((i) => i.text);
    const segments = [
      events.join('; '),
      tolls.length ? `Tolls given: ${tolls.join('; ')}` : '',
      reactions.length ? `First reactions: ${reactions.join('; ')}` : '',
    ];
    return `${formatWeekday(day)}: ${segments.filter(Boolean).join('. ')}`;
  });
  return `${formatDay(days[0] ?? '', false)} to ${formatDay(days.at(-1) ?? '')}. ${parts.join('. ')}.`;
}
