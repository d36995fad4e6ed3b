// Paragraphs and sentences with true offsets into the article body, so every
// extracted row can quote its sentence and point back at it (CONTRACT §5).
import type { Paragraph, Sentence, Span } from './types.ts';

const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/g;

/** Blocks of text separated by one or more blank (empty or whitespace-only) lines. */
export function splitParagraphs(body: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let block: Span | null = null;
  const close = (): void => {
    if (block) paragraphs.push(paragraph(body, block, paragraphs.length));
    block = null;
  };
  for (const line of lineSpans(body, 0, body.length)) {
    const content = trimSpan(body, line);
    if (!content) close();
    else block = block ? { start: block.start, end: content.end } : content;
  }
  close();
  return paragraphs;
}

/**
 * Every sentence, headline, caption or byline of the body, in order. A sentence
 * never crosses a line break, so lines without a full stop are sentences too.
 *
 * `lang` is a script-based guess (see `guessLanguage`); pass the article's own
 * language (BCP 47, e.g. "en" or "ar") so that its sentences stay `null`.
 */
export function splitSentences(body: string, articleLanguage?: string): Sentence[] {
  const own = articleLanguage ? primarySubtag(articleLanguage) : null;
  const sentences: Sentence[] = [];
  for (const p of splitParagraphs(body)) {
    for (const line of lineSpans(body, p.start, p.end)) {
      for (const span of sentenceSpans(body, line)) {
        const text = body.slice(span.start, span.end);
        const guess = guessLanguage(text);
        sentences.push({ ...span, text, paragraph: p.index, lang: guess === own ? null : guess });
      }
    }
  }
  return sentences;
}

// Each script maps to the language most likely written in it: only a guess
// (Cyrillic could be Kazakh or Ukrainian, Han could be Japanese), but the
// script is all a sentence reliably tells without a language model.
const SCRIPT_LANGUAGES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\p{Script=Arabic}/u, 'ar'],
  [/\p{Script=Cyrillic}/u, 'ru'],
  [/\p{Script=Han}/u, 'zh'],
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, 'ja'],
  [/\p{Script=Hangul}/u, 'ko'],
  [/\p{Script=Hebrew}/u, 'he'],
  [/\p{Script=Greek}/u, 'el'],
];

/**
 * A script-based language guess: the language of the non-Latin script with the
 * most letters, when it has more letters than the Latin script; otherwise null.
 */
