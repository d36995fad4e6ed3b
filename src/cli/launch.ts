// What a command is started with: the project it works on and, when it runs
// from its bundle (scripts/bundled.mjs), where the derive worker's bundle is.
// Given explicitly by the launcher, never through globals.
import { realpathSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DeriveEffects } from '../project/derive.ts';

export interface Launch {
  root: string;
  argv: string[];
  workerBundle?: string;
}

/**
 * What every command that derives takes from its launch: the worker bundle
 * to start the extraction's threads from, when it runs from one (beside its
 * bundle there is no derive-worker.ts to start them from).
 */
export function launchDeriveEffects(launch: Launch): DeriveEffects {
  return launch.workerBundle === undefined ? {} : { workerBundle: launch.workerBundle };
}

/** Whether the module at `url` is the script Node was started with (not a bundle that imports it). */
export function isMain(url: string): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return pathToFileURL(realpathSync(script)).href === pathToFileURL(realpathSync(fileURLToPath(url))).href;
  } catch {
    return false;
  }
}

/** The launch of a script in scripts/ run directly (through tsx): the repository is the folder above it. */
export function directLaunch(scriptUrl: string): Launch {
  return { root: fileURLToPath(new URL('..', scriptUrl)), argv: process.argv.slice(2) };
}
