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
      element.setAttribute(name, value.replace(/-?\d*\.?\d+(?:e[-+]?\d+)?(?!\d|\.|em)/gi, (n) => round(n, digits)));
    }
  }
  return svg;
}

function round(number: string, scale: number): string {
  const value = Math.round(Number(number) * scale) / scale;
  return String(Object.is(value, -0) ? 0 : value);
}

/**
 * A linear scale's top and step from zero, with at most `count` steps of 1, 2,
 * 2.5 or 5 × 10ⁿ (whole numbers only). Plot's own nicing (d3's ticks) takes
 * steps of 1, 2 or 5 only, and the panels of a chart share this count: with
 * 2.5 a panel topping at 9,000 gets 0–10,000 by 2,500 in the snapshots
 * instead of 0–10,000 by 5,000, two gridlines where a reader wants four.
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
    const candidate = [1, 2, 2.5, 5].map((m) => m * power).find((s) => Number.isInteger(s) && Math.ceil(target / s) <= count);
    if (candidate !== undefined) return candidate;
  }
}
