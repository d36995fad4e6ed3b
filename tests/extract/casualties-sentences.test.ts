// The casualty extraction on wire-copy sentences written for these tests (none
// is from the seed articles): a sentence read the way a reporter wrote it
// (counts whose verb or noun is left out, parts of a whole, figures told in
// clauses) and the group each count is of. Every row is asserted whole, and
// every row's quote must sit at its offsets in the body (CONTRACT §5).
import { describe, expect, it } from 'vitest';
import { extract, row, vague } from './casualty-rows.ts';

describe('reading a sentence the way a reporter wrote it', () => {
  it('"forcing more than 260,000 to flee their homes", "could rise above 150", "31 fishermen whose boats"', () => {
    const read = (body: string) => extract(body).map((r) => `${r.measure} ${r.qualifier} ${r.value} ${r.status}`);
    expect(read('The storm killed 19 people, forcing more than 260,000 to flee their homes.')).toEqual([
      'killed exact 19 reported',
      'displaced more_than 260000 reported',
    ]);
    expect(read('Officials warned the toll could rise above 150.')).toEqual(['killed more_than 150 projected']);
    // A translation's "martyrs" are the dead.
    expect(read('Among the martyrs are 22 children, the ministry said.')).toEqual(['killed exact 22 reported']);
    // A survivor's loss is a count of the dead; a party's is not.
    expect(read('"I lost three members of my family in one minute," he said.')).toEqual(['killed exact 3 reported']);
    expect(read('The village had lost 23 people, its chief said.')).toEqual(['killed exact 23 reported']);
    expect(read('The party lost 20 seats in the election.')).toEqual([]);
    // "whose" ends the words that describe the counted: the fishermen are people, their boats are not.
    expect(read('Police arrested 31 fishermen whose boats had crossed the border.')).toEqual([
      'arrested exact 31 reported',
    ]);
  });

  it('a count with its verb and noun left out: "105 had died in Jajarkot and 52 in Rukum West"', () => {
    expect(
      extract('Officials said 105 people had died in Jajarkot and 52 in neighbouring Rukum West district.').map(
        (r) => `${r.measure} ${r.value}`,
      ),
    ).toEqual(['killed 105', 'killed 52']);
    expect(
      extract('Three people were shot dead in Mombasa and one in Kisumu.').map((r) => `${r.measure} ${r.value}`),
    ).toEqual(['killed 3', 'killed 1']);
    expect(
      extract('Three people were shot dead, and one in five of them was a child.').map(
        (r) => `${r.measure} ${r.value}`,
      ),
    ).toEqual(['killed 3']);
    // Its own noun is its own: "and 300 homes in Rukum West" counts homes, not the dead.
    expect(
      extract('Officials said 105 people had died in Jajarkot and 300 homes in Rukum West.').map(
        (r) => `${r.measure} ${r.value}`,
      ),
    ).toEqual(['killed 105']);
  });

  it('a count right after its verb is its object: "killed 26 … and arrested 18 others"', () => {
    expect(
      extract(
        'Police killed 26 "armed criminals" and arrested 18 others, TASS reported, citing the Interior Ministry.',
      ),
    ).toEqual([
      row('killed', 'protesters', '26', 26, 'exact', { attribution: 'Interior Ministry' }),
      row('arrested', 'protesters', '18', 18, 'exact', { attribution: 'Interior Ministry' }),
    ]);
  });

  it('"Of the 225 dead, 19 were police officers": the dead told in parts, no row of their own', () => {
    expect(extract('Of the 225 dead, 19 were police officers or soldiers.')).toEqual([
      row('killed', 'all', '225', 225, 'exact'),
    ]);
  });

  it('"at least four of the dead were journalists" → civilians', () => {
    expect(extract('Human Rights Watch said at least four of the dead were journalists.')).toEqual([
      row('killed', 'civilians', 'at least four', 4, 'at_least', { attribution: 'Human Rights Watch' }),
    ]);
  });

  it('"2,000 of them" are part of the people just counted', () => {
    expect(
      extract('Tokayev said 20,000 "terrorists" had attacked Almaty, and that 2,000 of them had been detained.'),
    ).toEqual([row('arrested', 'protesters', '2,000', 2000, 'exact', { attribution: 'Tokayev' })]);
  });

  it('"two others" after a person written without a count', () => {
    expect(extract('A police officer was killed and two others were wounded.')).toEqual([
      row('killed', 'security_forces', 'A police officer', 1, 'exact'),
      row('injured', 'security_forces', 'two', 2, 'exact'),
    ]);
  });

  it('"and two were injured": a bare count takes the noun of the count before it', () => {
    expect(extract('One police officer was killed and two were injured.')).toEqual([
      row('killed', 'security_forces', 'One', 1, 'exact'),
      row('injured', 'security_forces', 'two', 2, 'exact'),
    ]);
    expect(extract('Two protesters were killed and three were wounded.')).toEqual([
      row('killed', 'protesters', 'Two', 2, 'exact'),
      row('injured', 'protesters', 'three', 3, 'exact'),
    ]);
    // Not for arrests (those detained are rarely those killed: see above), nor
    // for a count opening a sentence, which names no one.
    expect(extract('Twelve were injured.')).toEqual([row('injured', 'all', 'Twelve', 12, 'exact')]);
  });

  it('"one of the injured later died" is a death, not an injury', () => {
    expect(extract('Police said that one of the injured later died in hospital.')).toEqual([
      row('killed', 'all', 'one', 1, 'exact', { attribution: 'police' }),
    ]);
    expect(extract('Two of the wounded died overnight.')).toEqual([row('killed', 'all', 'Two', 2, 'exact')]);
    // A part of the injured in a new state is counted in that state (issue 13: "85 of the injured were airlifted to hospitals").
    expect(extract('One of the injured was in a critical condition.')).toEqual([
      row('hospitalized', 'all', 'One', 1, 'exact'),
    ]);
  });

  it('a participle before the noun: "300 detained journalists"', () => {
    expect(extract('The EU called for the release of 300 detained journalists.')).toEqual([
      row('arrested', 'civilians', '300', 300, 'exact'),
    ]);
  });

  it('"nearly 400 of them hospitalised, and 62 in intensive care"', () => {
    expect(
      extract('Around 1,000 people were injured, nearly 400 of them hospitalised, and 62 were in intensive care.'),
    ).toEqual([
      row('injured', 'all', 'Around 1,000', 1000, 'about'),
      row('hospitalized', 'all', 'nearly 400', 400, 'about'),
      row('hospitalized', 'all', '62', 62, 'exact'),
    ]);
  });

  it('"of whom 1,300 were hospitalised"', () => {
    expect(extract('More than 2,200 people sought treatment for injuries, of whom 1,300 were hospitalised.')).toEqual([
      row('injured', 'all', 'More than 2,200', 2200, 'more_than'),
      row('hospitalized', 'all', '1,300', 1300, 'exact'),
    ]);
  });

  it('a toll "posted by mistake" is retracted', () => {
    const body =
      'The health ministry had reported that 164 people were killed, but later said the figure was posted by mistake.';
    expect(extract(body)).toEqual([
      row('killed', 'all', '164', 164, 'exact', { attribution: 'Health Ministry', status: 'retracted' }),
    ]);
  });

  it('a removal told in the next paragraph retracts the figure when it names it', () => {
    const body =
      'A total of 164 people were killed, the health ministry said.\n\nThe figure was later removed from its Telegram channel.';
    expect(extract(body)).toEqual([
      row('killed', 'all', '164', 164, 'exact', { attribution: 'Health Ministry', status: 'retracted' }),
    ]);
  });

  it('"the ministry added" → the ministry named earlier, not the source in between', () => {
    const body =
      'The Health Ministry said 164 people had died. Almaty’s mayor’s office said 103 of them died in the city. More than 2,200 people sought treatment, the ministry added.';
    expect(extract(body).map((r) => [r.value, r.attribution])).toEqual([
      [164, 'Health Ministry'],
      [103, 'Almaty’s mayor’s office'],
      [2200, 'Health Ministry'],
    ]);
  });
});

