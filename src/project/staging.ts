// Staging folders: where `npm run report` derives before anything it replaces
// is touched. They live in the project's cache (never the machine-wide
// temporary folder, where other programs' folders would be mistaken for
// ours), each named for the process that made it, so that the next run
// removes those a killed run left behind.
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isRunning } from './processes.ts';

/** A new staging folder in `parent`, after removing the stale ones there. */
export async function makeStage(parent: string): Promise<string> {
  await mkdir(parent, { recursive: true });
  await removeStaleStages(parent);
  return mkdtemp(join(parent, `${process.pid}-`));
}

/** Removes the stages of processes that are gone; a running one's stay. */
export async function removeStaleStages(parent: string): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(parent).catch((): string[] => [])) {
    const pid = Number(/^(\d+)-/.exec(name)?.[1]);
    if (!Number.isInteger(pid) || isRunning(pid)) continue;
    await rm(join(parent, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}
