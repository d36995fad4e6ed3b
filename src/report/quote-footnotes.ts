// A figure or a reaction leads back to the sentence it came from: one GFM
// footnote per quoted sentence (CONTRACT §8), however many dataset rows were
// taken from it. Charts, tables and inline values point to `[^quote-<row id>]`;
// this plugin turns every such reference into one to its sentence's footnote,
// which quotes the sentence once, then names the article and the rows.
import type { FootnoteDefinition, FootnoteReference, PhrasingContent, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { ArticleRow } from '../datasets/schema.ts';
import { isolated } from './bidi.ts';
import { describeArticle } from './source-footnotes.ts';

const PREFIX = 'quote-';
/** The footnote of a sentence is named after the first row taken from it: `q-<row id>`. */
const SENTENCE = 'q-';

/** Any row with a quote: casualty figures and reactions alike. */
export interface QuotedRow {
  id: string;
  article: string;
  quote: string;
  /** Where the sentence is in the article's body; rows with the same span quote the same sentence. */
  start?: number;
  end?: number;
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

/** The sentence a row quotes: its article and span (or its words, for a row without offsets). */
export function sentenceKey(row: QuotedRow): string {
  return row.start !== undefined && row.end !== undefined
    ? `${row.article}\u0000${row.start}\u0000${row.end}`
    : `${row.article}\u0000${row.quote}`;
}

/** Row id → the identifier of its sentence's footnote: rows of one sentence share it. */
export function sentenceIdentifiers(rows: readonly QuotedRow[]): Map<string, string> {
  const first = new Map<string, string>();
  const byRow = new Map<string, string>();
  for (const row of rows) {
    const key = sentenceKey(row);
    if (!first.has(key)) first.set(key, SENTENCE + row.id);
    byRow.set(row.id, first.get(key) ?? SENTENCE + row.id);
  }
  return byRow;
}

export default function remarkQuoteFootnotes(options: { rows: readonly QuotedRow[]; articles: readonly ArticleRow[] }) {
  const rows = new Map(options.rows.map((r) => [r.id, r]));
  const articles = new Map(options.articles.map((a) => [a.id, a]));
  const sentenceOf = sentenceIdentifiers(options.rows);
  return (tree: Root) => {
    // Sentence identifier → the rows that pointed to it, in the order they were met.
    const used = new Map<string, string[]>();
    visit(tree, 'footnoteReference', (node) => {
      if (!node.identifier.startsWith(PREFIX)) return;
      const rowId = node.identifier.slice(PREFIX.length);
      const sentence = sentenceOf.get(rowId);
      if (sentence === undefined) return;
      node.identifier = sentence;
      node.label = sentence;
      const ids = used.get(sentence) ?? [];
      if (!ids.includes(rowId)) ids.push(rowId);
      used.set(sentence, ids);
    });
    for (const [identifier, rowIds] of used) {
      const row = rows.get(rowIds[0] ?? '');
      const article = row ? articles.get(row.article) : undefined;
      if (!row || !article) continue;
      const ids = [...rowIds].sort(compareIds);
      const definition: FootnoteDefinition = {
        type: 'footnoteDefinition',
        identifier,
        label: identifier,
        children: [
          {
            type: 'paragraph',
            children: [{ type: 'text', value: '“' }, inLanguage(row.quote), { type: 'text', value: '”' }],
          },
          {
            type: 'paragraph',
            data: { hProperties: { className: ['fn-source'] } },
            children: [
              ...describeArticle(article),
              { type: 'text', value: ` ${ids.length === 1 ? 'Row' : 'Rows'} ${ids.join(', ')}.` },
            ],
          },
        ],
      };
      tree.children.push(definition);
    }
  };
}

/** "002-c9" before "002-c10". */
function compareIds(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
