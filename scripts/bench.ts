// npm run bench [-- --story SLUG --sizes 10,100,1000,10000 --runs 5 --strict --huge]
// The benchmarks of issues 7 and 17: cold `npm run report`, the dev server's
// warm rebuild, derive throughput on synthetic corpora, the incremental
// derive (one article added to the largest, last and halfway through its id
// order) and the derive's peak memory,
// and the built file's size. `--huge` also derives 100,000 synthetic
// articles for its peak memory (some 5–10 minutes and 5 GB of disk).
// Prints a table and writes .bench/results.json (git-ignored).
//
// Exit code: 0 when every measurement could be made, even if a target is
// missed (the table says MISSED): timings on a shared 2-core machine move with
// whatever else runs, so a missed target is a finding to read, not a broken
// build. `--strict` exits 1 on a missed target too; a measurement that cannot
// be made (a command fails) always exits 1.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { benchCellsBuild } from '../src/bench/cells-build.ts';
import { benchColdReport } from '../src/bench/cold-report.ts';
import { ADD_ONE_RUNS, benchDerive } from '../src/bench/derive-throughput.ts';
import { benchDevRebuild } from '../src/bench/dev-rebuild.ts';
import { round } from '../src/bench/stats.ts';
import { speedChange, timeFixedWork } from '../src/bench/host-speed.ts';
import { formatTable, seconds } from '../src/bench/table.ts';
import type { BenchRow } from '../src/bench/table.ts';
import { WORKER_THRESHOLD } from '../src/project/derive-workers.ts';
import { ROOT } from '../src/bench/project-copy.ts';
import { listStories } from '../src/project/layout.ts';
import { readConfig } from '../src/project/config.ts';
import { readChartData } from '../src/project/report.ts';

const TARGETS = {
  coldReportMs: 1500,
  rebuildMs: 150,
  deriveRate: 600,
  scaling: 1.2,
  fileKb: 150,
  incrementalMs: 1000,
  derivePeakMb: 400,
};
const HUGE = 100_000;

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10,100,1000,10000' },
    runs: { type: 'string', default: '5' },
    strict: { type: 'boolean', default: false },
    huge: { type: 'boolean', default: false },
    story: { type: 'string' },
  },
});
// The story measured: the one named, or the project's first.
const benchStory = args.story ?? (await listStories(ROOT))[0];
if (benchStory === undefined) throw new Error('No story to measure: expected a report/<story>.md');
const sizes = args.sizes
  .split(',')
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 0);
const runs = Math.max(1, Number(args.runs) || 5);
const log = (line: string) => process.stderr.write(`${line}\n`);

const machine = {
  cpus: cpus().length,
  model: cpus()[0]?.model ?? null,
  availableParallelism: availableParallelism(),
  memoryGb: round(totalmem() / 2 ** 30, 1),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  loadBefore: loadavg().map((l) => round(l, 2)),
  // The machine's speed now, for the end to compare (host-speed.ts).
  fixedWorkBeforeMs: timeFixedWork(),
};
log(
  `newsbook bench: ${machine.cpus} CPUs (${machine.model}), node ${machine.node}, load ${machine.loadBefore.join(' ')}, fixed work ${machine.fixedWorkBeforeMs} ms`,
);

