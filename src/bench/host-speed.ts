// How fast the machine runs one fixed piece of work, timed before and after
// the measures. A shared virtual machine's speed moves with its neighbours,
// which its own load average does not show: on the 2-core machine of issue 17
// a loop of arithmetic took 712 ms, then 880 ms, back to back, and a cold report
// measured 0.96 s one hour and 1.30 s the next with no change to its code. A
// bench whose fixed work slowed down between the two timings says so, and
// its figures are read with that in mind.
import { createHash } from 'node:crypto';
import { median, round } from './stats.ts';

/**
 * The fixed work: integer arithmetic and SHA-256, neither of which allocates
 * on the JavaScript heap, so that it takes as long at the end of the bench,
 * whatever the process then holds, as at the start.
 */
function fixedWork(): number {
  let x = 0;
  for (let i = 0; i < 8_000_000; i += 1) x = (x * 31 + i) % 1_000_003;
  return x + createHash('sha256').update(WORK_BYTES).digest()[0]!;
}
const WORK_BYTES = Buffer.alloc(16 * 2 ** 20, 7);

/** The median time of `runs` runs of the fixed work, in ms (the first run, which warms the code, not counted). */
export function timeFixedWork(runs = 5, now: () => number = () => performance.now()): number {
  fixedWork();
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const start = now();
    fixedWork();
    times.push(now() - start);
  }
  return round(median(times), 1);
}

/** Past this change between the two timings, the machine's speed moved during the bench. */
export const SPEED_TOLERANCE = 0.15;

/** A warning when the fixed work took a different time after the measures than before (by more than SPEED_TOLERANCE); null otherwise. */
export function speedChange(beforeMs: number, afterMs: number): string | null {
  const change = afterMs / beforeMs - 1;
  if (!Number.isFinite(change) || Math.abs(change) <= SPEED_TOLERANCE) return null;
  const percent = Math.round(Math.abs(change) * 100);
  return `the machine ran ${percent}% ${change > 0 ? 'slower' : 'faster'} at the end than at the start (fixed work ${beforeMs} ms, then ${afterMs} ms): its speed moved while the measures were taken.`;
}
