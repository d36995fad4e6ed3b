// Label placement (src/charts/placement.ts) looks boxes up in a grid rather
// than testing each candidate against every box: the labels it places must
// be the ones the plain test of every box places, whatever the boxes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BoxIndex, overlaps, placeLabels } from '../../src/charts/placement.ts';
import type { Box, LabelRequest } from '../../src/charts/placement.ts';

const coordinate = fc.oneof(
  { weight: 12, arbitrary: fc.double({ min: -300, max: 900, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Infinity, -Infinity, 1e9, -1e9, 0, 16, -16) },
);
// Ends in any order: a swapped box overlaps by the same test.
const box = fc.record({ x1: coordinate, y1: coordinate, x2: coordinate, y2: coordinate });
const small = fc
  .record({
    x: coordinate,
    y: coordinate,
    w: fc.double({ min: 0, max: 60, noNaN: true }),
    h: fc.double({ min: 0, max: 20, noNaN: true }),
  })
  .map(({ x, y, w, h }) => ({ x1: x, y1: y, x2: x + w, y2: y + h }));
const anyBox = fc.oneof({ weight: 4, arbitrary: small }, { weight: 1, arbitrary: box });

describe('BoxIndex', () => {
  it('says a box overlaps one added exactly when some box added overlaps it', () => {
    fc.assert(
      fc.property(fc.array(anyBox, { maxLength: 60 }), fc.array(anyBox, { maxLength: 30 }), (added, asked) => {
        const index = new BoxIndex();
        for (const b of added) index.add(b);
        for (const b of asked) expect(index.overlapsAny(b)).toBe(added.some((t) => overlaps(b, t)));
      }),
      { numRuns: 400 },
    );
  });
});

/** placeLabels as it was: every candidate tested against every box. */
function placeByTestingAll<T>(requests: readonly LabelRequest<T>[], obstacles: readonly Box[]) {
  const taken: Box[] = [...obstacles];
  const placed: { datum: T; box: Box }[] = [];
  const spots = (r: LabelRequest<T>): Box[] => [
    { x1: r.x + r.gap, y1: r.y - r.height / 2, x2: r.x + r.gap + r.width, y2: r.y + r.height / 2 },
    { x1: r.x - r.gap - r.width, y1: r.y - r.height / 2, x2: r.x - r.gap, y2: r.y + r.height / 2 },
    { x1: r.x - r.width / 2, y1: r.y - r.gap - r.height, x2: r.x + r.width / 2, y2: r.y - r.gap },
    { x1: r.x - r.width / 2, y1: r.y + r.gap, x2: r.x + r.width / 2, y2: r.y + r.gap + r.height },
  ];
  const within = (a: Box, b: Box) => a.x1 >= b.x1 && a.x2 <= b.x2 && a.y1 >= b.y1 && a.y2 <= b.y2;
  for (const r of requests) {
    const free = spots(r).find((b) => within(b, r.bounds) && !taken.some((t) => overlaps(b, t)));
    if (!free) continue;
    taken.push(free);
    placed.push({ datum: r.datum, box: free });
  }
  return placed;
}

describe('placeLabels', () => {
  it('places the labels that testing every box places, in the same spots', () => {
    const request = fc.record({
      x: fc.double({ min: 0, max: 640, noNaN: true }),
      y: fc.double({ min: 0, max: 400, noNaN: true }),
      width: fc.double({ min: 4, max: 60, noNaN: true }),
      height: fc.constantFrom(10, 12),
      gap: fc.constantFrom(0, 4, 6),
    });
    fc.assert(
      fc.property(fc.array(request, { maxLength: 80 }), fc.array(anyBox, { maxLength: 40 }), (asked, obstacles) => {
        const requests = asked.map((r, i) => ({ ...r, datum: i, bounds: { x1: 0, y1: 0, x2: 640, y2: 400 } }));
        const { placed, dropped } = placeLabels(requests, obstacles);
        expect(placed.map((p) => ({ datum: p.datum, box: p.box }))).toEqual(placeByTestingAll(requests, obstacles));
        expect(placed.length + dropped.length).toBe(requests.length);
      }),
      { numRuns: 300 },
    );
  });
});
