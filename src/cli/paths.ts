// Where things are, relative to the repository, whatever the working directory.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository. A command run from its bundle (scripts/bundled.mjs) lives in
 * node_modules/.cache, perhaps through a symlink, so the launcher says where
 * the repository is; otherwise it is two folders above this module.
 */
export const ROOT: string = (globalThis as { newsbookRoot?: string }).newsbookRoot ?? fileURLToPath(new URL('../../', import.meta.url));

export const PATHS = {
  articles: join(ROOT, 'data/articles'),
  derived: join(ROOT, 'data/derived'),
  gazetteer: join(ROOT, 'data/gazetteer.yaml'),
  review: join(ROOT, 'data/review.yaml'),
  narrative: join(ROOT, 'report/kazakhstan-unrest.md'),
  timeline: join(ROOT, 'report/timeline.yaml'),
  dist: join(ROOT, 'report/dist'),
  output: 'kazakhstan-unrest.html',
  /** The code whose change changes the datasets. */
  extractionCode: ['src/articles', 'src/extract', 'src/datasets'].map((dir) => join(ROOT, dir)),
  packageJson: join(ROOT, 'package.json'),
} as const;
