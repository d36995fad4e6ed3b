// A cell's value, on the page: a Plot chart or a built-in chart becomes a
// figure with the built-in charts' furniture (chart-figure.ts), rows with
// `table` in the fence a footnoted table. Every row that is one of the
// story's leads to its quote; a row that names an `article` to the article.
import { h } from 'hastscript';
import type { PhrasingContent, RootContent } from 'mdast';
import type { ChartOutput, RowSource, TableColumn, TableRow } from '../../charts/chart.ts';
import type { ArticleRow, CasualtyRow, ReactionRow } from '../../datasets/schema.ts';
import { chartFigure, container, csv, encodeDataUrl, part, summarize, table } from '../chart-figure.ts';
import { sourceReference } from '../source-footnotes.ts';
import { BuiltinChart, PlotChart } from './charts.ts';
import { CellRuleError } from './runtime.ts';

/** What the fence says: ```js title="…" subtitle="…" description="…" caption="…" echo table */
export interface Fence {
  title?: string;
  subtitle?: string;
  description?: string;
  caption?: string;
  echo?: boolean;
  table?: boolean;
}

/** The story's rows and articles, by id. */
export interface Known {
  rows: ReadonlyMap<string, CasualtyRow | ReactionRow>;
  articles: ReadonlyMap<string, ArticleRow>;
}

/** Fields of the story's rows that the table leaves to the CSV (the quote is the footnote). */
const CSV_ONLY = new Set(['quote', 'start', 'end', 'low', 'high', 'reviewed', 'speaker_as_written']);
/** Fields of the story's rows left out altogether: the footnote quotes the sentence. */
const QUOTED = new Set(['quote', 'start', 'end']);

/** The node a cell's value becomes, or null for nothing to show. Throws a CellRuleError for a value that cannot be drawn. */
export function drawValue(value: unknown, id: string, fence: Fence, known: Known): RootContent | null {
  if (value === undefined || value === null) return null;
  if (value instanceof PlotChart) {
    const { columns, rows } = tableOf(value.rows, known);
    const output: ChartOutput = {
      title: fence.title ?? value.title ?? 'Untitled chart',
      subtitle: fence.subtitle ?? value.subtitle ?? '',
      // The fence's words, or the chart's `ariaDescription` (its first sentence shown), or a count of its rows.
      summary: fence.description
        ? summarize(fence.description)
        : value.description
          ? summarize(value.description, 1)
          : describe(rows.length),
      description: fence.description ?? value.description ?? describe(rows.length),
      wide: renumber(value.wide, `${id}-w`),
      narrow: renumber(value.narrow, `${id}-n`),
      columns,
      rows,
      sources: articlesOf(rows, known),
    };
    const caption = fence.caption ?? value.caption;
    return chartFigure(id, output, caption ? { caption } : {});
  }
  if (value instanceof BuiltinChart) {
    const output: ChartOutput = {
      ...value.output,
      title: fence.title ?? value.output.title,
      subtitle: fence.subtitle ?? value.output.subtitle,
      summary: fence.description ? summarize(fence.description) : value.output.summary,
      description: fence.description ?? value.output.description,
    };
    const caption = fence.caption ?? value.options.caption;
    return chartFigure(id, output, caption ? { caption } : {});
  }
  if (Array.isArray(value) && fence.table) {
    if (!value.every((row) => row !== null && typeof row === 'object' && !Array.isArray(row))) {
      throw new CellRuleError(
        'Cannot draw a table of values that are not rows, expected an array of objects such as `[{source: "…", deaths: 12}]`',
        'cell-value',
      );
    }
    return tableFigure(id, fence, tableOf(value as object[], known), known);
  }
  if (Array.isArray(value)) {
    throw new CellRuleError(
      `Cannot draw an array of ${value.length} value${value.length === 1 ? '' : 's'} in a cell, expected \`table\` in the fence (\`\`\`js table title="…"), a chart, or a declaration`,
      'cell-value',
    );
  }
  throw new CellRuleError(
    `Cannot draw ${kind(value)} in a cell, expected a chart (\`Plot.plot({…})\`, \`charts.…(…)\`), rows with \`table\` in the fence, or nothing (end the cell with a declaration; print values in the text with \`\${…}\`)`,
    'cell-value',
  );
}

/** "a number", "a string", "an object", "a function". */
export function kind(value: unknown): string {
  if (value === null) return '`null`';
  if (typeof value === 'object' && Object.prototype.toString.call(value) === '[object Promise]')
    return 'a promise (cells run once, expected a value)';
  const type = typeof value;
  return type === 'object'
    ? 'an object'
    : type === 'undefined'
      ? '`undefined`'
      : `a${/^[aeiou]/.test(type) ? 'n' : ''} ${type}`;
}

function describe(rows: number): string {
  return `A chart drawn from ${rows} row${rows === 1 ? '' : 's'} of the story's data; the table below lists them.`;
}

