// The worker pool (src/project/derive-workers.ts) must give exactly the bytes the
// in-process derive gives: same files, same messages, a progress tick per
// article; and a failing worker must fail the derive, not hang it.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticCorpus } from '../../src/bench/synthetic.ts';
import { buildWorkerBundle } from '../../src/bench/worker-bundle.ts';
import { derive } from '../../src/project/derive.ts';
import { extractInWorkers, ExtractionPool } from '../../src/project/derive-workers.ts';
import { loadArticles } from '../../src/project/files.ts';
import { PATHS, ROOT } from '../story.ts';
import type { Progress } from '../../src/project/progress.ts';

const dir = mkdtempSync(join(tmpdir(), 'newsbook-workers-'));
const articles = join(dir, 'articles');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  const { articles: seeds } = await loadArticles(PATHS.articles);
  mkdirSync(articles);
  // Below the default threshold (the test asks for two workers), to stay quick, yet 16 batches for them to share, the last one short.
  for (const [name, text] of syntheticCorpus(seeds, 123, 7)) writeFileSync(join(articles, name), text);
});

/** What a pool's workers start from: the story's gazetteer and codebook. */
const storyInput = () => ({
  gazetteers: [{ text: readFileSync(PATHS.gazetteer, 'utf8'), path: PATHS.gazetteer }],
  codebooks: [{ text: readFileSync(PATHS.codebook, 'utf8'), path: PATHS.codebook }],
  home: null,
});

/** The synthetic articles' files, in name order. */
const articleFiles = () =>
  readdirSync(articles)
    .sort()
    .map((name) => ({ path: join(articles, name), bytes: readFileSync(join(articles, name)) }));

function counting(): { ticks: string[]; progress: (total: number) => Progress } {
  const ticks: string[] = [];
  return { ticks, progress: () => ({ tick: (name = '') => void ticks.push(name), done() {} }) };
}

const files = (out: string) =>
  new Map(
    readdirSync(out)
      .sort()
      .map((name) => [name, readFileSync(join(out, name), 'utf8')]),
  );

/** The story's gazetteer, codebook, review and home, for the articles in `articles`. */
const storyOptions = (articles: string, out: string) => ({
  articles,
  out,
  code: ROOT,
  gazetteers: [PATHS.gazetteer],
  codebooks: [PATHS.codebook],
  review: PATHS.review,
  home: 'Kazakhstan',
});

