// Benchmark 1 and 4: `npm run report` as a new process each time, in a copy of
// the project, and the size of the file it builds. One run first, unmeasured:
// it fills the OS file cache and tsx's transform cache (a "cold" run here is a
// new process, not a cold disk), and derives the datasets if they are out of
// date, so that the measured runs only build the page, as an editor's do.
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { storyLayout } from '../project/layout.ts';
import { copyWholeProject, packageScript } from './project-copy.ts';
import { median } from './stats.ts';
import { timeProcess } from './timed-process.ts';
import type { TimedRun } from './timed-process.ts';

export interface CommandTiming {
  command: string;
  runs: { ms: number; peakMb: number | null; cpuMs: number | null; derived: boolean }[];
  ms: number;
  peakMb: number | null;
  cpuMs: number | null;
}

export interface ColdReportResult {
  /** What `npm run report` runs (package.json), measured without npm's own start-up. */
  script: CommandTiming;
  /** The same script started in other ways, for comparison. */
  alternatives: CommandTiming[];
  /** Whether the unmeasured first run had to derive the datasets (data/derived out of date with the code). */
  warmupDerived: boolean;
  fileBytes: number;
}

const DERIVING = /deriving the datasets/;

export async function benchColdReport(options: {
  story: string;
  runs: number;
  alternatives: string[][];
}): Promise<ColdReportResult> {
  const root = copyWholeProject();
  try {
    const script = packageScript(root, 'report');
    if (script.length === 0) throw new Error('package.json has no `report` script');
    const warmup = await run(root, script);
    const measured = await timeCommand(root, script, options.runs);
    const alternatives: CommandTiming[] = [];
    for (const command of options.alternatives) alternatives.push(await timeCommand(root, command, options.runs));
    return {
      script: measured,
      alternatives,
      warmupDerived: DERIVING.test(warmup.stdout),
      fileBytes: statSync(join(storyLayout(root, options.story).dist, storyLayout(root, options.story).output)).size,
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function timeCommand(root: string, command: string[], runs: number): Promise<CommandTiming> {
  const results: CommandTiming['runs'] = [];
  for (let i = 0; i < runs; i++) {
    const r = await run(root, command);
    results.push({ ms: r.ms, peakMb: r.peakMb, cpuMs: r.cpuMs, derived: DERIVING.test(r.stdout) });
  }
  const nullable = (values: (number | null)[]) => (values.some((v) => v === null) ? null : median(values as number[]));
  return {
    command: command.join(' '),
    runs: results,
    ms: median(results.map((r) => r.ms)),
    peakMb: nullable(results.map((r) => r.peakMb)),
    cpuMs: nullable(results.map((r) => r.cpuMs)),
  };
}

/** Runs a package.json-style command in the copy: a first word found in node_modules/.bin is taken from there, as npm does. */
async function run(root: string, [command, ...args]: string[]): Promise<TimedRun> {
  const local = join(root, 'node_modules/.bin', command!);
  const file = existsFile(local) ? local : command!;
  const result = await timeProcess(file, args, root);
  if (result.code !== 0)
    throw new Error(
      `\`${[command, ...args].join(' ')}\` failed (exit ${result.code}):\n${result.stdout}${result.stderr}`,
    );
  return result;
}

function existsFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
