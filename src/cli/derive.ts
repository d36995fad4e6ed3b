// `npm run derive [-- STORY…]` or `npm run derive -- --articles DIR --out DIR`:
// the arguments, then the project layer's derive.
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { formatChangesSummary } from '../datasets/changes.ts';
import { readConfigs } from '../project/config.ts';
import { plural } from '../common/plural.ts';
import { printDiagnostics } from '../project/console.ts';
import type { Console, NoteLimit } from '../project/console.ts';
import { CHANGES_FILE, derive } from '../project/derive.ts';
import type { DeriveEffects, DeriveSummary } from '../project/derive.ts';
import { storyDeriveOptions } from '../project/derive-inputs.ts';
import type { DeriveOptions } from '../project/derive-inputs.ts';
import { CliError } from '../project/errors.ts';
import { projectLayout } from '../project/layout.ts';
import { reportAt } from '../common/problems.ts';
import { launchDeriveEffects } from './launch.ts';
import type { Launch } from './launch.ts';
import { parseCommandArgs } from './run.ts';
import type { CommandSpec } from './run.ts';

/** The notes a derive prints by default: a small story's all, a large one's first hundred articles' or so. */
const NOTES_SHOWN = 200;
const NOTES_LIMIT: NoteLimit = { notes: NOTES_SHOWN, toListAll: '`--all-notes` prints them all' };

export const DERIVE: CommandSpec<{
  articles: { type: 'string'; help: string; value: string };
  out: { type: 'string'; help: string; value: string };
  gazetteer: { type: 'string'; help: string; value: string };
  codebook: { type: 'string'; help: string; value: string };
  review: { type: 'string'; help: string; value: string };
  home: { type: 'string'; help: string; value: string };
  workers: { type: 'string'; help: string; value: string };
  'all-notes': { type: 'boolean'; help: string };
}> = {
  name: 'derive',
  summary:
    'Reads the articles of each story (or of any folder) and writes its datasets: casualties, reactions and articles, as JSON and CSV, with CHANGES.md.',
  positionals: {
    usage: '[STORY…]',
    help: 'the stories to derive (data/<story>/articles → data/<story>/derived); all of them when none is named',
  },
  options: {
    articles: { type: 'string', value: 'DIR', help: 'derive this folder of articles instead of a story (needs --out)' },
    out: { type: 'string', value: 'DIR', help: 'with --articles: where to write the datasets' },
    gazetteer: {
      type: 'string',
      value: 'FILE',
      help: 'with --articles: actors, people and cues to add to data/gazetteer.yaml',
    },
    codebook: {
      type: 'string',
      value: 'FILE',
      help: 'with --articles: measures, stances and cues to add to data/codebook.yaml',
    },
    review: { type: 'string', value: 'FILE', help: "with --articles: an editors' review file to apply" },
    home: {
      type: 'string',
      value: 'ACTOR',
      help: "with --articles: the country whose own offices are the usual source (a gazetteer actor, as a story's `home`)",
    },
    workers: {
      type: 'string',
      value: 'N',
      help: 'extraction threads (1: none); by default one per core from 2,000 articles on',
    },
    'all-notes': {
      type: 'boolean',
      help: `print every note (info) of the extraction, not only the first ${NOTES_SHOWN} of each story`,
    },
  },
  examples: [
    'npm run derive',
    'npm run derive -- chile-floods-2024',
    'npm run derive -- --articles ~/flood/articles --out ~/flood/derived',
  ],
};

export async function deriveCommand(
  argv: string[],
  out: Console,
  launch: Launch,
  effects: DeriveEffects = {},
): Promise<void> {
  const { values, positionals, help } = parseCommandArgs(argv, DERIVE, out);
  if (help) return;
  const withEffects: DeriveEffects = {
    ...effects,
    ...(values.workers === undefined ? {} : { workers: workerCount(values.workers) }),
    ...launchDeriveEffects(launch),
  };
  const jobs: DeriveOptions[] = [];
  if (values.articles !== undefined || values.out !== undefined) {
    if (values.articles === undefined || values.out === undefined)
      throw new CliError('Cannot derive a folder: expected both --articles DIR and --out DIR', [], 2);
    if (positionals.length > 0)
      throw new CliError(
        `Unexpected story \`${positionals[0]}\` with --articles: derive either stories or a folder`,
        [],
        2,
      );
    const here = (path: string) => resolve(process.cwd(), path);
    // A file named on the command line must be there; a story's optional ones need not.
    for (const [flag, path, expected] of [
      ['gazetteer', values.gazetteer, 'the actors and people in YAML'],
      ['codebook', values.codebook, 'the measures and stances in YAML'],
      ['review', values.review, "the editors' decisions in YAML"],
    ] as const) {
      if (path !== undefined && !existsSync(here(path))) {
        throw new CliError(`Cannot derive: the ${flag} file is missing; nothing was written`, [
          reportAt(here(path), 'error', `Missing ${flag} file: expected ${expected}`, { line: 1, column: 1 }, flag),
        ]);
      }
    }
    jobs.push({
      code: launch.root,
      articles: here(values.articles),
      out: here(values.out),
      gazetteers: [
        projectLayout(launch.root).gazetteer,
        ...(values.gazetteer === undefined ? [] : [here(values.gazetteer)]),
      ],
      codebooks: [
        projectLayout(launch.root).codebook,
        ...(values.codebook === undefined ? [] : [here(values.codebook)]),
      ],
      review: values.review === undefined ? null : here(values.review),
      home: values.home ?? null,
    });
  } else {
    for (const flag of ['gazetteer', 'codebook', 'review', 'home'] as const) {
      if (values[flag] !== undefined)
        throw new CliError(
          `Unexpected --${flag} without --articles: a story's ${flag === 'home' ? "home is in its narrative's front matter" : `${flag} is data/<story>/${flag}.yaml`}`,
          [],
          2,
        );
    }
    jobs.push(...(await readConfigs(launch.root, positionals)).map(storyDeriveOptions));
  }
  for (const options of jobs) {
    const summary = await derive(options, withEffects);
    printSummary(options, summary, out, values['all-notes'] ? null : NOTES_LIMIT);
    // Printed while the disk freed the previous datasets.
    await summary.freed;
  }
}

function printSummary(options: DeriveOptions, summary: DeriveSummary, out: Console, limit: NoteLimit | null): void {
  printDiagnostics(summary.diagnostics, out, limit);
  const where = relative(process.cwd(), options.out) || '.';
  for (const line of formatChangesSummary(summary.changes)) out.log(line);
  const reviewed = summary.review.corrected + summary.review.confirmed + summary.review.rejected;
  out.log(
    `✔ ${plural(summary.articles, 'article')} → ${plural(summary.casualties, 'casualty figure')}, ${plural(summary.reactions, 'reaction')} in ${where}` +
      `${reviewed > 0 ? ` (review: ${summary.review.corrected} corrected, ${summary.review.confirmed} confirmed, ${summary.review.rejected} rejected)` : ''}; what changed: ${join(where, CHANGES_FILE)}`,
  );
  if (summary.articles === 0)
    out.log(
      `ℹ no articles yet in ${relative(process.cwd(), options.articles) || '.'}: save them there as <id>.md (see the README)`,
    );
}

/** `--workers N`: extraction threads, 1 for none (by default one per core on large corpora). */
function workerCount(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 64)
    throw new CliError(
      `Unexpected --workers ${value}: expected a whole number of threads from 1 to 64 (1: no worker threads)`,
      [],
      2,
    );
  return n;
}
