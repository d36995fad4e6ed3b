// How an extraction is scored against a hand-made gold annotation, the same
// way for the first story and for the development stories: precision, recall
// and F1, with what was missed and what was spurious.
import type { CasualtyDraft } from '../../src/extract/types.ts';

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
}

export function scores(hits: number, found: number, expected: number): Scores {
  const precision = found === 0 ? 0 : hits / found;
  const recall = expected === 0 ? 0 : hits / expected;
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

export const formatScores = (s: Scores) =>
  `precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)}, F1 ${s.f1.toFixed(3)}`;

/** Keys found against keys expected (triples such as "article actor stance"). */
export function scoreSets(found: ReadonlySet<string>, expected: ReadonlySet<string>) {
  const hits = [...found].filter((k) => expected.has(k)).length;
  return {
    ...scores(hits, found.size, expected.size),
    missed: [...expected].filter((k) => !found.has(k)),
    spurious: [...found].filter((k) => !expected.has(k)),
  };
}

/** The fields a gold casualty is matched by. */
export interface GoldMention {
  article: string;
  in: string;
  measure: string;
  value: number;
}

/** One-to-one: a row matches a gold mention in the same sentence with the same measure and value. */
export function scoreCasualties<G extends GoldMention>(rows: readonly CasualtyDraft[], gold: readonly G[]) {
  const free = new Set(rows);
  const pairs: [G, CasualtyDraft][] = [];
  const missed: G[] = [];
  for (const g of gold) {
    const row = [...free].find(
      (r) => r.article === g.article && r.quote.includes(g.in) && r.measure === g.measure && r.value === g.value,
    );
    if (row) {
      free.delete(row);
      pairs.push([g, row]);
    } else missed.push(g);
  }
  return { pairs, missed, spurious: [...free], ...scores(pairs.length, rows.length, gold.length) };
}
