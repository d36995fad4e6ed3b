// Plot as the charts use it: marks placed in pixels (identity scales), so a
// chart lays out its own panels, labels and legends and knows where each
// label falls; then the SVG is made lean and deterministic.
import * as Plot from '@observablehq/plot';
import type { Layout } from './chart.ts';
import { FONT_SIZE } from './chart.ts';

export interface PlotSpec {
  document: Document;
  layout: Layout;
  width: number;
  height: number;
  ariaLabel: string;
  marks: Plot.Markish[];
}

export function renderPlot(spec: PlotSpec): SVGSVGElement {
  const svg = Plot.plot({
    document: spec.document,
    width: spec.width,
    height: Math.ceil(spec.height),
    margin: 0,
    x: { type: 'identity' },
    y: { type: 'identity' },
    color: { type: 'identity' },
    opacity: { type: 'identity' },
    axis: null,
    ariaLabel: spec.ariaLabel,
    style: { fontSize: `${FONT_SIZE[spec.layout]}px`, overflow: 'visible' },
    marks: spec.marks,
  }) as unknown as SVGSVGElement;
  // Native tooltips need a pointer that hovers; the narrow rendering is for phones, which have none.
  // Its marks go without, which keeps the page small; the table under the chart has every value.
  if (spec.layout === 'narrow') for (const title of [...svg.querySelectorAll('title')]) title.remove();
  return tidy(svg);
}

/** Attributes holding coordinates: whole pixels for positions, tenths for shapes and radii. */
const POSITIONS = new Set(['transform', 'x', 'y', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'width', 'height', 'viewBox']);
const SHAPES = new Set(['d', 'r', 'points']);

/**
 * Rounds coordinates (whole pixels for positions, tenths for shapes), drops
 * Plot's stylesheet and class (the page sets what it needs, and Plot's white
 * `--plot-background` would defeat dark mode) and the marks' generic
 * `aria-label`s (the chart is one image, described in words), and so keeps
 * the SVG small.
 */
export function tidy<E extends Element>(svg: E): E {
  for (const style of [...svg.querySelectorAll('style')]) style.remove();
  svg.removeAttribute('class');
  for (const group of [...svg.querySelectorAll('g[aria-label]')]) group.removeAttribute('aria-label');
  // A one-line label: `x y dy` say what Plot's `y="0.32em" transform="translate(x,y)"` says, in fewer bytes.
  for (const text of [...svg.querySelectorAll('text')]) {
    const move = /^translate\(([-\d.e]+),([-\d.e]+)\)$/.exec(text.getAttribute('transform') ?? '');
    const dy = text.getAttribute('y');
    if (!move || text.children.length > 0 || (dy !== null && !dy.endsWith('em'))) continue;
    text.removeAttribute('transform');
    text.removeAttribute('y');
    text.setAttribute('x', move[1] ?? '0');
    text.setAttribute('y', move[2] ?? '0');
    if (dy) text.setAttribute('dy', dy.replace(/^0\./, '.'));
  }
  // Plot writes line offsets of wrapped text as computed: ".9466666666666665em" says no more than ".947em".
  for (const element of [...svg.querySelectorAll('[dy$="em"]')]) {
    const em = Number.parseFloat(element.getAttribute('dy') ?? '');
    if (Number.isFinite(em)) element.setAttribute('dy', `${round(String(em), 1000)}em`.replace(/^(-?)0\./, '$1.'));
  }
  for (const element of [svg, ...svg.querySelectorAll('*')]) {
    for (const name of element.getAttributeNames()) {
      const digits = POSITIONS.has(name) ? 1 : SHAPES.has(name) ? 10 : 0;
      if (digits === 0) continue;
      const value = element.getAttribute(name) ?? '';
      element.setAttribute(
        name,
        value.replace(/-?\d*\.?\d+(?:e[-+]?\d+)?(?!\d|\.|em)/gi, (n) => round(n, digits)),
      );
    }
  }
  return svg;
}

/**
 * Says the same picture in fewer bytes, as an SVG optimiser would: a shape's
 * `translate(…)` goes into its coordinates; neighbouring lines, rectangles and
 * paths that look the same (same attributes, no tooltip) become one path; a
 * group's one-line labels are centred by the group's `dominant-baseline`
 * instead of a `dy` each. Paint order is kept: only neighbours merge. For
 * the page (chart-figure.ts): the charts' own output keeps one element per
 * mark, which their tests read.
 */
export function compact(svg: Element): void {
  for (const path of [...svg.querySelectorAll('path[transform]')]) {
    const move = /^translate\(([-\d.]+),([-\d.]+)\)$/.exec(path.getAttribute('transform') ?? '');
    const d = move ? translatePath(path.getAttribute('d') ?? '', Number(move[1]), Number(move[2])) : null;
    if (d === null) continue;
    path.setAttribute('d', d);
    path.removeAttribute('transform');
  }
  for (const parent of [svg, ...svg.querySelectorAll('g')]) {
    let run: Element[] = [];
    const flush = () => {
      if (run.length > 1) merge(run);
      run = [];
    };
    for (const child of [...parent.children]) {
      const d = outline(child);
      if (d === null) {
        flush();
        continue;
      }
      const previous = run[0];
      if (previous && signature(previous) !== signature(child)) flush();
      run.push(child);
    }
    flush();
    const texts = [...parent.children].filter((c) => c.localName === 'text');
    if (
      texts.length > 1 &&
      texts.length === parent.children.length &&
      texts.every((t) => t.getAttribute('dy') === '.32em' && t.children.length === 0)
    ) {
      for (const text of texts) text.removeAttribute('dy');
      parent.setAttribute('dominant-baseline', 'central');
    }
  }
}

