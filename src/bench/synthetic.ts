// Synthetic corpora for the benchmark: articles of the seeds' size made by
// recombining their sentences with a seeded generator, so every run measures
// the same text. Never committed: made on the fly.
import type { Article } from '../articles/article.ts';
import { splitSentences } from '../extract/sentences.ts';
import { seededRandom } from './seeded-random.ts';

/** `count` article files (name → text) in the contract's format. */
export function syntheticCorpus(seeds: readonly Article[], count: number, seed = 1): Map<string, string> {
  return new Map(syntheticArticles(seeds, count, seed));
}

/** syntheticCorpus one article at a time, for corpora too large to hold (the same articles). */
export function* syntheticArticles(
  seeds: readonly Article[],
  count: number,
  seed = 1,
): Generator<[name: string, text: string]> {
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const sentences = seeds.flatMap((a) =>
    splitSentences(a.body)
      .filter((s) => s.lang === null)
      .map((s) => s.text),
  );
  const size = Math.round(seeds.reduce((sum, a) => sum + a.body.length, 0) / seeds.length);
  const width = String(count).length + 1;
  for (let i = 1; i <= count; i++) {
    const id = `s${String(i).padStart(width, '0')}`;
    const paragraphs: string[] = [];
    let length = 0;
    while (length < size) {
      const paragraph = Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(sentences)).join(' ');
      paragraphs.push(paragraph);
      length += paragraph.length + 2;
    }
    const source = pick(seeds);
    const meta = [
      '---',
      `id: "${id}"`,
      `title: "Synthetic article ${i}"`,
      'outlet: null',
      'url: null',
      `published: ${source.meta.published}`,
      'published_basis: stated',
      'published_note: null',
      'language: en',
      'translated_from: null',
      '---',
    ];
    yield [`${id}.md`, `${meta.join('\n')}\n${paragraphs.join('\n\n')}\n`];
  }
}
