// Notebook cells: a ```js fence runs at build time, in order, in one scope
// per story (cells/runtime.ts); its value is drawn where it stands
// (cells/figure.ts), and `${expr}` in the text prints a value
// (cells/inline.ts). Problems are messages at the story's line and column;
// the page gets SVG, tables and text, never the code (unless the fence says
// `echo`) nor a script.
import type { Code, Parent, PhrasingContent, Root, RootContent, Text } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { ChartData, ChartDefinition } from '../charts/chart.ts';
import * as d3 from 'd3';
import { PlotChart, chartsForCells, plotForCells } from './cells/charts.ts';
import type { Fence, Known } from './cells/figure.ts';
import { drawValue } from './cells/figure.ts';
import { findExpressions, printValue } from './cells/inline.ts';
import type { ParsedCell } from './cells/parse.ts';
import { CellSyntaxError, parseCell } from './cells/parse.ts';
import type { Origin } from './cells/runtime.ts';
import { CellError, CellRuntime, noRandom } from './cells/runtime.ts';
import { expected } from '../common/suggest.ts';
import type { CellCache, CellOutputs } from './cells/cache.ts';
import { fail } from '../common/problems.ts';

export interface RemarkCellsOptions {
  data: ChartData;
  document: Document;
  /** The built-in charts, offered to cells as `charts.<camelCaseName>`. */
  charts: ReadonlyMap<string, ChartDefinition>;
  /** The live preview's memory of the last cells' output (cells/cache.ts). */
  cache?: CellCache;
}

const FENCE_ATTRIBUTES = ['title', 'subtitle', 'description', 'caption', 'echo', 'table'] as const;
const FLAGS = new Set(['echo', 'table']);

interface Cell {
  node: Code;
  parent: Parent;
  origin: Origin;
  fence: Fence;
  parsed: ParsedCell | null;
}

interface Inline {
  node: Text;
  parent: Parent;
}

export default function remarkCells(options: RemarkCellsOptions) {
  return (tree: Root, file: VFile) => {
    const cells: Cell[] = [];
    const inlines: Inline[] = [];
    visit(tree, (node, _index, parent) => {
      if (!parent) return;
      if (node.type === 'code' && node.lang === 'js') cells.push(toCell(node, parent, file));
      if (node.type === 'text' && node.value.includes('${')) inlines.push({ node, parent });
    });
    if (cells.length === 0 && inlines.length === 0) return;
    // Everything the outputs depend on besides the data: the cells as written and the text holding expressions.
    const signature = [
      ...cells.map((c) => `${c.node.meta ?? ''}\n${c.node.value}`),
      ...inlines.map((i) => i.node.value),
    ];
    const cached = options.cache?.get(signature);
    if (cached) return replaceAll(cells, inlines, cached);
    const outputs = runAll(cells, inlines, file, options);
    if (outputs === null) return;
    options.cache?.set(signature, outputs);
    replaceAll(cells, inlines, outputs);
  };
}

/** What replaces each cell and each text with expressions; null when one failed (its message is on the file). */
function runAll(
  cells: readonly Cell[],
  inlines: readonly Inline[],
  file: VFile,
  options: RemarkCellsOptions,
): CellOutputs | null {
  const runtime = createRuntime(String(file.path), options);
  const known: Known = {
    rows: new Map([...options.data.casualties, ...options.data.reactions].map((r) => [r.id, r])),
    articles: new Map(options.data.articles.map((a) => [a.id, a])),
  };
  parseCells(cells, runtime, file);
  if (file.messages.some((m) => m.fatal && m.ruleId?.startsWith('cell-'))) return null;
  const cellOutputs = runCells(cells, runtime, known, file);
  if (cellOutputs === null) return null;
  const source = String(file.value);
  const lines = lineStarts(source);
  const inlineOutputs: PhrasingContent[][] = [];
  for (const { node } of inlines) {
    const replacement = printInline(node, source, lines, runtime, known, file);
    if (replacement === null) return null;
    inlineOutputs.push(replacement);
  }
  return { cells: cellOutputs, inlines: inlineOutputs };
}

