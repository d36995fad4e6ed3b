// What `Plot` and `charts` are inside a cell. `Plot.plot({…})` draws at once,
// at build time, into the build's DOM, in the two layouts every chart has
// (640 px wide and 360 px for phones, text at 12 px), and remembers the rows
// its marks were given, for the table, the CSV and the footnotes.
// `charts.casualtyEvolution(rows, {title})` draws a built-in chart from the
// rows given. Both return an object the figure code recognises; both run
// inside the cell, so its time limit covers them.
import * as Plot from '@observablehq/plot';
import type { ChartData, ChartDefinition, ChartOptions, ChartOutput, Layout } from '../../charts/chart.ts';
import { NARROW, WIDE } from '../../charts/chart.ts';
import { tidy } from '../../charts/plot.ts';
import { GROUPS } from '../../datasets/schema.ts';
import { MEASURE_LABELS } from '../../charts/labels.ts';
import type { CasualtyRow, ReactionRow } from '../../datasets/schema.ts';
import { expected } from '../../common/suggest.ts';
import { CellRuleError } from './runtime.ts';

/** A Plot chart drawn by a cell. */
export class PlotChart {
  constructor(
    readonly title: string | null,
    readonly subtitle: string | null,
    readonly caption: string | null,
    readonly description: string | null,
    readonly wide: Element,
    readonly narrow: Element,
    /** The data of its marks, object rows only, each once. */
    readonly rows: readonly object[],
    /** What Plot warned about while drawing it, each once. */
    readonly warnings: readonly string[],
  ) {}
}

/** A built-in chart called from a cell. */
export class BuiltinChart {
  constructor(
    readonly output: ChartOutput,
    readonly options: ChartOptions,
  ) {}
}

/** Text under 11 px cannot be read on a phone; cells get 12 px, as the built-in charts. */
export const FONT_SIZE = 12;
const MIN_FONT_SIZE = 11;

/** `Plot` for cells: every export, with `plot`, `legend` and each mark's `.plot()` drawing into the build's DOM. */
export function plotForCells(document: Document): Readonly<Record<string, unknown>> {
  const wrapped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(Plot)) {
    if (typeof value === 'function' && /^[a-z]/.test(name)) {
      const fn = value as (...args: unknown[]) => unknown;
      wrapped[name] = (...args: unknown[]) =>
        withPlotMethod(fn(...args.map((arg) => (Array.isArray(arg) ? arg : toHost(arg)))), document);
    } else {
      wrapped[name] = value;
    }
  }
  wrapped.plot = (options: unknown) => drawPlot(toHost(options), document);
  wrapped.legend = () => {
    throw new CellRuleError(
      'Cannot draw a legend on its own in a cell, expected `legend: true` on a scale of `Plot.plot({…})`',
      'cell-value',
    );
  };
  return Object.freeze(wrapped);
}

/**
 * A cell's options object remade in this realm. Plot tells options from
 * other values by `value.toString === Object.prototype.toString`, which an
 * object made in the cells' context fails: `sort: {y: "x"}` would be ignored.
 * Plain objects and arrays are copied (their contents too); anything else
 * (marks, functions, dates, rows inside arrays of data) is kept as it is.
 */
function toHost(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toHost);
  if (value === null || typeof value !== 'object' || Object.prototype.toString.call(value) !== '[object Object]')
    return value;
  const prototype = Object.getPrototypeOf(value) as object | null;
  const plain =
    prototype === null ||
    (Object.getPrototypeOf(prototype) === null && prototype !== Object.prototype && 'hasOwnProperty' in prototype);
  if (!plain) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toHost(item)]));
}

function withPlotMethod(value: unknown, document: Document): unknown {
  if (value instanceof Plot.Mark) {
    Object.defineProperty(value, 'plot', {
      value: (options: { marks?: unknown } = {}) =>
        drawPlot({ ...options, marks: [...toArray(options.marks), value] }, document),
      configurable: true,
    });
  }
  return value;
}

function toArray(value: unknown): unknown[] {
  return value === undefined || value === null ? [] : Array.isArray(value) ? [...(value as unknown[])] : [value];
}

const string = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

