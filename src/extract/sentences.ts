// Paragraphs and sentences with true offsets into the article body, so every
// extracted row can quote its sentence and point back at it (CONTRACT §5).
import type { DayCache } from './dates.ts';
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
  return sentencesOf(body, splitParagraphs(body), articleLanguage);
}

/**
 * What every extractor of one article reads first: its body's paragraphs and
 * sentences (`splitSentences(body)`), cut once, and the days its texts name,
 * worked out once (see `resolveAsOf`).
 */
export interface Layout {
  paragraphs: Paragraph[];
  sentences: Sentence[];
  /** The texts of each paragraph's sentences, by paragraph index (what resolveAsOf falls back on). */
  paragraphSentences: string[][];
  days: DayCache;
}

export function layoutOf(body: string): Layout {
  const paragraphs = splitParagraphs(body);
  const sentences = sentencesOf(body, paragraphs);
  const paragraphSentences = paragraphs.map((): string[] => []);
  for (const sentence of sentences) paragraphSentences[sentence.paragraph]?.push(sentence.text);
  return { paragraphs, sentences, paragraphSentences, days: new Map() };
}

/** `splitSentences` for a caller that already has the paragraphs of `body` (`splitParagraphs`). */
export function sentencesOf(body: string, paragraphs: readonly Paragraph[], articleLanguage?: string): Sentence[] {
  const own = articleLanguage ? primarySubtag(articleLanguage) : null;
  const sentences: Sentence[] = [];
  for (const p of paragraphs) {
    for (const line of lineSpans(body, p.start, p.end)) {
      for (const span of sentenceSpans(body, line)) {
        const text = body.slice(span.start, span.end);
        const guess = guessLanguage(text);
        sentences.push({
          start: span.start,
          end: span.end,
          text,
          paragraph: p.index,
          lang: guess === own ? null : guess,
        });
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
  // Only letters of the scripts above can outnumber the Latin ones, and none
  // lies in Latin, IPA, combining marks or general punctuation (checked over
  // every code point): an English sentence, curly quotes and dashes included,
  // is done with one quick scan.
  if (!BEYOND_LATIN.test(text)) return null;
  let latin = 0;
  const counts = new Map<string, number>();
  // By code point, as `for (const ch of text)` would, but without a string per
  // character: this runs over every character of every article.
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    if (code > 0xffff) i += 1;
    const script = code < 0x80 ? asciiScript(code) : scriptOf(code);
    if (script === null) continue;
    if (script === LATIN) latin += 1;
    else counts.set(script, (counts.get(script) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestCount = latin;
  for (const [lang, count] of counts) {
    if (count > bestCount) [best, bestCount] = [lang, count];
  }
  return best;
}

const BEYOND_LATIN = /[^\u0000-\u036f\u2000-\u206f]/;

/** What a letter tells `guessLanguage`: Latin, a language, or nothing (not a letter, or a script without one). */
const LATIN = 'Latin';

function asciiScript(code: number): string | null {
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x7a ? LATIN : null;
}

// Unicode property tests are slow per character, and a text uses few distinct
// characters: each code point is classified once per process.
const SCRIPTS = new Map<number, string | null>();

function scriptOf(code: number): string | null {
  let script = SCRIPTS.get(code);
  if (script === undefined) {
    const ch = String.fromCodePoint(code);
    if (!/\p{L}/u.test(ch)) script = null;
    else if (/\p{Script=Latin}/u.test(ch)) script = LATIN;
    else script = SCRIPT_LANGUAGES.find(([pattern]) => pattern.test(ch))?.[1] ?? null;
    SCRIPTS.set(code, script);
  }
  return script;
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
  while (start < end && isSpace(text, start)) start += 1;
  while (end > start && isSpace(text, end - 1)) end -= 1;
  return start < end ? { start, end } : null;
}

/** `/\s/u` (the white space `trim` removes) at one UTF-16 index, without the regex for ASCII. */
function isSpace(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return /\s/u.test(text[at]!);
}

// ---------------------------------------------------------------- sentence ends

const TERMINATORS = '.!?…؟۔。！？';
const TERMINATOR_CODES: ReadonlySet<number> = new Set([...TERMINATORS].map((t) => t.charCodeAt(0)));
const NEXT_STOP = new RegExp(`[${TERMINATORS}\\n\\r\\u2028\\u2029]`, 'g');
// Full-width stops end a sentence on their own: those scripts put no space after them.
const FULL_WIDTH_TERMINATORS = '。！？';
const CLOSERS = '”"’\')]}»›」』';
const OPENERS = '“"‘\'([{«‹„‚¿¡「『';

// Never end a sentence: a capitalised word follows them as often as not.
const STRONG_ABBREVIATIONS = new Set([
  'Mr',
  'Mrs',
  'Ms',
  'Dr',
  'Gen',
  'Lt',
  'Col',
  'Sgt',
  'Capt',
  'Gov',
  'Sen',
  'Rep',
  'Pres',
  'St',
  'Prof',
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'Jun',
  'Jul',
  'Aug',
  'Sept',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
  'vs',
  'e.g',
  'i.e',
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
    // Jump to the next terminator. A line break stops the search too, so it
    // never runs past the white space that follows the line.
    NEXT_STOP.lastIndex = i;
    const stop = NEXT_STOP.exec(text);
    if (!stop || stop.index >= line.end) break;
    i = stop.index;
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
  while (j < lineEnd && TERMINATOR_CODES.has(text.charCodeAt(j))) j += 1;
  while (j < lineEnd && CLOSERS.includes(text[j]!)) j += 1;
  return j;
}

/** Whether the terminator run `text[at, end)` ends a sentence. */
function endsSentence(text: string, at: number, end: number, lineEnd: number): boolean {
  const run = text.slice(at, end);
  if ([...FULL_WIDTH_TERMINATORS].some((t) => run.includes(t))) return true;
  // The first character after the white space that follows: found in place,
  // since slicing the rest of the line at every full stop is quadratic.
  let next = end;
  while (next < lineEnd && isSpace(text, next)) next += 1;
  if (next === lineEnd) return true;
  // "A.In", "2.5", "t.co/x": no space, no sentence end.
  if (next === end) return false;
  const ch = text[next]!;
  if (!startsSentence(ch)) return false;
  return !(run === '.' && isAbbreviation(wordBefore(text, at), ch));
}

function startsSentence(ch: string): boolean {
  if (/[\p{Lu}\p{Lt}\p{Nd}]/u.test(ch) || OPENERS.includes(ch)) return true;
  return /\p{L}/u.test(ch) && !/\p{Script=Latin}/u.test(ch);
}

/** The word that a full stop at `at` closes, without opening quotes or brackets. */
function wordBefore(text: string, at: number): string {
  let from = at;
  while (from > 0 && !isSpace(text, from - 1)) from -= 1;
  let word = text.slice(from, at);
  while (word && OPENERS.includes(word[0]!)) word = word.slice(1);
  return word;
}

function isAbbreviation(word: string, next: string): boolean {
  if (STRONG_ABBREVIATIONS.has(word) || INITIALS.test(word)) return true;
  return WEAK_ABBREVIATIONS.has(word) && /\p{Nd}/u.test(next);
}
