// `::chart{name="casualty-evolution" title="…" caption="…" measure="…" group="…"}`
// → a <figure> with the chart and its furniture, rendered at build time.
import type { Root } from 'mdast';
import type {} from 'mdast-util-directive';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { ChartData, ChartDefinition, ChartOptions } from '../charts/chart.ts';
import { GROUPS } from '../datasets/schema.ts';
import { MEASURE_LABELS } from '../charts/labels.ts';
import { chartFigure } from './chart-figure.ts';
import { expected } from '../common/suggest.ts';
import { fail } from '../common/problems.ts';

export interface RemarkChartOptions {
  charts: ReadonlyMap<string, ChartDefinition>;
  data: ChartData;
  document: Document;
}

const ATTRIBUTES = ['name', 'title', 'caption', 'measure', 'group'] as const;
const VALUES: Partial<Record<(typeof ATTRIBUTES)[number], readonly string[]>> = {
  measure: Object.keys(MEASURE_LABELS),
  group: GROUPS,
};

export default function remarkChart(options: RemarkChartOptions) {
  return (tree: Root, file: VFile) => {
    let count = 0;
    visit(tree, 'leafDirective', (node, index, parent) => {
      if (node.name !== 'chart' || !parent || index === undefined) return;
      const refuse = (reason: string, ruleId: string) => fail(file, reason, node.position, ruleId);
      const attributes = node.attributes ?? {};
      let valid = true;
      for (const [key, value] of Object.entries(attributes)) {
        const allowed = VALUES[key as keyof typeof VALUES];
        if (!(ATTRIBUTES as readonly string[]).includes(key)) {
          refuse(`Unexpected attribute \`${key}\` on \`::chart\`, ${expected(key, ATTRIBUTES)}`, 'chart-attribute');
          valid = false;
        } else if (allowed && !allowed.includes(value ?? '')) {
          refuse(`Unexpected ${key} \`${value}\` on \`::chart\`, ${expected(value ?? '', allowed)}`, 'chart-attribute');
          valid = false;
        }
      }
      const name = attributes.name ?? '';
      const chart = options.charts.get(name);
      if (!chart) {
        refuse(
          name
            ? `Unexpected unknown chart \`${name}\`, ${expected(name, [...options.charts.keys()])}`
            : `Missing chart name, expected \`::chart{name="…"}\` with one of ${[...options.charts.keys()].map((c) => `\`${c}\``).join(', ')}`,
          'chart-unknown',
        );
        return;
      }
      if (!valid) return;
      const unavailable = chart.unavailable?.(options.data) ?? null;
      if (unavailable !== null) {
        refuse(unavailable, 'chart-unavailable');
        return;
      }
      const chartOptions = Object.fromEntries(
        Object.entries(attributes).filter(([key]) => key !== 'name'),
      ) as ChartOptions;
      const output = chart.render(options.data, chartOptions, options.document);
      parent.children[index] = chartFigure(`chart-${++count}-${name}`, output, chartOptions);
    });
  };
}
