// The gazetteer and codebook a derive extracts with: their files read, for
// the workers that compile them for themselves, and compiled here, the
// gazetteer only when this thread needs it (see compileInputs).
import type { Codebook } from '../extract/codebook.ts';
import { withHome } from '../extract/gazetteer.ts';
import type { Gazetteer, GazetteerSource } from '../extract/gazetteer.ts';
import type { DeriveOptions } from './derive-inputs.ts';
import type { WorkerInput } from './derive-workers.ts';
import { compileCodebook, compileGazetteer, readGazetteerSources } from './editor-files.ts';
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
 * The codebook and gazetteer compiled and checked before any extraction;
 * their problems are reported after the articles' (as they always were).
 * When the last derive noted its articles with these very inputs (`known`),
 * they compiled then, and the gazetteer (the slow one) is compiled here only
 * if this thread extracts: most often it is not needed at all.
 */
export function compileInputs(options: DeriveOptions, sources: Sources, known: boolean): CompiledInputs {
  const compile = (): Gazetteer =>
    withHome(
      compileGazetteer(sources.gazetteerSources, options.gazetteers[0] ?? 'gazetteer.yaml', codebook),
      options.home,
    );
  let codebook: Codebook;
  try {
    codebook = compileCodebook(sources.codebookSources, options.codebooks[0] ?? 'codebook.yaml');
    if (!known) {
      const gazetteer = compile();
      return { ...sources, problem: null, codebook, gazetteer: () => gazetteer };
    }
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    return { ...sources, problem: error };
  }
  let gazetteer: Gazetteer | null = null;
  return { ...sources, problem: null, codebook, gazetteer: () => (gazetteer ??= compile()) };
}

/** What each derive worker starts from (it compiles the files for itself); null when the base gazetteer or codebook is missing. */
export function workerInput(sources: Sources, home: string | null): WorkerInput | null {
  const { gazetteerSources, codebookSources } = sources;
  return gazetteerSources && codebookSources
    ? { gazetteers: gazetteerSources, codebooks: codebookSources, home }
    : null;
}

/** The compiled inputs, or why the codebook or gazetteer cannot be used. */
export type CompiledInputs = Sources &
  (
    | { problem: CliError }
    | {
        problem: null;
        codebook: Codebook;
        /** The gazetteer, compiled on first use (see compileInputs). */
        gazetteer: () => Gazetteer;
      }
  );

/** The inputs that compiled. */
export type Compiled = Extract<CompiledInputs, { problem: null }>;
