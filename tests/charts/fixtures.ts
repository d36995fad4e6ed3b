// Small, fixed data for chart snapshots: every qualifier and status the
// charts draw differently, and reactions with the home actor among them.
// Written out here, not read from data/kazakhstan-unrest/derived, so snapshots change only
// when the charts do.
import type { ChartData, StoryContext } from '../../src/charts/chart.ts';
import type { TimelineEvent } from '../../src/charts/timeline-events.ts';
import type { ArticleRow, CasualtyRow, ReactionRow } from '../../src/datasets/schema.ts';

const article = (id: string, published: string, outlet: string | null): ArticleRow => ({
  id,
  title: `Article ${id}`,
  outlet,
  url: null,
  published,
  published_basis: 'stated',
  published_note: null,
  language: 'en',
  translated_from: null,
});

const counters = new Map<string, number>();
const next = (article: string, kind: 'c' | 'r') => {
  const key = `${article}-${kind}`;
  counters.set(key, (counters.get(key) ?? 0) + 1);
  return `${article}-${kind}${counters.get(key)}`;
};

export const casualty = (
  article: string,
  as_of: string | null,
  measure: CasualtyRow['measure'],
  group: CasualtyRow['group'],
  phrase: string,
  value: number,
  qualifier: CasualtyRow['qualifier'],
  low: number | null,
  high: number | null,
  status: CasualtyRow['status'] = 'reported',
  attribution: string | null = 'Interior Ministry',
): CasualtyRow => {
  const quote = `${phrase} people were ${measure}.`;
  return {
    id: next(article, 'c'),
    article,
    measure,
    group,
    value,
    qualifier,
    low,
    high,
    phrase,
    as_of,
    attribution,
    status,
    quote,
    start: 0,
    end: quote.length,
  };
};

const reaction = (
  article: string,
  actor: string,
  stance: ReactionRow['stance'],
  as_of: string,
  speaker: string | null = null,
): ReactionRow => {
  const quote = `${actor} took the position ${stance}.`;
  return {
    id: next(article, 'r'),
    article,
    actor,
    actor_type: actor.includes('Organization') || actor.includes('Union') ? 'organization' : 'state',
    speaker,
    speaker_as_written: speaker,
    stance,
    as_of,
    quote,
    start: 0,
    end: quote.length,
  };
};

export const FIXTURE_EVENTS: readonly TimelineEvent[] = [
  {
    id: 'e1',
    day: '2022-01-02',
    text: 'Protests break out in the west',
    article: 'a',
    quote: 'protests erupted last Sunday',
    day_basis: '“last Sunday”',
  },
  {
    id: 'e2',
    day: '2022-01-05',
    text: 'The government resigns',
    article: 'a',
    quote: 'the government resigned on Wednesday',
    day_basis: '“on Wednesday”',
  },
  {
    id: 'e3',
    day: '2022-01-07',
    text: 'Order “mostly” restored, the president says, in a sentence long enough to wrap on a phone',
    article: 'b',
    quote: 'order has been mostly restored',
    day_basis: '“today, Friday”',
  },
  {
    id: 'e4',
    day: '2022-01-06',
    text: 'From an article not in the data',
    article: 'zz',
    quote: 'nothing',
    day_basis: '—',
  },
];

/** The story's settings as the first story has them: Kazakhstan at home, short names from the gazetteer. */
export const FIXTURE_STORY: StoryContext = {
  home: 'Kazakhstan',
  homeAuthorities: 'the Kazakh authorities',
  shortNames: new Map([
    ['Collective Security Treaty Organization', 'CSTO'],
    ['European Union', 'EU'],
    ['United Nations', 'UN'],
    ['United States', 'US'],
    ['United Kingdom', 'UK'],
  ]),
  timelineFile: 'report/story.timeline.yaml',
};

export const FIXTURE: ChartData = {
  story: FIXTURE_STORY,
  articles: [
    article('a', '2022-01-06', 'Wire A'),
    article('b', '2022-01-07', null),
    article('c', '2022-01-07', 'Daily C'),
  ],
  casualties: [
    casualty('a', '2022-01-05', 'killed', 'security_forces', 'at least eight', 8, 'at_least', 8, null),
    casualty('a', '2022-01-06', 'killed', 'security_forces', '18', 18, 'exact', 18, 18),
    casualty(
      'b',
      '2022-01-06',
      'killed',
      'security_forces',
      'more than 18',
      18,
      'more_than',
      18,
      null,
      'reported',
      'local authorities',
    ),
    casualty('b', '2022-01-06', 'killed', 'protesters', 'dozens', 24, 'vague', 24, 99, 'reported', null),
    casualty('c', '2022-01-07', 'killed', 'protesters', '26', 26, 'exact', 26, 26),
    casualty('c', '2022-01-07', 'killed', 'protesters', 'up to 40', 40, 'up_to', null, 40, 'disputed', 'opposition'),
    casualty('a', '2022-01-06', 'arrested', 'protesters', '2,300', 2300, 'exact', 2300, 2300),
    casualty('b', '2022-01-07', 'arrested', 'protesters', 'more than 3,000', 3000, 'more_than', 3000, null),
    casualty('b', '2022-01-07', 'killed', 'all', '164', 164, 'exact', 164, 164, 'retracted', 'Health Ministry'),
    casualty('c', null, 'injured', 'all', 'hundreds', 200, 'vague', 200, 999, 'reported', null),
  ],
  reactions: [
    reaction('a', 'Russia', 'sends_troops', '2022-01-06'),
    reaction('a', 'Russia', 'sends_troops', '2022-01-06'),
    reaction('b', 'Russia', 'sends_troops', '2022-01-07'),
    reaction('b', 'Russia', 'blames_foreign_forces', '2022-01-07'),
    reaction('a', 'Collective Security Treaty Organization', 'sends_troops', '2022-01-06'),
    reaction('a', 'United States', 'urges_restraint', '2022-01-05', 'Jen Psaki'),
    reaction('c', 'United States', 'urges_restraint', '2022-01-07', 'Ned Price'),
    reaction('c', 'United States', 'questions_intervention', '2022-01-07', 'Jen Psaki'),
    reaction('b', 'European Union', 'expresses_concern', '2022-01-07'),
    reaction('b', 'European Union', 'questions_intervention', '2022-01-07'),
    reaction('c', 'China', 'rejects_interference', '2022-01-07'),
    reaction('a', 'Kazakhstan', 'blames_foreign_forces', '2022-01-06', 'Kassym-Jomart Tokayev'),
  ],
  events: FIXTURE_EVENTS,
};
