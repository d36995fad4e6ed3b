// MatcherSet against its definition: every match of each matcher as trying
// it at every position in turn would find them (`all`), and the leftmost
// match of the first matcher that matches (`spans`). The set skips positions
// by index, word kind and trie; this reference skips none, so any position
// the set wrongly passes over shows as a missing match.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCodebooks } from '../../src/extract/codebook.ts';
import { parseGazetteers } from '../../src/extract/gazetteer.ts';
import type { Gazetteer } from '../../src/extract/gazetteer.ts';
import { matchAt } from '../../src/extract/matcher.ts';
import type { MatcherSet } from '../../src/extract/matcher.ts';
import { splitSentences } from '../../src/extract/sentences.ts';
import { isWordCode, normalizeText } from '../../src/extract/text-fold.ts';

const read = (path: string): string => readFileSync(new URL(path, import.meta.url), 'utf8');
const codebooks = parseCodebooks([{ path: 'data/codebook.yaml', text: read('../../data/codebook.yaml') }]);
const g: Gazetteer = parseGazetteers(
  [{ path: 'data/gazetteer.yaml', text: read('../../data/gazetteer.yaml') }],
  codebooks,
);

interface Found {
  index: number;
  start: number;
  end: number;
}

/** Whether `p` falls between the two halves of a surrogate pair. */
const inPair = (text: string, p: number): boolean =>
  p > 0 && p < text.length && /[\ud800-\udbff]/.test(text[p - 1]!) && /[\udc00-\udfff]/.test(text[p]!);

/** Whether a word (a letter, mark or digit) ends right before `p`. */
function afterWord(text: string, p: number): boolean {
  if (p === 0) return false;
  const back = inPair(text, p - 1) ? 2 : 1;
  return isWordCode(text.codePointAt(p - back)!);
}

function tryAt(set: MatcherSet, i: number, text: string, p: number): number {
  const m = set.matchers[i]!;
  if (inPair(text, p) || (m.wordStart && afterWord(text, p))) return -1;
  return matchAt(m, text, p);
}

function referenceAll(set: MatcherSet, text: string): Found[] {
  const found: Found[] = [];
  set.matchers.forEach((_, i) => {
    let resume = 0;
    for (let p = 0; p < text.length; p += 1) {
      if (p < resume) continue;
      const end = tryAt(set, i, text, p);
      if (end < 0) continue;
      found.push({ index: i, start: p, end });
      resume = end > p ? end : p + 1;
    }
  });
  return found;
}

function referenceSpans(set: MatcherSet, text: string): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  for (let p = 0; p < text.length; p += 1) {
    let end = -1;
    for (let i = 0; i < set.length && end < 0; i += 1) end = tryAt(set, i, text, p);
    if (end < 0) continue;
    if (end > p) found.push({ start: p, end });
    p = (end > p ? end : p + 1) - 1;
  }
  return found;
}

/**
 * `count` sentences spread evenly over every article the tests hold, in English, Arabic and French, with mixed
 * scripts. A fixed number: the development stories keep growing, and the reference below is slow.
 */
function sentences(count: number): string[] {
  const folders = [
    '../../data/kazakhstan-unrest/articles/',
    ...readdirSync(new URL('../gold/stories/', import.meta.url), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => `../gold/stories/${d.name}/articles/`),
  ];
  const texts = folders.flatMap((folder) =>
    readdirSync(new URL(folder, import.meta.url))
      .filter((name) => name.endsWith('.md'))
      .flatMap((name) => splitSentences(read(folder + name)).map((s) => normalizeText(s.text).text)),
  );
  // Some of the sentences: the reference tries each matcher at every character (each of some 1,200 names).
  const step = Math.max(1, Math.floor(texts.length / count));
  return [
    ...texts.filter((_, i) => i % step === 0).slice(0, count),
    // Letters beyond ASCII inside words, before cues and names; a pattern's first letter right after one.
    'Kazakhstán condemned the violence; Россияcondemned it, and élysée-Russia urged calm.',
    'Le Kremlin a condamné les violences ; la Russie appelle au calme. Çavuşoğlu said Turkey is concerned.',
    'وأدانت روسيا أعمال العنف ودعت إلى وقف العنف، رفضت التدخل الخارجي — Russia urged restraint.',
    'The K\u212Aremlin and the ſtate \ud835\udc00 urged calm 😀 and condemned 😀the attacks.',
    // A pattern right after a letter beyond ASCII, where `\b` holds: "Россия" then "refrain from violence".
    'Россияrefrain from violence, Kazakhstánspare civilians and éprotect the civilians.',
    // An Arabic pattern right after an ASCII letter.
    'Xوقف العنف and 9رفض التدخل الخارجي.',
  ];
}

/** The reference is slow by design; the bound only guards against a hang (CI runs two test files at once). */
const REFERENCE_TIMEOUT = 120_000;

describe('MatcherSet', () => {
  // 1,800 sentences (a sixth of the development stories' today); 900 for the names, the largest set. Each of the two
  // slowest tests takes some 12 s alone, on this machine's two cores.
  const sets: [string, MatcherSet, string[]][] = [
    ['cues', g.cues, sentences(1800)],
    ['names', g.names, sentences(900)],
    ['anaphors', g.anaphors, sentences(1800)],
    ['speech verbs', g.speechVerbs, sentences(1800)],
    ['negations', g.negation, sentences(1800)],
  ];

  it('reads enough text to mean something', () => {
    for (const [, , texts] of sets) expect(texts.length).toBeGreaterThan(200);
  });

  for (const [name, set, texts] of sets) {
    it(
      `finds every match of each of the ${name}, as trying each at every position does`,
      () => {
        for (const text of texts) {
          const expected = referenceAll(set, text);
          const found = set.all(text);
          if (JSON.stringify(found) !== JSON.stringify(expected))
            expect({ text, found }).toEqual({ text, found: expected });
        }
      },
      REFERENCE_TIMEOUT,
    );

    it(
      `finds the leftmost match of the first of the ${name} that matches`,
      () => {
        for (const text of texts) {
          const expected = referenceSpans(set, text);
          const found = set.spans(text);
          if (JSON.stringify(found) !== JSON.stringify(expected))
            expect({ text, found }).toEqual({ text, found: expected });
        }
      },
      REFERENCE_TIMEOUT,
    );
  }
});