function failCell(file: VFile, error: CellError): void {
  fail(file, error.message, { line: error.line, column: error.column }, error.ruleId);
}

// Every cell is parsed first: all syntax errors at once, and every declared name known for "declared later".
function parseCells(cells: readonly Cell[], runtime: CellRuntime, file: VFile): void {
  for (const cell of cells) {
    try {
      cell.parsed = parseCell(cell.node.value);
      for (const { name, point } of cell.parsed.declarations) runtime.expect(name, cell.origin.line + point.line - 1);
    } catch (error) {
      if (!(error instanceof CellSyntaxError)) throw error;
      const { line, column } = error.point;
      failCell(
        file,
        new CellError(
          error.message,
          cell.origin.line + line - 1,
          line === 1 ? cell.origin.column + column - 1 : cell.origin.indent + column,
          error.ruleId,
        ),
      );
    }
  }
}

// Then they run in order; the first that fails stops the rest, which would fail after it.
function runCells(cells: readonly Cell[], runtime: CellRuntime, known: Known, file: VFile): RootContent[][] | null {
  const outputs: RootContent[][] = [];
  let figures = 0;
  for (const cell of cells) {
    let nodes: RootContent[];
    try {
      const values = runtime.runCell(cell.node.value, cell.origin, cell.parsed as ParsedCell);
      for (const warning of values.flatMap((value) => (value instanceof PlotChart ? value.warnings : []))) {
        file.message(`Unexpected data for Plot: ${warning}`, {
          place: { line: cell.origin.line, column: cell.origin.column },
          ruleId: 'cell-plot-warning',
          source: 'newsbook',
        });
      }
      nodes = runtime.limited(cell.origin, () =>
        values.flatMap((value) => {
          const node = drawValue(value, `cell-${figures + 1}`, cell.fence, known);
          if (node) figures++;
          return node ? [node] : [];
        }),
      );
    } catch (error) {
      if (!(error instanceof CellError)) throw error;
      failCell(file, error);
      return null;
    }
    outputs.push(cell.fence.echo ? [cell.node, ...nodes] : nodes);
  }
  return outputs;
}

