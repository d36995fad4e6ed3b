// npm run check: see `npm run check -- --help`. Runs directly through tsx, or
// from its bundle, whose launcher (scripts/bundled.mjs) calls `run`.
import { checkCommand } from '../src/cli/check.ts';
import { directLaunch, isMain } from '../src/cli/launch.ts';
import type { Launch } from '../src/cli/launch.ts';
import { runCommand } from '../src/cli/run.ts';

export const run = (launch: Launch): Promise<void> =>
  runCommand((argv, out) => checkCommand(argv, out, launch), launch.argv);

if (isMain(import.meta.url)) await run(directLaunch(import.meta.url));
