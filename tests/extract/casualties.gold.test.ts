// The casualty extraction measured against the hand-made gold annotation of
// the seed articles (tests/gold/casualties.yaml): precision, recall, F1, and
// how often the attributes of the matched rows agree.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/articles/article.ts';
import { loadArticles } from '../../src/project/files.ts';
import { PATHS } from '../story.ts';
import { extractCasualties } from '../../src/extract/casualties.ts';
import { withHome } from '../../src/extract/gazetteer.ts';
import { loadGazetteer } from '../../src/project/derive.ts';
import type { CasualtyDraft } from '../../src/extract/types.ts';
import { formatScores, scoreCasualties } from './gold-scoring.ts';

interface Gold {
  article: string;
  in: string;
  phrase: string;
  measure: string;
  group: string;
  value: number;
  qualifier: string;
  as_of: string;
  attribution: string | null;
  status: string;
}

interface Negative {
  article: string;
  in: string;
  phrase: string;
  why: string;
}

const load = <T>(name: string) => parse(readFileSync(join(import.meta.dirname, '../gold', name), 'utf8')) as T[];
const gold = load<Gold>('casualties.yaml');
const negatives = load<Negative>('casualties-negatives.yaml');
let predicted: CasualtyDraft[] = [];

beforeAll(async () => {
  const { articles } = await loadArticles(PATHS.articles);
  // The story's home, as its derive gives it: the Kazakh authorities' offices are written without their country's name.
  const { home } = withHome(await loadGazetteer([PATHS.gazetteer]), 'Kazakhstan');
  predicted = articles.flatMap(
    (a: Article) => extractCasualties({ id: a.meta.id, body: a.body, published: a.meta.published, home }).rows,
  );
});

describe('casualties against the gold annotation', () => {
  it('reaches F1 ≥ 0.95 on the seed articles', () => {
    const scored = scoreCasualties(predicted, gold);
    const { pairs, missed, spurious, f1 } = scored;
    const accuracy = (field: keyof Gold & keyof CasualtyDraft) =>
      `${field} ${pairs.filter(([g, r]) => String(g[field]) === String(r[field])).length}/${pairs.length}`;
    console.log(
      [
        `casualties: ${formatScores(scored)} (${pairs.length} matched, ${missed.length} missed, ${spurious.length} spurious)`,
        `attributes of matched rows: ${(['group', 'qualifier', 'as_of', 'phrase', 'attribution', 'status'] as const).map(accuracy).join(', ')}`,
        ...missed.map((g) => `  missed   ${g.article} ${g.measure} ${g.value} in “${g.in}”`),
        ...spurious.map(
          (r) => `  spurious ${r.article} ${r.measure} ${r.value} “${r.phrase}” in “${r.quote.slice(0, 80)}”`,
        ),
        ...pairs
          .filter(
            ([g, r]) =>
              g.group !== r.group ||
              g.qualifier !== r.qualifier ||
              g.as_of !== r.as_of ||
              g.attribution !== r.attribution,
          )
          .map(
            ([g, r]) =>
              `  differs  ${g.article} ${g.measure} ${g.value}: group ${r.group}/${g.group}, qualifier ${r.qualifier}/${g.qualifier}, as_of ${r.as_of}/${g.as_of}, attribution ${r.attribution}/${g.attribution}`,
          ),
      ].join('\n'),
    );
    expect(f1).toBeGreaterThanOrEqual(0.95);
  });

  it('gives no row for any of the annotated non-counts', () => {
    const wrong = negatives.filter((n) =>
      predicted.some(
        (r) =>
          r.article === n.article && r.quote.includes(n.in) && r.phrase.toLowerCase().includes(n.phrase.toLowerCase()),
      ),
    );
    expect(wrong.map((n) => `${n.article} “${n.phrase}” (${n.why})`)).toEqual([]);
  });

  it('has a gold annotation whose every sentence exists in its article', async () => {
    const { articles } = await loadArticles(PATHS.articles);
    const bodies = new Map(articles.map((a) => [a.meta.id, a.body]));
    for (const g of [...gold, ...negatives]) expect(bodies.get(g.article), g.in).toContain(g.in);
  });
});
