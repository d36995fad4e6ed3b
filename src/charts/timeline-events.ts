// A key event of the timeline chart, as editors write it in
// report/timeline.yaml: from one article, with the words it comes from and
// the reasoning behind its day, so the timeline stays sourced like the datasets.

export interface TimelineEvent {
  id: string;
  /** The day it happened (Almaty time), ISO. */
  day: string;
  /** What happened, in a line. */
  text: string;
  article: string;
  /** Words of the article body, verbatim. */
  quote: string;
  /** How the day follows from the quote and the article's date. */
  day_basis: string;
}
