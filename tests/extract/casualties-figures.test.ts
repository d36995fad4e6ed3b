// The casualty extraction on wire-copy sentences written for these tests (none
// is from the seed articles): which numbers are casualty figures, and how each
// is read: vague words, qualifiers, figures reported elsewhere (retracted,
// disputed), the measures and their wordings, and the numbers that count no
// casualties. Every row is asserted whole, and every row's quote must sit at its
// offsets in the body (CONTRACT §5).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractCasualties } from '../../src/extract/casualties.ts';
import { parseCodebooks } from '../../src/extract/codebook.ts';
import { PUBLISHED, extract, row, vague } from './casualty-rows.ts';

describe('vague words (CONTRACT §3 table)', () => {
  it('several → 3–9', () => {
    expect(
      extract('Several protesters were killed when security forces opened fire in the central square, witnesses said.'),
    ).toEqual([row('killed', 'protesters', 'Several', 3, 'vague', { ...vague(3, 9), attribution: 'witnesses' })]);
  });

  it('a few → 3–9', () => {
    expect(
      extract('A few police officers were hurt in scuffles outside the mayor’s office, Interfax reported.'),
    ).toEqual([row('injured', 'security_forces', 'A few', 3, 'vague', { ...vague(3, 9), attribution: 'Interfax' })]);
  });

  it('tens → 20–99', () => {
    expect(extract('Tens of people were detained in Aktobe overnight, according to local media.')).toEqual([
      row('arrested', 'all', 'Tens', 20, 'vague', { ...vague(20, 99), attribution: 'local media' }),
    ]);
  });

  it('dozens → 24–99', () => {
    expect(
      extract(
        'Dozens of rioters were eliminated overnight, police spokeswoman Saltanat Azirbek told state channel Khabar 24.',
      ),
    ).toEqual([row('killed', 'protesters', 'Dozens', 24, 'vague', { ...vague(24, 99), attribution: 'police' })]);
  });

  it('hundreds → 200–999', () => {
    expect(extract('Hundreds of people were injured in the clashes, the Health Ministry said.')).toEqual([
      row('injured', 'all', 'Hundreds', 200, 'vague', { ...vague(200, 999), attribution: 'Health Ministry' }),
    ]);
  });

  it('thousands → 2000–9999, detained', () => {
    expect(extract('Thousands of people have been detained across the country, the Interior Ministry said.')).toEqual([
      row('arrested', 'all', 'Thousands', 2000, 'vague', { ...vague(2000, 9999), attribution: 'Interior Ministry' }),
    ]);
  });
});

describe('qualifiers', () => {
  it('at least', () => {
    expect(extract('At least 164 people were killed in the unrest, the Health Ministry said.')).toEqual([
      row('killed', 'all', 'At least 164', 164, 'at_least', { attribution: 'Health Ministry' }),
    ]);
  });

  it('more than', () => {
    expect(extract('More than 2,000 people sought medical treatment, the Health Ministry said.')).toEqual([
      row('injured', 'all', 'More than 2,000', 2000, 'more_than', { attribution: 'Health Ministry' }),
    ]);
  });

  it('over → more_than', () => {
    expect(
      extract('Over 1,300 people have been hospitalised, Deputy Health Minister Azhar Giniyat told Khabar 24.'),
    ).toEqual([row('hospitalized', 'all', 'Over 1,300', 1300, 'more_than', { attribution: 'Deputy Health Minister' })]);
  });

  it('about', () => {
    expect(
      extract('About 750 police officers and National Guard troops were wounded, the Interior Ministry said.'),
    ).toEqual([row('injured', 'security_forces', 'About 750', 750, 'about', { attribution: 'Interior Ministry' })]);
  });

  it('some → about', () => {
    expect(extract('Some 6,000 people have been detained, Tokayev’s office said.')).toEqual([
      row('arrested', 'all', 'Some 6,000', 6000, 'about', { attribution: 'Tokayev’s office' }),
    ]);
  });

  it('around → about', () => {
    expect(
      extract('Around 100 protesters were detained in Almaty on Tuesday night, police said.', '2022-01-06'),
    ).toEqual([
      row('arrested', 'protesters', 'Around 100', 100, 'about', { as_of: '2022-01-04', attribution: 'police' }),
    ]);
  });

  it('nearly → about', () => {
    expect(extract('Nearly 10,000 people were detained across the country, the president’s office said.')).toEqual([
      row('arrested', 'all', 'Nearly 10,000', 10000, 'about', { attribution: 'president’s office' }),
    ]);
  });

  it('up to', () => {
    expect(extract('Up to 40 people may have been killed in Taldykorgan, a local activist said.')).toEqual([
      row('killed', 'all', 'Up to 40', 40, 'up_to', { attribution: 'local activist' }),
    ]);
  });

  it('fewer than', () => {
    expect(extract('Kazakh officials reported fewer than 50 fatalities among civilians.')).toEqual([
      row('killed', 'civilians', 'fewer than 50', 50, 'fewer_than', { attribution: 'Kazakh officials' }),
    ]);
  });

  it('almost → about', () => {
    expect(extract('Almost 400 people were admitted to hospital.')).toEqual([
      row('hospitalized', 'all', 'Almost 400', 400, 'about'),
    ]);
  });

  it('approximately → about', () => {
    expect(extract('Approximately 2,600 people sought medical help, the Health Ministry said.')).toEqual([
      row('injured', 'all', 'Approximately 2,600', 2600, 'about', { attribution: 'Health Ministry' }),
    ]);
  });
});