const GEOMETRY: Record<string, readonly string[]> = {
  path: ['d'],
  line: ['x1', 'y1', 'x2', 'y2'],
  rect: ['x', 'y', 'width', 'height'],
};

/** The shape as path data when it can merge with its neighbours (no tooltip, no id, no transform), else null. */
function outline(element: Element): string | null {
  const geometry = GEOMETRY[element.localName];
  if (!geometry || element.children.length > 0 || element.hasAttribute('id') || element.hasAttribute('transform'))
    return null;
  const n = (name: string) => Number(element.getAttribute(name) ?? 0);
  if (element.localName === 'path') {
    const d = element.getAttribute('d') ?? '';
    return /^M[^a-z]*$/.test(d) ? d : null;
  }
  if (element.localName === 'line') {
    const [x1, y1, x2, y2] = [n('x1'), n('y1'), n('x2'), n('y2')];
    return `M${x1},${y1}${y1 === y2 ? `H${x2}` : x1 === x2 ? `V${y2}` : `L${x2},${y2}`}`;
  }
  if (element.hasAttribute('rx') || element.hasAttribute('ry')) return null;
  return `M${n('x')},${n('y')}h${n('width')}v${n('height')}h${-n('width')}z`;
}

/** What must be equal for two shapes to become one path: their kind and every attribute but their geometry. */
function signature(element: Element): string {
  const geometry = GEOMETRY[element.localName] ?? [];
  const attributes = element
    .getAttributeNames()
    .filter((name) => !geometry.includes(name))
    .sort()
    .map((name) => `${name}=${element.getAttribute(name)}`);
  return `${element.localName === 'line' ? 'line' : 'area'} ${attributes.join(' ')}`;
}

function merge(run: readonly Element[]): void {
  const first = run[0];
  if (!first) return;
  const path = first.ownerDocument.createElementNS('http://www.w3.org/2000/svg', 'path');
  const geometry = GEOMETRY[first.localName] ?? [];
  for (const name of first.getAttributeNames())
    if (!geometry.includes(name)) path.setAttribute(name, first.getAttribute(name) ?? '');
  // A line has no inside: the path made of lines must not be filled by an inherited `fill`.
  if (first.localName === 'line' && !path.hasAttribute('fill')) path.setAttribute('fill', 'none');
  path.setAttribute('d', run.map(outline).join(''));
  first.replaceWith(path);
  for (const element of run.slice(1)) element.remove();
}

/** Absolute path data moved by (dx, dy); null when it has relative commands, which would need no moving but are not expected. */
export function translatePath(d: string, dx: number, dy: number): string | null {
  let out = '';
  for (const [, command = '', args = ''] of d.matchAll(/([A-Za-z])([^A-Za-z]*)/g)) {
    if (command !== command.toUpperCase()) return null;
    const numbers = (args.match(/-?\d*\.?\d+(?:e[-+]?\d+)?/gi) ?? []).map(Number);
    const moved = numbers.map((value, i) => {
      switch (command) {
        case 'H':
          return value + dx;
        case 'V':
          return value + dy;
        case 'A':
          return i % 7 === 5 ? value + dx : i % 7 === 6 ? value + dy : value;
        case 'Z':
          return value;
        default:
          return i % 2 === 0 ? value + dx : value + dy;
      }
    });
    out += command + moved.map((v) => round(String(v), 10)).join(',');
  }
  return out;
}

function round(number: string, scale: number): string {
  const value = Math.round(Number(number) * scale) / scale;
  return String(Object.is(value, -0) ? 0 : value);
}

/**
 * A linear scale's top and step from zero, with at most `count` steps of 1, 2,
 * 2.5 or 5 × 10ⁿ (whole numbers only).
 *
 * Kept instead of Plot's own `nice: count` (d3's linear nice and ticks), which
 * was tried and changes the chart snapshots and the page: d3 steps by 1, 2 or
 * 5 only, takes `count` as a hint it may exceed, and goes below 1. For the
 * figures in tests/output/casualty-evolution.svg (wide, 3 ticks) a panel
 * topping at 164 gets 0–200 by 50 (five gridlines) instead of by 100, and one
 * at 3,882 gets 0–4,000 by 1,000 instead of by 2,000; on the page a panel
 * topping at 400 gets 0–400 by 100 instead of by 200, and a panel of 1 ticks
 * at 0.5 (half a person). The 2.5 steps (0–100 by 25 for 99) are Plot's by 20.
 * Charts draw in pixels (identity scales), so only the ticks and top matter.
 */
export function niceScale(max: number, count: number): { max: number; step: number; ticks: number[] } {
  const target = Math.max(max, 1);
  const step = niceStep(target, count);
  const top = Math.ceil(target / step) * step;
  const ticks: number[] = [];
  for (let t = 0; t <= top; t += step) ticks.push(t);
  return { max: top, step, ticks };
}

function niceStep(target: number, count: number): number {
  for (let power = 1; ; power *= 10) {
    const candidate = [1, 2, 2.5, 5]
      .map((m) => m * power)
      .find((s) => Number.isInteger(s) && Math.ceil(target / s) <= count);
    if (candidate !== undefined) return candidate;
  }
}