function drawPlot(options: unknown, document: Document): PlotChart {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new CellRuleError(
      'Unexpected argument to `Plot.plot`, expected options such as `Plot.plot({marks: [Plot.barY(rows, {x: "article", y: "value"})]})`',
      'cell-value',
    );
  }
  const {
    title,
    subtitle,
    caption,
    ariaDescription,
    document: _document,
    width,
    style,
    ...rest
  } = options as Record<string, unknown>;
  const label = string(title);
  const warnings: string[] = [];
  const draw = (layout: Layout) => {
    // Plot warns on the console; the editor reads the warning at the cell instead.
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
      const text = args
        .map(String)
        .join(' ')
        .replace(/^Warning: /, '');
      if (!warnings.includes(text)) warnings.push(text);
    };
    try {
      return clean(plot(layout), layout);
    } finally {
      console.warn = warn;
    }
  };
  const plot = (layout: Layout) =>
    Plot.plot({
      ...rest,
      document,
      width: layout === 'wide' ? (typeof width === 'number' ? width : WIDE) : NARROW,
      ...(label ? { ariaLabel: label } : {}),
      style: {
        ...(typeof style === 'object' && style !== null ? style : {}),
        fontSize: `${FONT_SIZE}px`,
        overflow: 'visible',
      },
    } as Plot.PlotOptions) as unknown as Element;
  const wide = draw('wide');
  const narrow = draw('narrow');
  const small = smallestFontSize(narrow);
  if (small !== null && small < MIN_FONT_SIZE) {
    throw new CellRuleError(
      `Unexpected font size of ${small} px in a chart, expected ${MIN_FONT_SIZE} px or more so that it reads on a phone (leave \`fontSize\` out: charts use ${FONT_SIZE} px)`,
      'cell-value',
    );
  }
  return new PlotChart(
    label,
    string(subtitle),
    string(caption),
    string(ariaDescription),
    wide,
    narrow,
    markRows(rest.marks),
    warnings,
  );
}

/** Plot's SVG made like the built-in charts' (tidy: no stylesheet, rounded); legends styled inline; no tooltips on phones. */
function clean(element: Element, layout: Layout): Element {
  for (const style of [...element.querySelectorAll('style')]) style.remove();
  if (element.localName === 'svg') tidy(element);
  else {
    // Plot gives a <figure> (legend and chart) when there is a legend: a plain <div> here, inside the cell's own
    // figure, so no browser margin shrinks the chart on a phone.
    const div = element.ownerDocument.createElement('div');
    while (element.firstChild) div.append(element.firstChild);
    element = div;
    for (const svg of [...element.querySelectorAll('svg')]) tidy(svg);
    for (const swatches of [...element.querySelectorAll('[class*="-swatches"]')]) {
      swatches.setAttribute(
        'style',
        `display:flex;flex-wrap:wrap;align-items:center;gap:0 1em;font-size:${FONT_SIZE}px;margin-bottom:.5em`,
      );
    }
    for (const swatch of [...element.querySelectorAll('[class$="-swatch"]')])
      swatch.setAttribute('style', 'display:inline-flex;align-items:center;gap:.5em');
    for (const classed of [...element.querySelectorAll('[class]')]) classed.removeAttribute('class');
  }
  if (layout === 'narrow') for (const title of [...element.querySelectorAll('title')]) title.remove();
  return element;
}

/** The smallest font size set on any element of the chart, in px: its style's, else its attribute's (as CSS decides). */
function smallestFontSize(element: Element): number | null {
  let smallest: number | null = null;
  for (const e of [element, ...element.querySelectorAll('*')]) {
    const declared = /font-size:\s*([\d.]+)px/.exec(e.getAttribute('style') ?? '')?.[1] ?? e.getAttribute('font-size');
    if (declared === null || declared === undefined) continue;
    const size = Number.parseFloat(declared);
    if (Number.isFinite(size)) smallest = smallest === null ? size : Math.min(smallest, size);
  }
  return smallest;
}

