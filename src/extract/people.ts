// People's names, fuzzily: a translation spells "Tokayev" as "Tokaev", so a
// full name matches when one word is exact and the other close, and a surname
// alone once the person has been named.
import { remember } from '../common/remember.ts';
import type { Gazetteer, Person, PersonForm } from './gazetteer.ts';
import { isTitle } from './gazetteer.ts';
import { codeClass, nameKey } from './text-fold.ts';
import type { Span } from './types.ts';
import { editDistance } from '../common/suggest.ts';

// ----------------------------------------------------------- people, fuzzily

export interface PersonMatch extends Span {
  person: Person;
  /** The words as written in the text. */
  written: string;
  /** Whether the spelling differs from every known one. */
  fuzzy: boolean;
}

export interface Word extends Span {
  text: string;
}

/** The words of `text`: runs of letters and marks, joined by hyphens; read in one pass. */
export function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  let i = 0;
  while (i < text.length) {
    if (codeClass(text.codePointAt(i)!) !== 1) {
      i += 1;
      continue;
    }
    const start = i;
    for (;;) {
      while (i < text.length) {
        const cp = text.codePointAt(i)!;
        if (codeClass(cp) !== 1) break;
        i += cp > 0xffff ? 2 : 1;
      }
      const c = text[i];
      if ((c === '-' || c === '‐') && i + 1 < text.length && codeClass(text.codePointAt(i + 1)!) === 1) i += 1;
      else break;
    }
    words.push({ start, end: i, text: text.slice(start, i) });
  }
  return words;
}

/**
 * People named in `text` by a Latin spelling, also when translation spelled
 * them differently. `seen` holds people already named in the article: only
 * they may be found by a surname alone that is merely close, or by their bare
 * surname at the start of a sentence (so "Price rises" is not Ned Price).
 */
export function findPeople(g: Gazetteer, text: string, seen: ReadonlySet<Person> = new Set()): PersonMatch[] {
  const words = wordsOf(text);
  const found: PersonMatch[] = [];
  for (let i = 0; i < words.length;) {
    const match = bestPersonAt(g, text, words, i, seen);
    if (match) {
      found.push(match.result);
      i += match.length;
    } else i += 1;
  }
  return found;
}

export function bestPersonAt(
  g: Gazetteer,
  text: string,
  words: Word[],
  i: number,
  seen: ReadonlySet<Person>,
): { result: PersonMatch; length: number } | null {
  const first = words[i]!.text.charCodeAt(0);
  if (first >= 97 && first <= 122) return null;
  if (!(first >= 65 && first <= 90) && !/^\p{Lu}/u.test(words[i]!.text)) return null;
  const index = g.personIndex;
  // Only the spellings whose first word is close to this one can match here.
  const candidates = formsStartingLike(index, words[i]!.text);
  let best: { result: PersonMatch; length: number; score: number } | null = null;
  for (const c of candidates) {
    const { person, form } = index.forms[c]!;
    const score = formScore(g, text, words, i, index.forms[c]!, seen);
    if (score === null) continue;
    const n = form.words.length;
    // More words first, then exact before close, then the person named most recently.
    const rank = n * 10 + score + (seen.has(person) ? 0.5 : 0);
    if (!best || rank > best.score) {
      const start = words[i]!.start;
      const end = words[i + n - 1]!.end;
      best = {
        result: { start, end, person, written: text.slice(start, end), fuzzy: score < 2 },
        length: n,
        score: rank,
      };
    }
  }
  return best ? { result: best.result, length: best.length } : null;
}

/** The spellings (indices into `index.forms`, ascending) whose first word is exactly or closely like `word`. */
export function formsStartingLike(index: PersonIndex, word: string): readonly number[] {
  let forms = index.formsMemo.get(word);
  if (forms === undefined) {
    const found: number[] = [];
    for (const id of similaritiesOf(index, word).keys()) found.push(...(index.formsByFirst.get(id) ?? []));
    forms = found.sort((a, b) => a - b);
    if (index.formsMemo.size >= 50_000) index.formsMemo.clear();
    index.formsMemo.set(word, forms);
  }
  return forms;
}