describe('derive on worker threads', () => {
  it('writes byte for byte what the in-process derive writes, with the same messages and a tick per article', async () => {
    const options = (out: string) => storyOptions(articles, join(dir, out));
    const alone = counting();
    // No cache (each extracts every article): the second would otherwise take them all from the first's.
    const single = await derive(options('single'), { progress: alone.progress, workers: 1, cache: null });
    const pooled = counting();
    const parallel = await derive(options('pool'), { progress: pooled.progress, workers: 2, cache: null });

    expect(files(join(dir, 'pool'))).toEqual(files(join(dir, 'single')));
    expect(parallel).toEqual(single);
    expect(single.casualties).toBeGreaterThan(100);
    expect(pooled.ticks).toHaveLength(123);
    expect(new Set(pooled.ticks)).toEqual(new Set(alone.ticks));
  }, 60_000);

  it('extracts on a worker started before the articles are looked at (from the bundle), whether it has one article to extract, many or none', async () => {
    const folder = join(dir, 'early');
    mkdirSync(join(folder, 'articles'), { recursive: true });
    for (const name of readdirSync(articles).slice(0, 40))
      writeFileSync(join(folder, 'articles', name), readFileSync(join(articles, name)));
    const options = (out: string) => storyOptions(join(folder, 'articles'), join(folder, out));
    const effects = { workers: 2, workerBundle: await buildWorkerBundle(folder), cache: join(folder, 'cache') };
    const quiet = () => counting().progress;
    const expectSameAsAlone = async (summary: Awaited<ReturnType<typeof derive>>) => {
      const alone = await derive(options('alone'), { workers: 1, cache: null, progress: quiet() });
      expect(files(join(folder, 'pooled'))).toEqual(files(join(folder, 'alone')));
      expect([...summary.diagnostics]).toEqual([...alone.diagnostics]);
      expect(summary.changes.counts.after).toEqual(alone.changes.counts.after);
    };

    const all = await derive(options('pooled'), { ...effects, progress: quiet() });
    expect([all.extracted, all.copied]).toEqual([40, 0]);
    await expectSameAsAlone(all);

    // One more article, first in id order: the assembly waits for it before it copies the others.
    const [first] = readdirSync(join(folder, 'articles')).sort();
    const text = readFileSync(join(folder, 'articles', first!), 'utf8');
    writeFileSync(join(folder, 'articles', `a${first}`), text.replace(/^id: ".*"$/m, `id: "a${first!.slice(0, -3)}"`));
    const one = await derive(options('pooled'), { ...effects, progress: quiet() });
    expect([one.extracted, one.copied]).toEqual([1, 40]);
    await expectSameAsAlone(one);

    const none = await derive(options('pooled'), { ...effects, progress: quiet() });
    expect([none.extracted, none.copied]).toEqual([0, 41]);
    await expectSameAsAlone(none);

    // One more, last in id order: the copies are done while it is extracted, and the tolls they stand for are read meanwhile.
    writeFileSync(join(folder, 'articles', `z${first}`), text.replace(/^id: ".*"$/m, `id: "z${first!.slice(0, -3)}"`));
    const last = await derive(options('pooled'), { ...effects, progress: quiet() });
    expect([last.extracted, last.copied]).toEqual([1, 41]);
    expect(last.changes.tolls.length).toBeGreaterThan(0);
    const alone = await derive(options('alone'), { workers: 1, cache: null, progress: quiet() });
    expect(files(join(folder, 'pooled'))).toEqual(files(join(folder, 'alone')));
    expect([...last.diagnostics]).toEqual([...alone.diagnostics]);
    expect(last.changes).toEqual(alone.changes);

    // An article added that does not parse is not sent ahead: it is reported, and nothing is written.
    const broken = join(folder, 'articles', `b${first}`);
    writeFileSync(broken, text.replace(/^id: ".*"$/m, 'id: [not, an, id]'));
    await expect(derive(options('pooled'), { ...effects, progress: quiet() })).rejects.toThrow(/Cannot derive/);
    rmSync(broken);
    expect(files(join(folder, 'pooled'))).toEqual(files(join(folder, 'alone')));
  }, 120_000);

  it('replaces a worker that runs out of its capped heap, and gives every article all the same, read again', async () => {
    const some = articleFiles().slice(0, 12);
    const input = storyInput();
    const expected = await extractInWorkers(some, input, 1, null);
    // Far too little for the gazetteer: each first worker runs out before its first article.
    const reread: number[] = [];
    const pool = new ExtractionPool<number>(input, 2, 3, {
      heapMb: 2,
      reread: async (i) => {
        reread.push(i);
        return readFileSync(some[i]!.path);
      },
    });
    const entries = new Map<number, Uint8Array | null>();
    pool.each((i, entry) => entries.set(i, entry));
    some.forEach((file, i) => pool.add(i, file));
    pool.close();
    await pool.done;
    expect(pool.replaced).toBe(2);
    // Each first worker's batches (up to two of three articles each), and no other.
    expect(reread.length).toBeGreaterThanOrEqual(6);
    expect(reread.length).toBeLessThanOrEqual(12);
    expect(some.map((_, i) => entries.get(i))).toEqual(expected);
    expect(expected.every((entry) => entry !== null && entry.byteLength > 0)).toBe(true);
  }, 60_000);

  it('starts its workers before their input is known: the articles added meanwhile wait for it and come out as with the input given at once', async () => {
    const some = articleFiles().slice(0, 5);
    const input = storyInput();
    const expected = await extractInWorkers(some, input, 1);
    let inform!: (known: typeof input) => void;
    const pool = new ExtractionPool<number>(new Promise((resolve) => (inform = resolve)), 2, 2, {
      reread: async (i) => readFileSync(some[i]!.path),
    });
    const entries = new Map<number, Uint8Array | null>();
    pool.each((i, entry) => entries.set(i, entry));
    some.forEach((file, i) => pool.add(i, file));
    // Nothing can have been extracted yet: the workers do not know the gazetteer.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(entries.size).toBe(0);
    inform(input);
    pool.close();
    await pool.done;
    expect(some.map((_, i) => entries.get(i))).toEqual(expected);
  }, 60_000);

  it('fails, stopping every worker, when the input it waits for cannot be had or does not compile', async () => {
    const some = articleFiles().slice(0, 2);
    const refused = new ExtractionPool<number>(Promise.reject(new Error('no gazetteer')), 1, 1, {
      reread: async (i) => readFileSync(some[i]!.path),
    });
    some.forEach((file, i) => refused.add(i, file));
    refused.close();
    await expect(refused.done).rejects.toThrow(/no gazetteer/);

    const broken = { ...storyInput(), gazetteers: [{ text: 'actors: [', path: 'broken-gazetteer.yaml' }] };
    const failing = new ExtractionPool<number>(Promise.resolve(broken), 1, 1, {
      reread: async (i) => readFileSync(some[i]!.path),
    });
    some.forEach((file, i) => failing.add(i, file));
    failing.close();
    await expect(failing.done).rejects.toThrow();
  }, 30_000);

  it('fails, stopping every worker, when an article must be read again and has changed', async () => {
    const some = articleFiles().slice(0, 6);
    const input = storyInput();
    const pool = new ExtractionPool<number>(input, 1, 3, {
      heapMb: 2,
      reread: async (i) => {
        throw new Error(`${some[i]!.path} changed or went away while the derive read it: derive again`);
      },
    });
    some.forEach((file, i) => pool.add(i, file));
    pool.close();
    await expect(pool.done).rejects.toThrow(/changed or went away while the derive read it/);
  }, 60_000);

  it('fails, stopping every worker, when a worker cannot start', async () => {
    const broken = { text: 'actors: [', path: 'broken-gazetteer.yaml' };
    await expect(
      extractInWorkers(articleFiles().slice(0, 4), { ...storyInput(), gazetteers: [broken] }, 2),
    ).rejects.toThrow();
  }, 30_000);
});
