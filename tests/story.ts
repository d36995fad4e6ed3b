// The repository and its first story, as the tests find them: the layout
// comes from the project layer, never written out here.
import { fileURLToPath } from 'node:url';
import { readConfig } from '../src/project/config.ts';
import type { StoryConfig } from '../src/project/config.ts';
import { projectLayout, storyLayout } from '../src/project/layout.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const STORY = 'kazakhstan-unrest';

/** The first story's files, and the base gazetteer and codebook. */
export const PATHS = {
  ...storyLayout(ROOT, STORY),
  gazetteer: projectLayout(ROOT).gazetteer,
  codebook: projectLayout(ROOT).codebook,
};

/** The first story's resolved configuration; `root`: a copy of the project's content (the code stays this repository's). */
export function storyConfig(root: string = ROOT, story: string = STORY): Promise<StoryConfig> {
  return readConfig(root, story, { code: ROOT });
}
