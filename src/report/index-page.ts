// report/dist/index.html: the project's stories, each with its title,
// description, article count and last update, linking to its page. Pure.
import { formatDay } from '../charts/labels.ts';
import { documentHead, escapeHtml } from './page.ts';

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
    const updated = story.lastUpdated
      ? `, last updated <time datetime="${story.lastUpdated}">${formatDay(story.lastUpdated)}</time>`
      : '';
    return `<li>
<h2><a href="${escapeHtml(story.href)}">${escapeHtml(story.title)}</a></h2>
${story.description ? `<p class="dek">${escapeHtml(story.description)}</p>\n` : ''}<p class="updated">${story.articles} source article${story.articles === 1 ? '' : 's'}${updated}.</p>
</li>`;
  });
  return `${documentHead('Stories', null, '\n.stories { list-style: none; margin: 0; padding: 0; }\n.stories .updated { border: 0; padding: 0; }')}
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