/** 2 = every word exact, 1 = close enough, null = no match. */
export function formScore(
  g: Gazetteer,
  text: string,
  words: Word[],
  i: number,
  entry: IndexedForm,
  seen: ReadonlySet<Person>,
): number | null {
  const { person, form } = entry;
  const n = form.words.length;
  if (i + n > words.length) return null;
  let exact = 0;
  for (let k = 0; k < n; k += 1) {
    const w = words[i + k]!;
    if (k > 0 && !/^\s+$/u.test(text.slice(words[i + k - 1]!.end, w.start))) return null;
    // Names are capitalised; particles ("von der") are matched as written.
    if (/^\p{Lu}/u.test(form.words[k]!) ? !/^\p{Lu}/u.test(w.text) : w.text !== form.words[k]) return null;
    const sim = similaritiesOf(g.personIndex, w.text).get(entry.ids[k]!);
    if (sim === undefined) return null;
    if (sim === 'exact') exact += 1;
  }
  const allExact = exact === n;
  if (n === 1) {
    if (!allExact && !(seen.has(person) && sameSkeleton(words[i]!.text, form.words[0]!))) return null;
    if (form.derived && !bareSurnameFits(g, text, words, i, person, seen)) return null;
  } else if (exact === 0) {
    return null;
  }
  return allExact ? 2 : 1;
}

/**
 * A surname alone is someone else's when another capitalised word sits right
 * before it ("Michael Johnson"), unless that word is a title ("Minister
 * Lavrov"). At the start of a sentence it must be known or be speaking.
 */