export function guessLanguage(text: string): string | null {
  let latin = 0;
  const counts = new Map<string, number>();
  for (const ch of text) {
    if (!/\p{L}/u.test(ch)) continue;
    if (/\p{Script=Latin}/u.test(ch)) {
      latin += 1;
      continue;
    }
    const lang = SCRIPT_LANGUAGES.find(([script]) => script.test(ch))?.[1];
    if (lang) counts.set(lang, (counts.get(lang) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestCount = latin;
  for (const [lang, count] of counts) {
    if (count > bestCount) [best, bestCount] = [lang, count];
  }
  return best;
}

function primarySubtag(tag: string): string {
  return tag.split('-')[0]!.toLowerCase();
}

function paragraph(body: string, span: Span, index: number): Paragraph {
  return { index, start: span.start, end: span.end, text: body.slice(span.start, span.end) };
}

/** The lines of `text[from, to)`, without their line breaks. */
function lineSpans(text: string, from: number, to: number): Span[] {
  const spans: Span[] = [];
  let start = from;
  for (const m of text.slice(from, to).matchAll(LINE_BREAK)) {
    spans.push({ start, end: from + m.index });
    start = from + m.index + m[0].length;
  }
  spans.push({ start, end: to });
  return spans;
}

/** `span` without surrounding whitespace, or null when nothing is left. */
function trimSpan(text: string, span: Span): Span | null {
  let { start, end } = span;
  while (start < end && /\s/u.test(text[start]!)) start += 1;
  while (end > start && /\s/u.test(text[end - 1]!)) end -= 1;
  return start < end ? { start, end } : null;
}

// ---------------------------------------------------------------- sentence ends

const TERMINATORS = '.!?…؟۔。！？';
// Full-width stops end a sentence on their own: those scripts put no space after them.
const FULL_WIDTH_TERMINATORS = '。！？';
const CLOSERS = '”"’\')]}»›」』';
const OPENERS = '“"‘\'([{«‹„‚¿¡「『';

// Never end a sentence: a capitalised word follows them as often as not.
const STRONG_ABBREVIATIONS = new Set([
  'Mr', 'Mrs', 'Ms', 'Dr', 'Gen', 'Lt', 'Col', 'Sgt', 'Capt', 'Gov', 'Sen', 'Rep', 'Pres', 'St', 'Prof',
  'Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sept', 'Sep', 'Oct', 'Nov', 'Dec',
  'vs', 'e.g', 'i.e',
]);
// Often the last word of a sentence, so they end one before a capital but not
// before a number ("No. 5", "10 p.m. 20 people"); lowercase never starts one anyway.
const WEAK_ABBREVIATIONS = new Set(['Inc', 'Ltd', 'Co', 'Corp', 'No', 'etc', 'a.m', 'p.m']);
// "U.S.", "U.N.", "E.U." and single initials as in "Joe R. Biden".
const INITIALS = /^(?:\p{Lu}\.)*\p{Lu}$/u;

/** The sentences of one line, trimmed. */
function sentenceSpans(text: string, line: Span): Span[] {
  const spans: Span[] = [];
  let start = line.start;
  let i = line.start;
  while (i < line.end) {
    if (!TERMINATORS.includes(text[i]!)) {
      i += 1;
      continue;
    }
    const end = endOfTerminator(text, i, line.end);
    if (endsSentence(text, i, end, line.end)) {
      const span = trimSpan(text, { start, end });
      if (span) spans.push(span);
      start = end;
    }
    i = end;
  }
  const rest = trimSpan(text, { start, end: line.end });
  if (rest) spans.push(rest);
  return spans;
}

/** Past a run of terminators ("?!", "...") and the quotes or brackets closing on it. */
function endOfTerminator(text: string, at: number, lineEnd: number): number {
  let j = at;
  while (j < lineEnd && TERMINATORS.includes(text[j]!)) j += 1;
  while (j < lineEnd && CLOSERS.includes(text[j]!)) j += 1;
  return j;
}

/** Whether the terminator run `text[at, end)` ends a sentence. */
function endsSentence(text: string, at: number, end: number, lineEnd: number): boolean {
  const run = text.slice(at, end);
  if ([...FULL_WIDTH_TERMINATORS].some((t) => run.includes(t))) return true;
  const rest = text.slice(end, lineEnd);
  if (rest.trim() === '') return true;
  // "A.In", "2.5", "t.co/x": no space, no sentence end.
  if (!/^\s/u.test(rest)) return false;
  const next = rest.trimStart()[0]!;
  if (!startsSentence(next)) return false;
  return !(run === '.' && isAbbreviation(wordBefore(text, at), next));
}

function startsSentence(ch: string): boolean {
  if (/[\p{Lu}\p{Lt}\p{Nd}]/u.test(ch) || OPENERS.includes(ch)) return true;
  return /\p{L}/u.test(ch) && !/\p{Script=Latin}/u.test(ch);
}

/** The word that a full stop at `at` closes, without opening quotes or brackets. */
function wordBefore(text: string, at: number): string {
  let from = at;
  while (from > 0 && !/\s/u.test(text[from - 1]!)) from -= 1;
  let word = text.slice(from, at);
  while (word && OPENERS.includes(word[0]!)) word = word.slice(1);
  return word;
}

function isAbbreviation(word: string, next: string): boolean {
  if (STRONG_ABBREVIATIONS.has(word) || INITIALS.test(word)) return true;
  return WEAK_ABBREVIATIONS.has(word) && /\p{Nd}/u.test(next);
}
