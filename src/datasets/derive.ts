// Articles → the three datasets, with every message the extraction raised.
// Pure: the CLI reads the files and writes the results.
import type { Article } from '../articles/article.ts';
import { extractCasualties } from '../extract/casualties.ts';
import type { Gazetteer } from '../extract/gazetteer.ts';
import { findForeignPassages } from '../extract/language.ts';
import { extractReactions } from '../extract/reactions.ts';
import { splitSentences } from '../extract/sentences.ts';
import type { Message } from '../extract/types.ts';
import type { Datasets } from './serialize.ts';

export interface ArticleMessage extends Message {
  article: Article;
}

export interface Derived {
  datasets: Datasets;
  messages: ArticleMessage[];
}

export function deriveDatasets(articles: readonly Article[], gazetteer: Gazetteer): Derived {
  const sorted = [...articles].sort((a, b) => compare(a.meta.id, b.meta.id));
  const datasets: Datasets = { casualties: [], reactions: [], articles: sorted.map((a) => a.meta) };
  const messages: ArticleMessage[] = [];
  for (const article of sorted) {
    const derived = deriveArticle(article, gazetteer);
    datasets.casualties.push(...derived.casualties);
    datasets.reactions.push(...derived.reactions);
    messages.push(...derived.messages.map((message) => ({ ...message, article })));
  }
  return { datasets, messages };
}

/** One article's rows and messages: the unit the dev server re-derives alone. */
export function deriveArticle(article: Article, gazetteer: Gazetteer) {
  const input = { id: article.meta.id, body: article.body, published: article.meta.published };
  const casualties = extractCasualties(input);
  const reactions = extractReactions(input, gazetteer);
  return {
    casualties: casualties.rows.map((row, i) => ({ id: `${input.id}-c${i + 1}`, ...row })),
    reactions: reactions.rows.map((row, i) => ({ id: `${input.id}-r${i + 1}`, ...row })),
    messages: [...casualties.messages, ...reactions.messages, ...untranslatedPassages(article)],
  };
}

function untranslatedPassages(article: Article): Message[] {
  return findForeignPassages(splitSentences(article.body)).map((passage) => ({
    start: passage.start,
    end: passage.end,
    severity: 'info',
    ruleId: 'passage-not-extracted',
    // Reactions are read in Arabic too (the gazetteer has Arabic aliases); casualty figures are not.
    reason: `Cannot extract casualty figures from a passage in another language (\`${passage.lang}\`, ${passage.chars.toLocaleString('en-US')} characters): not extracted`,
  }));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
