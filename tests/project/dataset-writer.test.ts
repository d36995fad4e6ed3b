import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATASET_NAMES, datasetFiles } from '../../src/datasets/serialize.ts';
import type { WrittenBytes } from '../../src/datasets/serialize.ts';
import { DatasetFilesWriter } from '../../src/project/dataset-writer.ts';
import { FileHasher, fileHash } from '../../src/project/file-hash.ts';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A piece of `size` bytes of JSON and of CSV, each byte from `seed`, in a buffer of its own the caller may write over. */
function piece(size: number, seed: number): WrittenBytes {
  const bytes = (offset: number) => Buffer.alloc(size, String.fromCharCode(97 + ((seed + offset) % 26)));
  return { json: bytes(0), csv: bytes(1) };
}

describe('DatasetFilesWriter', () => {
  it('writes the bytes datasetFiles frames, across its blocks, and hashes what it wrote, whatever happens to the pieces after', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'newsbook-writer-'));
    dirs.push(dir);
    const writer = await DatasetFilesWriter.open(dir);
    // Sizes around the writer's 64 KB blocks: far below, just under and over one, several at once.
    const sizes = [1, 17, 65_535, 65_536, 65_537, 3, 200_000, 40_000, 40_000, 0, 9];
    const pieces: WrittenBytes[] = [];
    for (const [i, size] of sizes.entries()) {
      for (const name of DATASET_NAMES) {
        const p = piece(size, i);
        pieces.push({ json: Buffer.from(p.json), csv: Buffer.from(p.csv) });
        await writer.add(name, p, `a${i}`);
        // The derive's next article may reuse its source's memory: the writer must have copied what it was handed.
        p.json.fill(0x21);
        p.csv.fill(0x21);
      }
    }
    const files = await writer.end();
    for (const [n, name] of DATASET_NAMES.entries()) {
      const mine = pieces.filter((_, k) => k % DATASET_NAMES.length === n);
      const expected = datasetFiles(
        name,
        mine.filter((p) => p.json.byteLength > 0),
      );
      for (const ext of ['json', 'csv'] as const) {
        const file = files.get(`${name}.${ext}`)!;
        const written = await readFile(file.path);
        expect(Buffer.compare(written, Buffer.from(expected[ext])), `${name}.${ext}`).toBe(0);
        expect(file.hash).toBe(fileHash(written));
        expect(file.pieces).toBe(new FileHasher().update(written).digest().pieces.toString('hex'));
      }
      // Where each article's rows are: one range per article with rows, in order.
      expect(writer.ranges[name].length).toBe(sizes.filter((size) => size > 0).length);
    }
  });
});