describe('groups', () => {
  it.each([
    ['Sixteen police officers were killed.', 'Sixteen'],
    ['Three soldiers were wounded in Almaty.', 'Three'],
    ['Two National Guard servicemen died.', 'Two'],
    ['At least eight members of the security forces were killed.', 'At least eight'],
    [
      'At least 12 officers of the elite special forces unit of the National Security Committee were killed.',
      'At least 12',
    ],
    ['Dozens of protesters were killed by police.', 'Dozens'],
  ])('%s', (body, phrase) => {
    const expected = phrase === 'Dozens' ? 'protesters' : 'security_forces';
    expect(extract(body)).toMatchObject([{ phrase, group: expected }]);
  });

  it.each([
    ['Twenty rioters were detained.'],
    ['At least 26 armed criminals were liquidated.'],
    ['Twelve attackers were eliminated.'],
    ['Eight terrorists were killed.'],
    ['Hundreds of demonstrators were detained.'],
    ['Five militants were killed in a shootout.'],
    ['Dozens of heavily armed anti-government protesters were detained.'],
    ['Some 2,300 people who took part in the riots were arrested.'],
    ['At least 3,000 people suspected of taking part in the riots have been detained.'],
  ])('protesters: %s', (body) => {
    expect(extract(body)).toMatchObject([{ group: 'protesters' }]);
  });

  it.each([
    ['Ten civilians were killed.'],
    ['Two children were among those killed.'],
    ['Among the dead were four children.'],
  ])('civilians: %s', (body) => {
    expect(extract(body)).toMatchObject([{ group: 'civilians', measure: 'killed' }]);
  });

  it('unspecified people → all', () => {
    expect(extract('Forty people were injured.')).toMatchObject([{ group: 'all' }]);
  });

  it('a phrase naming two sides → all', () => {
    expect(extract('Dozens of protesters and police officers were injured.')).toMatchObject([{ group: 'all' }]);
  });

  it('"others" refers back to the group just counted', () => {
    expect(extract('Police said 26 armed criminals were liquidated and more than 3,000 others were arrested.')).toEqual(
      [
        row('killed', 'protesters', '26', 26, 'exact', { attribution: 'police' }),
        row('arrested', 'protesters', 'more than 3,000', 3000, 'more_than', { attribution: 'police' }),
      ],
    );
  });

  it('"others" in a fragment continues the previous sentence', () => {
    const body = 'The ministry said 18 police officers had been wounded. About 750 others.';
    expect(extract(body)).toEqual([
      row('injured', 'security_forces', '18', 18, 'exact', { attribution: 'ministry' }),
      row('injured', 'security_forces', 'About 750', 750, 'about', { attribution: 'ministry' }),
    ]);
  });

  it('"others" in clashes between both sides → all', () => {
    const body =
      'Dozens of demonstrators were killed and more than 2,000 others were injured in clashes between protesters and police.';
    expect(extract(body)).toEqual([
      row('killed', 'protesters', 'Dozens', 24, 'vague', vague(24, 99)),
      row('injured', 'all', 'more than 2,000', 2000, 'more_than'),
    ]);
  });

  // A breakdown of a figure in its own sentence is that figure told in parts, not a figure of its own (as the seed
  // gold's "the body of one of them"; every development story's annotator read it so): one row. A part in another
  // state is a figure of its own.
  it('"X people, including Y police officers, were killed": one row, the whole', () => {
    expect(extract('About 30 people, including eight police officers, were killed.')).toEqual([
      row('killed', 'all', 'About 30', 30, 'about'),
    ]);
    expect(extract('At least 164 people were killed, including 103 in Almaty, the Health Ministry said.')).toEqual([
      row('killed', 'all', 'At least 164', 164, 'at_least', { attribution: 'Health Ministry' }),
    ]);
  });

  it('a part in another state than its whole is a figure of its own: "…wounded, 11 of them in critical condition"', () => {
    expect(
      extract('At least 40 people were wounded, 11 of them in critical condition.').map(
        (r) => `${r.measure} ${r.value}`,
      ),
    ).toEqual(['injured 40', 'hospitalized 11']);
    expect(
      extract('At least 50 people were injured, including 12 in critical condition.').map(
        (r) => `${r.measure} ${r.value}`,
      ),
    ).toEqual(['injured 50', 'hospitalized 12']);
  });

  it('"four children were among 164 people killed"', () => {
    expect(extract('Four children were among 164 people killed.')).toEqual([
      row('killed', 'civilians', 'Four', 4, 'exact'),
      row('killed', 'all', '164', 164, 'exact'),
    ]);
  });
});
