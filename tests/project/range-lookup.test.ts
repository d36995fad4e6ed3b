// Looking up an article's rows among the previous datasets' ranges
// (src/project/range-lookup.ts): by halving a stamp's ranges in id order,
// through a map otherwise, with the same answers either way; and the ids of
// the three datasets merged in order, each once.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/bench/seeded-random.ts';
import { compare } from '../../src/common/compare.ts';
import { mapLookup, mergedIds, stampLookup } from '../../src/project/range-lookup.ts';
import type { Range } from '../../src/project/range-lookup.ts';

const random = seededRandom(11);
const someIds = (count: number): string[] =>
  [...new Set(Array.from({ length: count }, () => `a${Math.floor(random() * 300)}`))].sort(compare);

describe('a stamp lookup', () => {
  it('finds every id at its range and place, and no other', () => {
    for (let sample = 0; sample < 50; sample += 1) {
      const ids = someIds(Math.floor(random() * 40));
      const list = ids.map((id, i) => [id, i * 10, i * 10 + 5, i, i + 1] as [string, number, number, number, number]);
      const lookup = stampLookup(list);
      expect(lookup.size).toBe(ids.length);
      expect(lookup.ids()).toEqual(ids);
      // In order (each after the last found), then in any order.
      ids.forEach((id, i) => expect(lookup.get(id)).toEqual([i * 10, i * 10 + 5, i]));
      for (let k = 0; k < ids.length; k += 1) {
        const i = Math.floor(random() * ids.length);
        expect(lookup.get(ids[i]!)).toEqual([i * 10, i * 10 + 5, i]);
      }
      for (const other of ['', 'a', 'a0-', 'a299z', 'b', ...someIds(5).map((id) => `${id}-`)])
        expect(lookup.get(other), other).toBeUndefined();
    }
  });

  it('answers as a map does when the ranges are out of order or an id comes twice', () => {
    const list: [string, number, number][] = [
      ['b', 0, 1],
      ['a', 1, 2],
      ['c', 2, 3],
      ['a', 3, 4],
    ];
    const byMap = mapLookup(new Map(list.map(([id, start, end], index) => [id, [start, end, index] as Range])));
    const lookup = stampLookup(list);
    expect(lookup.size).toBe(byMap.size);
    expect(lookup.ids()).toEqual(['a', 'b', 'c']);
    for (const id of ['a', 'b', 'c', 'd']) expect(lookup.get(id), id).toEqual(byMap.get(id));
  });
});

describe('merged ids', () => {
  it('are the sorted union of the lookups’ ids', () => {
    for (let sample = 0; sample < 100; sample += 1) {
      const lists = [0, 1, 2].map(() => someIds(Math.floor(random() * 30)));
      const lookups = lists.map((ids) => stampLookup(ids.map((id, i) => [id, i, i + 1] as [string, number, number])));
      expect(mergedIds(lookups)).toEqual([...new Set(lists.flat())].sort(compare));
    }
  });
});
