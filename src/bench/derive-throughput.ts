// Benchmark 3: derive throughput on synthetic corpora of growing size (made
// by syntheticCorpus, written to a temp folder, deleted after), each in a
// fresh process so that no size warms the JIT for the next one.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadArticles } from '../project/files.ts';
import { projectLayout, storyLayout } from '../project/layout.ts';
import { BENCH_STORY, ROOT } from './project-copy.ts';
import type { DeriveChildInput, DeriveChildOutput } from './derive-child.ts';
import { syntheticCorpus } from './synthetic.ts';
import { timeProcess } from './timed-process.ts';

export interface DeriveSizeResult extends DeriveChildOutput {
  /** Articles per second of the derive itself (node's start-up apart). */
  rate: number;
  /** ms per article. */
  perArticle: number;
  /** The whole process: start-up, loading, derive, writing. */
  processMs: number;
}

const CHILD = fileURLToPath(new URL('./derive-child.ts', import.meta.url));

export async function benchDerive(sizes: readonly number[], log: (line: string) => void): Promise<DeriveSizeResult[]> {
  const { articles: seeds, diagnostics } = await loadArticles(storyLayout(ROOT, BENCH_STORY).articles);
  if (seeds.length === 0) throw new Error(`No seed articles to make a synthetic corpus from: ${diagnostics.map((d) => d.reason).join('; ')}`);
  const results: DeriveSizeResult[] = [];
  for (const size of sizes) {
    const dir = mkdtempSync(join(tmpdir(), `newsbook-bench-derive-${size}-`));
    try {
      const articles = join(dir, 'articles');
      mkdirSync(articles);
      for (const [name, text] of syntheticCorpus(seeds, size, 1)) writeFileSync(join(articles, name), text);
      // No review: a synthetic corpus has no editors' decisions (the file does not exist).
      const input: DeriveChildInput = { code: ROOT, articles, out: join(dir, 'out'), gazetteers: [projectLayout(ROOT).gazetteer], codebooks: [projectLayout(ROOT).codebook], review: null, home: null };
      log(`  deriving ${size.toLocaleString('en-US')} synthetic articles…`);
      const run = await timeProcess(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(input)], process.cwd());
      if (run.code !== 0) throw new Error(`The derive of ${size} synthetic articles failed (exit ${run.code}):\n${run.stderr.slice(-2000)}`);
      const output = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as DeriveChildOutput;
      results.push({ ...output, rate: (output.articles / output.ms) * 1000, perArticle: output.ms / output.articles, processMs: run.ms });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return results;
}
