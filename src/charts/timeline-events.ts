// The key events of the unrest, as data: each from one article, with the
// words it comes from (a test checks they are in the article body) and the
// reasoning behind its day, so the timeline stays sourced like the datasets.

export interface TimelineEvent {
  id: string;
  /** The day it happened (Almaty time), ISO. */
  day: string;
  /** What happened, in a line. */
  text: string;
  article: string;
  /** Words of the article body, verbatim. */
  quote: string;
  /** How the day follows from the quote and the article's date. */
  day_basis: string;
}

export const TIMELINE_EVENTS: readonly TimelineEvent[] = [
  {
    id: 'e1',
    day: '2022-01-02',
    text: 'Protests break out in Zhanaozen, in the west, over higher liquefied-gas prices',
    article: '000',
    quote: 'erupted last Sunday after an increase in liquefied gas prices in the city of Zhanazin',
    day_basis: '“last Sunday”, article of Thu 6 Jan',
  },
  {
    id: 'e2',
    day: '2022-01-04',
    text: 'Protests reach Almaty; police fire tear gas and stun grenades',
    article: '003',
    quote: 'Police fired tear gas and stun grenades in a bid to break up the thousands-strong protest in Almaty on Tuesday night',
    day_basis: '“on Tuesday night”, article of Thu 6 Jan',
  },
  {
    id: 'e3',
    day: '2022-01-04',
    text: 'State of emergency declared in the west and in Almaty',
    article: '003',
    quote: 'On Tuesday, Tokayev signed into law a decree declaring a state of emergency in the west of the country and Almaty',
    day_basis: '“On Tuesday”, article of Thu 6 Jan',
  },
  {
    id: 'e4',
    day: '2022-01-05',
    text: 'The government resigns; the state of emergency covers the whole country',
    article: '000',
    quote: 'On Wednesday, the government announced its resignation against the backdrop of the protests, followed by the imposition of a state of emergency across the country',
    day_basis: '“On Wednesday”, article of Thu 6 Jan',
  },
  {
    id: 'e5',
    day: '2022-01-05',
    text: 'Protesters storm and set fire to public buildings in Almaty',
    article: '001',
    quote: 'the protests escalated the day before yesterday, Wednesday, when protesters stormed public buildings',
    day_basis: '“the day before yesterday, Wednesday”, article of Fri 7 Jan',
  },
  {
    id: 'e6',
    day: '2022-01-05',
    text: 'A crowd occupies Almaty airport',
    article: '004',
    quote: 'a crowd occupied the airport on Wednesday afternoon',
    day_basis: '“on Wednesday afternoon”, article of Thu 6 Jan',
  },
  {
    id: 'e7',
    day: '2022-01-06',
    text: 'Tokayev asks the CSTO, a Russian-led alliance, for help against a “terrorist threat”',
    article: '003',
    quote: '“Today I appealed to the heads of CSTO (Collective Security Treaty Organization) states to assist Kazakhstan in overcoming this terrorist threat,” Tokayev said on state television early Thursday.',
    day_basis: '“early Thursday”, article of Thu 6 Jan',
  },
  {
    id: 'e8',
    day: '2022-01-06',
    text: 'The CSTO announces a peacekeeping force of about 2,500',
    article: '001',
    quote: 'On Thursday, the Russian Information Agency reported – quoting the organization – that its peacekeeping force will include a total of about 2,500 personnel',
    day_basis: '“On Thursday”, article of Fri 7 Jan',
  },
  {
    id: 'e9',
    day: '2022-01-07',
    text: 'More than 70 Russian planes land peacekeepers',
    article: '001',
    quote: 'more than 70 Russian planes landed Friday peacekeeping forces in Kazakhstan',
    day_basis: '“Friday”, article of Fri 7 Jan',
  },
  {
    id: 'e10',
    day: '2022-01-07',
    text: 'Tokayev says constitutional order is “mostly” restored',
    article: '001',
    quote: 'Kassym-Jomart Tokayev, today, Friday, as saying that the constitutional order has been mostly restored',
    day_basis: '“today, Friday”, article of Fri 7 Jan',
  },
];