/** The rows as table rows: their fields as columns, their provenance as footnotes. */
export function tableOf(rows: readonly object[], known: Known): { columns: TableColumn[]; rows: TableRow[] } {
  const fields: string[] = [];
  const nested = new Set<string>();
  for (const row of rows) {
    // A row of the story is quoted in its footnote and its CSV line names it: its quote and offsets would only
    // make the page heavier (they are in the datasets' own CSV files).
    const own = typeof (row as { id?: unknown }).id === 'string' && known.rows.has((row as { id: string }).id);
    for (const [key, value] of Object.entries(row)) {
      if (own && QUOTED.has(key)) continue;
      if (!fields.includes(key)) fields.push(key);
      if (value !== null && typeof value === 'object' && !isDate(value)) nested.add(key);
    }
  }
  const columns: TableColumn[] = fields.map((field) => ({
    field,
    label: field.charAt(0).toUpperCase() + field.slice(1).replaceAll('_', ' '),
    ...(CSV_ONLY.has(field) || nested.has(field) ? { table: false } : {}),
  }));
  const tableRows = rows.map((row): TableRow => {
    const values: Record<string, string | number | null> = {};
    const sources: RowSource[] = [];
    const add = (source: RowSource) => {
      if (!sources.some((s) => JSON.stringify(s) === JSON.stringify(source))) sources.push(source);
    };
    const record = row as Record<string, unknown>;
    for (const field of fields) values[field] = cellValue(record[field], known, add);
    if (typeof record.id === 'string' && known.rows.has(record.id)) add({ row: record.id });
    else if (typeof record.article === 'string' && known.articles.has(record.article)) add({ article: record.article });
    return { values, sources };
  });
  return { columns, rows: tableRows };
}

/** A field as the table and CSV show it; the story's rows inside it become footnotes. */
function cellValue(value: unknown, known: Known, add: (source: RowSource) => void): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'bigint') return value.toString();
  if (isDate(value)) return isoDay(value as Date);
  if (typeof value !== 'object') return String(value);
  const items: unknown[] = Array.isArray(value) ? value : [value];
  return items
    .map((item) => {
      const id = item !== null && typeof item === 'object' ? (item as { id?: unknown }).id : undefined;
      if (typeof id === 'string' && known.rows.has(id)) {
        add({ row: id });
        return id;
      }
      const shown = cellValue(item, known, add);
      return shown === null ? '' : String(shown);
    })
    .join(' ');
}

function isDate(value: unknown): boolean {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/** "2022-01-07" for a date at midnight UTC, the full ISO time otherwise. */
export function isoDay(date: Date): string {
  const time = Date.prototype.getTime.call(date);
  if (!Number.isFinite(time)) return 'Invalid date';
  const iso = new Date(time).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

function articlesOf(rows: readonly TableRow[], known: Known): string[] {
  const ids = new Set<string>();
  for (const row of rows) {
    for (const source of row.sources) {
      const article = 'row' in source ? known.rows.get(source.row)?.article : source.article;
      if (article) ids.add(article);
    }
  }
  return [...ids].sort();
}

/** Plot's generated ids (clip paths, gradients) made unique to the figure and the same at every build. */
function renumber(element: Element, prefix: string): Element {
  const ids = new Map<string, string>();
  for (const e of [element, ...element.querySelectorAll('[id]')]) {
    const old = e.getAttribute('id');
    if (old === null) continue;
    const fresh = `${prefix}-${ids.size + 1}`;
    ids.set(old, fresh);
    e.setAttribute('id', fresh);
  }
  if (ids.size === 0) return element;
  for (const e of [element, ...element.querySelectorAll('*')]) {
    for (const name of e.getAttributeNames()) {
      const value = e.getAttribute(name) ?? '';
      if (!value.includes('#')) continue;
      e.setAttribute(
        name,
        value.replace(/#([^\s)"']+)/g, (match, id: string) => (ids.has(id) ? `#${ids.get(id)}` : match)),
      );
    }
  }
  return element;
}

/** A footnoted table with a title, a CSV download and its sources: a chart's furniture around a table. */
function tableFigure(
  id: string,
  fence: Fence,
  data: { columns: TableColumn[]; rows: TableRow[] },
  known: Known,
): RootContent {
  const titleId = `${id}-title`;
  const title = fence.title ?? 'Table';
  const sources = articlesOf(data.rows, known);
  const sourceLine: PhrasingContent[] = [];
  if (fence.caption) sourceLine.push({ type: 'text', value: `${fence.caption} ` });
  if (sources.length > 0) {
    sourceLine.push({ type: 'text', value: 'Source: newsbook extraction from ' });
    sources.forEach((article, i) =>
      sourceLine.push({ type: 'text', value: `${i === 0 ? '' : ', '}article ${article}` }, sourceReference(article)),
    );
    sourceLine.push({ type: 'text', value: '.' });
  }
  const head = [h('h3', { id: titleId, className: ['chart-title'] }, title)];
  if (fence.subtitle) head.push(h('p', { className: ['chart-subtitle'] }, fence.subtitle));
  const children: RootContent[] = [
    part('div', { className: ['chart-head'] }, head),
    ...(fence.description
      ? [part('p', { className: ['chart-description'] }, [{ type: 'text' as const, value: fence.description }])]
      : []),
    ...(data.rows.length === 0
      ? [
          part('p', { className: ['chart-description'] }, [
            { type: 'text' as const, value: 'No rows of the data match.' },
          ]),
        ]
      : [
          container('div', { className: ['table-scroll'] }, [table(data)]),
          part('p', { className: ['chart-download'] }, [
            h(
              'a',
              { href: `data:text/csv;charset=utf-8,${encodeDataUrl(csv(data))}`, download: `${id}.csv` },
              'Get the data (CSV)',
            ),
          ]),
        ]),
  ];
  if (sourceLine.length > 0) children.push(container('figcaption', { className: ['chart-source'] }, sourceLine));
  return container('figure', { id, className: ['chart', 'cell-table'], ariaLabelledBy: titleId }, children);
}
