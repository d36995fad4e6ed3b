// Benchmark 3, the measured side: one derive of a synthetic corpus in a fresh
// process, as `npm run derive` does it (default workers, progress on stderr),
// timed from inside so that node's start-up is apart; its messages are then
// formatted as the CLI prints them, so that the peak is the command's. Prints
// one JSON line.
import { formatProblem } from '../common/problem-lines.ts';
import { derive } from '../project/derive.ts';
import type { DeriveOptions } from '../project/derive-inputs.ts';
import { defaultWorkers } from '../project/derive-workers.ts';

export interface DeriveChildInput extends DeriveOptions {
  /** The extraction cache's folder (DeriveEffects.cache): the benchmark's own, removed with its corpus. */
  cache?: string | null;
  /** The derive worker's bundle, as `npm run derive` starts its workers (scripts/bundled.mjs). */
  workerBundle?: string;
}

export interface DeriveChildOutput {
  articles: number;
  /** Of which extracted (not in the cache). */
  extracted: number;
  /** Of which copied from the datasets that were there. */
  copied: number;
  casualties: number;
  reactions: number;
  workers: number;
  /** The messages `npm run derive` prints. */
  messages: number;
  ms: number;
  /** CPU time of every thread of the process during the derive. */
  cpuMs: number;
  peakMb: number;
}

const { cache, workerBundle, ...input } = JSON.parse(process.argv[2] ?? '{}') as DeriveChildInput;
const cpu = process.cpuUsage();
const started = performance.now();
const summary = await derive(input, {
  ...(cache === undefined ? {} : { cache }),
  ...(workerBundle ? { workerBundle } : {}),
});
const ms = performance.now() - started;
const used = process.cpuUsage(cpu);
// Formatted one by one and dropped, as the CLI prints them: made all at once, they added some 80 MB
// to the command's peak at 100,000 articles, which the bench did not see.
let messages = 0;
for (const message of summary.diagnostics) {
  formatProblem(message);
  messages += 1;
}
// As the command's process does not exit before the previous files are removed.
await summary.freed;
const output: DeriveChildOutput = {
  articles: summary.articles,
  extracted: summary.extracted,
  copied: summary.copied,
  casualties: summary.casualties,
  reactions: summary.reactions,
  workers: Math.min(defaultWorkers(summary.extracted), summary.extracted),
  messages,
  ms,
  cpuMs: (used.user + used.system) / 1000,
  peakMb: process.resourceUsage().maxRSS / 1024,
};
console.log(JSON.stringify(output));
