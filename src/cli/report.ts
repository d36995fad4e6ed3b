// `npm run report`: re-derive when the articles or the extraction changed,
// then build the explainer into report/dist/ (atomically).
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { chartDocument } from '../charts/dom.ts';
import type { ChartData } from '../charts/chart.ts';
import { CHARTS } from '../charts/registry.ts';
import { DatasetError, parseDataset } from '../datasets/serialize.ts';
import { buildReport } from '../report/build.ts';
import { DEFAULT_DERIVE_OPTIONS, isUpToDate } from './derive-inputs.ts';
import { fromVFile } from './diagnostic.ts';
import type { Diagnostic } from './diagnostic.ts';
import { CliError } from './errors.ts';
import { readTextIfExists, writeFilesAtomically } from './files.ts';
import { PATHS } from './paths.ts';
import type { Console } from './run.ts';
import { parseCommandArgs, printDiagnostics } from './run.ts';

export async function readDatasets(dir: string): Promise<ChartData> {
  const read = async <N extends 'casualties' | 'reactions' | 'articles'>(name: N) => {
    const path = join(dir, `${name}.json`);
    try {
      return parseDataset(name, await readFile(path, 'utf8'), path);
    } catch (error) {
      if (error instanceof DatasetError) {
        throw new CliError(`Cannot read the dataset ${name}`, [{ path: error.path, line: error.line, column: error.column, severity: 'error', reason: error.message, ruleId: 'dataset-schema' }]);
      }
      throw new CliError(`Cannot read the dataset ${path}: run \`npm run derive\``);
    }
  };
  return { casualties: await read('casualties'), reactions: await read('reactions'), articles: await read('articles') };
}

/** Builds the page from the datasets; throws with the narrative's diagnostics when it has errors. */
export async function buildExplainer(narrativePath: string, datasetsDir: string): Promise<{ html: string; diagnostics: Diagnostic[] }> {
  const markdown = await readTextIfExists(narrativePath);
  if (markdown === null) throw new CliError(`Cannot read the narrative ${narrativePath}`);
  const data = await readDatasets(datasetsDir);
  const { html, file } = await buildReport({ markdown, path: narrativePath, data, charts: CHARTS, document: await chartDocument() });
  const diagnostics = fromVFile(file);
  if (html === null) throw new CliError('Cannot build the explainer: the narrative has errors; nothing was overwritten', diagnostics);
  return { html, diagnostics };
}

export async function reportCommand(argv: string[], out: Console): Promise<void> {
  parseCommandArgs(argv, {});
  if (await isUpToDate(DEFAULT_DERIVE_OPTIONS)) {
    out.log('✔ datasets up to date with the articles and the extraction code');
  } else {
    out.log('… articles or extraction code changed: deriving the datasets');
    // Loaded only when needed: the extraction code is most of a cold start.
    const { derive } = await import('./derive.ts');
    const summary = await derive(DEFAULT_DERIVE_OPTIONS);
    printDiagnostics(summary.diagnostics.filter((d) => d.severity !== 'info'), out);
    out.log(`✔ derived ${summary.casualties} casualty figures and ${summary.reactions} reactions from ${summary.articles} articles`);
  }
  const { html, diagnostics } = await buildExplainer(PATHS.narrative, PATHS.derived);
  printDiagnostics(diagnostics, out);
  await writeFilesAtomically(PATHS.dist, new Map([[PATHS.output, html]]));
  const target = relative(process.cwd(), join(PATHS.dist, PATHS.output));
  out.log(`✔ wrote ${target} (${Math.round(Buffer.byteLength(html) / 1024)} KB)`);
}
