// The worker pool (src/project/derive-workers.ts) must give exactly the bytes the
// in-process derive gives: same files, same messages, a progress tick per
// article; and a failing worker must fail the derive, not hang it.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticCorpus } from '../../src/bench/synthetic.ts';
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
  // Below the default threshold (the test asks for two workers), to stay quick, yet 15 batches for them to share.
  for (const [name, text] of syntheticCorpus(seeds, 120, 7)) writeFileSync(join(articles, name), text);
});

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

describe('derive on worker threads', () => {
  it('writes byte for byte what the in-process derive writes, with the same messages and a tick per article', async () => {
    const options = (out: string) => ({
      articles,
      out: join(dir, out),
      code: ROOT,
      gazetteers: [PATHS.gazetteer],
      codebooks: [PATHS.codebook],
      review: PATHS.review,
      home: 'Kazakhstan',
    });
    const alone = counting();
    // No cache (each extracts every article): the second would otherwise take them all from the first's.
    const single = await derive(options('single'), { progress: alone.progress, workers: 1, cache: null });
    const pooled = counting();
    const parallel = await derive(options('pool'), { progress: pooled.progress, workers: 2, cache: null });

    expect(files(join(dir, 'pool'))).toEqual(files(join(dir, 'single')));
    expect(parallel).toEqual(single);
    expect(single.casualties).toBeGreaterThan(100);
    expect(pooled.ticks).toHaveLength(120);
    expect(new Set(pooled.ticks)).toEqual(new Set(alone.ticks));
  }, 60_000);

  it('replaces a worker that runs out of its capped heap, and gives every article all the same', async () => {
    const { articles: loaded } = await loadArticles(articles);
    const some = loaded.slice(0, 12);
    const input = {
      gazetteers: [{ text: readFileSync(PATHS.gazetteer, 'utf8'), path: PATHS.gazetteer }],
      codebooks: [{ text: readFileSync(PATHS.codebook, 'utf8'), path: PATHS.codebook }],
      home: null,
    };
    const expected = await extractInWorkers(some, input, 1, undefined, null);
    // Far too little for the gazetteer: each first worker runs out before its first article.
    const pool = new ExtractionPool(input, 2, 3, undefined, 2);
    const entries = new Map<unknown, Uint8Array | null>();
    pool.each((article, entry) => entries.set(article, entry));
    for (const article of some) pool.add(article);
    pool.close();
    await pool.done;
    expect(pool.replaced).toBe(2);
    expect(some.map((article) => entries.get(article))).toEqual(expected);
    expect(expected.every((entry) => entry !== null && entry.byteLength > 0)).toBe(true);
  }, 60_000);

  it('fails, stopping every worker, when a worker cannot start', async () => {
    const { articles: loaded } = await loadArticles(articles);
    const broken = { text: 'actors: [', path: 'broken-gazetteer.yaml' };
    await expect(
      extractInWorkers(
        loaded.slice(0, 4),
        {
          gazetteers: [broken],
          codebooks: [{ text: readFileSync(PATHS.codebook, 'utf8'), path: PATHS.codebook }],
          home: null,
        },
        2,
      ),
    ).rejects.toThrow();
  }, 30_000);
});
