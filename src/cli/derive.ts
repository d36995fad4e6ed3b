// `npm run derive -- --articles DIR --out DIR`: articles → datasets, written
// all at once or not at all.
import { relative } from 'node:path';
import { deriveDatasets } from '../datasets/derive.ts';
import { MANIFEST, serializeManifest } from '../datasets/fingerprint.ts';
import { serializeDatasets } from '../datasets/serialize.ts';
import { GazetteerError, parseGazetteer } from '../extract/gazetteer.ts';
import type { Gazetteer } from '../extract/gazetteer.ts';
import { fromExtractionMessage } from './diagnostic.ts';
import type { Diagnostic } from './diagnostic.ts';
import { CliError } from './errors.ts';
import { loadArticles, readTextIfExists, writeFilesAtomically } from './files.ts';
import { deriveFingerprint } from './derive-inputs.ts';
import type { DeriveOptions } from './derive-inputs.ts';
import { PATHS } from './paths.ts';
import type { Console } from './run.ts';
import { parseCommandArgs, printDiagnostics } from './run.ts';


export interface DeriveSummary {
  articles: number;
  casualties: number;
  reactions: number;
  diagnostics: Diagnostic[];
}

/** Derives and writes; throws CliError (writing nothing) when any input is bad. */
export async function derive(options: DeriveOptions): Promise<DeriveSummary> {
  const { articles, diagnostics } = await loadArticles(options.articles);
  if (diagnostics.some((d) => d.severity === 'error')) {
    throw new CliError(`Cannot derive: ${count(diagnostics.filter((d) => d.severity === 'error').length, 'article problem')}; nothing was written`, diagnostics);
  }
  if (articles.length === 0) throw new CliError(`Cannot derive: no articles (\`*.md\`) in ${options.articles}; nothing was written`);
  const gazetteer = await loadGazetteer(options.gazetteer);
  const derived = deriveDatasets(articles, gazetteer);
  const files = serializeDatasets(derived.datasets);
  files.set(MANIFEST, serializeManifest({ inputs: await deriveFingerprint(options) }));
  await writeFilesAtomically(options.out, files);
  return {
    articles: articles.length,
    casualties: derived.datasets.casualties.length,
    reactions: derived.datasets.reactions.length,
    diagnostics: derived.messages.map((m) => fromExtractionMessage(m.article, m)),
  };
}

export async function loadGazetteer(path: string): Promise<Gazetteer> {
  const text = await readTextIfExists(path);
  if (text === null) throw new CliError(`Cannot read the gazetteer ${path}`);
  try {
    return parseGazetteer(text, path);
  } catch (error) {
    if (!(error instanceof GazetteerError)) throw error;
    throw new CliError(
      'Cannot derive: the gazetteer has errors; nothing was written',
      error.issues.map((issue) => ({
        path,
        line: issue.line,
        column: issue.column,
        severity: 'error' as const,
        reason: issue.path ? `${issue.reason} (at \`${issue.path}\`)` : issue.reason,
        ruleId: 'gazetteer',
      })),
    );
  }
}

export async function deriveCommand(argv: string[], out: Console): Promise<void> {
  const args = parseCommandArgs(argv, {
    articles: { type: 'string', default: PATHS.articles },
    out: { type: 'string', default: PATHS.derived },
    gazetteer: { type: 'string', default: PATHS.gazetteer },
  });
  const options = { articles: args.articles, out: args.out, gazetteer: args.gazetteer } as DeriveOptions;
  const summary = await derive(options);
  printDiagnostics(summary.diagnostics, out);
  out.log(
    `✔ ${count(summary.articles, 'article')} → ${count(summary.casualties, 'casualty figure')}, ${count(summary.reactions, 'reaction')} in ${relative(process.cwd(), options.out) || '.'}`,
  );
}

function count(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}