/** The object rows the marks were given, in mark order, each once. */
function markRows(marks: unknown): object[] {
  const rows: object[] = [];
  const seen = new Set<object>();
  const visit = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!(value instanceof Plot.Mark)) return;
    const data = (value as { data?: unknown }).data;
    if (data === null || data === undefined || typeof data !== 'object' || !(Symbol.iterator in data)) return;
    for (const row of data as Iterable<unknown>) {
      if (row !== null && typeof row === 'object' && !Array.isArray(row) && !seen.has(row)) {
        seen.add(row);
        rows.push(row);
      }
    }
  };
  visit(marks);
  return rows;
}

const CHART_OPTIONS = ['title', 'caption', 'measure', 'group'] as const;

/** `charts` for cells: each built-in chart as a function of the rows to draw and its options, `casualty-evolution` as `casualtyEvolution`. */
export function chartsForCells(
  builtins: ReadonlyMap<string, ChartDefinition>,
  data: ChartData,
  document: Document,
): Readonly<Record<string, unknown>> {
  const byId = new Map<string, CasualtyRow | ReactionRow>(
    [...data.casualties, ...data.reactions].map((r) => [r.id, r]),
  );
  const charts: Record<string, unknown> = {};
  for (const [name, chart] of builtins) {
    const call = `charts.${camelCase(name)}`;
    charts[camelCase(name)] = (first?: unknown, second?: unknown) => {
      const [rows, options] =
        Array.isArray(first) || second !== undefined ? [first, second ?? {}] : [undefined, first ?? {}];
      const chartOptions = checkOptions(call, options);
      let chartData = data;
      if (rows !== undefined) {
        if (!Array.isArray(rows))
          throw new CellRuleError(
            `Unexpected first argument to \`${call}\`, expected rows of the story (\`casualties\`, \`reactions\` or some of them)`,
            'cell-value',
          );
        const originals = rows.map((row: unknown) => original(call, row, byId));
        chartData = {
          ...data,
          casualties: originals.filter((r): r is CasualtyRow => 'measure' in r),
          reactions: originals.filter((r): r is ReactionRow => 'stance' in r),
        };
      }
      return new BuiltinChart(chart.render(chartData, chartOptions, document), chartOptions);
    };
  }
  return Object.freeze(charts);
}

function checkOptions(call: string, options: unknown): ChartOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new CellRuleError(
      `Unexpected options to \`${call}\`, expected an object such as \`{title: "…"}\``,
      'cell-value',
    );
  }
  const allowed: Record<string, readonly string[]> = { measure: Object.keys(MEASURE_LABELS), group: GROUPS };
  const checked: Record<string, string> = {};
  for (const [key, value] of Object.entries(options)) {
    if (!(CHART_OPTIONS as readonly string[]).includes(key))
      throw new CellRuleError(
        `Unexpected option \`${key}\` to \`${call}\`, ${expected(key, CHART_OPTIONS)}`,
        'cell-value',
      );
    if (value === undefined) continue;
    if (typeof value !== 'string')
      throw new CellRuleError(`Unexpected ${key} ${String(value)} to \`${call}\`, expected text`, 'cell-value');
    const values = allowed[key];
    if (values && !values.includes(value))
      throw new CellRuleError(
        `Unexpected ${key} \`${value}\` to \`${call}\`, ${expected(value, values)}`,
        'cell-value',
      );
    checked[key] = value;
  }
  return checked as ChartOptions;
}

/** A row given to a built-in chart must be one of the story's, unchanged: its footnote quotes it. */
function original(
  call: string,
  row: unknown,
  byId: ReadonlyMap<string, CasualtyRow | ReactionRow>,
): CasualtyRow | ReactionRow {
  const id = row !== null && typeof row === 'object' ? (row as { id?: unknown }).id : undefined;
  const found = typeof id === 'string' ? byId.get(id) : undefined;
  if (!found)
    throw new CellRuleError(
      `Unexpected row in \`${call}\`, expected rows of \`casualties\` or \`reactions\` (filter them, do not make new ones: each row is footnoted to its quote)`,
      'cell-value',
    );
  for (const [key, value] of Object.entries(found)) {
    if ((row as Record<string, unknown>)[key] !== value) {
      throw new CellRuleError(
        `Unexpected change to \`${key}\` of row ${found.id} in \`${call}\`, expected the story's rows as they are (each is footnoted to its quote)`,
        'cell-value',
      );
    }
  }
  return found;
}

export function camelCase(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
