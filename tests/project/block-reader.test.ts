// The reader of the previous datasets' rows (src/project/previous-datasets.ts):
// ranges asked for one after the other come from blocks of megabytes, a
// range out of that order is read alone, and every range is the file's bytes.
import { closeSync, openSync } from 'node:fs';
import type * as NodeFs from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

const reads = vi.hoisted(() => ({ calls: 0, bytes: 0 }));
vi.mock('node:fs', async (original) => {
  const fs = await original<typeof NodeFs>();
  return {
    ...fs,
    readSync: (...args: Parameters<typeof fs.readSync>) => {
      const read = fs.readSync(...args);
      reads.calls += 1;
      reads.bytes += read;
      return read;
    },
  };
});
const { BlockReader } = await import('../../src/project/previous-datasets.ts');

const SIZE = 12 * 2 ** 20;
let dir: string;
let fd: number;
let bytes: Buffer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsbook-block-reader-'));
  bytes = Buffer.alloc(SIZE);
  for (let i = 0; i < SIZE; i += 4) bytes.writeUInt32LE((i * 2654435761) >>> 0, i);
  await writeFile(join(dir, 'rows.json'), bytes);
  fd = openSync(join(dir, 'rows.json'), 'r');
});
afterAll(async () => {
  closeSync(fd);
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  reads.calls = 0;
  reads.bytes = 0;
});

describe('BlockReader', () => {
  it('gives the bytes of every range, in any order', () => {
    const range = fc
      .tuple(fc.nat(SIZE), fc.nat(200_000))
      .map(([start, length]) => [start, Math.min(SIZE, start + length)] as const);
    // Runs of ranges that follow one another, from anywhere, with gaps of up to some kilobytes.
    const run = fc
      .tuple(fc.nat(SIZE), fc.array(fc.tuple(fc.nat(3000), fc.nat(90_000)), { maxLength: 40 }))
      .map(([from, steps]) => {
        const ranges: (readonly [number, number])[] = [];
        let at = from;
        for (const [gap, length] of steps) {
          const start = Math.min(SIZE, at + gap);
          ranges.push([start, Math.min(SIZE, start + length)]);
          at = start + length;
        }
        return ranges;
      });
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            range.map((r) => [r]),
            run,
          ),
          { maxLength: 12 },
        ),
        (groups) => {
          const reader = new BlockReader(fd);
          for (const [start, end] of groups.flat())
            expect(Buffer.from(reader.read(start, end)).equals(bytes.subarray(start, end))).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reads a file asked for in order a block at a time', () => {
    const reader = new BlockReader(fd);
    for (let start = 0; start < SIZE; start += 1000) reader.read(start, Math.min(SIZE, start + 998));
    // The first range alone, then blocks of 4 MB (each from the start of the range that ran past the last).
    expect(reads.calls).toBeLessThanOrEqual(5);
    expect(reads.bytes).toBeLessThanOrEqual(SIZE + 4 * 1000);
  });

  it('reads a range out of order alone, not a block around it', () => {
    const reader = new BlockReader(fd);
    const starts = [9, 3, 11, 1, 7, 5].map((mb) => mb * 2 ** 20 + 123);
    for (const start of starts) reader.read(start, start + 500);
    expect(reads.calls).toBe(starts.length);
    expect(reads.bytes).toBe(starts.length * 500);
  });
});