/** A text's `${…}` expressions evaluated and printed in its place; null when one failed. */
function printInline(
  node: Text,
  source: string,
  lines: readonly number[],
  runtime: CellRuntime,
  known: Known,
  file: VFile,
): PhrasingContent[] | null {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  const { found, unclosed } = findExpressions(
    node.value,
    start !== undefined && end !== undefined ? source.slice(start, end) : node.value,
    start ?? 0,
  );
  const nodeStart = { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
  const at = (offset: number | null) => (offset === null || start === undefined ? nodeStart : point(lines, offset));
  if (unclosed !== null) {
    const place = at(unclosed);
    failCell(
      file,
      new CellError(
        'Unexpected `${` without its `}` in the same run of text, expected `${expression}` (write `\\${` to print `${`)',
        place.line,
        place.column - 2,
        'cell-syntax',
      ),
    );
    return null;
  }
  const replacement: PhrasingContent[] = [];
  let last = 0;
  for (const expression of found) {
    const place = at(expression.offset);
    const origin: Origin = {
      line: place.line,
      column: place.column,
      indent: 0,
      prefix: 1,
      lastLine: place.line + (expression.expression.match(/\n/g)?.length ?? 0),
    };
    try {
      const value = runtime.evaluate(expression.expression, origin);
      const printed = runtime.limited(origin, () => printValue(value, known));
      if (expression.start > last) replacement.push({ type: 'text', value: node.value.slice(last, expression.start) });
      replacement.push(...printed);
      last = expression.end;
    } catch (error) {
      if (!(error instanceof CellError)) throw error;
      failCell(file, error);
      return null;
    }
  }
  if (found.length === 0) replacement.push(node);
  else if (last < node.value.length) replacement.push({ type: 'text', value: node.value.slice(last) });
  return replacement;
}

/** Each cell and each text with expressions replaced by its output. */
function replaceAll(cells: readonly Cell[], inlines: readonly Inline[], outputs: CellOutputs): void {
  cells.forEach((cell, i) =>
    cell.parent.children.splice(
      cell.parent.children.indexOf(cell.node),
      1,
      ...(outputs.cells[i] as typeof cell.parent.children),
    ),
  );
  inlines.forEach(({ node, parent }, i) =>
    parent.children.splice(parent.children.indexOf(node), 1, ...(outputs.inlines[i] as typeof parent.children)),
  );
}

/**
 * d3 for cells: its random generators and `shuffle` draw from a source that
 * throws (they captured `Math.random` when d3 loaded); `.source(d3.randomLcg(seed))`
 * gives the seeded ones.
 */
function d3ForCells(): Readonly<Record<string, unknown>> {
  const copy: Record<string, unknown> = { ...d3 };
  for (const [name, value] of Object.entries(d3)) {
    const seedable = value as { source?: (source: () => number) => unknown };
    if (/^random(?!Lcg$)/.test(name) && typeof seedable.source === 'function') copy[name] = seedable.source(noRandom);
  }
  copy.shuffle = (d3.shuffler as (random: () => number) => unknown)(noRandom);
  return Object.freeze(copy);
}

function createRuntime(path: string, options: RemarkCellsOptions): CellRuntime {
  const runtime = new CellRuntime(path, {
    Plot: plotForCells(options.document),
    d3: d3ForCells(),
    charts: chartsForCells(options.charts, options.data, options.document),
  });
  runtime.define('casualties', runtime.adopt(options.data.casualties));
  runtime.define('reactions', runtime.adopt(options.data.reactions));
  runtime.define('articles', runtime.adopt(options.data.articles));
  return runtime;
}

/** A cell: where its code starts in the story, and what its fence says. */
function toCell(node: Code, parent: Parent, file: VFile): Cell {
  const start = node.position?.start ?? { line: 1, column: 1 };
  const end = node.position?.end ?? start;
  const indent = start.column - 1;
  const origin: Origin = {
    line: start.line + 1,
    column: indent + 1,
    indent,
    prefix: 0,
    lastLine: Math.max(start.line + 1, end.line),
  };
  const fence: Fence = {};
  for (const match of (node.meta ?? '').matchAll(/([^\s=]+)(?:=(?:"([^"]*)"|'([^']*)'|(\S+)))?/g)) {
    const [, key = '', double, single, bare] = match;
    const value = double ?? single ?? bare;
    const place = { line: start.line, column: start.column };
    if (!(FENCE_ATTRIBUTES as readonly string[]).includes(key)) {
      fail(
        file,
        `Unexpected attribute \`${key}\` on a \`js\` cell, ${expected(key, FENCE_ATTRIBUTES)}`,
        place,
        'cell-attribute',
      );
    } else if (FLAGS.has(key)) {
      if (value !== undefined && value !== 'true' && value !== 'false') {
        fail(
          file,
          `Unexpected \`${key}=${value}\` on a \`js\` cell, expected \`${key}\` alone`,
          place,
          'cell-attribute',
        );
      }
      (fence as Record<string, boolean>)[key] = value !== 'false';
    } else if (value === undefined || value.trim() === '') {
      fail(
        file,
        `Unexpected \`${key}\` without text on a \`js\` cell, expected \`${key}="…"\``,
        place,
        'cell-attribute',
      );
    } else {
      (fence as Record<string, string>)[key] = value;
    }
  }
  return { node, parent, origin, fence, parsed: null };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Line and column (from 1) of an offset. */
function point(starts: readonly number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
}
