import { beforeAll, describe, expect, it } from 'vitest';
import { casualtyEvolution } from '../../src/charts/casualty-evolution.ts';
import type { ChartData } from '../../src/charts/chart.ts';
import { chartDocument } from '../../src/charts/dom.ts';
import type { ArticleRow, CasualtyRow } from '../../src/datasets/schema.ts';
import { matchSnapshot } from './snapshot.ts';

const article = (id: string, published: string, outlet: string | null): ArticleRow => ({
  id, title: `Article ${id}`, outlet, url: null, published, published_basis: 'stated', published_note: null, language: 'en', translated_from: null,
});

let n = 0;
const row = (article: string, as_of: string, measure: CasualtyRow['measure'], group: CasualtyRow['group'], phrase: string, value: number, qualifier: CasualtyRow['qualifier'], low: number | null, high: number | null, status: CasualtyRow['status'] = 'reported'): CasualtyRow => ({
  id: `${article}-c${++n}`, article, measure, group, value, qualifier, low, high, phrase, as_of, attribution: 'Interior Ministry', status,
  quote: `${phrase} people were ${measure}.`, start: 0, end: `${phrase} people were ${measure}.`.length,
});

const data: ChartData = {
  articles: [article('a', '2022-01-06', 'Wire A'), article('b', '2022-01-07', null)],
  reactions: [],
  casualties: [
    row('a', '2022-01-05', 'killed', 'security_forces', 'at least eight', 8, 'at_least', 8, null),
    row('b', '2022-01-06', 'killed', 'security_forces', '18', 18, 'exact', 18, 18),
    row('b', '2022-01-06', 'killed', 'protesters', 'dozens', 24, 'vague', 24, 99),
    row('a', '2022-01-06', 'arrested', 'protesters', '2,300', 2300, 'exact', 2300, 2300),
    row('b', '2022-01-07', 'arrested', 'protesters', 'more than 3,000', 3000, 'more_than', 3000, null),
    row('b', '2022-01-07', 'killed', 'all', '164', 164, 'exact', 164, 164, 'retracted'),
  ],
};

let document: Document;
beforeAll(async () => {
  document = await chartDocument();
}, 30_000);

describe('casualty-evolution', () => {
  const output = () => casualtyEvolution.render(data, {}, document);

  it('renders the wide layout as in tests/output/casualty-evolution.svg', () => {
    const { ok, message } = matchSnapshot('casualty-evolution', output().wide.outerHTML);
    expect(ok, message).toBe(true);
  });

  it('renders the narrow layout as in tests/output/casualty-evolution-narrow.svg', () => {
    const { ok, message } = matchSnapshot('casualty-evolution-narrow', output().narrow.outerHTML);
    expect(ok, message).toBe(true);
  });

  it('draws one mark per figure, hollow for vague and withdrawn ones, with a native tooltip', () => {
    const svg = output().wide;
    const dots = [...svg.querySelectorAll('circle')];
    expect(dots.length).toBe(6);
    expect(dots.filter((d) => d.closest('g[fill="none"]')).length).toBe(2);
    expect(svg.querySelectorAll('circle title').length).toBe(6);
    expect(svg.querySelector('circle title')?.textContent).toContain('“');
  });

  it('describes the data in words and filters by measure', () => {
    expect(output().description).toMatch(/^6 reported figures from 2 articles, referring to 5 Jan 2022 to 7 Jan 2022\./);
    const arrested = casualtyEvolution.render(data, { measure: 'arrested' }, document);
    expect(arrested.rows).toHaveLength(2);
    expect(arrested.description).toContain('arrested: protesters: 2 figures, the highest more than 3,000');
  });
});
