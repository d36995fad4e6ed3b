import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findForeignPassages } from '../../src/extract/language.ts';
import { splitSentences } from '../../src/extract/sentences.ts';
import type { Sentence } from '../../src/extract/types.ts';

function articleBody(id: string): string {
  const raw = readFileSync(new URL(`../../data/kazakhstan-unrest/articles/${id}.md`, import.meta.url), 'utf8');
  return raw
    .split(/^---\n/m)
    .slice(2)
    .join('---\n')
    .replace(/\n$/, '');
}

/** Sentences laid out one per line, as `splitSentences` would give them. */
function sentences(...specs: Array<[text: string, lang: string | null]>): Sentence[] {
  let start = 0;
  return specs.map(([text, lang], paragraph) => {
    const sentence = { start, end: start + text.length, text, paragraph, lang };
    start = sentence.end + 2;
    return sentence;
  });
}

describe('findForeignPassages', () => {
  it('gives nothing when every sentence is in the article’s language', () => {
    expect(findForeignPassages(sentences(['One.', null], ['Two.', null]))).toEqual([]);
    expect(findForeignPassages([])).toEqual([]);
  });

  it('merges consecutive sentences of the same language, blank lines included', () => {
    const body = 'Police fired.\n\nقالت الشرطة.\n\n\nالوضع هادئ. لا إصابات.\n\nThe end.';
    const passages = findForeignPassages(splitSentences(body));
    expect(passages).toHaveLength(1);
    const [passage] = passages;
    expect(passage!.lang).toBe('ar');
    expect(body.slice(passage!.start, passage!.end)).toBe('قالت الشرطة.\n\n\nالوضع هادئ. لا إصابات.');
    expect(passage!.chars).toBe(passage!.end - passage!.start);
  });

  it('starts a new passage when the language changes', () => {
    const passages = findForeignPassages(sentences(['مرحبا.', 'ar'], ['Привет.', 'ru'], ['مرحبا.', 'ar']));
    expect(passages.map((p) => p.lang)).toEqual(['ar', 'ru', 'ar']);
  });

  it('starts a new passage after a sentence in the article’s language', () => {
    const input = sentences(['مرحبا.', 'ar'], ['Hello.', null], ['مرحبا.', 'ar']);
    expect(findForeignPassages(input)).toEqual([
      { start: input[0]!.start, end: input[0]!.end, lang: 'ar', chars: input[0]!.text.length },
      { start: input[2]!.start, end: input[2]!.end, lang: 'ar', chars: input[2]!.text.length },
    ]);
  });

  it('lets a sentence without letters neither break nor edge a passage', () => {
    const input = sentences(['2022', null], ['مرحبا.', 'ar'], ['— 5,000 —', null], ['شكرا.', 'ar'], ['12', null]);
    expect(findForeignPassages(input)).toEqual([
      { start: input[1]!.start, end: input[3]!.end, lang: 'ar', chars: input[3]!.end - input[1]!.start },
    ]);
  });

  it('finds the Arabic passage at the end of article 003, and nothing in the others', () => {
    const body = articleBody('003');
    const passages = findForeignPassages(splitSentences(body));
    expect(passages).toHaveLength(1);
    const [passage] = passages;
    expect(passage!.lang).toBe('ar');
    expect(body.slice(passage!.start).startsWith('وكالة “سبوتنيك” تشير')).toBe(true);
    expect(body.slice(passage!.end).trim()).toBe('');
    expect(body.slice(0, passage!.start).trimEnd().endsWith('dismissed the country’s cabinet on Wednesday.')).toBe(
      true,
    );
    expect(passage!.chars).toBe(2431);
    expect(body.slice(0, passage!.start).split('\n').length).toBe(61);
    for (const id of ['000', '001', '002', '004']) {
      expect(findForeignPassages(splitSentences(articleBody(id)))).toEqual([]);
    }
  });
});