export function bareSurnameFits(
  g: Gazetteer,
  text: string,
  words: Word[],
  i: number,
  person: Person,
  seen: ReadonlySet<Person>,
): boolean {
  const prev = words[i - 1];
  if (prev && /^\s+$/u.test(text.slice(prev.end, words[i]!.start)) && /^\p{Lu}/u.test(prev.text)) {
    const opener = text.slice(0, prev.start).trim() === '' && SENTENCE_OPENERS.has(prev.text.toLowerCase());
    if (!isTitle(g, prev.text) && !opener && !isActorWord(g, prev.text)) return false;
  }
  const sentenceInitial = text.slice(0, words[i]!.start).replace(/[\s"“”'(]/gu, '') === '';
  if (!sentenceInitial || seen.has(person)) return true;
  const next = words[i + 1];
  return next !== undefined && isSpeechVerb(g, next.text);
}

// Capitalised only because they open the sentence: "Meanwhile Blinken said".
export const SENTENCE_OPENERS = new Set([
  'and',
  'but',
  'meanwhile',
  'also',
  'however',
  'then',
  'so',
  'yet',
  'still',
  'now',
  'later',
  'earlier',
  'separately',
  'furthermore',
  'moreover',
  'instead',
  'thus',
  'there',
  'here',
  'when',
  'while',
  'after',
]);

/** Whether one word is a speech verb. */
export function isSpeechVerb(g: Gazetteer, word: string): boolean {
  return remember(g.memo.speechVerb, word, () => g.speechVerbs.isWholeWord(word, true));
}

export function isActorWord(g: Gazetteer, word: string): boolean {
  return (g.nameEntries.get(nameKey(word)) ?? []).some((e) => e.kind === 'actor');
}

// ------------------------------------------------------- spelling similarity

/** Lower case, no diacritics, dotless i folded. */
export function plain(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/ı/gu, 'i').toLowerCase();
}

/**
 * Sounds that transliteration writes in different letters: Kazakh "Ж" is j,
 * zh, sh (from German "sch"), g; kh/h, ph/f, th/t, w/v, y/i; doubled letters.
 */
export function phonetic(s: string): string {
  return plain(s)
    .replace(/dzh|dj|sch|zh|sh|j/gu, 'j')
    .replace(/kh/gu, 'k')
    .replace(/ph/gu, 'f')
    .replace(/th/gu, 't')
    .replace(/w/gu, 'v')
    .replace(/y/gu, 'i')
    .replace(/(.)\1+/gu, '$1');
}

/** Consonants only: vowels are what translations disagree on most. */
export function skeleton(s: string): string {
  return phonetic(s).replace(/[aeiou]/gu, '');
}

export function sameSkeleton(a: string, b: string): boolean {
  return skeleton(a) === skeleton(b) && skeleton(a).length >= 3;
}

export type Similarity = 'exact' | 'close';

/** A word's sound: phonetic spelling and consonant skeleton. */
export interface Sound {
  ph: string;
  sk: string;
}

/** What spelling comparison needs of a word, computed once. */
export interface WordShape {
  plain: string;
  parts: string[];
  /** Of the word without its hyphens. */
  whole: Sound;
  /** Of each hyphenated part (when there are several). */
  partSounds: Sound[];
}

export function sound(plainWord: string): Sound {
  const ph = phonetic(plainWord);
  return { ph, sk: ph.replace(/[aeiou]/gu, '') };
}

export function wordShape(word: string): WordShape {
  const p = plain(word);
  const parts = p.split(/[-‐]/u);
  return {
    plain: p,
    parts,
    whole: sound(p.replace(/[-‐]/gu, '')),
    partSounds: parts.length > 1 ? parts.map(sound) : [],
  };
}

/**
 * 'exact' when equal but for case and diacritics; 'close' when one is a
 * translator's respelling of the other (Teleobardi ~ Tileuberdi, Gomert ~
 * Jomart); null otherwise. Hyphenated names compare part by part.
 */
export function wordSimilarity(written: string, known: string): Similarity | null {
  return similarity(wordShape(written), wordShape(known));
}

export function similarity(a: WordShape, b: WordShape): Similarity | null {
  if (a.plain === b.plain) return 'exact';
  if (a.parts.length > 1 && a.parts.length === b.parts.length) {
    for (let k = 0; k < a.parts.length; k += 1) {
      if (a.parts[k] !== b.parts[k] && !closeSounds(a.partSounds[k]!, b.partSounds[k]!)) return null;
    }
    return 'close';
  }
  return closeSounds(a.whole, b.whole) ? 'close' : null;
}

export function closeSounds(a: Sound, b: Sound): boolean {
  if (a.ph === b.ph) return true;
  const longest = Math.max(a.ph.length, b.ph.length);
  if (Math.min(a.ph.length, b.ph.length) < 4) return false;
  // Cheap bounds first: an edit distance is at least the difference in length.
  if (Math.abs(a.ph.length - b.ph.length) / longest > 0.34 || Math.abs(a.sk.length - b.sk.length) > 1) return false;
  return editDistance(a.ph, b.ph) / longest <= 0.34 && editDistance(a.sk, b.sk) <= 1;
}

/** A spelling of a person, with its words as known-word ids. */
export interface IndexedForm {
  person: Person;
  form: PersonForm;
  ids: number[];
}

/** People's spellings, indexed so that a written word meets only the known words it could be close to. */
export interface PersonIndex {
  known: WordShape[];
  byPlain: Map<string, number[]>;
  /** Hyphenated known words by their number of parts. */
  byParts: Map<number, number[]>;
  /** Known words by skeleton length: a close word's differs by at most one. */
  bySkeleton: Map<number, number[]>;
  forms: IndexedForm[];
  /** Form indices by the id of their first word. */
  formsByFirst: Map<number, number[]>;
  /** Similarities of written words to known ones (bounded). */
  memo: Map<string, Map<number, Similarity>>;
  /** The spellings each written word may begin (bounded; see `formsStartingLike`). */
  formsMemo: Map<string, readonly number[]>;
}

export function indexPeople(people: Person[]): PersonIndex {
  const index: PersonIndex = {
    known: [],
    byPlain: new Map(),
    byParts: new Map(),
    bySkeleton: new Map(),
    forms: [],
    formsByFirst: new Map(),
    memo: new Map(),
    formsMemo: new Map(),
  };
  const ids = new Map<string, number>();
  const add = <K>(map: Map<K, number[]>, key: K, id: number): void => void map.set(key, [...(map.get(key) ?? []), id]);
  const idOf = (word: string): number => {
    let id = ids.get(word);
    if (id === undefined) {
      id = index.known.length;
      ids.set(word, id);
      const shape = wordShape(word);
      index.known.push(shape);
      add(index.byPlain, shape.plain, id);
      if (shape.parts.length > 1) add(index.byParts, shape.parts.length, id);
      add(index.bySkeleton, shape.whole.sk.length, id);
    }
    return id;
  };
  for (const person of people) {
    for (const form of person.forms) {
      const entry = { person, form, ids: form.words.map(idOf) };
      add(index.formsByFirst, entry.ids[0]!, index.forms.length);
      index.forms.push(entry);
    }
  }
  return index;
}

/** The known words a written word is exactly or closely like. */
export function similaritiesOf(index: PersonIndex, written: string): Map<number, Similarity> {
  let sims = index.memo.get(written);
  if (sims) return sims;
  sims = new Map();
  const shape = wordShape(written);
  const candidates = new Set([
    ...(index.byPlain.get(shape.plain) ?? []),
    ...(shape.parts.length > 1 ? (index.byParts.get(shape.parts.length) ?? []) : []),
    ...(index.bySkeleton.get(shape.whole.sk.length - 1) ?? []),
    ...(index.bySkeleton.get(shape.whole.sk.length) ?? []),
    ...(index.bySkeleton.get(shape.whole.sk.length + 1) ?? []),
  ]);
  for (const id of candidates) {
    const sim = similarity(shape, index.known[id]!);
    if (sim !== null) sims.set(id, sim);
  }
  if (index.memo.size >= 50_000) index.memo.clear();
  index.memo.set(written, sims);
  return sims;
}
