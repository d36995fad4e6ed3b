// The project's layout (src/cli/paths.ts) moved under another root, so that the
// dev server can preview a copy of the project (the tests use a temp copy).
import { join, relative } from 'node:path';
import { PATHS, ROOT } from '../cli/paths.ts';

export interface DevPaths {
  root: string;
  articles: string;
  /** The datasets `npm run derive` wrote: read at start when up to date, never written. */
  derived: string;
  gazetteer: string;
  /** The editors' review of the extraction; may not exist. */
  review: string;
  narrative: string;
  /** The editors' key events for the timeline chart; may not exist. */
  timeline: string;
  /** The folder the narrative lives in (watched; its dist/ is not). */
  report: string;
  dist: string;
  /** The code: a change restarts the server (scripts/dev.ts). */
  src: string;
}

export function devPaths(root: string = ROOT): DevPaths {
  const at = (path: string) => join(root, relative(ROOT, path));
  return {
    root,
    articles: at(PATHS.articles),
    derived: at(PATHS.derived),
    gazetteer: at(PATHS.gazetteer),
    review: at(PATHS.review),
    narrative: at(PATHS.narrative),
    timeline: at(PATHS.timeline),
    report: join(at(PATHS.narrative), '..'),
    dist: at(PATHS.dist),
    src: join(root, 'src'),
  };
}
