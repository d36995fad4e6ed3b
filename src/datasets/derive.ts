// Articles → the three datasets, with every message the extraction raised.
// Pure: the CLI reads the files and writes the results.
import { VFile } from 'vfile';
import type { Article } from '../articles/article.ts';
import { extractCasualties } from '../extract/casualties.ts';
import type { Gazetteer } from '../extract/gazetteer.ts';
import { findForeignPassages } from '../extract/language.ts';
import { extractReactions } from '../extract/reactions.ts';
import { layoutOf } from '../extract/sentences.ts';
import type { Message, Sentence } from '../extract/types.ts';
import type { VFileMessage } from '../common/problems.ts';
import { articleMessages } from './article-messages.ts';
import { EMPTY_REVIEW } from './review.ts';
import type { Review } from './review.ts';
import { applyReview } from './review-apply.ts';
import type { ReviewOutcome } from './review-apply.ts';
import type { CasualtyRow, ReactionRow } from './schema.ts';
import type { Datasets } from './serialize.ts';
import { compare } from '../common/compare.ts';
import { thousands } from '../common/thousands.ts';

export interface Derived {
  datasets: Datasets;
  /** The extraction's messages, each on its article's file. */
  messages: VFileMessage[];
  /** Problems of the review file (positioned in it): errors mean it could not be applied as written. */
  reviewProblems: VFileMessage[];
  reviewCounts: ReviewOutcome['counts'];
}

export interface DeriveDatasetsOptions {
  /** The editors' decisions (data/review.yaml); none by default. */
  review?: Review;
  /** The review's file, which its problems are reported on; by default one without a path. */
  reviewFile?: VFile;
}

/**
 * The datasets of `articles`, in memory, extracted on this thread. `npm run
 * derive` gives the same through src/datasets/prepare.ts, which also writes
 * the rows where they are extracted.
 */
export function deriveDatasets(
  articles: readonly Article[],
  gazetteer: Gazetteer,
  options: DeriveDatasetsOptions = {},
): Derived {
  const sorted = sortArticles(articles);
  const derivations = sorted.map((article) => deriveArticle(article, gazetteer));
  return assembleDerived(sorted, derivations, gazetteer, options.review, options.reviewFile);
}

/** The articles in the datasets' order: by id. */
export function sortArticles(articles: readonly Article[]): Article[] {
  return [...articles].sort((a, b) => compare(a.meta.id, b.meta.id));
}

/**
 * The step after extraction: every article's rows (`derivations[i]` is
 * `sorted[i]`'s) into the datasets, with the review applied. Shared by
 * deriveDatasets and assemblePrepared (src/datasets/prepare.ts), which the
 * derive uses: both give the same datasets. The rows the review leaves alone
 * are the very objects extracted (prepare.ts relies on it).
 */
export function assembleDerived(
  sorted: readonly Article[],
  derivations: readonly ArticleDerivation[],
  gazetteer: Gazetteer,
  review: Review = EMPTY_REVIEW,
  reviewFile: VFile = new VFile(),
): Derived {
  const extracted: Datasets = { casualties: [], reactions: [], articles: sorted.map((a) => a.meta) };
  const messages: VFileMessage[] = [];
  sorted.forEach((article, i) => {
    const derived = derivations[i];
    if (!derived) throw new Error(`No extraction for article ${article.meta.id}`);
    // One by one: spreading an article's 200,000 rows into push() overflows the stack.
    for (const row of derived.casualties) extracted.casualties.push(row);
    for (const row of derived.reactions) extracted.reactions.push(row);
    for (const message of articleMessages(article, derived.messages)) messages.push(message);
  });
  const reviewed = applyReview(extracted, review, reviewContext(gazetteer), reviewFile);
  return {
    datasets: { casualties: reviewed.casualties, reactions: reviewed.reactions, articles: extracted.articles },
    messages,
    reviewProblems: reviewed.problems,
    reviewCounts: reviewed.counts,
  };
}

/** What the review needs to know of the gazetteer: the actors a correction may name. */
export function reviewContext(gazetteer: Gazetteer) {
  return {
    actorType: (name: string) => gazetteer.actorByName.get(name)?.type ?? null,
    actorNames: gazetteer.actors.map((a) => a.name),
    cameoOf: (stance: string) => cameoOf(gazetteer, stance),
  };
}

/** The CAMEO code the codebook gives a stance, or null. */
function cameoOf(gazetteer: Gazetteer, stance: string): string | null {
  return gazetteer.codebook.stanceEntries.find((s) => s.name === stance)?.cameo ?? null;
}

/** A reaction row with its stance's CAMEO code (the files put the column after the stance). */
export function withCameo<R extends { stance: string }>(row: R, gazetteer: Gazetteer): R & { cameo: string | null } {
  return { ...row, cameo: cameoOf(gazetteer, row.stance) };
}

/**
 * One article's rows and messages, before the review: the unit the dev server
 * re-derives alone (it then runs applyReview on the whole datasets).
 */
export interface ArticleDerivation {
  casualties: CasualtyRow[];
  reactions: ReactionRow[];
  messages: Message[];
}

export function deriveArticle(article: Article, gazetteer: Gazetteer): ArticleDerivation {
  const input = {
    id: article.meta.id,
    body: article.body,
    published: article.meta.published,
    home: gazetteer.home,
    codebook: gazetteer.codebook,
  };
  // Cut into sentences once, and each text's days worked out once, for all the extractors.
  const layout = layoutOf(article.body);
  const casualties = extractCasualties(input, layout);
  const reactions = extractReactions(input, gazetteer, layout);
  return {
    casualties: casualties.rows.map((row, i) => ({ id: `${input.id}-c${i + 1}`, ...row })),
    reactions: reactions.rows.map((row, i) => withCameo({ id: `${input.id}-r${i + 1}`, ...row }, gazetteer)),
    messages: [...casualties.messages, ...reactions.messages, ...untranslatedPassages(layout.sentences)],
  };
}

function untranslatedPassages(sentences: Sentence[]): Message[] {
  return findForeignPassages(sentences).map((passage) => ({
    start: passage.start,
    end: passage.end,
    severity: 'info',
    ruleId: 'passage-not-extracted',
    // Reactions are read in Arabic too (the gazetteer has Arabic aliases); casualty figures are not.
    reason: `Cannot extract casualty figures from a passage in another language (\`${passage.lang}\`, ${thousands(passage.chars)} characters): not extracted`,
  }));
}
