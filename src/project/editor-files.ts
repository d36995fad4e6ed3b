// The files an editor writes beside the articles, loaded for a derive or a
// check: the gazetteer and the codebook (the base ones and a story's
// additions, compiled together) and the review. Each missing or broken file is
// a CliError with every problem at its place, and nothing is written.
import { dirname, join } from 'node:path';
import { VFile } from 'vfile';
import { EMPTY_REVIEW, parseReview } from '../datasets/review.ts';
import type { Review } from '../datasets/review.ts';
import { codebookFrom, CodebookError, readCodebooks } from '../extract/codebook.ts';
import type { Codebook, CodebookData, CodebookSource } from '../extract/codebook.ts';
import { gazetteerFrom, GazetteerError, readGazetteers } from '../extract/gazetteer.ts';
import type { Gazetteer, GazetteerData, GazetteerSource } from '../extract/gazetteer.ts';
import { reportAt } from '../common/problems.ts';
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

/** loadCodebook for files already read (null: the base file is missing); `data`: what validateCodebook gave for them, not validated again. */
export function compileCodebook(
  sources: readonly CodebookSource[] | null,
  base: string,
  data?: CodebookData,
): Codebook {
  return editorFile('codebook', sources, base, (found) => codebookFrom(data ?? readCodebooks(found), found));
}

/** The codebook's files validated and merged, not compiled (compileCodebook's `data`). */
export function validateCodebook(sources: readonly CodebookSource[] | null, base: string): CodebookData {
  return editorFile('codebook', sources, base, readCodebooks);
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

/** loadGazetteer for files already read (null: the base file is missing); `data`: what validateGazetteer gave for them, not validated again. */
export function compileGazetteer(
  sources: readonly GazetteerSource[] | null,
  base: string,
  codebook: Codebook,
  data?: GazetteerData,
): Gazetteer {
  return editorFile('gazetteer', sources, base, (found) =>
    gazetteerFrom(data ?? readGazetteers(found), found, codebook),
  );
}

/** The gazetteer's files validated and merged, not compiled (compileGazetteer's `data`). */
export function validateGazetteer(sources: readonly GazetteerSource[] | null, base: string): GazetteerData {
  return editorFile('gazetteer', sources, base, readGazetteers);
}

const EDITOR_FILES = {
  gazetteer: { holds: 'the actors and people', ErrorClass: GazetteerError },
  codebook: { holds: 'the measures and stances', ErrorClass: CodebookError },
};

/** A file an editor writes, with its additions, read by `read`; a CliError with every problem's place when it is missing or has errors. */
function editorFile<S, T>(
  what: keyof typeof EDITOR_FILES,
  sources: readonly S[] | null,
  base: string,
  read: (sources: readonly S[]) => T,
): T {
  const { holds, ErrorClass } = EDITOR_FILES[what];
  if (sources === null) {
    throw new CliError(`Cannot read the ${what} ${base}`, [
      reportAt(base, 'error', `Missing ${what} file: expected ${holds} in YAML`, { line: 1, column: 1 }, what),
    ]);
  }
  try {
    return read(sources);
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
