// A chart's furniture, Datawrapper-style: title, subtitle, the plot (wide and
// narrow, switched by CSS), a description in words, the source line with
// footnotes, the data as a table and as a CSV download.
import type { Element as HastElement, ElementContent } from 'hast';
import { fromDom } from 'hast-util-from-dom';
import { h } from 'hastscript';
import type { PhrasingContent, RootContent } from 'mdast';
import type { ChartOptions, ChartOutput } from '../charts/chart.ts';
import { toCsv } from '../datasets/csv.ts';
import { sourceReference } from './source-footnotes.ts';

/** An mdast node that becomes `<figure>`; its source line keeps real footnote references. */
export function chartFigure(id: string, output: ChartOutput, options: ChartOptions): RootContent {
  const titleId = `${id}-title`;
  const descriptionId = `${id}-description`;
  const hast = (children: ElementContent[], className: string) => block(className, children);
  const plot = (element: Element, layout: 'wide' | 'narrow') =>
    h('div', { className: ['chart-plot', `chart-${layout}`], role: 'img', ariaLabel: `${output.title}. ${output.description}` }, [
      fromDom(element as unknown as Node) as ElementContent,
    ]);
  const sourceLine: PhrasingContent[] = [{ type: 'text', value: 'Source: newsbook extraction from ' }];
  output.sources.forEach((article, i) => {
    sourceLine.push({ type: 'text', value: `${i === 0 ? '' : ', '}article ${article}` }, sourceReference(article));
  });
  sourceLine.push({ type: 'text', value: '.' });
  const csv = toCsv(output.columns.map((c) => c.field), output.rows);

  const children: RootContent[] = [
    hast([h('h3', { id: titleId, className: ['chart-title'] }, output.title)], 'chart-head'),
    hast([h('p', { className: ['chart-subtitle'] }, output.subtitle)], 'chart-sub'),
    hast([plot(output.wide, 'wide'), plot(output.narrow, 'narrow')], 'chart-plots'),
    hast([h('p', { id: descriptionId, className: ['chart-description'] }, output.description)], 'chart-words'),
    {
      type: 'paragraph',
      data: { hName: 'figcaption', hProperties: { className: ['chart-source'] } },
      children: [...(options.caption ? [{ type: 'text' as const, value: `${options.caption} ` }] : []), ...sourceLine],
    },
    hast(
      [
        h('details', { className: ['chart-data'] }, [
          h('summary', 'The data behind this chart'),
          h('div', { className: ['table-scroll'] }, [table(output)]),
        ]),
        h('p', { className: ['chart-download'] }, [
          h('a', { href: `data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`, download: `${id.replace(/^chart-\d+-/, '')}.csv` }, 'Get the data (CSV)'),
        ]),
      ],
      'chart-foot',
    ),
  ];
  return {
    type: 'chartFigure',
    data: { hName: 'figure', hProperties: { id, className: ['chart'], ariaLabelledBy: titleId, ariaDescribedBy: descriptionId } },
    children,
  } as unknown as RootContent;
}

function table(output: ChartOutput): HastElement {
  return h('table', [
    h('thead', [h('tr', output.columns.map((c) => h('th', { scope: 'col' }, c.label)))]),
    h('tbody', output.rows.map((row) => h('tr', output.columns.map((c) => h('td', String(row[c.field] ?? '')))))),
  ]);
}

function block(className: string, children: ElementContent[]): RootContent {
  // A childless mdast node whose hast children are given: `hChildren` replaces them.
  return { type: 'chartPart', children: [], data: { hName: 'div', hProperties: { className: [className] }, hChildren: children } } as unknown as RootContent;
}
