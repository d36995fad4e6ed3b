import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/bench/seeded-random.ts';
import {
  ChangesBuilder,
  diffDatasets,
  formatChangesMarkdown,
  formatChangesSummary,
  tollCandidates,
} from '../../src/datasets/changes.ts';
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

  it('writes large counts as the rest of what the user reads writes them', () => {
    const changes = diffDatasets(before, { ...before, reactions: [...before.reactions, reaction('000-r2')] });
    const counts = {
      before: { articles: 9_999, casualties: 61_732, reactions: 213_394 },
      after: { articles: 10_000, casualties: 61_732, reactions: 213_401 },
    };
    const large = { ...changes, counts, reactions: { new: 1_207, removed: 1_200, changed: 0 } };
    expect(formatChangesMarkdown(large)).toContain(
      'before this derive: 9,999 → 10,000 articles, 61,732 casualty figures, 213,394 → 213,401 reactions.',
    );
    expect(formatChangesMarkdown(large)).toContain('- Reactions: 1,207 new, 1,200 removed, 0 changed.');
    expect(formatChangesSummary(large)[0]).toContain('reactions 1,207 new, 1,200 removed, 0 changed');
  });

  it('says so when there were no datasets before', () => {
    const changes = diffDatasets(null, before);
    expect(formatChangesMarkdown(changes)).toContain(
      'No datasets were on disk before this derive: all 3 figures and 2 reactions from 2 articles are new.',
    );
    expect(formatChangesSummary(changes)).toEqual(['All 3 figures and 2 reactions are new (no datasets before)']);
  });
});

describe('ChangesBuilder seeded with the tolls before', () => {
  // Articles of a few rows each, of few values, so that tolls tie often; some the same after, some changed, gone or new.
  const random = seededRandom(11);
  // A whole number below n.
  const next = (n: number) => Math.floor(random() * n);
  const rowsOf = (id: string, version: number): CasualtyRow[] =>
    Array.from({ length: next(4) }, (_, i) =>
      figure(`${id}-c${version}${i}`, {
        article: id,
        measure: (['killed', 'injured'] as const)[next(2)]!,
        group: (['all', 'civilians'] as const)[next(2)]!,
        value: [5, 10, 10, 20][next(4)]!,
        status: (['reported', 'reported', 'disputed', 'retracted'] as const)[next(4)]!,
      }),
    );
  const side = (id: string, rows: CasualtyRow[] | undefined) => ({
    meta: rows ? article(id) : null,
    casualties: rows ?? [],
    reactions: [],
  });

  it('chooses the tolls a builder given every article chooses, and those of diffDatasets', () => {
    let seeded = 0;
    for (let round = 0; round < 2000; round += 1) {
      const ids = Array.from({ length: 12 }, (_, i) => `a${String(i).padStart(2, '0')}`);
      const before = new Map<string, CasualtyRow[]>();
      const after = new Map<string, CasualtyRow[]>();
      const same = new Set<string>();
      for (const id of ids) {
        const kind = next(6);
        if (kind < 3) {
          const rows = rowsOf(id, 0);
          before.set(id, rows);
          after.set(id, rows);
          same.add(id);
        } else if (kind === 3) {
          before.set(id, rowsOf(id, 0));
          after.set(id, rowsOf(id, 1));
        } else if (kind === 4) before.set(id, rowsOf(id, 0));
        else after.set(id, rowsOf(id, 1));
      }
      const build = (tolls: CasualtyRow[] | null) => {
        const changes = new ChangesBuilder(true);
        if (tolls) changes.seed(tolls);
        for (const id of ids) {
          if (!before.has(id) && !after.has(id)) continue;
          const counts = { articles: 1, casualties: after.get(id)?.length ?? 0, reactions: 0 };
          if (same.has(id)) changes.same(id, counts, tolls ? [] : tollCandidates(after.get(id)!));
          else changes.article(id, side(id, before.get(id)), side(id, after.get(id)));
        }
        return changes.finish();
      };
      const whole = build(null);
      const datasets = (m: Map<string, CasualtyRow[]>): Datasets => ({
        articles: [...m.keys()].map((id) => article(id)),
        casualties: [...m.values()].flat(),
        reactions: [],
      });
      expect(whole.tolls).toEqual(diffDatasets(datasets(before), datasets(after)).tolls);
      // The tolls before are those the last derive chose; seeded only when each is of an article that is the same.
      const last = whole.tolls.flatMap((t) => (t.before ? [t.before] : []));
      if (!last.every((r) => same.has(r.article))) continue;
      seeded += 1;
      expect(build(last).tolls).toEqual(whole.tolls);
    }
    expect(seeded).toBeGreaterThan(200);
  });

  it('is seeded before any article', () => {
    const changes = new ChangesBuilder(true);
    changes.same('a', { articles: 1, casualties: 0, reactions: 0 }, []);
    expect(() => changes.seed([])).toThrow(/before any article/);
  });
});
