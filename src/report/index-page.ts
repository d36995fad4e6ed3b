// report/dist/index.html: the project's stories, each with its title,
// description, article count and last update, linking to its page. Pure.
import { formatDay } from '../charts/labels.ts';
import { CSP, escapeHtml } from './page.ts';
import { STYLES } from './styles.ts';

export interface StoryEntry {
  /** The page's file name, beside the index. */
  href: string;
  title: string;
  description: string | null;
  articles: number;
  /** The newest article's date; null when there is none. */
  lastUpdated: string | null;
}

export function renderIndexPage(stories: readonly StoryEntry[]): string {
  const items = stories.map((story) => {
    const updated = story.lastUpdated ? `, last updated <time datetime="${story.lastUpdated}">${formatDay(story.lastUpdated)}</time>` : '';
    return `<li>
<h2><a href="${escapeHtml(story.href)}">${escapeHtml(story.title)}</a></h2>
${story.description ? `<p class="dek">${escapeHtml(story.description)}</p>\n` : ''}<p class="updated">${story.articles} source article${story.articles === 1 ? '' : 's'}${updated}.</p>
</li>`;
  });
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>Stories</title>
<style>${STYLES}
.stories { list-style: none; margin: 0; padding: 0; }
.stories .updated { border: 0; padding: 0; }</style>
</head>
<body>
<main>
<h1>Stories</h1>
<ul class="stories">
${items.join('\n')}
</ul>
</main>
</body>
</html>
`;
}
