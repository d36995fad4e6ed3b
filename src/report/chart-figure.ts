// A chart's furniture, Datawrapper-style: title, subtitle, the plot (its
// narrow layout, scaled to the column), what it shows in a sentence or two and the full
// description on request, the source line, and the data as a table (each row
// footnoted to its quote) and as a CSV download.
import type { ElementContent } from 'hast';
import { fromDom } from 'hast-util-from-dom';
import { h } from 'hastscript';
import type { PhrasingContent, RootContent, Table, TableCell, TableRow as MdastTableRow } from 'mdast';
import type { ChartOptions, ChartOutput, RowSource } from '../charts/chart.ts';
import { compact } from '../charts/plot.ts';
import { toCsv } from '../datasets/csv.ts';
import { inLanguage, quoteReference } from './quote-footnotes.ts';
import { sourceReference } from './source-footnotes.ts';

/**
 * An mdast node that becomes `<figure>`, in reading order: title and
 * subtitle, the plot, what it shows in at most two sentences, the full
 * description behind "Describe this chart", the source line, then the data
 * (table and CSV). Footnotes are numbered in that order.
 */
export function chartFigure(id: string, output: ChartOutput, options: ChartOptions): RootContent {
  const titleId = `${id}-title`;
  const descriptionId = `${id}-description`;
  const name = id.replace(/^chart-\d+-/, '');
  // One rendering, the narrow one: drawn for a phone (text at 12 px there), it scales up to a readable size on
  // a wide screen, and the page carries each chart once. It is one image, named by the title and described by
  // the full description (a screen reader gets it even while its disclosure is closed), so the SVG's own label goes.
  const plot = (element: Element) =>
    h('div', { className: ['chart-plot'], role: 'img', ariaLabelledBy: titleId, ariaDescribedBy: descriptionId }, [
      plotTree(element),
    ]);

  const children: RootContent[] = [
    part('div', { className: ['chart-head'] }, [
      h('h3', { id: titleId, className: ['chart-title'] }, output.title),
      h('p', { className: ['chart-subtitle'] }, output.subtitle),
    ]),
    part('div', { className: ['chart-plots'] }, [plot(output.narrow)]),
    part('p', { className: ['chart-summary'] }, [{ type: 'text', value: output.summary }]),
    part('details', { className: ['chart-describe'] }, [
      h('summary', 'Describe this chart'),
      h('p', { id: descriptionId, className: ['chart-description'] }, output.description),
    ]),
    sourceLine(output.sources, options.caption),
    container('details', { className: ['chart-data'] }, [
      container('summary', {}, [
        {
          type: 'text',
          value: `The data behind this chart (${output.rows.length} row${output.rows.length === 1 ? '' : 's'})`,
        },
      ]),
      container('div', { className: ['table-scroll'] }, [table(output)]),
    ]),
    part('p', { className: ['chart-download'] }, [
      h(
        'a',
        { href: `data:text/csv;charset=utf-8,${encodeDataUrl(csv(output))}`, download: `${name}.csv` },
        'Get the data (CSV)',
      ),
    ]),
  ];
  return container('figure', { id, className: ['chart'], ariaLabelledBy: titleId }, children);
}

// The dev server hands back the same drawing while the data and the chart's
// options stay (src/dev/chart-cache.ts): compacting and converting it again
// was a sixth of a warm rebuild. Later plugins may change the tree: each page gets a copy.
const plotTrees = new WeakMap<Element, ElementContent>();

/** A drawing as the page's SVG: compacted (on a copy), without its own label. */
function plotTree(element: Element): ElementContent {
  let svg = plotTrees.get(element);
  if (!svg) {
    const copy = element.cloneNode(true) as Element;
    compact(copy);
    svg = fromDom(copy as unknown as Node) as ElementContent;
    if (svg.type === 'element') delete svg.properties.ariaLabel;
    plotTrees.set(element, svg);
  }
  return structuredClone(svg);
}

