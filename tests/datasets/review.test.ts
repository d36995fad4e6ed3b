import { readFileSync } from 'node:fs';
import { PATHS } from '../story.ts';
import { describe, expect, it } from 'vitest';
import { parseReview } from '../../src/datasets/review.ts';
import { applyReview, checkReviewQuotes } from '../../src/datasets/review-apply.ts';
import type { ReviewContext, ReviewRows } from '../../src/datasets/review-apply.ts';
import type { Review } from '../../src/datasets/review.ts';
import type { Vocabulary } from '../../src/datasets/schema.ts';
import { severityOf } from '../../src/common/problems.ts';
import { VFile } from 'vfile';
import type { CasualtyRow, ReactionRow } from '../../src/datasets/schema.ts';

const quote = 'More than 18 security personnel were also killed and hundreds more wounded.';
const casualty = (over: Partial<CasualtyRow>): CasualtyRow => ({
  id: '002-c3',
  article: '002',
  measure: 'killed',
  group: 'security_forces',
  value: 18,
  qualifier: 'more_than',
  low: 18,
  high: null,
  phrase: 'More than 18',
  as_of: '2022-01-06',
  attribution: null,
  status: 'reported',
  quote,
  start: 0,
  end: quote.length,
  ...over,
});
const rows = {
  casualties: [
    casualty({}),
    casualty({
      id: '002-c4',
      measure: 'injured',
      value: 200,
      qualifier: 'vague',
      low: 200,
      high: 999,
      phrase: 'hundreds',
    }),
  ],
  reactions: [] as ReactionRow[],
};
const reaction = (over: Partial<ReactionRow>): ReactionRow => ({
  id: '001-r1',
  article: '001',
  actor: 'European Union',
  actor_type: 'organization',
  speaker: null,
  speaker_as_written: null,
  stance: 'questions_intervention',
  as_of: '2022-01-07',
  quote: 'The EU expressed its deep concern.',
  start: 0,
  end: 34,
  ...over,
});
const context = {
  actorType: (name: string) =>
    (({ Russia: 'state', 'European Union': 'organization' }) as const)[name as 'Russia'] ?? null,
  actorNames: ['Russia', 'European Union'],
};

// The review is parsed and applied as the commands do: its problems reported on its file.
const REVIEW_PATH = 'data/review.yaml';
const parse = (yaml: string, codebook?: Vocabulary) =>
  parseReview(new VFile({ path: REVIEW_PATH, value: yaml }), codebook);
const apply = (rows: ReviewRows, review: Review, context: ReviewContext) =>
  applyReview(rows, review, context, new VFile({ path: REVIEW_PATH }));

function review(yaml: string): Review {
  const { review: parsed, problems } = parse(yaml);
  expect(problems).toEqual([]);
  return parsed;
}

