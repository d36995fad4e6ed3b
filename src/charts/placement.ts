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
  const taken = [...obstacles];
  const placed: PlacedLabel<T>[] = [];
  const dropped: T[] = [];
  for (const request of requests) {
    const spot = SPOTS.map((s) => candidate(request, s)).find(
      (c) => inside(c.box, request.bounds) && !taken.some((t) => overlaps(c.box, t)),
    );
    if (!spot) {
      dropped.push(request.datum);
      continue;
    }
    taken.push(spot.box);
    placed.push(spot);
  }
  return { placed, dropped };
}

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
