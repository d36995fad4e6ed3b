// The writer given the previous files (src/project/dataset-writer.ts): after
// any mix of articles copied, dropped, changed and added, its files, hashes
// and ranges are those of a writer that writes every piece afresh, whether
// it starts from a copy of the previous files or not, and whether the copies
// are offered to it one by one or a run at a time (reusedRun); and the
// copied articles after the cut, next to each other in the previous files,
// are read as runs of bytes, not one article at a time.
import type * as NodeFs from 'node:fs';
import { mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fileHash, FileHasher, HASH_PIECE } from '../../src/project/file-hash.ts';
import { DATASET_NAMES } from '../../src/datasets/serialize.ts';
import type { WrittenBytes } from '../../src/datasets/serialize.ts';
import type { DatasetName } from '../../src/datasets/schema.ts';
import type { PreviousFiles } from '../../src/project/dataset-writer.ts';

const reads = vi.hoisted(() => ({ calls: 0 }));
vi.mock('node:fs', async (original) => {
  const fs = await original<typeof NodeFs>();
  return {
    ...fs,
    readSync: (...args: Parameters<typeof fs.readSync>) => {
      reads.calls += 1;
      return fs.readSync(...args);
    },
  };
});
const { DatasetFilesWriter } = await import('../../src/project/dataset-writer.ts');

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** An article: its id and, per dataset, the size of its rows (0: none) and the letter they are made of. */
interface Article {
  id: string;
  sizes: Record<DatasetName, number>;
  seed: number;
}

function pieceOf(article: Article, name: DatasetName): WrittenBytes | null {
  const size = article.sizes[name];
  if (size === 0) return null;
  const bytes = (offset: number) => Buffer.alloc(size, String.fromCharCode(97 + ((article.seed + offset) % 26)));
  return { json: bytes(0), csv: bytes(1) };
}

/** Writes `articles` afresh into `dir`, its files under their final names: the previous files of the next writer. */
async function writeAfresh(dir: string, articles: readonly Article[]): Promise<PreviousFiles> {
  const writer = await DatasetFilesWriter.open(dir);
  for (const article of articles)
    for (const name of DATASET_NAMES) await writer.add(name, pieceOf(article, name), article.id);
  const files = await writer.end();
  for (const [file, { path }] of files) await rename(path, join(dir, file));
  const ranges = Object.fromEntries(DATASET_NAMES.map((name) => [name, [...writer.ranges[name]]]));
  // The digests of the files' pieces, as the stamp notes them.
  const digests = Object.fromEntries([...files].map(([file, digest]) => [file, Buffer.from(digest.pieces, 'hex')]));
  return { dir, ranges: ranges as PreviousFiles['ranges'], digests };
}

/**
 * Writes `articles` with `previous` to copy from: an article in `kept` by
 * `reused`, else `reuse`; the others added. `first`: the writer's hint of how
 * many previous articles stay first. `byRun`: as the assembly does, each run
 * of kept articles offered to `reusedRun` first, dataset by dataset, and only
 * the ones it did not take copied one by one.
 */
async function writeWithPrevious(
  dir: string,
  articles: readonly Article[],
  kept: ReadonlySet<string>,
  previous: PreviousFiles,
  first?: number,
  byRun = false,
) {
  const writer = await DatasetFilesWriter.open(dir, previous, first);
  for (let i = 0; i < articles.length;) {
    let end = i;
    while (end < articles.length && kept.has(articles[end]!.id)) end += 1;
    const run = articles.slice(i, end);
    const taken = Object.fromEntries(
      DATASET_NAMES.map((name) => [
        name,
        byRun
          ? writer.reusedRun(
              name,
              run.length,
              (k) => run[k]!.id,
              (k) => run[k]!.sizes[name],
            )
          : 0,
      ]),
    ) as Record<DatasetName, number>;
    for (const [k, article] of run.entries())
      for (const name of DATASET_NAMES)
        if (k >= taken[name] && !writer.reused(name, article.id)) await writer.reuse(name, article.id);
    const added = articles[end];
    if (added) for (const name of DATASET_NAMES) await writer.add(name, pieceOf(added, name), added.id);
    i = end + 1;
  }
  return { files: await writer.end(), ranges: writer.ranges };
}

