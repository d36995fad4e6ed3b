// The gazetteer and codebook a derive extracts with: their files read, for
// the workers that compile them for themselves, and compiled here, the
// gazetteer only when this thread needs it (see compileInputs).
import type { Codebook, CodebookData } from '../extract/codebook.ts';
import { withHome } from '../extract/gazetteer.ts';
import { gazetteerFromImage, gazetteerImage } from '../extract/gazetteer-image.ts';
import type { Gazetteer, GazetteerData, GazetteerSource } from '../extract/gazetteer.ts';
import type { DeriveOptions } from './derive-inputs.ts';
import type { WorkerInput } from './derive-workers.ts';
import {
  compileCodebook,
  compileGazetteer,
  readGazetteerSources,
  validateCodebook,
  validateGazetteer,
} from './editor-files.ts';
import { CliError } from './errors.ts';

/** The gazetteer and codebook files' text. */
export async function readSources(options: DeriveOptions): Promise<Sources> {
  return {
    gazetteerSources: await readGazetteerSources(options.gazetteers),
    codebookSources: await readGazetteerSources(options.codebooks),
  };
}

export interface Sources {
  gazetteerSources: GazetteerSource[] | null;
  codebookSources: GazetteerSource[] | null;
}

/**
 * The gazetteer's and codebook's files validated and merged: plain data,
 * kept as JSON in the extraction cache's folder (ExtractionCache.inputs),
 * whose name is the hash of their text and of the code that validates them.
 * A derive whose inputs are those of the last one compiles from it, here
 * and on its workers, without parsing and validating the YAML again.
 */
export interface ValidatedInputs {
  codebook: CodebookData;
  gazetteer: GazetteerData;
}

/**
 * The codebook and gazetteer compiled and checked before any extraction;
 * their problems are reported after the articles' (as they always were).
 * `validated`: the files as a derive of the same inputs validated them, or
 * null. When the last derive noted its articles with these very inputs
 * (`known`), they compiled then, and the gazetteer (the slow one) is compiled
 * here only if this thread extracts: most often it is not needed at all.
 * `image`: the gazetteer as a derive of the same inputs compiled it
 * (gazetteer-image.ts), which is then read rather than compiled; null for
 * none, and `keep` false when no image of it is wanted (no cache keeps it).
 */
export function compileInputs(
  options: DeriveOptions,
  sources: Sources,
  known: boolean,
  validated: ValidatedInputs | null,
  image: { read: Uint8Array | null; keep: boolean } = { read: null, keep: false },
): CompiledInputs {
  const gazetteerBase = options.gazetteers[0] ?? 'gazetteer.yaml';
  const codebookBase = options.codebooks[0] ?? 'codebook.yaml';
  let data: ValidatedInputs;
  let codebook: Codebook;
  try {
    data = validated ?? {
      codebook: validateCodebook(sources.codebookSources, codebookBase),
      gazetteer: validateGazetteer(sources.gazetteerSources, gazetteerBase),
    };
    codebook = compileCodebook(sources.codebookSources, codebookBase, data.codebook);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    return { ...sources, problem: error };
  }
  let made: Uint8Array | null = null;
  const compile = (): Gazetteer => {
    let base = image.read ? gazetteerFromImage(image.read, codebook) : null;
    if (!base) {
      base = compileGazetteer(sources.gazetteerSources, gazetteerBase, codebook, data.gazetteer);
      if (image.keep) made = gazetteerImage(base);
    }
    return withHome(base, options.home);
  };
  let gazetteer: Gazetteer | null = null;
  const compiled = {
    ...sources,
    problem: null,
    validated: data,
    codebook,
    gazetteer: () => (gazetteer ??= compile()),
    newImage: () => made,
  };
  if (!known) {
    try {
      compiled.gazetteer();
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      return { ...sources, problem: error };
    }
  }
  return compiled;
}

/** What each derive worker starts from (it compiles the files for itself, or reads `image`); null when the base gazetteer or codebook is missing. */
export function workerInput(
  sources: Sources,
  home: string | null,
  validated: ValidatedInputs | null,
  image: Uint8Array | null,
): WorkerInput | null {
  const { gazetteerSources, codebookSources } = sources;
  return gazetteerSources && codebookSources
    ? {
        gazetteers: gazetteerSources,
        codebooks: codebookSources,
        home,
        ...(validated ? { validated } : {}),
        ...(image ? { image } : {}),
      }
    : null;
}

/** The compiled inputs, or why the codebook or gazetteer cannot be used. */
export type CompiledInputs = Sources &
  (
    | { problem: CliError }
    | {
        problem: null;
        /** The files validated, which the cache keeps for the next derive. */
        validated: ValidatedInputs;
        codebook: Codebook;
        /** The gazetteer, compiled on first use (see compileInputs). */
        gazetteer: () => Gazetteer;
        /** The image of the gazetteer compiled here from its files, for the cache to keep; null when it was not (or was read from an image). */
        newImage: () => Uint8Array | null;
      }
  );

/** The inputs that compiled. */
export type Compiled = Extract<CompiledInputs, { problem: null }>;
