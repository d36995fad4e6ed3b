// Shared shapes of the extraction stage: pure functions take text and give
// rows plus messages; offsets are UTF-16 code units into the article body.
import type { CasualtyRow, ReactionRow } from '../datasets/schema.ts';

export interface Span {
  start: number;
  end: number;
}

/** A block of text between blank lines. */
export interface Paragraph extends Span {
  index: number;
  text: string;
}

/** One sentence, headline or caption; never crosses a line break. */
export interface Sentence extends Span {
  text: string;
  /** Index of the paragraph that holds it. */
  paragraph: number;
  /** BCP 47 language of the sentence when it is not the article's own (e.g. "ar"), else null. */
  lang: string | null;
}

/** A problem or note found while extracting, positioned in the body. */
export interface Message extends Span {
  reason: string;
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
}

export interface Extraction<Row> {
  rows: Row[];
  messages: Message[];
}

/** Rows before `derive` numbers them (`<article>-c<n>`). */
export type CasualtyDraft = Omit<CasualtyRow, 'id'>;
export type ReactionDraft = Omit<ReactionRow, 'id'>;
