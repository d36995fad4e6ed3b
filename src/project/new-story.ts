// `npm run new`: a story that builds at once. The narrative skeleton tells the
// editor what goes where (in comments, which never reach the page), places
// the built-in charts that need nothing more than articles, and has one cell
// of its own; the data folder waits for the articles.
import { mkdir, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { CliError } from './errors.ts';
import { SLUG, storyLayout } from './layout.ts';
import { readTextIfExists } from './files.ts';

export interface NewStory {
  narrative: string;
  articles: string;
}

/** Writes the story's narrative and its empty articles folder; refuses a bad slug or an existing story. */
export async function newStory(root: string, slug: string, title: string | null): Promise<NewStory> {
  if (!SLUG.test(slug)) {
    throw new CliError(
      `Unexpected story name \`${slug}\`: expected lowercase letters, digits and hyphens, starting with a letter or digit, such as \`chile-floods-2024\``,
      [],
      2,
    );
  }
  const layout = storyLayout(root, slug);
  for (const path of [layout.narrative, layout.data]) {
    if ((await readTextIfExists(path).catch(() => '')) !== null) {
      throw new CliError(
        `Cannot start the story \`${slug}\`: ${relative(root, path)} already exists, and nothing was overwritten; choose another name`,
        [],
        2,
      );
    }
  }
  await mkdir(layout.articles, { recursive: true });
  // Git keeps no empty folder: this file keeps the articles folder in a clone.
  await writeFile(layout.articles + '/.gitkeep', '');
  await writeFile(layout.narrative, skeleton(title ?? titleOf(slug), slug), { flag: 'wx' });
  return { narrative: layout.narrative, articles: layout.articles };
}

/** "chile-floods-2024" → "Chile floods 2024": a title until the editor writes one. */
function titleOf(slug: string): string {
  const words = slug.replaceAll('-', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function yamlString(text: string): string {
  return JSON.stringify(text);
}

export function skeleton(title: string, slug: string): string {
  return `---
title: ${yamlString(title)}
description: null
# The country whose own authorities' statements are not counted as reactions
# (a name from data/gazetteer.yaml, e.g. Chile), or null.
home: null
---

<!--
This is the story. Write it in Markdown: "## " starts a section, **bold**,
*italics*, [a link](https://…). Notes like this one never reach the page;
delete them when you no longer need them.

The articles go in data/${slug}/articles/, one file each (see the README,
"Add an article"). Then \`npm run report\` builds report/dist/${slug}.html and
\`npm run dev -- ${slug}\` shows it as you type.
-->

<!-- Start with what happened, in two or three sentences. A figure from the
articles goes in with :count, which writes it as the source did and footnotes
it to its sentence; once the articles give one, the highest number of people
killed is :count{measure="killed" pick="max"}. -->

What happened, in two or three sentences.

## How the figures changed

<!-- Every figure each source gave, day by day. Add measure="injured" (or
arrested, hospitalized, missing, displaced) to show another. -->

::chart{name="casualty-evolution"}

## Who said what

<!-- The latest figure each source gave. -->

::chart{name="who-says-what"}

## Where the world stood

<!-- Set \`home\` in the front matter above so that the country's own
authorities are kept apart. -->

::chart{name="reactions"}

## Your own chart

<!-- A block fenced with \`\`\`js is a cell: it runs when the page is built and
draws what it ends with (see the README, "Draw your own chart"). This one
counts the figures each article gave; change it, or delete it. -->

\`\`\`js title="Figures per article"
Plot.plot({
  x: {label: null, type: "band"},
  y: {label: "Figures", grid: true},
  marks: [Plot.barY(casualties, Plot.groupX({y: "count"}, {x: "article"})), Plot.ruleY([0])],
})
\`\`\`

<!-- A day-by-day timeline needs the key events: create
report/${slug}.timeline.yaml (see the README, "The timeline"), then add
::chart{name="timeline"} where it should stand. -->

## How this was made

This explainer reads :stat{name="articles"} articles. The figures were found
in them by a program and each one links to its sentence;
:stat{name="reviewed-figures"} of :stat{name="figures"} were checked by an
editor.
`;
}
