// Every source article is one GFM footnote, `[^source-<id>]`, however many
// times it is cited: the cite directive, charts and values all point to it.
import type { FootnoteDefinition, FootnoteReference, PhrasingContent, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { ArticleRow } from '../datasets/schema.ts';
import { formatDay } from '../charts/labels.ts';
import { languageName } from '../articles/language-tag.ts';
import { isolatedText } from './bidi.ts';

const PREFIX = 'source-';

export function sourceReference(articleId: string): FootnoteReference {
  return { type: 'footnoteReference', identifier: PREFIX + articleId, label: PREFIX + articleId };
}

/** The words a footnote gives for an article: outlet (or "outlet not stated"), title, date, link. */
export function describeArticle(article: ArticleRow): PhrasingContent[] {
  const date = `${formatDay(article.published)}${article.published_basis === 'inferred' ? ' (date inferred from the text)' : ''}`;
  // The outlet and the title are the article's own words: each in its own bidi isolate (bidi.ts).
  const title: PhrasingContent[] = [
    { type: 'text', value: '“' },
    isolatedText(article.title),
    { type: 'text', value: '”' },
  ];
  // An unknown outlet is not an unknown source: the title and date still name the article.
  const parts: PhrasingContent[] =
    article.outlet === null
      ? [{ type: 'text', value: 'Outlet not stated, ' }]
      : [isolatedText(article.outlet), { type: 'text', value: ', ' }];
  parts.push(
    ...(article.url && /^https?:\/\//i.test(article.url)
      ? [{ type: 'link', url: article.url, children: title } satisfies PhrasingContent]
      : title),
  );
  parts.push({
    type: 'text',
    value: `, ${date}${article.translated_from ? `, translated from ${languageName(article.translated_from)}` : ''}. Article ${article.id}.`,
  });
  return parts;
}

/** Adds a definition for every `source-<id>` reference that has none. */
export default function remarkSourceFootnotes(options: { articles: readonly ArticleRow[] }) {
  const byId = new Map(options.articles.map((a) => [a.id, a]));
  return (tree: Root) => {
    const defined = new Set<string>();
    const used: string[] = [];
    visit(tree, (node) => {
      if (node.type === 'footnoteDefinition') defined.add(node.identifier);
      if (node.type === 'footnoteReference' && node.identifier.startsWith(PREFIX) && !used.includes(node.identifier))
        used.push(node.identifier);
    });
    for (const identifier of used) {
      const article = byId.get(identifier.slice(PREFIX.length));
      if (defined.has(identifier) || !article) continue;
      const definition: FootnoteDefinition = {
        type: 'footnoteDefinition',
        identifier,
        label: identifier,
        children: [{ type: 'paragraph', children: describeArticle(article) }],
      };
      tree.children.push(definition);
    }
  };
}
