// The files an editor writes beside the articles, loaded for a derive or a
// check: the gazetteer and the codebook (the base ones and a story's
// additions, compiled together) and the review. Each missing or broken file is
// a CliError with every problem at its place, and nothing is written.
import { dirname, join } from 'node:path';
import { VFile } from 'vfile';
import { EMPTY_REVIEW, parseReview } from '../datasets/review.ts';
import type { Review } from '../datasets/review.ts';
import { CodebookError, parseCodebooks } from '../extract/codebook.ts';
import type { Codebook, CodebookSource } from '../extract/codebook.ts';
import { GazetteerError, parseGazetteers } from '../extract/gazetteer.ts';
import type { Gazetteer, GazetteerSource } from '../extract/gazetteer.ts';
import { reportAt } from '../common/problems.ts';
import type { VFileMessage } from '../common/problems.ts';
import { CliError } from './errors.ts';
import { readTextIfExists } from './files.ts';

/** The gazetteer compiled from its files (the base one, then a story's additions); throws CliError, with every problem's place, when it is missing or has errors. */
export async function loadGazetteer(
  paths: readonly string[],
  codebooks: readonly string[] = [join(dirname(paths[0] ?? 'gazetteer.yaml'), 'codebook.yaml')],
): Promise<Gazetteer> {
  const codebook = await loadCodebook(codebooks);
  return compileGazetteer(await readGazetteerSources(paths), paths[0] ?? 'gazetteer.yaml', codebook);
}

/** The codebook from its files (the base one, then a story's additions); throws CliError, with every problem's place, when it is missing or has errors. */
export async function loadCodebook(paths: readonly string[]): Promise<Codebook> {
  return compileCodebook(await readGazetteerSources(paths), paths[0] ?? 'codebook.yaml');
}

/** loadCodebook for files already read (null: the base file is missing). */
export function compileCodebook(sources: readonly CodebookSource[] | null, base: string): Codebook {
  return compileEditorFiles(
    'codebook',
    'the measures and stances',
    sources,
    base,
    (found) => parseCodebooks(found),
    CodebookError,
  );
}

/** The text of the gazetteer (or codebook) files that exist; null when the base one (the first) is missing. */
export async function readGazetteerSources(paths: readonly string[]): Promise<GazetteerSource[] | null> {
  const sources: GazetteerSource[] = [];
  for (const [i, path] of paths.entries()) {
    const text = await readTextIfExists(path);
    if (text !== null) sources.push({ text, path });
    else if (i === 0) return null;
  }
  return sources;
}

/** loadGazetteer for files already read (null: the base file is missing). */
export function compileGazetteer(
  sources: readonly GazetteerSource[] | null,
  base: string,
  codebook: Codebook,
): Gazetteer {
  return compileEditorFiles(
    'gazetteer',
    'the actors and people',
    sources,
    base,
    (found) => parseGazetteers(found, codebook),
    GazetteerError,
  );
}

/** A file an editor writes, with its additions, compiled; a CliError with every problem's place when it is missing or has errors. */
function compileEditorFiles<S, T>(
  what: 'gazetteer' | 'codebook',
  holds: string,
  sources: readonly S[] | null,
  base: string,
  compile: (sources: readonly S[]) => T,
  ErrorClass: new (...args: never[]) => { issues: VFileMessage[] },
): T {
  if (sources === null) {
    throw new CliError(`Cannot read the ${what} ${base}`, [
      reportAt(base, 'error', `Missing ${what} file: expected ${holds} in YAML`, { line: 1, column: 1 }, what),
    ]);
  }
  try {
    return compile(sources);
  } catch (error) {
    if (!(error instanceof ErrorClass)) throw error;
    throw new CliError(`Cannot derive: the ${what} has errors; nothing was written`, error.issues);
  }
}

/** The review file, validated; a missing file is an empty review. Throws CliError with positions when it is invalid. */
export async function loadReview(path: string, codebook?: Codebook): Promise<Review> {
  const text = await readTextIfExists(path);
  if (text === null) return EMPTY_REVIEW;
  const { review, problems } = parseReview(new VFile({ path, value: text }), codebook);
  if (problems.length > 0)
    throw new CliError('Cannot derive: the review file has errors; nothing was written', problems);
  return review;
}
