// Casualty figures as reports and wire copy of other kinds of story write
// them (a snowstorm, a hostage siege, a drought, an election crackdown, ethnic
// clashes, a heat wave at the Hajj): a press release's numbered
// lines ("(1) Deceased: 6 persons"), one person told by the decade of their
// age, a story's own noun before what became of them ("39 hostages killed"),
// and the numbers around them that count no one (centimetres of snow, head of
// livestock, a war of the 1990s). Each was read wrong before.
import { describe, expect, it } from 'vitest';
import { casualtyReader, storyReader } from './casualty-reader.ts';

const { read } = casualtyReader('2026-02-12');

describe("a report's lines", () => {
  it('reads the figure after a label that names its measure, not the number of the line', () => {
    const body = [
      '1. Human damage',
      '(1) Deceased: 6 persons (*)',
      '(2) Whereabouts unknown: 1 person',
      '(3) Seriously injured: 17 persons, of which falls from roofs 11 persons.',
      '(5) Persons transported to hospital by ambulance in connection with the snow (cumulative): 64 persons',
      '(6) Of the above, persons admitted to hospital: 23 persons.',
    ].join('\n\n');
    expect(read(body)).toEqual(['killed 6', 'missing 1', 'injured 17', 'hospitalized 64', 'hospitalized 23']);
    expect(read('Deaths: 12; Injured: 40.')).toEqual(['killed 12', 'injured 40']);
  });

  it('takes no label from the count before the colon: "31 dead: 29 inmates and two guards" is one figure', () => {
    expect(read('The prisons service now counts 31 dead: 29 inmates and two guards.')).toEqual(['killed 31']);
    expect(read('Sixteen people died in all: fourteen at the faculty and two at his home.')).toEqual(['killed 16']);
  });

  it('reads the number of a report as none, and a toll "given as" a figure', () => {
    expect(read('In Report No. 13, the number of deceased was given as 7 persons.')).toEqual(['killed 7']);
  });

  it('reads no figure where the label names none', () => {
    expect(read('Population: 40,000 people')).toEqual([]);
    expect(read('(4) Roads: 430 vehicles were stranded for 40 hours.')).toEqual([]);
  });
});

describe('the missing', () => {
  it('"the whereabouts of 10 others were unknown"', () => {
    expect(read('Three Japanese were confirmed safe but the whereabouts of 10 others were unknown.')).toEqual([
      'missing 10',
    ]);
  });
});

describe('one person told by the decade of their age', () => {
  it('counts "a man in his 70s" and "a woman aged 90" where a measure follows', () => {
    expect(read('A man in his 70s died after falling about 4 meters from the roof, police said.')).toEqual([
      'killed 1',
    ]);
    expect(read('A woman in her 90s was found dead beneath snow that had slid off a barn roof.')).toEqual(['killed 1']);
    expect(read('A woman aged 90 was found dead in her kitchen.')).toEqual(['killed 1']);
    expect(read('A man in his mid-80s was injured when the carport collapsed.')).toEqual(['injured 1']);
  });
});

describe('numbers that count no one', () => {
  it('lengths of snow and rain, and head of livestock', () => {
    expect(
      read(
        'In Fukui, where 138 cm of snow had piled up by Saturday morning, a woman in her 90s was found dead beneath snow.',
      ),
    ).toEqual(['killed 1']);
    expect(read('Up to 12 inches of snow fell overnight as three people died on the roads.')).toEqual(['killed 3']);
    expect(read('More than 2.3 million head of livestock have died since October, officials said.')).toEqual([]);
  });

  it('an age bound on the noun before ("children under five"), and the number of animals that died', () => {
    expect(
      read('Some 1.2 million children under five are malnourished, and 40 children under 5 died of measles.'),
    ).toEqual(['killed 40']);
    expect(read('He said the number of livestock that died of hunger has reached 2.9 million.')).toEqual([]);
    expect(read('The number of people who died of hunger has reached 290.')).toEqual(['killed 290']);
  });

  it('the toll of a decade long past', () => {
    expect(
      read('Algeria, scarred by a civil war in the 1990s in which some 200,000 people died, refuses to negotiate.'),
    ).toEqual([]);
    // The current decade is not over: it may be this event's.
    expect(read('Nineteen people died in the heat waves of the 2020s, officials said.')).toEqual(['killed 19']);
  });
});

describe("a story's own noun, then what became of them", () => {
  const readStory = storyReader(
    'measures:\n  - name: held_hostage\n    label: held hostage\n    words: [hostages, held hostage]\n  - name: rescued\n    label: rescued\n    words: [rescued, freed]\n',
    '2026-02-20',
  );

  it('"39 foreign hostages killed", "12 hostages dead", "30 hostages freed": the participle after the noun', () => {
    expect(readStory('The ministry raised its count to 39 foreign hostages killed.')).toEqual(['killed 39']);
    expect(readStory('The assault left at least 12 hostages dead, APS said.')).toEqual(['killed 12']);
    expect(readStory('Some 30 hostages freed by the army were flown to Oran.')).toEqual(['rescued 30']);
    expect(readStory('The militants were holding 41 hostages, a security source said.')).toEqual(['held_hostage 41']);
  });
});