const article = (id: string) =>
  fc.record({
    id: fc.constant(id),
    // Mostly small, some over the writer's 64 KB blocks, some none.
    sizes: fc.record(
      Object.fromEntries(
        DATASET_NAMES.map((name) => [
          name,
          fc.oneof(fc.constant(0), fc.nat(300), fc.integer({ min: 60_000, max: 70_000 })),
        ]),
      ) as Record<DatasetName, fc.Arbitrary<number>>,
    ),
    seed: fc.nat(25),
  });

/** `count` articles in id order (`a` and the number, padded), each with rows of `size` bytes in every dataset. */
function articlesOf(count: number, size: number): Article[] {
  const width = String(count - 1).length;
  return Array.from({ length: count }, (_, i) => ({
    id: `a${String(i).padStart(width, '0')}`,
    sizes: { casualties: size, reactions: size, articles: size },
    seed: i,
  }));
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'newsbook-writer-runs-'));
  dirs.push(dir);
  return dir;
}

describe('DatasetFilesWriter with the previous files', () => {
  it('writes the files, hashes and ranges of a fresh writer, whatever was kept, dropped, changed or added', async () => {
    const story = fc
      .array(fc.constantFrom('keep', 'drop', 'change', 'insert'), { minLength: 1, maxLength: 24 })
      .chain((edits) =>
        fc.tuple(
          fc.constant(edits),
          fc.tuple(...edits.map((_, i) => article(`a${String(i).padStart(3, '0')}`))),
          fc.tuple(...edits.map((_, i) => article(`a${String(i).padStart(3, '0')}x`))),
          // Right or wrong, the hint changes only how the files start.
          fc.option(fc.nat(edits.length + 1), { nil: undefined }),
        ),
      );
    await fc.assert(
      fc.asyncProperty(story, async ([edits, before, fresh, first]) => {
        const previous = await writeAfresh(await tempDir(), before);
        const after: Article[] = [];
        const kept = new Set<string>();
        edits.forEach((edit, i) => {
          if (edit === 'keep' || edit === 'insert') {
            after.push(before[i]!);
            kept.add(before[i]!.id);
          }
          // A changed article keeps its id, with other rows; an inserted one follows the article kept before it.
          if (edit === 'change') after.push({ ...fresh[i]!, id: before[i]!.id });
          if (edit === 'insert') after.push(fresh[i]!);
        });
        const expectedDir = await tempDir();
        const expected = await writeAfresh(expectedDir, after);
        for (const byRun of [false, true]) {
          const got = await writeWithPrevious(await tempDir(), after, kept, previous, first, byRun);
          for (const name of DATASET_NAMES) {
            for (const ext of ['json', 'csv']) {
              const file = got.files.get(`${name}.${ext}`)!;
              const bytes = await readFile(file.path);
              const what = `${name}.${ext}${byRun ? ', by run' : ''}`;
              expect(bytes.equals(await readFile(join(expectedDir, `${name}.${ext}`))), what).toBe(true);
              expect(file.hash, what).toBe(fileHash(bytes));
            }
            expect([...got.ranges[name]]).toEqual(expected.ranges[name]);
          }
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('takes a run of copies in one pass, articles without rows in a dataset too, before the cut and after', async () => {
    const before = articlesOf(30, 50).map((a, i) => ({
      ...a,
      sizes: { ...a.sizes, casualties: i % 3 === 0 ? 0 : 50 },
    }));
    const previous = await writeAfresh(await tempDir(), before);
    // Each dataset's rows of all of them, taken by one call.
    const takesAll = (writer: Awaited<ReturnType<typeof DatasetFilesWriter.open>>) => {
      for (const name of DATASET_NAMES) {
        const taken = writer.reusedRun(
          name,
          before.length,
          (k) => before[k]!.id,
          (k) => before[k]!.sizes[name],
        );
        expect(taken, name).toBe(before.length);
      }
    };
    // Every article kept, an article added after them: all are the files' prefix.
    const last = await DatasetFilesWriter.open(await tempDir(), previous);
    takesAll(last);
    await last.abort();
    // An article added first: the files are cut before them all, and they are one run after it.
    const first = await DatasetFilesWriter.open(await tempDir(), previous, 0);
    for (const name of DATASET_NAMES) await first.add(name, { json: Buffer.from('x'), csv: Buffer.from('x') }, 'a');
    takesAll(first);
    await first.abort();
  });

  it('reads the copied articles after the cut as runs of bytes, not one by one', async () => {
    const before = articlesOf(2000, 600);
    const previous = await writeAfresh(await tempDir(), before);
    // An article added first in the id order: every other one is copied after it, shifted.
    const added: Article = { id: 'a', sizes: { casualties: 10, reactions: 10, articles: 10 }, seed: 1 };
    reads.calls = 0;
    const kept = new Set(before.map((a) => a.id));
    await writeWithPrevious(await tempDir(), [added, ...before], kept, previous);
    // Some 1.2 MB in each of six files, read a megabyte at a time: two reads a file, not 6,000 in all.
    expect(reads.calls).toBeLessThanOrEqual(12);
  }, 60_000);

  it("takes the digests of the pieces it copies whole from the previous files' stamp, not from their bytes", async () => {
    // Some 5 MB a file: five pieces of 1 MiB, then one added at the end of the id order.
    const before = articlesOf(50, 100_000);
    const previous = await writeAfresh(await tempDir(), before);
    const kept = new Set(before.map((a) => a.id));
    const after = [...before, { id: 'b', sizes: { casualties: 10, reactions: 10, articles: 10 }, seed: 2 }];
    const got = await writeWithPrevious(await tempDir(), after, kept, previous);
    for (const [file, written] of got.files) {
      const bytes = await readFile(written.path);
      expect(written.hash, file).toBe(fileHash(bytes));
      expect(written.pieces, file).toBe(new FileHasher().update(bytes).digest().pieces.toString('hex'));
    }
    // Noted wrong, the first piece's digest is taken as noted: proof that it is not read.
    const wrong = Object.fromEntries(
      Object.entries(previous.digests).map(([file, digests]) => [
        file,
        Buffer.concat([Buffer.alloc(32), digests.subarray(32)]),
      ]),
    );
    const trusting = await writeWithPrevious(await tempDir(), after, kept, { ...previous, digests: wrong });
    for (const [file, written] of trusting.files) {
      const bytes = await readFile(written.path);
      expect(bytes.byteLength).toBeGreaterThan(4 * HASH_PIECE);
      expect(written.hash, file).not.toBe(fileHash(bytes));
      expect(written.pieces.slice(0, 64), file).toBe('0'.repeat(64));
    }
  }, 60_000);

  it('starts a file as a copy of the previous one only when much of it stays', async () => {
    const before = articlesOf(20, 1000);
    const previous = await writeAfresh(await tempDir(), before);
    const kept = new Set(before.map((a) => a.id));
    const added = (id: string): Article => ({ id, sizes: { casualties: 5, reactions: 5, articles: 5 }, seed: 3 });
    // Copied, then cut after the fourth article: the other sixteen are read back as one run a file; the first four never are.
    reads.calls = 0;
    await writeWithPrevious(
      await tempDir(),
      [...before.slice(0, 4), added('a03x'), ...before.slice(4)],
      kept,
      previous,
      4,
    );
    expect(reads.calls).toBe(6);
    // Cut after the first: not copied, every article read back, two runs a file.
    reads.calls = 0;
    await writeWithPrevious(await tempDir(), [before[0]!, added('a00x'), ...before.slice(1)], kept, previous, 1);
    expect(reads.calls).toBe(12);
  }, 60_000);
});
