// Where each article's rows are in one of the previous datasets' JSON files
// (previous-datasets.ts), looked up by id: from the stamp's ranges, which a
// derive writes in id order, by halving them; from a scan of the file, or
// ranges out of order, through a map. A derive adding one article to 10,000
// made a map of each dataset's ranges, and a set of every id, some 20–45 ms
// of its main thread, to look up almost nothing.
import { compare } from '../common/compare.ts';

/** An article's rows in a file: where they start and end and, from a stamp, which article of the file it is (from 0). */
export type Range = [start: number, end: number, index?: number];

export interface RangeLookup {
  /** How many ids it holds. */
  size: number;
  get(id: string): Range | undefined;
  /** Every id, in order (compare). */
  ids(): string[];
}

export function mapLookup(map: ReadonlyMap<string, Range>): RangeLookup {
  return { size: map.size, get: (id) => map.get(id), ids: () => [...map.keys()].sort(compare) };
}

/** The ranges a stamp notes for a file: `[id, start, end, …]` each, in the file's order. */
export function stampLookup(list: readonly (readonly [string, number, number, ...number[]])[]): RangeLookup {
  for (let i = 1; i < list.length; i += 1)
    if (compare(list[i - 1]![0], list[i]![0]) >= 0)
      return mapLookup(new Map(list.map(([id, start, end], index) => [id, [start, end, index]])));
  // Where the last id was found: a derive asks for the articles in order, mostly each one after the last.
  let last = -1;
  return {
    size: list.length,
    get(id) {
      if (list[last + 1]?.[0] === id) {
        last += 1;
        return [list[last]![1], list[last]![2], last];
      }
      let [low, high] = [0, list.length];
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (compare(list[middle]![0], id) < 0) low = middle + 1;
        else high = middle;
      }
      const found = list[low];
      if (found?.[0] !== id) return undefined;
      last = low;
      return [found[1], found[2], low];
    },
    ids: () => list.map(([id]) => id),
  };
}

/** The ids of several lookups, each in order, merged in order without repeats. */
export function mergedIds(lookups: readonly RangeLookup[]): string[] {
  let merged: string[] = [];
  for (const lookup of lookups) {
    const ids = lookup.ids();
    const out: string[] = [];
    let [i, j] = [0, 0];
    while (i < merged.length || j < ids.length) {
      const order = i >= merged.length ? 1 : j >= ids.length ? -1 : compare(merged[i]!, ids[j]!);
      if (order <= 0) out.push(merged[i++]!);
      if (order >= 0) j += 1;
      if (order > 0) out.push(ids[j - 1]!);
    }
    merged = out;
  }
  return merged;
}
