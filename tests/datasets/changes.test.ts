import { describe, expect, it } from 'vitest';
import { diffDatasets, formatChangesMarkdown, formatChangesSummary } from '../../src/datasets/changes.ts';
import type { ArticleRow, CasualtyRow, ReactionRow } from '../../src/datasets/schema.ts';
import type { Datasets } from '../../src/datasets/serialize.ts';

const article = (id: string, published = '2022-01-06'): ArticleRow => ({
  id,
  title: `Article ${id}`,
  outlet: null,
  url: null,
  published,
  published_basis: 'stated',
  published_note: null,
  language: 'en',
  translated_from: null,
});
const figure = (id: string, over: Partial<CasualtyRow> = {}): CasualtyRow => {
  const quote = over.quote ?? `Quote of ${id}.`;
  return {
    id,
    article: id.slice(0, 3),
    measure: 'killed',
    group: 'all',
    value: 10,
    qualifier: 'exact',
    low: 10,
    high: 10,
    phrase: '10',
    as_of: '2022-01-06',
    attribution: null,
    status: 'reported',
    quote,
    start: 0,
    end: quote.length,
    reviewed: false,
    ...over,
  };
};
const reaction = (id: string, over: Partial<ReactionRow> = {}): ReactionRow => ({
  id,
  article: id.slice(0, 3),
  actor: 'Russia',
  actor_type: 'state',
  speaker: null,
  speaker_as_written: null,
  stance: 'sends_troops',
  as_of: '2022-01-06',
  quote: `Reaction ${id}.`,
  start: 0,
  end: 14,
  reviewed: false,
  ...over,
});

const before: Datasets = {
  articles: [article('000'), article('001')],
  casualties: [
    figure('000-c1', { value: 18, low: 18, high: 18, phrase: '18' }),
    figure('000-c2', { measure: 'arrested' }),
    figure('001-c1', { quote: 'Shared.', value: 26, low: 26, high: 26, phrase: '26' }),
  ],
  reactions: [reaction('000-r1'), reaction('001-r1')],
};

describe('diffDatasets', () => {
  it('matches rows by what they say, not by id: renumbered or moved rows are no change', () => {
    const after: Datasets = {
      ...before,
      casualties: [
        figure('000-c7', { quote: 'Quote of 000-c1.', value: 18, low: 18, high: 18, phrase: '18', start: 40, end: 56 }),
        ...before.casualties.slice(1),
      ],
    };
    const changes = diffDatasets(before, after);
    expect(changes.articles).toEqual([]);
    expect(formatChangesSummary(changes)).toEqual(['No change in the figures or reactions since the previous derive']);
    expect(formatChangesMarkdown(changes)).toContain('Nothing changed.');
  });

  it('lists new, removed and changed rows by article, with the fields that changed and the tolls', () => {
    const after: Datasets = {
      articles: [article('000', '2022-01-07'), article('002')],
      casualties: [
        figure('000-c1', { value: 18, low: 18, high: 18, phrase: '18', as_of: '2022-01-05', reviewed: true }),
        figure('000-c2', { measure: 'arrested' }),
        figure('002-c1', { value: 40, low: 40, high: 40, phrase: '40' }),
      ],
      reactions: [reaction('000-r1'), reaction('000-r2', { stance: 'withdraws_troops' })],
    };
    const changes = diffDatasets(before, after);
    expect(changes.casualties).toEqual({ new: 1, removed: 1, changed: 1 });
    expect(changes.reactions).toEqual({ new: 1, removed: 1, changed: 0 });
    expect(changes.articles.map((a) => [a.article, a.kind])).toEqual([
      ['000', 'changed'],
      ['001', 'removed'],
      ['002', 'new'],
    ]);
    expect(changes.articles[0]?.meta).toEqual([{ field: 'published', before: '2022-01-06', after: '2022-01-07' }]);
    expect(changes.articles[0]?.casualties[0]?.fields).toEqual([
      { field: 'as_of', before: '2022-01-06', after: '2022-01-05' },
      { field: 'reviewed', before: false, after: true },
    ]);
    const killed = changes.tolls.find((t) => t.measure === 'killed' && t.group === 'all');
    expect([killed?.before?.id, killed?.after?.id]).toEqual(['001-c1', '002-c1']);

    const markdown = formatChangesMarkdown(changes);
    expect(markdown).toBe(formatChangesMarkdown(diffDatasets(before, after)));
    expect(markdown).toContain('| killed | all | 26 (“26”, 001-c1) | 40 (“40”, 002-c1) | +14 |');
    expect(markdown).toContain('### Article 001 (removed)');
    expect(markdown).toContain(
      '- changed figure 000-c1 “18”: as_of `2022-01-06` → `2022-01-05`, reviewed false → true\n  > Quote of 000-c1.',
    );
    expect(markdown).toContain('- new reaction 000-r2 Russia withdraws_troops');
    expect(markdown).not.toMatch(/\d{2}:\d{2}:\d{2}|T\d{2}:/);
    const summary = formatChangesSummary(changes);
    expect(summary[0]).toBe(
      'Changed since the previous derive: figures 1 new, 1 removed, 1 changed; reactions 1 new, 1 removed, 0 changed',
    );
    expect(summary).toContain('  toll killed/all: 26 (“26”, 001-c1) → 40 (“40”, 002-c1)');
    expect(formatChangesSummary(changes, 2).at(-1)).toMatch(/^ {2}… and \d+ more$/);
  });

  it('says so when there were no datasets before', () => {
    const changes = diffDatasets(null, before);
    expect(formatChangesMarkdown(changes)).toContain(
      'No datasets were on disk before this derive: all 3 figures and 2 reactions from 2 articles are new.',
    );
    expect(formatChangesSummary(changes)).toEqual(['All 3 figures and 2 reactions are new (no datasets before)']);
  });
});