describe('figures from articles not in the repository', () => {
  it('"The death toll rose to 164, state media said."', () => {
    expect(extract('The death toll rose to 164, state media said.')).toEqual([
      row('killed', 'all', '164', 164, 'exact', { attribution: 'state media' }),
    ]);
  });

  it('"more than two dozen" protesters killed', () => {
    expect(
      extract('More than two dozen protesters were killed in clashes with police in Almaty, Reuters reported.'),
    ).toEqual([row('killed', 'protesters', 'More than two dozen', 24, 'more_than', { attribution: 'Reuters' })]);
  });

  it('"at least a dozen officers" killed', () => {
    expect(extract('At least a dozen officers were killed, including one who was beheaded.')).toEqual([
      row('killed', 'security_forces', 'At least a dozen', 12, 'at_least'),
    ]);
  });

  it('a toll posted then deleted, in the same sentence → retracted', () => {
    expect(
      extract('A post on the ministry’s Telegram channel said 164 people had been killed; it has since been deleted.'),
    ).toEqual([row('killed', 'all', '164', 164, 'exact', { attribution: 'ministry', status: 'retracted' })]);
  });

  it('a toll "that has since been deleted" → retracted', () => {
    expect(
      extract('The Health Ministry had put the toll at 164, a figure that has since been deleted from its website.'),
    ).toEqual([row('killed', 'all', '164', 164, 'exact', { attribution: 'Health Ministry', status: 'retracted' })]);
  });

  it('a deletion told in the next sentence retracts the figure before it', () => {
    const body =
      'The Health Ministry said on Telegram that 164 people had been killed. The post has since been deleted.';
    expect(extract(body)).toEqual([
      row('killed', 'all', '164', 164, 'exact', { attribution: 'Health Ministry', status: 'retracted' }),
    ]);
  });

  it('a deletion in another paragraph retracts nothing', () => {
    const body =
      'The Health Ministry said 164 people had been killed.\n\nA video of the clashes has since been deleted.';
    expect(extract(body)).toEqual([row('killed', 'all', '164', 164, 'exact', { attribution: 'Health Ministry' })]);
  });

  it('an unverified figure is disputed', () => {
    const body = 'Police said 26 rioters were killed. Reuters could not independently verify the figure.';
    expect(extract(body)).toEqual([
      row('killed', 'protesters', '26', 26, 'exact', { attribution: 'police', status: 'disputed' }),
    ]);
  });
});

