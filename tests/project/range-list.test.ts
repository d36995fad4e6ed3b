import { describe, expect, it } from 'vitest';
import type { RowsRange } from '../../src/project/dataset-writer.ts';
import { RangeList } from '../../src/project/range-list.ts';
import { jsonChunks } from '../../src/project/stamp-file.ts';

/** Ranges as a derive notes them, one after the other, some past 4 GB (offsets V8 keeps as doubles). */
function ranges(count: number): RowsRange[] {
  return Array.from({ length: count }, (_, i) => {
    const json = i * 2 ** 22 + (i % 7);
    const csv = i * 2 ** 21 + 1;
    return [`a-${i}`, json, json + 100 + i, csv, csv + 50];
  });
}

describe('RangeList', () => {
  it('gives back every range pushed, in order, past its first buffer and past 4 GB', () => {
    const list = new RangeList();
    const pushed = ranges(3000);
    for (const range of pushed) list.add(...range);
    expect(list.length).toBe(3000);
    expect([...list]).toEqual(pushed);
    expect(list.at(2999)).toEqual(pushed[2999]);
    expect(list.at(2999)![1]).toBeGreaterThan(2 ** 32);
    expect(list.at(3000)).toBeUndefined();
  });

  it('is the JSON of its ranges, whole or written in pieces at any depth, never more than a piece at once', () => {
    const list = new RangeList();
    const pushed = ranges(3000);
    for (const range of pushed) list.add(...range);
    const stamp = { ranges: { casualties: list, reactions: new RangeList() }, files: {} };
    const plain = JSON.stringify({ ranges: { casualties: pushed, reactions: [] }, files: {} });
    expect(JSON.stringify(stamp)).toBe(plain);
    for (const depth of [0, 1, 2, 3, 4]) expect([...jsonChunks(stamp, depth)].join('')).toBe(plain);
    // Some 150,000 characters in all: a piece is some 32,000, and one batch of ranges more at most.
    expect(Math.max(...[...jsonChunks(stamp, 3)].map((chunk) => chunk.length))).toBeLessThan(2 ** 16);
  });
});
