// All the story's data in one CSV file: every row of casualties, reactions
// and articles, a `dataset` column first, then the datasets' own columns
// (empty where a dataset has no such column). Offered once per page, as a
// `data:` URL download, beside "How to cite this page".
import type { ChartData } from '../charts/chart.ts';
import { toCsv } from '../datasets/csv.ts';
import { ARTICLE_FIELDS, CASUALTY_FIELDS, REACTION_FIELDS } from '../datasets/schema.ts';

export function allDataCsv(data: Pick<ChartData, 'casualties' | 'reactions' | 'articles'>): string {
  const fields = ['dataset', ...new Set<string>([...CASUALTY_FIELDS, ...REACTION_FIELDS, ...ARTICLE_FIELDS])];
  const rows = [
    ...data.casualties.map((row) => ({ dataset: 'casualties', ...row })),
    ...data.reactions.map((row) => ({ dataset: 'reactions', ...row })),
    ...data.articles.map((row) => ({ dataset: 'articles', ...row })),
  ];
  return toCsv(fields, rows);
}