describe('measures', () => {
  it.each([
    ['Eight people were killed in Almaty overnight.', 'Eight', 8],
    ['Three National Guard servicemen died of their wounds.', 'Three', 3],
    ['At least 40 people are dead.', 'At least 40', 40],
    ['Twenty-six armed criminals were liquidated, the ministry said.', 'Twenty-six', 26],
    ['Twelve attackers were eliminated.', 'Twelve', 12],
    ['Residents said 15 bodies lay in the street near the akimat.', '15', 15],
  ])('killed: %s', (body, phrase, value) => {
    const [found] = extract(body);
    expect(found).toMatchObject({ measure: 'killed', phrase, value });
  });

  it.each([
    ['Forty people were injured in Shymkent.', 'Forty', 40],
    ['Some 190 have been wounded in the clashes.', 'Some 190', 190],
    ['More than 4,000 people sought treatment after the clashes.', 'More than 4,000', 4000],
  ])('injured: %s', (body, phrase, value) => {
    expect(extract(body)).toMatchObject([{ measure: 'injured', phrase, value }]);
  });

  it.each([
    ['Police arrested 300 people in Aktau.', '300', 300],
    ['More than 5,000 people have been detained.', 'More than 5,000', 5000],
  ])('arrested: %s', (body, phrase, value) => {
    expect(extract(body)).toMatchObject([{ measure: 'arrested', phrase, value }]);
  });

  it.each([
    ['Of those, 400 were admitted to hospital.', '400', 400],
    ['Sixty-two people remain in intensive care.', 'Sixty-two', 62],
  ])('hospitalized: %s', (body, phrase, value) => {
    expect(extract(body)).toMatchObject([{ measure: 'hospitalized', phrase, value }]);
  });

  it('one toll, two figures: "18 dead and 748 wounded"', () => {
    expect(
      extract('The ministry said the toll among the security forces had risen to 18 dead and 748 wounded.'),
    ).toEqual([
      row('killed', 'security_forces', '18', 18, 'exact', { attribution: 'ministry' }),
      row('injured', 'security_forces', '748', 748, 'exact', { attribution: 'ministry' }),
    ]);
  });

  it('one number, two verbs: "the killing and wounding of dozens"', () => {
    expect(
      extract('The authorities announced the killing and wounding of dozens of members of the security forces.'),
    ).toEqual([
      row('killed', 'security_forces', 'dozens', 24, 'vague', { ...vague(24, 99), attribution: 'authorities' }),
      row('injured', 'security_forces', 'dozens', 24, 'vague', { ...vague(24, 99), attribution: 'authorities' }),
    ]);
  });

  it('one number, two verbs: "were killed or injured"', () => {
    expect(extract('Dozens of people were killed or injured in Almaty, TASS reported.')).toEqual([
      row('killed', 'all', 'Dozens', 24, 'vague', { ...vague(24, 99), attribution: 'TASS' }),
      row('injured', 'all', 'Dozens', 24, 'vague', { ...vague(24, 99), attribution: 'TASS' }),
    ]);
  });

  it('several figures in one sentence', () => {
    const body = 'Police said 26 rioters had been killed, 18 officers died and more than 3,000 people were detained.';
    expect(extract(body)).toEqual([
      row('killed', 'protesters', '26', 26, 'exact', { attribution: 'police' }),
      row('killed', 'security_forces', '18', 18, 'exact', { attribution: 'police' }),
      row('arrested', 'all', 'more than 3,000', 3000, 'more_than', { attribution: 'police' }),
    ]);
  });

  it('a bare count after "were killed and" shares the subject: "… were killed and 748 wounded"', () => {
    expect(
      extract('Eighteen members of the security forces were killed and 748 wounded, while 26 rioters died.'),
    ).toEqual([
      row('killed', 'security_forces', 'Eighteen', 18, 'exact'),
      row('injured', 'security_forces', '748', 748, 'exact'),
      row('killed', 'protesters', '26', 26, 'exact'),
    ]);
  });

  it('a count with its own verb does not: "… were killed and 26 were detained"', () => {
    expect(extract('Eighteen officers were killed and 26 were detained.')).toEqual([
      row('killed', 'security_forces', 'Eighteen', 18, 'exact'),
      row('arrested', 'all', '26', 26, 'exact'),
    ]);
  });

  it('passive "were reported killed"', () => {
    expect(extract('Eight people were reported killed in Taraz.')).toEqual([row('killed', 'all', 'Eight', 8, 'exact')]);
  });

  it('"the number of people detained rose to 5,800"', () => {
    expect(extract('The number of people detained rose to 5,800, the presidential office said.')).toEqual([
      row('arrested', 'all', '5,800', 5800, 'exact', { attribution: 'presidential office' }),
    ]);
  });

  it('"the official death toll of 225 includes 19 police officers": the toll, told in parts', () => {
    expect(extract('The official death toll of 225 includes 19 police officers.')).toEqual([
      row('killed', 'all', '225', 225, 'exact'),
    ]);
  });

  it('"up from 5,800": the earlier figure is a mention too', () => {
    expect(extract('Some 8,000 people were detained, up from 5,800 a day earlier.')).toEqual([
      row('arrested', 'all', 'Some 8,000', 8000, 'about'),
      row('arrested', 'all', '5,800', 5800, 'exact'),
    ]);
  });

  it('verb before the count: "killed 10 people"', () => {
    expect(extract('Security forces killed 10 people near the presidential residence, Reuters reported.')).toEqual([
      row('killed', 'all', '10', 10, 'exact', { attribution: 'Reuters' }),
    ]);
  });

  it('"leaving 3 dead"', () => {
    expect(extract('A gunfight broke out near the airport, leaving 3 dead.')).toEqual([
      row('killed', 'all', '3', 3, 'exact'),
    ]);
  });

  it('"claimed at least 164 lives"', () => {
    expect(extract('The unrest has claimed at least 164 lives.')).toEqual([
      row('killed', 'all', 'at least 164', 164, 'at_least'),
    ]);
  });

  it('a Title Case headline', () => {
    expect(extract('Death Toll In Kazakhstan Unrest Rises To 164')).toEqual([
      row('killed', 'all', '164', 164, 'exact'),
    ]);
  });

  it.each([
    ['Kazakhstan Says 164 Killed', 'killed', '164', 164],
    ['Police Say 26 Killed', 'killed', '26', 26],
    ['UN Says 164 Dead', 'killed', '164', 164],
    ['Police Detain 200', 'arrested', '200', 200],
    ['Kazakhstan Says 164 Killed In Unrest', 'killed', '164', 164],
  ] as const)('a Title Case headline with a verb of saying: "%s"', (text, measure, phrase, value) => {
    expect(extract(text)).toEqual([row(measure, 'all', phrase, value, 'exact')]);
  });

  it('a short capitalised sentence ending in a full stop is not a headline', () => {
    expect(extract('Khabar 24 Reported.')).toEqual([]);
  });

  it('an all-caps headline', () => {
    expect(extract('KAZAKH POLICE SAY 26 RIOTERS KILLED')).toEqual([row('killed', 'protesters', '26', 26, 'exact')]);
  });

  it('a headline with two figures', () => {
    expect(extract('Kazakh Unrest: 164 Dead, 5,800 Detained')).toEqual([
      row('killed', 'all', '164', 164, 'exact'),
      row('arrested', 'all', '5,800', 5800, 'exact'),
    ]);
  });
});

