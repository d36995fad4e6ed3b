// `npm run check [-- STORY…]`: the arguments, then the project layer's check
// of each story; prints every problem and a tally, writes nothing.
import { relative } from 'node:path';
import { check } from '../project/check.ts';
import { readConfigs } from '../project/config.ts';
import { plural } from '../common/plural.ts';
import type { Console } from '../project/console.ts';
import { formatProblem } from '../common/problem-lines.ts';
import { isError, severityOf } from '../common/problems.ts';
import { CliError } from '../project/errors.ts';
import type { Launch } from './launch.ts';
import { parseCommandArgs } from './run.ts';
import type { CommandSpec } from './run.ts';

export const CHECK: CommandSpec<Record<string, never>> = {
  name: 'check',
  summary:
    'Checks everything an editor or a journalist writes (articles, codebook, gazetteer, review, datasets, timeline, story) and writes nothing; lists each problem as file:line:column and exits with an error when there is one.',
  positionals: { usage: '[STORY…]', help: 'the stories to check; all of them when none is named' },
  options: {},
  examples: ['npm run check', 'npm run check -- chile-floods-2024'],
};

export async function checkCommand(argv: string[], out: Console, launch: Launch): Promise<void> {
  const { positionals, help } = parseCommandArgs(argv, CHECK, out);
  if (help) return;
  let errors = 0;
  let warnings = 0;
  const scopes: string[] = [];
  for (const config of await readConfigs(launch.root, positionals)) {
    const { diagnostics, articles } = await check(config);
    for (const d of diagnostics) (isError(d) ? out.error : out.log)(formatProblem(d));
    errors += diagnostics.filter(isError).length;
    warnings += diagnostics.filter((d) => severityOf(d) === 'warning').length;
    scopes.push(
      `${config.slug} (${plural(articles, 'article')}, the datasets in ${relative(process.cwd(), config.derived) || '.'}, the codebook, the gazetteer, the review, the timeline and the story)`,
    );
  }
  const tally = `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${scopes.join('; ')}`;
  if (errors > 0) throw new CliError(`Cannot pass the check: ${tally}`);
  out.log(`✔ ${tally}`);
}
