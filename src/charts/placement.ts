// Labels that never overlap: each label tries a few spots around its mark and
// takes the first that collides with nothing placed before it; a label with
// no free spot is left out (its value stays in the tooltip and the table).

export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface LabelRequest<T> {
  datum: T;
  /** The mark the label belongs to. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Distance from the mark to the label. */
  gap: number;
  /** Region the label must stay within. */
  bounds: Box;
}

export interface PlacedLabel<T> {
  datum: T;
  /** Anchor point and alignment, as a text mark wants them. */
  x: number;
  y: number;
  textAnchor: 'start' | 'middle' | 'end';
  box: Box;
}

type Spot = 'right' | 'left' | 'above' | 'below';
const SPOTS: readonly Spot[] = ['right', 'left', 'above', 'below'];

export function overlaps(a: Box, b: Box): boolean {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}

function inside(a: Box, bounds: Box): boolean {
  return a.x1 >= bounds.x1 && a.x2 <= bounds.x2 && a.y1 >= bounds.y1 && a.y2 <= bounds.y2;
}

/** Places labels in the order given (most important first); `obstacles` are marks labels must not cover. */
export function placeLabels<T>(
  requests: readonly LabelRequest<T>[],
  obstacles: readonly Box[],
): { placed: PlacedLabel<T>[]; dropped: T[] } {
  const taken = new BoxIndex();
  for (const box of obstacles) taken.add(box);
  const placed: PlacedLabel<T>[] = [];
  const dropped: T[] = [];
  for (const request of requests) {
    const spot = SPOTS.map((s) => candidate(request, s)).find(
      (c) => inside(c.box, request.bounds) && !taken.overlapsAny(c.box),
    );
    if (!spot) {
      dropped.push(request.datum);
      continue;
    }
    taken.add(spot.box);
    placed.push(spot);
  }
  return { placed, dropped };
}

/** Pixels a side of the index's cells: about a label's height. */
const CELL = 16;
/** Cells a box may cover before it is kept apart and tested against every candidate (a panel-wide box; an infinite one). */
const MOST_CELLS = 4096;

/**
 * Boxes by the cells of a grid they cover, so that a candidate is tested
 * only against the boxes near it: a chart of thousands of figures has as
 * many labels to place and marks to avoid, and testing each against all was
 * quadratic (a tenth of a 2,000-article story's build, growing with the
 * square of the figures). Two boxes that overlap share a point inside both,
 * so a cell both cover: the answers are the ones testing every box gives.
 */
export class BoxIndex {
  readonly #cells = new Map<number, Box[]>();
  readonly #large: Box[] = [];

  add(box: Box): void {
    const span = cellSpan(box);
    if (span === null) {
      this.#large.push(box);
      return;
    }
    for (let cx = span.x1; cx <= span.x2; cx += 1)
      for (let cy = span.y1; cy <= span.y2; cy += 1) {
        const key = cellKey(cx, cy);
        const boxes = this.#cells.get(key);
        if (boxes) boxes.push(box);
        else this.#cells.set(key, [box]);
      }
  }

  /** Whether any box added overlaps `box`. */
  overlapsAny(box: Box): boolean {
    if (this.#large.some((t) => overlaps(box, t))) return true;
    const span = cellSpan(box);
    // A candidate too large (or not finite) to look up cell by cell is tested against every box.
    if (span === null) return [...this.#cells.values()].some((boxes) => boxes.some((t) => overlaps(box, t)));
    for (let cx = span.x1; cx <= span.x2; cx += 1)
      for (let cy = span.y1; cy <= span.y2; cy += 1)
        if (this.#cells.get(cellKey(cx, cy))?.some((t) => overlaps(box, t))) return true;
    return false;
  }
}

/**
 * The cells a box covers, null when they are too many or not finite. From
 * its lower to its higher coordinates: `overlaps` also holds for a box whose
 * ends are swapped, with one that covers that span.
 */
function cellSpan(box: Box): Box | null {
  const span = {
    x1: Math.floor(Math.min(box.x1, box.x2) / CELL),
    y1: Math.floor(Math.min(box.y1, box.y2) / CELL),
    x2: Math.floor(Math.max(box.x1, box.x2) / CELL),
    y2: Math.floor(Math.max(box.y1, box.y2) / CELL),
  };
  const cells = (span.x2 - span.x1 + 1) * (span.y2 - span.y1 + 1);
  return Number.isFinite(cells) && cells <= MOST_CELLS ? span : null;
}

/** One number per cell, distinct within ±2^20 cells a side (far beyond any chart); cells sharing one would only mean more boxes tested. */
const cellKey = (cx: number, cy: number): number => (cx + 0x100000) * 0x200000 + (cy + 0x100000);

function candidate<T>(r: LabelRequest<T>, spot: Spot): PlacedLabel<T> {
  const { x, y, width: w, height: h, gap } = r;
  switch (spot) {
    case 'right':
      return {
        datum: r.datum,
        x: x + gap,
        y,
        textAnchor: 'start',
        box: { x1: x + gap, y1: y - h / 2, x2: x + gap + w, y2: y + h / 2 },
      };
    case 'left':
      return {
        datum: r.datum,
        x: x - gap,
        y,
        textAnchor: 'end',
        box: { x1: x - gap - w, y1: y - h / 2, x2: x - gap, y2: y + h / 2 },
      };
    case 'above':
      return {
        datum: r.datum,
        x,
        y: y - gap - h / 2,
        textAnchor: 'middle',
        box: { x1: x - w / 2, y1: y - gap - h, x2: x + w / 2, y2: y - gap },
      };
    case 'below':
      return {
        datum: r.datum,
        x,
        y: y + gap + h / 2,
        textAnchor: 'middle',
        box: { x1: x - w / 2, y1: y + gap, x2: x + w / 2, y2: y + gap + h },
      };
  }
}
