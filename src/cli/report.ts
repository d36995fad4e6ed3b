// `npm run report [-- STORY…]`: the arguments, then the project layer's
// report of each story and the index.
import { relative } from 'node:path';
import { readConfigs } from '../project/config.ts';
import { printDiagnostics } from '../project/console.ts';
import type { Console } from '../project/console.ts';
import { CliError } from '../project/errors.ts';
import { reportStory, writeIndex } from '../project/report.ts';
import type { ReportEffects } from '../project/report.ts';
import type { StoryEntry } from '../report/index-page.ts';
import { listStories } from '../project/layout.ts';
import { launchDeriveEffects } from './launch.ts';
import type { Launch } from './launch.ts';
import { parseCommandArgs } from './run.ts';
import type { CommandSpec } from './run.ts';

export const REPORT: CommandSpec<Record<string, never>> = {
  name: 'report',
  summary:
    "Derives what changed, then builds each story's page, report/dist/<story>.html (one self-contained file), and report/dist/index.html listing them. A story with an error is left as it was.",
  positionals: { usage: '[STORY…]', help: 'the stories to build; all of them when none is named' },
  options: {},
  examples: ['npm run report', 'npm run report -- chile-floods-2024'],
};

export async function reportCommand(
  argv: string[],
  out: Console,
  launch: Launch,
  effects: ReportEffects = {},
): Promise<void> {
  const { positionals, help } = parseCommandArgs(argv, REPORT, out);
  if (help) return;
  const configs = await readConfigs(launch.root, positionals);
  const withBundle: ReportEffects = { ...effects, derive: { ...launchDeriveEffects(launch), ...effects.derive } };
  const built: StoryEntry[] = [];
  const here = (path: string) => relative(process.cwd(), path) || path;
  const failed: string[] = [];
  for (const config of configs) {
    try {
      const { path, bytes, entry } = await reportStory(config, out, withBundle);
      built.push(entry);
      out.log(`✔ wrote ${here(path)} (${Math.round(bytes / 1024)} KB)`);
    } catch (error) {
      // One story's error leaves its page as it was and does not stop the others.
      if (!(error instanceof CliError) || configs.length === 1) throw error;
      printDiagnostics(error.diagnostics, out);
      out.error(`✖ ${config.slug}: ${error.message}`);
      failed.push(config.slug);
    }
  }
  const all = await readConfigs(launch.root, await listStories(launch.root));
  const index = await writeIndex(all, built, configs[0]!.dist, effects.fs);
  out.log(`✔ wrote ${here(index)} (${all.length} ${all.length === 1 ? 'story' : 'stories'})`);
  if (failed.length > 0)
    throw new CliError(
      `Cannot build ${failed.map((s) => `\`${s}\``).join(', ')}: see above; ${failed.length === 1 ? 'its page was' : 'their pages were'} left as they were`,
    );
}
