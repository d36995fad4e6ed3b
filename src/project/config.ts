// One resolved configuration per story, as Observable Framework's
// normalizeConfig: every path, the output name and the settings of the
// narrative's front matter are worked out once, here, and walk down through
// derive, report and check from this object; nothing below reads the layout
// or the front matter on its own.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { expected } from '../common/suggest.ts';
import { CliError } from './errors.ts';
import { listStories, SLUG, storyLayout } from './layout.ts';
import type { StoryLayout } from './layout.ts';

export interface StorySettings {
  title: string;
  description: string | null;
  /** The gazetteer actor whose own authorities' statements are not counted as reactions; null for none. */
  home: string | null;
}

export interface StoryConfig extends StoryLayout, StorySettings {}

/**
 * The story `slug` of the project at `root`. Throws a CliError (exit 2) for a
 * slug that is malformed or names no story, suggesting the closest one. The
 * settings are read leniently: the narrative's build reports a broken front
 * matter at its place; here a missing title falls back to the slug.
 */
export async function readConfig(root: string, slug: string, options: { code?: string } = {}): Promise<StoryConfig> {
  if (!SLUG.test(slug)) {
    throw new CliError(
      `Unexpected story name \`${slug}\`: expected lowercase letters, digits and hyphens, such as \`flood-2024\``,
      [],
      2,
    );
  }
  const layout = storyLayout(root, slug, options.code);
  const text = await readFile(layout.narrative, 'utf8').catch(() => null);
  if (text === null) {
    const stories = await listStories(root);
    const known = stories.length > 0 ? `, ${expected(slug, stories)}` : '';
    throw new CliError(
      `Unexpected story \`${slug}\`: there is no report/${slug}.md${known}; \`npm run new -- ${slug}\` starts it`,
      [],
      2,
    );
  }
  return { ...layout, ...storySettings(text, slug) };
}

/** Every story of the project, or those named; each checked as readConfig does. */
export async function readConfigs(
  root: string,
  slugs: readonly string[],
  options: { code?: string } = {},
): Promise<StoryConfig[]> {
  const names = slugs.length > 0 ? [...new Set(slugs)] : await listStories(root);
  if (names.length === 0)
    throw new CliError(
      'Cannot find a story: expected a `report/<story>.md`; `npm run new -- <story>` starts one',
      [],
      2,
    );
  const configs: StoryConfig[] = [];
  for (const name of names) configs.push(await readConfig(root, name, options));
  return configs;
}

/** title, description and home from a narrative's front matter; defaults where it says nothing usable. */
export function storySettings(markdown: string, slug: string): StorySettings {
  const data = frontMatter(markdown);
  const string = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : null);
  return { title: string(data.title) ?? slug, description: string(data.description), home: string(data.home) };
}

function frontMatter(markdown: string): Record<string, unknown> {
  const match = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/.exec(markdown);
  if (!match) return {};
  try {
    const data: unknown = parse(match[1]!, { maxAliasCount: 100, logLevel: 'silent' });
    return data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
