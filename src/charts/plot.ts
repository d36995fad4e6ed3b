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
  return tidy(svg);
}

const GEOMETRY = new Set(['d', 'transform', 'x', 'y', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'r', 'width', 'height', 'points', 'viewBox']);

/**
 * Rounds coordinates to a tenth of a pixel, drops Plot's stylesheet (the page
 * sets what it needs, and its white `--plot-background` would defeat dark
 * mode), and so keeps the SVG small.
 */
export function tidy<E extends Element>(svg: E): E {
  for (const style of [...svg.querySelectorAll('style')]) style.remove();
  for (const element of [svg, ...svg.querySelectorAll('*')]) {
    for (const name of element.getAttributeNames()) {
      if (!GEOMETRY.has(name)) continue;
      const value = element.getAttribute(name) ?? '';
      element.setAttribute(name, value.replace(/-?\d*\.?\d+(?:e[-+]?\d+)?(?!\d|\.|em)/gi, round));
    }
  }
  return svg;
}

function round(number: string): string {
  const value = Math.round(Number(number) * 10) / 10;
  return String(Object.is(value, -0) ? 0 : value);
}

/** A linear scale's top and step from zero, with at most `count` steps of 1, 2, 2.5 or 5 × 10ⁿ (whole numbers only). */
export function niceScale(max: number, count: number): { max: number; step: number; ticks: number[] } {
  const target = Math.max(max, 1);
  let step = 1;
  for (let power = 1; ; power *= 10) {
    const candidate = [1, 2, 2.5, 5].map((m) => m * power).find((s) => Number.isInteger(s) && Math.ceil(target / s) <= count);
    if (candidate !== undefined) {
      step = candidate;
      break;
    }
  }
  const top = Math.ceil(target / step) * step;
  const ticks: number[] = [];
  for (let t = 0; t <= top; t += step) ticks.push(t);
  return { max: top, step, ticks };
}
