// The words under a chart: what it shows and its main finding, in at most two
// sentences written from the data. The full description (every point in
// words) is each chart's `describe`; this is the part a sighted reader reads.
import type { CasualtyRow } from '../datasets/schema.ts';
import { GROUP_LABELS, MEASURE_LABELS, QUALIFIER_LABELS, formatDay, formatNumber } from './labels.ts';
import type { Panel } from './panels.ts';
import { headline } from './panels.ts';

/** "at least 8", "18", "dozens": a figure as the article gave it, in the chart's words. */
export function figureWords(row: CasualtyRow): string {
  if (row.qualifier === 'vague') return `“${row.phrase.replace(/^["“”]+|["“”]+$/g, '')}”`;
  if (row.qualifier === 'exact') return formatNumber(row.value);
  return `${QUALIFIER_LABELS[row.qualifier]} ${formatNumber(row.value)}`;
}

/** "security forces killed", "people in hospital". */
export function panelWords(panel: Pick<Panel, 'measure' | 'group'>): string {
  return `${panel.group === 'all' ? 'people' : GROUP_LABELS[panel.group]} ${MEASURE_LABELS[panel.measure]}`;
}

/** "5 Jan", "6 and 7 Jan", "5, 6 and 7 Jan" (days of one month, as the stories have them). */
export function dayList(days: readonly string[]): string {
  const sameMonth = days.every((d) => d.slice(0, 7) === days[0]?.slice(0, 7));
  const words = days.map((d, i) =>
    sameMonth && i < days.length - 1 ? d.slice(8).replace(/^0/, '') : formatDay(d, false),
  );
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/**
 * How the highest figure of the panel that moved most went, day by day:
 * "The highest figure for security forces killed rose from at least 8 on 5 Jan
 * to more than 18 on 6 Jan and 18 on 7 Jan", "… rose from at least 128 on
 * 4 Nov to 157 on 5 Nov, then 153 on 9 Nov." Null when no panel has two days.
 */
export function trendSentence(panels: readonly Panel[]): string | null {
  const candidates = panels
    .map((panel) => {
      const rows = panel.rows.filter((r) => r.as_of !== null && r.status !== 'retracted');
      const days = [...new Set(rows.map((r) => r.as_of ?? ''))].sort();
      return { panel, days: days.map((day) => ({ day, row: headline(rows.filter((r) => r.as_of === day)) })) };
    })
    .filter((c) => c.days.length >= 2)
    .sort(
      (a, b) =>
        Number(b.panel.measure === 'killed') - Number(a.panel.measure === 'killed') ||
        b.days.length - a.days.length ||
        b.panel.rows.length - a.panel.rows.length,
    );
  const best = candidates[0];
  if (!best) return null;
  // Days in a row with the same figure are said together.
  const runs: { words: string; value: number; days: string[] }[] = [];
  for (const { day, row } of best.days) {
    const words = figureWords(row);
    const last = runs.at(-1);
    if (last && last.words === words) last.days.push(day);
    else runs.push({ words, value: row.value, days: [day] });
  }
  const shown =
    runs.length <= 3
      ? runs
      : [runs[0]!, runs.reduce((a, b) => (b.value > a.value ? b : a)), runs.at(-1)!].filter(
          (r, i, all) => all.indexOf(r) === i,
        );
  const first = shown[0]!;
  const rest = shown.slice(1);
  const peak = Math.max(...shown.map((r) => r.value));
  const verb =
    rest.length === 0
      ? 'stayed at'
      : peak > first.value
        ? 'rose from'
        : shown.at(-1)!.value < first.value
          ? 'fell from'
          : 'went from';
  const at = (r: (typeof runs)[number]) => `${r.words} on ${dayList(r.days)}`;
  const list = (rs: readonly (typeof runs)[number][]) =>
    rs
      .map(at)
      .join(rs.length > 2 ? ', ' : ' and ')
      .replace(/, ([^,]*)$/, ' and $1');
  // "rose from 128 to 157 and 153" would say 153 was higher: the figures after the turn come after "then".
  const turn = rest.findIndex((r, i) => {
    const before = i === 0 ? first.value : rest[i - 1]!.value;
    return verb === 'rose from' ? r.value < before : verb === 'fell from' && r.value > before;
  });
  const tail =
    rest.length === 0
      ? ''
      : turn > 0
        ? ` to ${list(rest.slice(0, turn))}, then ${list(rest.slice(turn))}`
        : ` to ${list(rest)}`;
  return `The highest figure for ${panelWords(best.panel)} ${turn === 0 ? 'went from' : verb} ${at(first)}${tail}.`;
}