describe('numbers that count no casualties', () => {
  it('parts of things, and counts joined to a noun: "three of the sites", "a 120-bed centre"', () => {
    expect(extract('Three of the sites in the district have reported deaths.')).toEqual([]);
    expect(extract("Sixteen of the country's 28 districts have now reported injuries.")).toEqual([]);
    expect(
      extract('MSF runs a 120-bed centre where 214 patients were being treated.').map((r) => `${r.measure} ${r.value}`),
    ).toEqual(['hospitalized 214']);
    expect(extract('Police dispersed the thousands-strong crowd and arrested 40 people.').map((r) => r.value)).toEqual([
      40,
    ]);
  });

  it('"cases" only in a story whose codebook counts them', () => {
    const body = 'The ministry recorded 188 new cases and seven deaths, while Nsanje has recorded 1,102 cases.';
    expect(extract(body).map((r) => `${r.measure} ${r.value}`)).toEqual(['killed 7']);
    const codebook = parseCodebooks([
      { text: readFileSync(new URL('../../data/codebook.yaml', import.meta.url), 'utf8'), path: 'codebook.yaml' },
      { text: 'measures:\n  - name: cases\n    label: cases\n    words: [cases, new cases]\n', path: 'story.yaml' },
    ]);
    const { rows } = extractCasualties({ id: 't', body, published: PUBLISHED, codebook });
    expect(rows.map((r) => `${r.measure} ${r.value}`)).toEqual(['cases 188', 'killed 7', 'cases 1102']);
  });

  it('a story\'s own measure right after a base noun says what is counted: "402 deaths under investigation"', () => {
    const codebook = parseCodebooks([
      { text: readFileSync(new URL('../../data/codebook.yaml', import.meta.url), 'utf8'), path: 'codebook.yaml' },
      {
        text: 'measures:\n  - name: deaths_under_investigation\n    label: deaths under investigation\n    words: [under investigation]\n',
        path: 'story.yaml',
      },
    ]);
    const read = (body: string) =>
      extractCasualties({ id: 't', body, published: PUBLISHED, codebook }).rows.map((r) => `${r.measure} ${r.value}`);
    expect(read('The state reported 187 confirmed deaths, with another 402 deaths under investigation.')).toEqual([
      'killed 187',
      'deaths_under_investigation 402',
    ]);
    expect(read('Another 455 deaths remain under investigation.')).toEqual(['deaths_under_investigation 455']);
    // The base codebook alone: deaths.
    expect(extract('Another 455 deaths remain under investigation.').map((r) => r.measure)).toEqual(['killed']);
  });

  it('population: "a country of 19 million"', () => {
    expect(extract('Unrest has gripped Kazakhstan, a country of 19 million, since Sunday.')).toEqual([]);
  });

  it('population: "18 million inhabitants", next to a real toll', () => {
    expect(
      extract('The country has 18 million inhabitants, and at least eight police officers have been killed.'),
    ).toEqual([row('killed', 'security_forces', 'at least eight', 8, 'at_least')]);
  });

  it('troops: "about 2,500 personnel"', () => {
    expect(extract('The CSTO force will include about 2,500 personnel, the alliance said.')).toEqual([]);
  });

  it('troops: "3,000 paratroopers were deployed"', () => {
    expect(
      extract('Russia said 3,000 paratroopers were deployed to Almaty, where protesters were killed on Wednesday.'),
    ).toEqual([]);
  });

  it('planes: "70 Russian planes landed"', () => {
    expect(extract('More than 70 Russian planes landed at the airport carrying troops.')).toEqual([]);
  });

  it('vehicles: "50 armoured vehicles"', () => {
    expect(extract('Reuters reporters saw about 50 armoured vehicles in the square where dozens were killed.')).toEqual(
      [row('killed', 'all', 'dozens', 24, 'vague', { ...vague(24, 99), attribution: 'Reuters' })],
    );
  });

  it('checkpoints: "70 checkpoints were set up"', () => {
    expect(extract('Some 70 checkpoints were set up across the country after 26 rioters were killed.')).toEqual([
      row('killed', 'protesters', '26', 26, 'exact'),
    ]);
  });

  it('crowd size: "a crowd of 5,000", next to an arrest count', () => {
    expect(extract('A crowd of 5,000 gathered in the square, and police detained 200 people.')).toEqual([
      row('arrested', 'all', '200', 200, 'exact'),
    ]);
  });

  it('crowd size: "thousands-strong protest"', () => {
    expect(
      extract('Police fired stun grenades to break up a thousands-strong protest, and several people were hurt.'),
    ).toEqual([row('injured', 'all', 'several', 3, 'vague', vague(3, 9))]);
  });

  it('crowd size: "protesters, estimated to be 5,000"', () => {
    expect(extract('Police opened fire after the protesters, estimated to be 5,000, refused to disperse.')).toEqual([]);
  });

  it('a date in a casualty sentence: "On January 5, 2022"', () => {
    expect(extract('On January 5, 2022, police detained 300 people in Almaty.')).toEqual([
      row('arrested', 'all', '300', 300, 'exact', { as_of: '2022-01-05' }),
    ]);
  });

  it('a time and a duration: "At 10 p.m.", "within 24 hours"', () => {
    expect(extract('At 10 p.m., police said 40 people had been detained within 24 hours.')).toEqual([
      row('arrested', 'all', '40', 40, 'exact', { attribution: 'police' }),
    ]);
  });

  it('an ordinal: "for the third day"', () => {
    expect(extract('For the third day running, 12 people were injured in Aktobe.')).toEqual([
      row('injured', 'all', '12', 12, 'exact'),
    ]);
  });

  // Decision (changed when a development story of another kind was annotated
  // independently): "a 22-year-old protester was killed" states one person
  // killed, as "a body" does, so it is a row of 1 whose phrase is the person;
  // the age is never the value. One of a toll already stated is not.
  it('an age: "a 22-year-old protester was killed" is one person, never 22', () => {
    expect(extract('A 22-year-old protester was killed in Almaty on Thursday.')).toEqual([
      row('killed', 'protesters', 'A 22-year-old protester', 1, 'exact', { as_of: '2022-01-06' }),
    ]);
    expect(extract('Among the dead was a 9-year-old girl who had collapsed on the way to a clinic.')).toEqual([]);
    expect(extract('Brian Otieno, a 24-year-old rider shot in the chest near the bus stop, was buried.')).toEqual([]);
  });

  it('another event: arrests after the 2019 election', () => {
    expect(extract('After his election in 2019 there had also been protests with hundreds of arrests.')).toEqual([]);
  });

  it('another event: "in 2011, 14 oil workers were killed in Zhanaozen"', () => {
    expect(extract('In 2011, 14 oil workers were killed in Zhanaozen when police fired on striking workers.')).toEqual(
      [],
    );
  });

  it('a four-digit count is not a year: "detained 2000 people"', () => {
    expect(extract('Police detained 2000 people in Almaty.')).toEqual([row('arrested', 'all', '2000', 2000, 'exact')]);
  });

  it('partitive "one of them" is no new figure', () => {
    const body = 'Dozens of officers were killed. The body of one of them was found beheaded.';
    expect(extract(body)).toEqual([row('killed', 'security_forces', 'Dozens', 24, 'vague', vague(24, 99))]);
  });
});
