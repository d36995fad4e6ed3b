// Runs a command and measures it as a whole: wall time, and the peak memory
// and CPU time of the process tree through GNU time (`/usr/bin/time -f`), whose
// figures include the children a command starts (the tsx CLI runs the script
// in a second node process). Without GNU time, memory and CPU are null.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TimedRun {
  ms: number;
  /** Peak resident memory of the process tree, in MB; null without GNU time. */
  peakMb: number | null;
  /** User + system CPU time, in ms; null without GNU time. */
  cpuMs: number | null;
  code: number | null;
  stdout: string;
  stderr: string;
}

const GNU_TIME = '/usr/bin/time';
let gnuTime: boolean | undefined;

/** Whether /usr/bin/time is GNU time (BusyBox and the BSDs have no `-f`/`-o`). */
export function hasGnuTime(): boolean {
  gnuTime ??= spawnSync(GNU_TIME, ['-f', '%M', '-o', '/dev/null', 'true']).status === 0;
  return gnuTime;
}

export async function timeProcess(command: string, args: readonly string[], cwd: string): Promise<TimedRun> {
  const dir = mkdtempSync(join(tmpdir(), 'newsbook-bench-time-'));
  const report = join(dir, 'time.txt');
  const [file, argv] = hasGnuTime()
    ? [GNU_TIME, ['-f', '%M %U %S', '-o', report, command, ...args]]
    : [command, [...args]];
  const started = performance.now();
  const child = spawn(file, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const ms = performance.now() - started;
  let peakMb: number | null = null;
  let cpuMs: number | null = null;
  if (hasGnuTime()) {
    // The last line: GNU time puts "Command exited with non-zero status" before it on failure.
    const [kb, user, system] = readFileSync(report, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
    peakMb = kb! / 1024;
    cpuMs = (user! + system!) * 1000;
  }
  rmSync(dir, { recursive: true, force: true });
  return { ms, peakMb, cpuMs, code, stdout, stderr };
}