/** "Source: newsbook extraction from article 000¹, article 003²." after the editor's caption: before the table, so its notes come first. */
export function sourceLine(articles: readonly string[], caption?: string): RootContent {
  const line: PhrasingContent[] = [];
  if (caption) line.push({ type: 'text', value: `${caption} ` });
  if (articles.length > 0) {
    line.push({ type: 'text', value: 'Source: newsbook extraction from ' });
    articles.forEach((article, i) => {
      line.push({ type: 'text', value: `${i === 0 ? '' : ', '}article ${article}` }, sourceReference(article));
    });
    line.push({ type: 'text', value: '.' });
  }
  return container('p', { className: ['chart-source'] }, line);
}

/** The first `count` sentences of a description: what a sighted reader is shown of it under the chart. */
export function summarize(text: string, count = 2): string {
  return text
    .split(/(?<=[.!?][”’)]?)\s+(?=[A-Z0-9“‘(])/)
    .slice(0, count)
    .join(' ');
}

/** The table readers see: the columns meant for it, then the footnotes leading to each row's quote. */
export function table(output: Pick<ChartOutput, 'columns' | 'rows'>): Table {
  const columns = output.columns.filter((c) => c.table !== false);
  const cell = (children: PhrasingContent[]): TableCell => ({ type: 'tableCell', children });
  const head: MdastTableRow = {
    type: 'tableRow',
    children: [
      ...columns.map((c) => cell([{ type: 'text', value: c.label }])),
      cell([{ type: 'text', value: 'Quote' }]),
    ],
  };
  const body = output.rows.map((row): MdastTableRow => ({
    type: 'tableRow',
    children: [...columns.map((c) => cell(text(row.values[c.field]))), cell(row.sources.flatMap(reference))],
  }));
  return { type: 'table', align: [...columns.map(() => null), null], children: [head, ...body] };
}

function text(value: string | number | null | undefined): PhrasingContent[] {
  if (value === null || value === undefined || value === '') return [];
  return [{ type: 'text', value: typeof value === 'number' ? value.toLocaleString('en-US') : value }];
}

/** A dataset row leads to its quote's footnote; a passage of an article is quoted here, with the article's footnote. */
function reference(source: RowSource): PhrasingContent[] {
  if ('row' in source) return [quoteReference(source.row)];
  if (source.quote === undefined) return [sourceReference(source.article)];
  return [
    { type: 'text', value: '“' },
    inLanguage(source.quote),
    { type: 'text', value: '”' },
    sourceReference(source.article),
  ];
}

/** The CSV: every column, then the dataset rows (or articles) each line comes from. */
export function csv(output: Pick<ChartOutput, 'columns' | 'rows'>): string {
  const fields = [...output.columns.map((c) => c.field), 'sources'];
  const rows = output.rows.map((row) => ({
    ...row.values,
    sources: row.sources.map((s) => ('row' in s ? s.row : s.article)).join(' '),
  }));
  return toCsv(fields, rows);
}

/**
 * Percent-encodes only what a `data:` URL in an attribute must not hold
 * (line breaks, quotes, `#`, `%`, `&`, `<`, `>`, `?`), leaving letters,
 * digits, spaces, punctuation and non-ASCII text as they are: a URL parser
 * keeps the spaces of a `data:` URL's body, so prose costs a byte a space,
 * not three.
 */
export function encodeDataUrl(text: string): string {
  let out = '';
  for (const char of text) {
    if (/[A-Za-z0-9\-_.!~*'(),:;/@=+$ ]/.test(char) || (char.codePointAt(0) ?? 0) > 0x9f) out += char;
    else out += encodeURIComponent(char);
  }
  // A space at the very end would be trimmed from the URL: it stays encoded.
  return out.replace(/ +$/, (spaces) => '%20'.repeat(spaces.length));
}

/** A childless mdast node whose hast children are given: `hChildren` replaces them. */
export function part(
  tagName: string,
  properties: Record<string, unknown>,
  children: ElementContent[] | { type: 'text'; value: string }[],
): RootContent {
  return {
    type: 'chartPart',
    children: [],
    data: { hName: tagName, hProperties: properties, hChildren: children },
  } as unknown as RootContent;
}

/** An mdast node rendered as `tagName` around mdast children (so footnote references inside stay references). */
export function container(
  tagName: string,
  properties: Record<string, unknown>,
  children: readonly unknown[],
): RootContent {
  return { type: 'chartPart', children, data: { hName: tagName, hProperties: properties } } as unknown as RootContent;
}