try {
  log(`1/3 cold \`npm run report\` (${runs} runs of each command)…`);
  const cold = await benchColdReport({
    story: benchStory,
    runs,
    alternatives: [
      ['node', '--import', 'tsx', 'scripts/report.ts'],
      ['node', '--import', 'tsx/esm', 'scripts/report.ts'],
    ],
  });
  log('2/3 warm rebuild in the dev server…');
  const dev = await benchDevRebuild({ story: benchStory, runs: 10, warmup: 2 });
  log(`3/3 derive throughput on ${sizes.join(', ')} synthetic articles…`);
  const { sizes: derive, addOne, addMiddle } = await benchDerive(sizes, log, { story: benchStory });
  if (args.huge) log(`and the derive of ${HUGE.toLocaleString('en-US')} synthetic articles…`);
  const huge = args.huge ? (await benchDerive([HUGE], log, { story: benchStory, addOne: false })).sizes[0]! : null;
  log('and a page build with 10 cells…');
  const story = await readConfig(ROOT, benchStory);
  const cells = await benchCellsBuild(
    readFileSync(story.narrative, 'utf8'),
    await readChartData(story, story.derived),
    runs,
  );

  const rows: BenchRow[] = [];
  const coldNote = (t: typeof cold.script) =>
    [
      t.cpuMs === null ? null : `CPU ${seconds(t.cpuMs)}`,
      t.peakMb === null ? null : `peak ${Math.round(t.peakMb)} MB`,
      t.runs.some((r) => r.derived) ? 're-derived!' : null,
    ]
      .filter(Boolean)
      .join(', ');
  rows.push({
    id: 'cold-report',
    label: `cold report: ${cold.script.command}`,
    value: round(cold.script.ms),
    unit: 'ms',
    shown: seconds(cold.script.ms),
    target: `< ${seconds(TARGETS.coldReportMs)}`,
    pass: cold.script.ms < TARGETS.coldReportMs,
    note: coldNote(cold.script),
  });
  rows.push({
    id: 'cold-report-peak-memory',
    label: 'cold report: peak memory',
    value: cold.script.peakMb === null ? null : round(cold.script.peakMb),
    unit: 'MB',
    shown: cold.script.peakMb === null ? 'n/a (no GNU time)' : `${Math.round(cold.script.peakMb)} MB`,
    target: null,
    pass: null,
  });
  for (const alt of cold.alternatives) {
    rows.push({
      id: `cold-report-alt:${alt.command}`,
      label: `  for comparison: ${alt.command}`,
      value: round(alt.ms),
      unit: 'ms',
      shown: seconds(alt.ms),
      target: null,
      pass: null,
      note: coldNote(alt),
    });
  }
  rows.push({
    id: 'dev-rebuild',
    label: 'warm rebuild: narrative save → reload message',
    value: round(dev.ms, 1),
    unit: 'ms',
    shown: `${Math.round(dev.ms)} ms`,
    target: `< ${TARGETS.rebuildMs} ms`,
    pass: dev.ms < TARGETS.rebuildMs,
    note: `server's rebuild ${Math.round(dev.serverMs)} ms, median of ${dev.runs.length}${dev.failed > 0 ? `, ${dev.failed} with errors` : ''}`,
  });
  for (const d of derive) {
    // The throughput target is for large corpora: those the derive spreads over worker threads.
    const large = d.articles >= WORKER_THRESHOLD;
    rows.push({
      id: `derive-${d.articles}`,
      label: `derive ${d.articles.toLocaleString('en-US')} articles`,
      value: round(d.rate, 1),
      unit: 'articles/s',
      shown: `${Math.round(d.rate)} articles/s`,
      target: large ? `≥ ${TARGETS.deriveRate}/s` : null,
      pass: large ? d.rate >= TARGETS.deriveRate : null,
      note: `${seconds(d.ms)}, ${d.workers > 1 ? `${d.workers} workers` : 'in-process'}, CPU ${seconds(d.cpuMs)}, whole process ${seconds(d.processMs)}, peak ${Math.round(d.peakMb)} MB`,
    });
  }
  for (const [id, added, where] of [
    ['derive-incremental', addOne, ''],
    ['derive-incremental-middle', addMiddle, ' halfway (every row after it shifted)'],
  ] as const) {
    if (!added) continue;
    rows.push({
      id,
      label: `incremental derive: 1 article added to ${added.to.toLocaleString('en-US')}${where}`,
      value: round(added.ms),
      unit: 'ms',
      shown: seconds(added.ms),
      target: `≤ ${seconds(TARGETS.incrementalMs)}`,
      pass: added.ms <= TARGETS.incrementalMs,
      note: `median of ${ADD_ONE_RUNS}, each adding one more; ${added.extracted} extracted, ${added.copied.toLocaleString('en-US')} copied, ${(added.articles - added.extracted - added.copied).toLocaleString('en-US')} from the cache; whole process ${seconds(added.processMs)}, peak ${Math.round(added.peakMb)} MB`,
    });
  }
  const tenK = derive.find((d) => d.articles === 10_000);
  for (const [size, d] of [
    [10_000, tenK],
    [HUGE, huge],
  ] as const) {
    rows.push({
      id: `derive-peak-memory-${size}`,
      label: `derive ${size.toLocaleString('en-US')} articles: peak memory`,
      value: d ? round(d.peakMb) : null,
      unit: 'MB',
      shown: d ? `${Math.round(d.peakMb)} MB` : size === HUGE ? 'not run (--huge)' : 'not run (--sizes)',
      target: `≤ ${TARGETS.derivePeakMb} MB`,
      pass: d ? d.peakMb <= TARGETS.derivePeakMb : null,
      ...(d ? { note: `every thread (GNU time), ${seconds(d.ms)}, ${Math.round(d.rate)} articles/s` } : {}),
    });
  }
  const base = derive.find((d) => d.articles === 100);
  const top = derive.at(-1);
  if (base && top && top !== base) {
    const ratio = top.perArticle / base.perArticle;
    const cpuRatio = top.cpuMs / top.articles / (base.cpuMs / base.articles);
    rows.push({
      id: 'derive-scaling',
      label: `per-article cost, ${top.articles.toLocaleString('en-US')} vs 100`,
      value: round(ratio, 3),
      unit: 'ratio',
      shown: ratio.toFixed(2),
      target: `< ${TARGETS.scaling}`,
      pass: ratio < TARGETS.scaling,
      note: `wall time (workers included); CPU time per article: ${cpuRatio.toFixed(2)}`,
    });
  }
  rows.push({
    id: 'cells-build-cold',
    label: `page build with ${cells.cells} cells, first in the process`,
    value: round(cells.coldMs),
    unit: 'ms',
    shown: `${Math.round(cells.coldMs)} ms`,
    target: null,
    pass: null,
  });
  rows.push({
    id: 'cells-build',
    label: `page build with ${cells.cells} cells`,
    value: round(cells.withCellsMs),
    unit: 'ms',
    shown: `${Math.round(cells.withCellsMs)} ms`,
    target: null,
    pass: null,
    note: `${Math.round(cells.withoutCellsMs)} ms without them, every built-in chart drawn (the dev server caches those)`,
  });
  const kb = cold.fileBytes / 1024;
  rows.push({
    id: 'file-size',
    label: 'built file size',
    value: round(kb, 1),
    unit: 'KB',
    shown: `${Math.round(kb)} KB`,
    target: `≤ ${TARGETS.fileKb} KB`,
    pass: kb <= TARGETS.fileKb,
    note: `${cold.fileBytes.toLocaleString('en-US')} bytes`,
  });

  const loadAfter = loadavg().map((l) => round(l, 2));
  const busy = Math.max(machine.loadBefore[0]!, loadAfter[0]!) > machine.cpus * 0.5;
  const fixedWorkAfterMs = timeFixedWork();
  const speedMoved = speedChange(machine.fixedWorkBeforeMs, fixedWorkAfterMs);
  console.log(formatTable(rows));
  if (cold.warmupDerived)
    console.log(
      'ℹ data/derived was out of date with the code: the unmeasured first report run derived the datasets (in the copy); the measured runs did not.',
    );
  if (busy)
    console.log(
      `⚠ the machine was busy (load ${machine.loadBefore[0]} before, ${loadAfter[0]} after, ${machine.cpus} CPUs): timings are inflated by other processes.`,
    );
  if (speedMoved) console.log(`⚠ ${speedMoved}`);
  const missed = rows.filter((r) => r.pass === false);
  console.log(
    missed.length === 0
      ? '✔ every target met'
      : `✖ ${missed.length} target${missed.length === 1 ? '' : 's'} missed: ${missed.map((r) => r.id).join(', ')}`,
  );

  const git = (...argv: string[]) => spawnSync('git', argv, { cwd: ROOT, encoding: 'utf8' }).stdout?.trim() || null;
  const results = {
    date: new Date().toISOString(),
    machine: { ...machine, loadAfter, fixedWorkAfterMs },
    git: { commit: git('rev-parse', '--short', 'HEAD'), dirty: (git('status', '--porcelain') ?? '') !== '' },
    targets: TARGETS,
    rows,
    details: { coldReport: cold, devRebuild: dev, derive, addOne, addMiddle, huge, cells },
  };
  // A dot-folder: the project's top level holds only its listed entries.
  const out = join(ROOT, '.bench');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`wrote ${relative(process.cwd(), join(out, 'results.json'))}`);
  if (args.strict && missed.length > 0) process.exitCode = 1;
} catch (error) {
  console.error(`✖ bench failed: ${(error as Error)?.stack ?? String(error)}`);
  process.exitCode = 1;
}
