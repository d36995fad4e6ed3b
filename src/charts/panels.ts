// Casualty figures come in panels, one per measure and group ("killed:
// security forces"): figures of different panels count different things and
// are never drawn on one scale.
import { GROUPS, isToll } from '../datasets/schema.ts';
import type { CasualtyRow, Group, Measure } from '../datasets/schema.ts';
import type { ChartOptions } from './chart.ts';
import { CHART_MEASURES, GROUP_LABELS, MEASURE_LABELS, measureLabel } from './labels.ts';

export interface Panel {
  key: string;
  measure: Measure;
  group: Group;
  /** "Killed: security forces". */
  title: string;
  rows: CasualtyRow[];
}

/** The rows an editor's `measure` and `group` attributes select. */
export function selectRows(rows: readonly CasualtyRow[], options: ChartOptions): CasualtyRow[] {
  return rows.filter(
    (r) => (!options.measure || r.measure === options.measure) && (!options.group || r.group === options.group),
  );
}

/** Panels in a fixed order (measures, then groups, as the contract lists them), rows in dataset order. */
export function panels(rows: readonly CasualtyRow[]): Panel[] {
  const byKey = new Map<string, Panel>();
  // The codebook's measures in its order (a story's own after the base ones), then any other a row holds.
  const measures =
    CHART_MEASURES.length > 0 ? CHART_MEASURES : [...Object.keys(MEASURE_LABELS), ...rows.map((r) => r.measure)];
  for (const measure of new Set(measures)) {
    for (const group of GROUPS) {
      const inPanel = rows.filter((r) => r.measure === measure && r.group === group);
      if (inPanel.length === 0) continue;
      const title = `${capitalize(measureLabel(measure))}: ${GROUP_LABELS[group]}`;
      byKey.set(`${measure}/${group}`, { key: `${measure}/${group}`, measure, group, title, rows: inPanel });
    }
  }
  return [...byKey.values()];
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Dataset order of row ids ("002-c10" after "002-c9"). */
export function compareRowIds(a: string, b: string): number {
  const [pa = '', na = '0'] = a.split(/-[a-z](?=\d+$)/);
  const [pb = '', nb = '0'] = b.split(/-[a-z](?=\d+$)/);
  return pa < pb ? -1 : pa > pb ? 1 : Number(na) - Number(nb);
}

/**
 * The one figure that stands for several (of a day, or of a source): never a
 * withdrawn one when another exists, then a number before a vague word, then
 * the highest, then an open-ended one ("more than 18" before "18"), then the first reported.
 */
export function headline(rows: readonly CasualtyRow[]): CasualtyRow {
  const rank = (r: CasualtyRow) => [
    isToll(r.status) ? 1 : 0,
    r.qualifier === 'vague' ? 0 : 1,
    r.value,
    r.qualifier === 'more_than' || r.qualifier === 'at_least' ? 1 : 0,
  ];
  const sorted = [...rows].sort((a, b) => compareRowIds(a.id, b.id));
  return sorted.reduce((best, r) => {
    const [a, b] = [rank(r), rank(best)];
    for (let i = 0; i < a.length; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0) ? r : best;
    return best;
  });
}