describe('parseReview', () => {
  it('reads entries with their position; an empty or comment-only file is no review', () => {
    const parsed = review(
      '# nothing yet\ncasualties:\n  - article: "002"\n    quote: security personnel\n    phrase: hundreds\n    reject: true\n    note: A duplicate.\n',
    );
    expect(parsed.casualties).toEqual([
      {
        dataset: 'casualties',
        article: '002',
        quote: 'security personnel',
        phrase: 'hundreds',
        measure: null,
        group: null,
        decision: { kind: 'reject' },
        note: 'A duplicate.',
        place: { line: 3, column: 5 },
      },
    ]);
    expect(review('# only comments\n')).toEqual({ casualties: [], reactions: [] });
    expect(review('casualties:\nreactions: []\n')).toEqual({ casualties: [], reactions: [] });
  });

  it('reports an unknown field at its line and column, naming it and the expected ones', () => {
    const { problems } = parse(
      'casualties:\n  - article: "002"\n    quote: security personnel\n    measur: killed\n    reject: true\n',
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 4, column: 5, fatal: true, ruleId: 'review-field' });
    expect(problems[0]?.reason).toMatch(
      /^Unexpected field `measur` in a review entry of `casualties`, expected one of `article`, `quote`, `phrase`, `measure`, .* \(did you mean `measure`\?\)$/,
    );
  });

  it('reports unknown fields under `set` and at the top, and bad values with suggestions', () => {
    const { problems } = parse(
      'casualty: []\nreactions:\n  - article: "001"\n    quote: concern\n    set:\n      stanse: expresses_concern\n  - article: 1\n    quote: concern\n    stance: urges_restrain\n    confirm: true\n',
    );
    expect(problems.map((p) => [p.line, p.column, p.reason])).toEqual([
      [
        1,
        1,
        expect.stringContaining(
          'Unexpected field `casualty` at the top of the review file, expected one of `casualties`, `reactions` (did you mean `casualties`?)',
        ),
      ],
      [
        6,
        7,
        expect.stringContaining(
          'Unexpected field `stanse` under `set`, expected one of `actor`, `stance` (did you mean `stance`?)',
        ),
      ],
      [7, 14, expect.stringContaining('write the id as a quoted string, e.g. `article: "001"`')],
      [9, 13, expect.stringContaining('(did you mean `urges_restraint`?)')],
    ]);
  });

  it('requires exactly one decision, and the fields that name the row', () => {
    const none = parse('casualties:\n  - article: "002"\n    quote: x\n');
    expect(none.problems[0]).toMatchObject({ line: 2, column: 5, ruleId: 'review-decision' });
    expect(none.problems[0]?.reason).toContain('expected `reject: true`, `confirm: true` or `set:`');
    const both = parse('casualties:\n  - article: "002"\n    quote: x\n    reject: true\n    confirm: true\n');
    expect(both.problems[0]).toMatchObject({ line: 5, column: 5, ruleId: 'review-decision' });
    const missing = parse('casualties:\n  - article: "002"\n    reject: true\n');
    expect(missing.problems[0]?.reason).toContain('Missing field `quote`');
  });

  it('reports broken YAML with its position', () => {
    const { problems } = parse('casualties:\n  - article: "002\n');
    expect(problems[0]).toMatchObject({ fatal: true, ruleId: 'review-yaml' });
    // A day that cannot exist is a value to correct, not a crash.
    const impossible = parse('casualties:\n  - article: "002"\n    quote: dozens\n    set:\n      as_of: 2022-99-99\n');
    expect(impossible.problems).toEqual([
      expect.objectContaining({
        line: 5,
        column: 14,
        reason: expect.stringContaining('expected a real calendar date'),
      }),
    ]);
    // Parsed, but not data: an alias to no anchor, reported where it is.
    expect(parse('casualties:\n  - article: *a\n').problems).toEqual([
      expect.objectContaining({
        file: REVIEW_PATH,
        line: 2,
        column: 14,
        fatal: true,
        reason: expect.stringContaining('Cannot parse the review file: Unresolved alias'),
        ruleId: 'review-yaml',
      }),
    ]);
  });
});

