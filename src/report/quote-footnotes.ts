// A figure or a reaction leads back to the sentence it came from: one GFM
// footnote per dataset row, `[^quote-<row id>]`, holding the quote and the
// article it is from. Charts, tables and inline values all point to it.
import type { FootnoteDefinition, FootnoteReference, PhrasingContent, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { ArticleRow } from '../datasets/schema.ts';
import { isolated } from './bidi.ts';
import { describeArticle } from './source-footnotes.ts';

const PREFIX = 'quote-';

/** Any row with a quote: casualty figures and reactions alike. */
export interface QuotedRow {
  id: string;
  article: string;
  quote: string;
}

export function quoteReference(rowId: string): FootnoteReference {
  return { type: 'footnoteReference', identifier: PREFIX + rowId, label: PREFIX + rowId };
}

/**
 * A quote, in its own bidi isolate (bidi.ts); text in a script other than
 * Latin also carries its language and direction, for screen readers and layout.
 */
export function inLanguage(text: string): PhrasingContent {
  const arabic = (text.match(/[\u0600-\u06FF]/g) ?? []).length;
  const latin = (text.match(/[A-Za-z]/g) ?? []).length;
  return isolated([{ type: 'text', value: text }], arabic <= latin ? {} : { lang: 'ar', dir: 'rtl' });
}

export default function remarkQuoteFootnotes(options: { rows: readonly QuotedRow[]; articles: readonly ArticleRow[] }) {
  const rows = new Map(options.rows.map((r) => [r.id, r]));
  const articles = new Map(options.articles.map((a) => [a.id, a]));
  return (tree: Root) => {
    const used: string[] = [];
    visit(tree, 'footnoteReference', (node) => {
      if (node.identifier.startsWith(PREFIX) && !used.includes(node.identifier)) used.push(node.identifier);
    });
    for (const identifier of used) {
      const row = rows.get(identifier.slice(PREFIX.length));
      const article = row ? articles.get(row.article) : undefined;
      if (!row || !article) continue;
      const definition: FootnoteDefinition = {
        type: 'footnoteDefinition',
        identifier,
        label: identifier,
        children: [
          {
            type: 'paragraph',
            children: [
              { type: 'text', value: '“' },
              inLanguage(row.quote),
              { type: 'text', value: '” — ' },
              ...describeArticle(article),
              { type: 'text', value: ` Row ${row.id}.` },
            ],
          },
        ],
      };
      tree.children.push(definition);
    }
  };
}
