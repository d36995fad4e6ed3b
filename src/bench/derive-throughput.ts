// Benchmark 3: derive throughput on synthetic corpora of growing size (made
// by syntheticCorpus, written to a temp folder, deleted after), each in a
// fresh process so that no size warms the JIT for the next one, with an
// empty extraction cache of its own; then, on the largest, the incremental
// derive: one article added, the others taken from the cache, last in the id
// order (a story numbered as it grows), then halfway (every row after it
// shifted, as after an article edited there).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadArticles } from '../project/files.ts';
import { projectLayout, storyLayout } from '../project/layout.ts';
import { packageScript, ROOT } from './project-copy.ts';
import type { DeriveChildInput, DeriveChildOutput } from './derive-child.ts';
import { syntheticArticles } from './synthetic.ts';
import { timeProcess } from './timed-process.ts';
import { buildWorkerBundle } from './worker-bundle.ts';

export interface DeriveSizeResult extends DeriveChildOutput {
  /** Articles per second of the derive itself (node's start-up apart). */
  rate: number;
  /** ms per article. */
  perArticle: number;
  /** The whole process: start-up, loading, derive, writing. */
  processMs: number;
}

const CHILD = fileURLToPath(new URL('./derive-child.ts', import.meta.url));

export interface DeriveBench {
  sizes: DeriveSizeResult[];
  /**
   * One article added to the largest corpus (of `to` articles), derived again
   * with the cache the first derive filled: the median of ADD_ONE_RUNS, each
   * adding one more.
   */
  addOne: (DeriveSizeResult & { to: number }) | null;
  /** Likewise, each article added halfway through the id order. */
  addMiddle: (DeriveSizeResult & { to: number }) | null;
}

export async function benchDerive(
  sizes: readonly number[],
  log: (line: string) => void,
  /** `story`: whose articles the synthetic corpus is made from. */
  options: { story: string; addOne?: boolean },
): Promise<DeriveBench> {
  const { articles: seeds, diagnostics } = await loadArticles(storyLayout(ROOT, options.story).articles);
  if (seeds.length === 0)
    throw new Error(`No seed articles to make a synthetic corpus from: ${diagnostics.map((d) => d.reason).join('; ')}`);
  // The workers start from one bundle, as `npm run derive` starts them (scripts/bundled.mjs), not through tsx.
  const bundles = mkdtempSync(join(tmpdir(), 'newsbook-bench-worker-'));
  const workerBundle = await buildWorkerBundle(bundles);
  const results: DeriveSizeResult[] = [];
  let addOne: DeriveBench['addOne'] = null;
  let addMiddle: DeriveBench['addMiddle'] = null;
  const largest = Math.max(...sizes);
  for (const size of sizes) {
    const dir = mkdtempSync(join(tmpdir(), `newsbook-bench-derive-${size}-`));
    try {
      const articles = join(dir, 'articles');
      mkdirSync(articles);
      let last = '';
      let middle = '';
      // Written one at a time: a corpus of 100,000 articles is never held whole. Dated an
      // hour back, as a story's articles saved before: the derive reads a file saved in the
      // last seconds again next time (src/project/reuse.ts), which no archive's files are.
      const before = new Date(Date.now() - 3_600_000);
      for (const [name, text] of syntheticArticles(seeds, size, 1)) {
        writeFileSync(join(articles, name), text);
        utimesSync(join(articles, name), before, before);
        last = name;
        if (middle === '' && Number(name.slice(1, -3)) >= size / 2) middle = name;
      }
      // No review: a synthetic corpus has no editors' decisions (the file does not exist).
      const input: DeriveChildInput = {
        code: ROOT,
        articles,
        out: join(dir, 'out'),
        gazetteers: [projectLayout(ROOT).gazetteer],
        codebooks: [projectLayout(ROOT).codebook],
        review: null,
        home: null,
        cache: join(dir, 'cache'),
        workerBundle,
      };
      log(`  deriving ${size.toLocaleString('en-US')} synthetic articles…`);
      results.push(await runChild(input, `${size} synthetic articles`));
      if (options.addOne !== false && size === largest) {
        log(`  …and again with one article added, ${ADD_ONE_RUNS} times last and ${ADD_ONE_RUNS} times halfway…`);
        // A copy of the last article under a new id: the next one the journalist saves.
        addOne = { ...(await addRuns(input, last, 'x', size)), to: size };
        // One named to follow the middle article (`reuters-0312` among articles of every outlet).
        addMiddle = { ...(await addRuns(input, middle, 'm', size + ADD_ONE_RUNS)), to: size };
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  rmSync(bundles, { recursive: true, force: true });
  return { sizes: results, addOne, addMiddle };
}

/** Times one article is added to the largest corpus and derived again (the median is reported). */
export const ADD_ONE_RUNS = 3;

/** ADD_ONE_RUNS derives, each after one more copy of the article `after` under an id right after its own: the median one. */
async function addRuns(input: DeriveChildInput, after: string, tag: string, had: number): Promise<DeriveSizeResult> {
  const runs: DeriveSizeResult[] = [];
  for (let run = 1; run <= ADD_ONE_RUNS; run += 1) {
    const id = `${after.slice(0, -3)}${tag}${run}`;
    writeFileSync(
      join(input.articles, `${id}.md`),
      readFileSync(join(input.articles, after), 'utf8').replace(/^id: ".*"$/m, `id: "${id}"`),
    );
    settleDisk();
    runs.push(await runChild(input, `${had + run - 1} synthetic articles and one more`));
  }
  // The median run: one derive of about a second on a shared machine is too easily a slow one.
  return [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)]!;
}

/**
 * Waits for the files written so far to reach the disk. A journalist adds an
 * article long after the last derive; here it comes right after a derive
 * that wrote a gigabyte (the cache and the datasets), which the system would
 * otherwise still be writing out while the measured derive writes its own
 * files to the same disk. Where there is no `sync` (Windows), nothing waits.
 */
function settleDisk(): void {
  spawnSync('sync', { stdio: 'ignore' });
}

async function runChild(input: DeriveChildInput, what: string): Promise<DeriveSizeResult> {
  const run = await timeProcess(
    process.execPath,
    [...deriveNodeOptions(), '--import', 'tsx', CHILD, JSON.stringify(input)],
    process.cwd(),
  );
  if (run.code !== 0) throw new Error(`The derive of ${what} failed (exit ${run.code}):\n${run.stderr.slice(-2000)}`);
  const output = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as DeriveChildOutput;
  // GNU time's figure takes in every thread and child; the process's own is the fallback.
  return {
    ...output,
    peakMb: run.peakMb ?? output.peakMb,
    rate: (output.articles / output.ms) * 1000,
    perArticle: output.ms / output.articles,
    processMs: run.ms,
  };
}

/** The options `npm run derive` starts Node with (package.json), for the measured derive to run as it does. */
function deriveNodeOptions(): string[] {
  const words = packageScript(ROOT, 'derive');
  const node = words.indexOf('node');
  if (node === -1) return [];
  const options: string[] = [];
  for (const word of words.slice(node + 1)) {
    if (!word.startsWith('--')) break;
    options.push(word);
  }
  return options;
}
