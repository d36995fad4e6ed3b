// Reading a rendered chart the way a browser would, for the chart tests:
// the font size each text ends up with, where each line of text falls, and
// the titles (native tooltips) on its marks.
import { expect, it } from 'vitest';
import { NARROW, WIDE } from '../../src/charts/chart.ts';
import { textWidth } from '../../src/charts/text.ts';

/** A CSS declaration of the element's own `style` attribute, if any. */
function styleValue(element: Element, property: string): string | null {
  for (const declaration of (element.getAttribute('style') ?? '').split(';')) {
    const [name, ...value] = declaration.split(':');
    if (name?.trim() === property) return value.join(':').trim();
  }
  return null;
}

/**
 * The font size, in CSS px, each `<text>` is drawn at: the nearest element
 * that sets one decides, its `style` winning over its presentation attribute
 * (as CSS does). A size in any unit but px (em, %) counts as NaN, so fails.
 */
export function textFontSizes(svg: Element): { text: string; size: number }[] {
  return [...svg.querySelectorAll('text')].map((text) => {
    let size = Number.NaN;
    for (let element: Element | null = text; element; element = element === svg ? null : element.parentElement) {
      const declared = styleValue(element, 'font-size') ?? element.getAttribute('font-size');
      if (declared === null) continue;
      const match = /^([\d.]+)(px)?$/.exec(declared);
      size = match ? Number(match[1]) : Number.NaN;
      break;
    }
    return { text: text.textContent ?? '', size };
  });
}

/** An attribute inherited down the tree (text-anchor, font-weight): the nearest element that sets it. */
function inherited(element: Element, name: string, root: Element): string | null {
  for (let e: Element | null = element; e; e = e === root ? null : e.parentElement) {
    const value = e.getAttribute(name);
    if (value !== null) return value;
  }
  return null;
}

export interface TextLine {
  text: string;
  /** The horizontal extent the line takes, estimated with the charts' own text metrics. */
  x1: number;
  x2: number;
  /** The top of the `<text>` element it belongs to (its y or translate y). */
  y: number;
  rotated: boolean;
}

/** Every line of text in the chart with where it falls; a multi-line label gives one per `<tspan>`. */
export function textLines(svg: Element, fontSize: number): TextLine[] {
  return [...svg.querySelectorAll('text')].flatMap((text) => {
    const transform = text.getAttribute('transform') ?? '';
    const move = /translate\(([-\d.e]+),([-\d.e]+)\)/.exec(transform);
    const x = move ? Number(move[1]) : Number(text.getAttribute('x') ?? 0);
    const y = move ? Number(move[2]) : Number(text.getAttribute('y') ?? 0);
    const anchor = inherited(text, 'text-anchor', svg) ?? 'start';
    const bold = inherited(text, 'font-weight', svg) === 'bold';
    const spans = text.querySelectorAll('tspan');
    const lines = spans.length ? [...spans].map((s) => s.textContent ?? '') : [text.textContent ?? ''];
    return lines.map((line) => {
      const width = textWidth(line, fontSize, bold);
      const x1 = anchor === 'end' ? x - width : anchor === 'middle' ? x - width / 2 : x;
      return { text: line, x1, x2: x1 + width, y, rotated: /rotate/.test(transform) };
    });
  });
}

/** The whole text of a `<text>` element, its lines joined by spaces (as the description words it). */
export function fullText(text: Element): string {
  const spans = text.querySelectorAll('tspan');
  return spans.length ? [...spans].map((s) => s.textContent ?? '').join(' ') : (text.textContent ?? '');
}

/** The native tooltips of the chart's marks, with the mark each belongs to. */
export function tooltips(svg: Element): { text: string; mark: Element }[] {
  return [...svg.querySelectorAll('title')].flatMap((title) =>
    title.parentElement ? [{ text: title.textContent ?? '', mark: title.parentElement }] : [],
  );
}

/** Where a mark sits: a circle's centre, a symbol's translate, a rect's box. */
export function position(mark: Element): { x: number; y: number } {
  const move = /translate\(([-\d.e]+),([-\d.e]+)\)/.exec(mark.getAttribute('transform') ?? '');
  if (move) return { x: Number(move[1]), y: Number(move[2]) };
  if (mark.localName === 'circle') return { x: Number(mark.getAttribute('cx')), y: Number(mark.getAttribute('cy')) };
  return { x: Number(mark.getAttribute('x')), y: Number(mark.getAttribute('y')) };
}

/** The y a `<text>` is placed at (its y, or its translate's), before any `dy`. */
export function textTop(text: Element): number {
  const move = /translate\(([-\d.e]+),([-\d.e]+)\)/.exec(text.getAttribute('transform') ?? '');
  return move ? Number(move[2]) : Number(text.getAttribute('y') ?? 0);
}

/** What every chart promises a phone: text of 11 px or more, 360 px wide, nothing spilling out, no tooltips. */
export function expectPhoneReadable(wide: Element, narrow: Element): void {
  expect(wide.getAttribute('width')).toBe(String(WIDE));
  expect(narrow.getAttribute('width')).toBe(String(NARROW));
  expect(narrow.getAttribute('viewBox')).toMatch(new RegExp(`^0 0 ${NARROW} `));
  const sizes = textFontSizes(narrow);
  expect(sizes.length).toBeGreaterThan(0);
  for (const { text, size } of sizes) expect(size, text).toBeGreaterThanOrEqual(11);
  const smallest = Math.min(...sizes.map((s) => s.size));
  for (const line of textLines(narrow, smallest).filter((l) => !l.rotated)) {
    expect(line.x1, line.text).toBeGreaterThanOrEqual(0);
    expect(line.x2, line.text).toBeLessThanOrEqual(NARROW);
  }
  // Phones have no hover: the narrow layout carries no tooltips (the table has every value).
  expect(narrow.querySelectorAll('title')).toHaveLength(0);
}

/** The chart is one image, labelled as a whole; its inner groups carry no labels of their own. */
export function expectLabelledOnce(svgs: readonly Element[], title: string): void {
  for (const svg of svgs) {
    expect(svg.getAttribute('aria-label')).toBe(title);
    expect(svg.querySelectorAll('[aria-label]')).toHaveLength(0);
  }
}

/** The phone and label tests every chart passes (expectPhoneReadable, expectLabelledOnce). */
export function itIsReadableOnAPhoneAndLabelledOnce(
  output: () => { wide: Element; narrow: Element; title: string },
): void {
  it('keeps chart text at 11 px or more on a phone, the narrow layout 360 px wide, and inside it', () => {
    const { wide, narrow } = output();
    expectPhoneReadable(wide, narrow);
  });

  it('labels the chart once, as a whole, not its inner groups', () => {
    const { wide, narrow, title } = output();
    expectLabelledOnce([wide, narrow], title);
  });
}
