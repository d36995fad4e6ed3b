// The leftovers of a write that was killed (writeFileGroupsAtomically in
// files.ts): `<file>.<pid>.<8 hex>.tmp` (a new file not swapped in yet) and
// `.bak` (the previous one, kept until the swap is done). The next write
// removes those of a process that is gone; `check` names them. A stamp
// (stamp-file.ts) is written and swapped under the same names.
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isRunning } from './processes.ts';

export const LEFTOVER = /^(.+)\.(\d+)\.[0-9a-f]{8}\.(?:tmp|bak)$/;

/** Whether `name` is a leftover whose process is gone (a running one may still be writing it). */
export function isStaleLeftover(name: string): boolean {
  const match = LEFTOVER.exec(name);
  return match !== null && !isRunning(Number(match[2]));
}

/** The leftovers in `dir` whose process is gone. */
export async function staleLeftovers(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch((): string[] => []);
  return names.filter(isStaleLeftover).sort();
}

/** Removes the leftovers in `dir` whose process is gone, one after the other (a failure leaves that one for next time). */
export async function removeStaleLeftovers(
  dir: string,
  remove: (path: string) => Promise<unknown> = (path) => rm(path, { force: true }),
): Promise<void> {
  for (const name of await staleLeftovers(dir)) await remove(join(dir, name)).catch(() => undefined);
}
