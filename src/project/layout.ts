// Where a project keeps its stories (CONTRACT §2): the one place that knows
// the layout, so that no path, story name or output name is written anywhere
// else in the code.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** A story's slug: lowercase letters, digits and hyphens, starting with a letter or digit. */
export const SLUG = /^[a-z0-9][a-z0-9-]*$/;

/** The files of one story, and the project's shared ones, as absolute paths. */
export interface StoryLayout {
  root: string;
  /** The folder of newsbook's own code (src/, package.json): its change re-derives. The project's root, but for a test's or the benchmark's copy of the content only. */
  code: string;
  slug: string;
  /** report/<slug>.md: the narrative, with the story's settings in its front matter. */
  narrative: string;
  /** report/<slug>.timeline.yaml: optional key events for the timeline chart. */
  timeline: string;
  /** data/<slug>/ */
  data: string;
  articles: string;
  derived: string;
  /** data/<slug>/review.yaml: optional decisions on extracted rows. */
  review: string;
  /** The base gazetteer, then the story's own additions (which may not exist). */
  gazetteers: readonly string[];
  /** The base codebook, then the story's own additions (which may not exist). */
  codebooks: readonly string[];
  /** report/dist/: every story's page and the index. */
  dist: string;
  /** The page's file name in `dist`. */
  output: string;
}

export interface ProjectLayout {
  root: string;
  report: string;
  dist: string;
  data: string;
  gazetteer: string;
  codebook: string;
  /** Where the commands keep what they can make again (bundles, staging folders). */
  cache: string;
}

/** The code whose change changes the datasets, in newsbook's folder `code`. */
export function extractionCode(code: string): { dirs: string[]; packageJson: string } {
  return {
    dirs: ['src/common', 'src/articles', 'src/extract', 'src/datasets'].map((dir) => join(code, dir)),
    packageJson: join(code, 'package.json'),
  };
}

export function projectLayout(root: string): ProjectLayout {
  return {
    root,
    report: join(root, 'report'),
    dist: join(root, 'report', 'dist'),
    data: join(root, 'data'),
    gazetteer: join(root, 'data', 'gazetteer.yaml'),
    codebook: join(root, 'data', 'codebook.yaml'),
    cache: join(root, 'node_modules', '.cache', 'newsbook'),
  };
}

export function storyLayout(root: string, slug: string, code: string = root): StoryLayout {
  const project = projectLayout(root);
  const data = join(project.data, slug);
  return {
    root,
    code,
    slug,
    narrative: join(project.report, `${slug}.md`),
    timeline: join(project.report, `${slug}.timeline.yaml`),
    data,
    articles: join(data, 'articles'),
    derived: join(data, 'derived'),
    review: join(data, 'review.yaml'),
    gazetteers: [project.gazetteer, join(data, 'gazetteer.yaml')],
    codebooks: [project.codebook, join(data, 'codebook.yaml')],
    dist: project.dist,
    output: `${slug}.html`,
  };
}

/** The slugs of the project's stories: every `report/<slug>.md`, sorted. */
export async function listStories(root: string): Promise<string[]> {
  const names = await readdir(projectLayout(root).report).catch((): string[] => []);
  return names
    .filter((name) => name.endsWith('.md') && SLUG.test(name.slice(0, -3)))
    .map((name) => name.slice(0, -3))
    .sort();
}