describe('applyReview', () => {
  it('marks every row: reviewed when decided, false otherwise; rejected rows leave, ids stay', () => {
    const out = apply(
      rows,
      review(
        'casualties:\n  - article: "002"\n    quote: security personnel\n    phrase: More than 18\n    reject: true\n',
      ),
      context,
    );
    expect(out.casualties.map((r) => [r.id, r.reviewed])).toEqual([['002-c4', false]]);
    expect(out.counts).toEqual({ rejected: 1, corrected: 0, confirmed: 0 });
    expect(out.problems).toEqual([]);
  });

  it('recomputes low and high as the extraction does when value or qualifier is corrected', () => {
    const entry = (set: string, phrase = 'More than 18') =>
      review(
        `casualties:\n  - article: "002"\n    quote: "  security   personnel "\n    phrase: ${phrase}\n    set: ${set}\n`,
      );
    const fix = (set: string, phrase?: string) => apply(rows, entry(set, phrase), context);
    expect(fix('{ value: 19 }').casualties[0]).toMatchObject({
      value: 19,
      qualifier: 'more_than',
      low: 19,
      high: null,
      reviewed: true,
    });
    expect(fix('{ qualifier: exact }').casualties[0]).toMatchObject({ low: 18, high: 18 });
    expect(fix('{ qualifier: about }').casualties[0]).toMatchObject({ low: 18, high: 18 });
    expect(fix('{ qualifier: fewer_than }').casualties[0]).toMatchObject({ low: null, high: 18 });
    expect(fix('{ value: 24, qualifier: vague }').casualties[0]).toMatchObject({ low: 24, high: 99 });
    expect(fix('{ value: 30, qualifier: vague, high: 90 }').casualties[0]).toMatchObject({ low: 30, high: 90 });
    expect(fix('{ measure: injured, as_of: 2022-01-05 }').casualties[0]).toMatchObject({
      measure: 'injured',
      as_of: '2022-01-05',
      low: 18,
      high: null,
    });
    expect(fix('{ group: all }', 'hundreds').casualties[1]).toMatchObject({
      group: 'all',
      low: 200,
      high: 999,
      reviewed: true,
    });
    const unbounded = fix('{ value: 30, qualifier: vague }');
    expect(unbounded.problems[0]).toMatchObject({ fatal: true, ruleId: 'review-bounds', line: 2 });
    expect(unbounded.problems[0]?.reason).toContain('expected one of the vague-word values 3, 20, 24, 200, 2000');
  });

  it('warns about entries that match no row, or several, with their position, and applies neither', () => {
    const out = apply(
      rows,
      review(
        'casualties:\n  - article: "002"\n    quote: wounded yesterday\n    reject: true\n  - article: "002"\n    quote: security personnel\n    confirm: true\n',
      ),
      context,
    );
    expect(out.problems.map((p) => [p.line, severityOf(p), p.ruleId])).toEqual([
      [2, 'warning', 'review-unmatched'],
      [5, 'warning', 'review-ambiguous'],
    ]);
    expect(out.problems[1]?.reason).toContain(
      'matches 2 rows (002-c3, 002-c4): add `phrase`, `measure` or `group` to pick one',
    );
    expect(out.casualties.every((r) => r.reviewed === false)).toBe(true);
  });

  it("gives a reaction whose stance it sets that stance's CAMEO code", () => {
    const data = { casualties: [], reactions: [reaction({ cameo: '111' })] };
    const codes: Record<string, string | null> = { expresses_concern: '012', rejects_interference: null };
    const withCodes = { ...context, cameoOf: (stance: string) => codes[stance] ?? null };
    const set = (stance: string) =>
      apply(
        data,
        review(`reactions:\n  - article: "001"\n    quote: deep concern\n    set: { stance: ${stance} }\n`),
        withCodes,
      ).reactions[0];
    expect(set('expresses_concern')).toMatchObject({ stance: 'expresses_concern', cameo: '012', reviewed: true });
    expect(set('rejects_interference')).toMatchObject({ stance: 'rejects_interference', cameo: null });
  });

  it('corrects a reaction: a new actor takes its type from the gazetteer; an unknown one is an error', () => {
    const data = { casualties: [], reactions: [reaction({})] };
    const fixed = apply(
      data,
      review(
        'reactions:\n  - article: "001"\n    quote: deep concern\n    set: { stance: expresses_concern, actor: Russia }\n',
      ),
      context,
    );
    expect(fixed.reactions[0]).toMatchObject({
      actor: 'Russia',
      actor_type: 'state',
      stance: 'expresses_concern',
      reviewed: true,
    });
    const bad = apply(
      data,
      review('reactions:\n  - article: "001"\n    quote: deep concern\n    set: { actor: Rusia }\n'),
      context,
    );
    expect(bad.problems[0]).toMatchObject({ fatal: true, ruleId: 'review-actor' });
    expect(bad.problems[0]?.reason).toContain('did you mean `Russia`?');
  });
});

describe('data/kazakhstan-unrest/review.yaml', () => {
  it('is valid, and every entry quotes its article', async () => {
    const { review: committed, problems } = parseReview(
      new VFile({ path: PATHS.review, value: readFileSync(PATHS.review, 'utf8') }),
    );
    expect(problems).toEqual([]);
    const { loadArticles } = await import('../../src/project/files.ts');
    const { articles } = await loadArticles(PATHS.articles);
    expect(
      checkReviewQuotes(
        committed,
        new Map(articles.map((a) => [a.meta.id, a.body])),
        new VFile({ path: PATHS.review }),
      ),
    ).toEqual([]);
    for (const entry of [...committed.casualties, ...committed.reactions])
      expect(entry.note, `entry at line ${entry.place.line}`).not.toBeNull();
  });
});
