// `npm run new -- STORY [--title "…"]`: the arguments, then the project
// layer's new story, and a line on what to do next.
import { relative } from 'node:path';
import type { Console } from '../project/console.ts';
import { CliError } from '../project/errors.ts';
import { newStory } from '../project/new-story.ts';
import type { Launch } from './launch.ts';
import { parseCommandArgs } from './run.ts';
import type { CommandSpec } from './run.ts';

export const NEW: CommandSpec<{ title: { type: 'string'; help: string; value: string } }> = {
  name: 'new',
  summary:
    'Starts a story: report/<story>.md, a narrative to fill in that builds at once, and data/<story>/articles/ for its articles. Never overwrites.',
  positionals: {
    usage: 'STORY',
    help: "the story's name: lowercase letters, digits and hyphens, such as chile-floods-2024",
  },
  options: {
    title: { type: 'string', value: '"…"', help: "the story's headline (you can change it later in the narrative)" },
  },
  examples: ['npm run new -- chile-floods-2024 --title "Chile\'s floods, in the sources\' own numbers"'],
};

export async function newCommand(argv: string[], out: Console, launch: Launch): Promise<void> {
  const { values, positionals, help } = parseCommandArgs(argv, NEW, out);
  if (help) return;
  if (positionals.length !== 1) {
    throw new CliError(
      positionals.length === 0
        ? 'Missing story name: expected `npm run new -- <story> --title "…"`'
        : `Unexpected second story name \`${positionals[1]}\`: start one story at a time`,
      [],
      2,
    );
  }
  const slug = positionals[0]!;
  const { narrative, articles } = await newStory(launch.root, slug, values.title ?? null);
  const here = (path: string) => relative(process.cwd(), path) || path;
  out.log(`✔ started ${slug}: ${here(narrative)} and ${here(articles)}/`);
  out.log(
    `  Next: save the articles in ${here(articles)}/ (one .md file each), then \`npm run report -- ${slug}\`, or \`npm run dev -- ${slug}\` to watch it as you write.`,
  );
}
