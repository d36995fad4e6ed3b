// Passages in a language other than the article's own are not extracted; this
// finds them so that `derive` can say so instead of dropping them silently.
import type { Sentence, Span } from './types.ts';

export interface ForeignPassage extends Span {
  lang: string;
  /** end − start, in UTF-16 code units, blank lines inside the passage included. */
  chars: number;
}

/**
 * Runs of consecutive sentences tagged with the same language. A sentence
 * without letters ("2022", "—") belongs to no language, so it neither breaks
 * a run nor starts or ends one.
 */
export function findForeignPassages(sentences: Sentence[]): ForeignPassage[] {
  const passages: ForeignPassage[] = [];
  let current: ForeignPassage | null = null;
  for (const sentence of sentences) {
    if (!hasLetters(sentence.text)) continue;
    if (current && sentence.lang === current.lang) {
      current.end = sentence.end;
      current.chars = current.end - current.start;
      continue;
    }
    current = sentence.lang ? passage(sentence, sentence.lang) : null;
    if (current) passages.push(current);
  }
  return passages;
}

function passage(sentence: Sentence, lang: string): ForeignPassage {
  return { start: sentence.start, end: sentence.end, lang, chars: sentence.end - sentence.start };
}

function hasLetters(text: string): boolean {
  return /\p{L}/u.test(text);
}