describe('wordings of protests, clashes and a pilgrimage', () => {
  it('one person named with the body they serve in, or by nationality', () => {
    expect(read('A sergeant of the Bolivarian National Guard was shot dead in Maracay.')).toEqual(['killed 1']);
    expect(read('A British national and an Algerian security guard were killed when the kidnappers struck.')).toEqual([
      'killed 1',
      'killed 1',
    ]);
    expect(read('A national day of mourning was declared after 12 were killed.')).toEqual(['killed 12']);
  });

  it('a toll naming its own measure after a figure of another', () => {
    expect(
      read(
        'The minister said 11 people had died and that the number of police officers and soldiers injured had risen to 132.',
      ),
    ).toEqual(['killed 11', 'injured 132']);
  });

  it('Indian English: nabbed, touched, succumbed to bullet injuries, undergoing treatment', () => {
    expect(read('Police said 14 persons have been nabbed.')).toEqual(['arrested 14']);
    expect(read('The toll has touched 52, as per the statement.')).toEqual(['killed 52']);
    expect(read('One woman of Keirakpokpi succumbed to bullet injuries at RIMS.')).toEqual(['killed 1']);
    expect(read('Of the injured, 23 are undergoing treatment at RIMS.')).toEqual(['hospitalized 23']);
  });

  it('the hurt who remain in hospital, and the disappeared', () => {
    expect(read('In Valencia, eight people wounded during the protests remain hospitalized.')).toEqual([
      'hospitalized 8',
    ]);
    expect(read('Provea now counts 52 people as victims of forced disappearance.')).toEqual(['missing 52']);
  });

  it('no figure from votes, a Hijri year long past, or an event years back', () => {
    expect(read('The resolution, passed by 418 votes to 87 with 42 abstentions, condemned the killings.')).toEqual([]);
    expect(read('The Hajj season of the year 1445 AH witnessed the death of 1,301 pilgrims.', '2026-06-07')).toEqual(
      [],
    );
    expect(
      read(
        'Iran, at odds with Riyadh since the 2015 stampede that killed hundreds of its pilgrims, said 11 Iranians had died.',
      ),
    ).toEqual(['killed 11']);
  });
});

describe('what the treated were treated for', () => {
  const readStory = storyReader(
    'measures:\n  - name: heatstroke\n    label: heatstroke\n    words: [heatstroke]\n',
    '2026-06-02',
  );

  it('a story\'s own measure after "for", else hurt', () => {
    expect(readStory('A British doctor said he had treated dozens of pilgrims for heatstroke.')).toEqual([
      'heatstroke 24',
    ]);
    expect(readStory('Doctors treated 40 people for smoke inhalation.')).toEqual(['injured 40']);
  });
});

describe('an earthquake across a border', () => {
  it('a toll whose words hold a decimal point ("the magnitude 7.4 earthquake")', () => {
    expect(
      read(
        'The death toll from the magnitude 7.4 earthquake centered in Hatay province has risen to 3,412, the agency said.',
      ),
    ).toEqual(['killed 3412']);
  });

  it('"the fate of 230 persons is still unknown", survivors "staying in 64,000 tents"', () => {
    expect(read('It added that the fate of 230 persons is still unknown.')).toEqual(['missing 230']);
    expect(read('More than 230,000 earthquake survivors are staying in 64,000 tents set up by AFAD.')).toEqual([
      'displaced 230000',
    ]);
  });

  const readStory = storyReader(
    'measures:\n  - name: rescued\n    label: rescued\n    words: [rescued, brought out * alive]\n',
    '2026-02-18',
  );

  it('one person rescued: by a frame, named or placed after their age', () => {
    expect(readStory('Rescuers brought out a 6-year-old girl alive from a collapsed building.')).toEqual(['rescued 1']);
    expect(readStory('In Iskenderun, a 72-year-old woman, Hatice Aslan, was rescued from the rubble.')).toEqual([
      'rescued 1',
    ]);
    expect(readStory('The last survivor, a 17-year-old boy in Antakya, was rescued on Sunday.')).toEqual(['rescued 1']);
  });
});

describe('an airliner downed, migrants in a truck', () => {
  it('money in any currency, counts of a charge, the parts of a law: no one', () => {
    expect(
      read(
        'AZAL said it had paid 40,000 manats to the family of each person killed and 20,000 manats to each survivor.',
      ),
    ).toEqual([]);
    expect(read('The driver was indicted on Monday on 53 counts of transporting migrants resulting in death.')).toEqual(
      [],
    );
    expect(read('The committee opened a case under part 3 of article 263 of the Criminal Code.')).toEqual([]);
    expect(read('The Ombudsman registered for its part 31 deceased in its own count.')).toEqual(['killed 31']);
  });

  it('blood donors are no casualties; "expired visas" kill no one', () => {
    expect(
      read('More than 400 residents of Aktau came to the regional blood center to donate blood for the injured.'),
    ).toEqual([]);
    expect(read('Two men from Mexico who were living in Rio Seco on expired visas were arrested Tuesday.')).toEqual([
      'arrested 2',
    ]);
    expect(read('Twelve patients expired during treatment.')).toEqual(['killed 12']);
  });

  it("a translation's verb before its count, and the dead listed by the country they were citizens of", () => {
    expect(read('According to the ministry, in the catastrophe perished 35 persons.')).toEqual(['killed 35']);
    expect(
      read(
        'The dead included 25 citizens of Azerbaijan, seven citizens of Russia, three of Kazakhstan and one of Kyrgyzstan.',
      ),
    ).toEqual(['killed 25', 'killed 7', 'killed 3', 'killed 1']);
  });
});

describe('a crackdown on students', () => {
  it('a list in an aside runs through its own commas up to the verb', () => {
    expect(
      read(
        'At least 163 people, among them students, passers-by, a four-year-old child and three policemen, have been killed.',
      ),
    ).toEqual(['killed 163']);
    expect(read('At least 20 people, including three children, were killed.')).toEqual(['killed 20']);
  });
});
