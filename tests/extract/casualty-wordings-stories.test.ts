// Casualty figures as reporters word them in stories of other kinds than the
// seed's, story by story: an attack, a mine disaster, post-election unrest, a
// prison riot, a border war, a factory fire, a landslide, a volcano, a poisoning,
// a bus crash, an avalanche, a shooting, a Spanish flood, an earthquake, a
// stadium crush, Nigerian and Indian English, a tsunami. Sentences modelled on
// the development stories in tests/gold/stories/, each read on its own.
import { describe, expect, it } from 'vitest';
import { casualtyReader } from './casualty-reader.ts';

const { extract, read } = casualtyReader('2026-04-07');

describe('figures as other kinds of story word them', () => {
  it('reads the figures of an attack as worded: "One body", a toll that fell, hospital stations, arrests by day', () => {
    expect(read('One body has yet to be identified.')).toEqual(['killed 1']);
    expect(read('One body was found dead.')).toEqual(['killed 1']);
    expect(
      read(
        'The number of people reported missing, which stood at 31 on Saturday morning, had fallen to four by Saturday night.',
      ),
    ).toEqual(['missing 31', 'missing 4']);
    expect(read('Some 120 residents were evacuated and spent the night in a school gym.')).toEqual(['displaced 120']);
    expect(read('On Sunday still 27 persons lay in Viennese hospitals.')).toEqual(['hospitalized 27']);
    expect(read('Seven humans lie still on the intensive station.')).toEqual(['hospitalized 7']);
    // Not "seized": gunmen seize hostages too.
    expect(read('Gunmen seized 20 villagers on the road.')).toEqual([]);
    expect(read('The Czech police arrested on Monday evening a 29-year-old Chechen at the border.')).toEqual([
      'arrested 1',
    ]);
    expect(read('Customs seized 12 tonnes of cocaine.')).toEqual([]);
    // "the body of one of them" stays a detail of a count made before.
    expect(
      read(
        'The authorities announced the killing and wounding of dozens of soldiers, and said "the body of one of them was found".',
      ),
    ).toEqual(['killed 24', 'injured 24']);
  });

  it('reads a mine disaster: parts told in the sentence of their whole, people moved between states', () => {
    expect(
      read('The 187 miners in custody included 96 Mozambicans, 58 Zimbabweans, 27 Basotho and six South Africans.'),
    ).toEqual(['arrested 187']);
    expect(read('Twelve of those have since been discharged into police custody.')).toEqual(['arrested 12']);
    expect(read('He had visited 27 of his compatriots in the cells.')).toEqual(['arrested 27']);
    expect(read('Police said nine alleged syndicate financiers were picked up by the police.')).toEqual(['arrested 9']);
    expect(read('Twelve survivors were picked up by a fishing boat.')).toEqual([]);
    expect(read('They submitted the names of 312 men they could not account for.')).toEqual(['missing 312']);
    expect(read('At least 19 youths of the district continue without news.')).toEqual(['missing 19']);
    expect(read('At least nine of the rescued miners died after they were brought to the surface.')).toEqual([
      'killed 9',
    ]);
    expect(read('Seventeen of the rescued remained in Tshepong Hospital on Thursday.')).toEqual(['hospitalized 17']);
    expect(read("So far 208 of the detainees have appeared in the Magistrate's Court.")).toEqual([]);
    expect(read('Officers have seized 14 firearms and 2.4 kg of gold.')).toEqual([]);
    expect(read('Upwards of 1.1 lakh people were reported missing at the centres.')).toEqual(['missing 110000']);
  });

  it('reads post-election unrest: earlier elections, drivers of trucks, lynchings, intensive therapy', () => {
    expect(read('After the disputed 2024 election, at least 300 people were killed in months of protests.')).toEqual(
      [],
    );
    expect(read('Doctors said they had admitted 29 people with gunshot wounds.')).toEqual(['hospitalized 29']);
    expect(read('Ten were hurt, and five continue in the intensive therapy.')).toEqual([
      'injured 10',
      'hospitalized 5',
    ]);
    expect(read('One agent of the police was lynched by the crowd.')).toEqual(['killed 1']);
    expect(read('She said four South African truck drivers had been injured.')).toEqual(['injured 4']);
    expect(read('Police seized 20 trucks and arrested 30 people.')).toEqual(['arrested 30']);
  });

  it('reads a prison riot and a rail crash: money in any currency, "Of the dead,", those who remain, the ICU', () => {
    expect(
      read('The government announced compensation of 1.5 million rupees for the family of each person killed.'),
    ).toEqual([]);
    expect(read('Of the dead, 24 were inmates, the SNAI said.')).toEqual(['killed 24']);
    expect(read('Of the injured, 58 were discharged after first aid.')).toEqual([]);
    expect(read('Fourteen people are in pre-trial detention over the riot.')).toEqual(['arrested 14']);
    // Those who remain are some of the arrested; those who remain in hospital are a figure of their own.
    expect(read('Police have arrested 15 people; seven remain in pre-trial detention.')).toEqual(['arrested 15']);
    expect(read('Police arrested 300 people; 120 remain in custody.')).toEqual(['arrested 300']);
    expect(read('Doctors treated 50 injured; 12 remain in hospital.')).toEqual(['injured 50', 'hospitalized 12']);
    expect(
      read('The doctor said 46 of the injured had been admitted, nine of them to the intensive care unit.'),
    ).toEqual(['hospitalized 46', 'hospitalized 9']);
    expect(read('Its ambulances had carried about 90 of the injured to hospitals in Khairpur.')).toEqual([
      'hospitalized 90',
    ]);
    expect(read('Five of them remain in grave state in the Hospital Teófilo Dávila.')).toEqual(['hospitalized 5']);
    expect(read('At least 15 people were pinned inside two coaches crushed against the locomotive.')).toEqual([]);
    expect(read('Two more patients could not survive on Thursday night.')).toEqual(['killed 2']);
    expect(read('Three more people succumbed to their injuries on Friday.')).toEqual(['killed 3']);
    // Those waiting for news of the victims are none of them; the victims' relatives are.
    expect(
      read('Hundreds of relatives gathered outside the prison gates, shouting for lists of the dead and injured.'),
    ).toEqual([]);
    expect(read('Dozens of families waited outside the morgue for the bodies.')).toEqual([]);
    expect(read('Three relatives of the mayor were killed.')).toEqual(['killed 3']);
    expect(read('Inmates blew a hole in the wall of block 5 and fled.')).toEqual([]);
    expect(read('Police said 22 bodies had been found in cell blocks 2 and 4.')).toEqual(['killed 22']);
  });

  it('reads a border war: parts that add up to their whole, who the dead were, translations, shelters', () => {
    const read = (body: string) => extract(body).map((r) => `${r.measure} ${r.value} ${r.group}`);
    expect(read('The ministry puts the Thai toll at 26 dead, 15 civilians and 11 soldiers.')).toEqual([
      'killed 26 all',
    ]);
    expect(read('The clashes killed 26 people, 15 soldiers and 12 police.')).toEqual([
      'killed 26 all',
      'killed 15 security_forces',
      'killed 12 security_forces',
    ]);
    expect(read('Three of the dead were soldiers and nine were civilians.')).toEqual([
      'killed 3 security_forces',
      'killed 9 civilians',
    ]);
    // A part of a whole counted in the sentence is no figure of its own.
    expect(read('Five were killed and three were Thai nationals.')).toEqual(['killed 5 all']);
    expect(read('Cambodian civilians lost life 16 persons and received wounds 84 persons.')).toEqual([
      'killed 16 all',
      'injured 84 all',
    ]);
    expect(read('Three Thai rangers lost their legs to newly laid mines.')).toEqual(['injured 3 security_forces']);
    expect(read('Soldiers handed over the remains of nine Thai soldiers.')).toEqual(['killed 9 security_forces']);
    expect(read('Some 4,200 people were sleeping on mats on Thursday.')).toEqual(['displaced 4200 all']);
    expect(read('Tens of thousands more are believed to be staying with relatives.')).toEqual(['displaced 20000 all']);
    expect(read('More than 58,000 people had been evacuated from their villages.')).toEqual(['displaced 58000 all']);
    expect(read('Surin Hospital was caring for 38 of the wounded.')).toEqual(['hospitalized 38 all']);
  });

  it('reads a factory fire and an abduction: parts of a whole, the admitted, a figure put at, bodies of the living', () => {
    // The part is the figure; the whole after "of the" is how many there were.
    expect(read('Twelve of the 40 passengers died.')).toEqual(['killed 12']);
    expect(read("A roll call had found 163 of the school's 418 boarders missing.")).toEqual(['missing 163']);
    expect(read('DNA tests have identified 11 of the 14 bodies.')).toEqual(['killed 14']);
    // The dead told in parts in their own sentence.
    expect(read('Of the 38 dead, 14 were burned beyond recognition.')).toEqual(['killed 38']);
    expect(read('Of the 131 injured, 23 were still in hospital on Monday.')).toEqual([
      'injured 131',
      'hospitalized 23',
    ]);
    expect(read('A further 28 injured workers were admitted to Dhaka Medical College Hospital.')).toEqual([
      'hospitalized 28',
    ]);
    expect(read('The director said 47 patients from the factory were being treated.')).toEqual(['hospitalized 47']);
    expect(read('Ten people were treated for smoke inhalation.')).toEqual(['injured 10']);
    expect(read('19 of them had burns over 40 percent of their bodies.')).toEqual([]);
    expect(read('At least 27 workers are still missing; the federation puts the number at about 40.')).toEqual([
      'missing 27',
      'missing 40',
    ]);
    expect(read('Police found 38 bodies, and the CID has collected DNA samples from 61 relatives.')).toEqual([
      'killed 38',
    ]);
    expect(read('The toll rose to 44 from 31.')).toEqual(['killed 44', 'killed 31']);
  });

  it('reads a landslide and a shipwreck: corpses, an estimate raised, people still being treated', () => {
    expect(read('Another five corpses had been recovered on Saturday.')).toEqual(['killed 5']);
    expect(read('Divers recovered 12 corpses from the hull.')).toEqual(['killed 12']);
    // An estimate is a toll like a number or a tally: both figures of "from … to".
    expect(read('The IOM raised its estimate of the people who died from about 100 to more than 580.')).toEqual([
      'killed 100',
      'killed 580',
    ]);
    expect(read('It raised its estimate of deaths to 580.')).toEqual(['killed 580']);
    expect(read('19 survivors were still being treated yesterday.')).toEqual(['injured 19']);
  });

  it('reads a volcano: places within the clause of a count, weapons and places that are no people', () => {
    // The hamlets, shelters and camps are where the people are, not a count, nor where their clause ends.
    expect(read('The mayor says more than 400 people from the three hamlets are still missing.')).toEqual([
      'missing 400',
    ]);
    expect(read('CONRED says 4,870 people are still living in 37 shelters.')).toEqual(['displaced 4870']);
    expect(read('About 1,150 spent the night in 19 official shelters.')).toEqual(['displaced 1150']);
    expect(read('More than 3,200 people were evacuated from 14 communities.')).toEqual(['displaced 3200']);
    // Listed after another count, a count of things still ends its clause.
    expect(read('Caritas collected over 3 thousand pieces of clothing and 800 kits for the survivors.')).toEqual([]);
    expect(
      read('Russia sent 509 drones and missiles against eleven regions; the search for the missing has ended.'),
    ).toEqual([]);
  });

  it('reads a poisoning: one person with an age apposed, the toll told at length, hospitals gone to', () => {
    expect(read('In Udon Thani, a British woman, 24, died early Wednesday, the hospital said.')).toEqual(['killed 1']);
    expect(read('A 19-year-old woman died Tuesday evening.')).toEqual(['killed 1']);
    expect(read('The son of a man, 45, died.')).toEqual([]);
    expect(read('The ministry confirmed that a Danish citizen had died in Laos.')).toEqual(['killed 1']);
    expect(read('A teacher had survived the attack.')).toEqual([]);
    expect(read('The number of people who have died after drinking the alcohol has risen to nine.')).toEqual([
      'killed 9',
    ]);
    expect(read('Four other foreigners remained in its intensive care unit on Wednesday.')).toEqual(['hospitalized 4']);
    expect(read('He said eight people from his room had gone to the hospital.')).toEqual(['hospitalized 8']);
  });

  it('reads a bus crash: the injured all taken to hospitals, a toll that could rise if', () => {
    const read = (body: string) => extract(body).map((r) => `${r.measure} ${r.value} ${r.status}`);
    expect(read('Its crews had taken all six injured to hospitals.')).toEqual(['hospitalized 6 reported']);
    expect(read('Its teams transferred the 6 injured to the hospitals.')).toEqual(['hospitalized 6 reported']);
    // "if" opens a clause of its own: the missing man is no measure of the seven.
    expect(
      read(
        "The number of Indonesians killed could rise to seven if they match the missing man's DNA, an official said.",
      ),
    ).toEqual(['killed 7 projected']);
  });

  it('reads an avalanche and a hurricane: translated clocks, body temperatures, past winters, the warded', () => {
    expect(read('Towards 11 of this morning rescuers recovered the bodies of two climbers.')).toEqual(['killed 2']);
    expect(read('"They arrived with a body temperature of 26 degrees," the doctor said.')).toEqual([]);
    expect(read('Gangs rampaging through two hillside suburbs have killed at least 23 people.')).toEqual(['killed 23']);
    expect(read('In all, 21 people died in avalanches last winter, compared with 14 the winter before.')).toEqual([]);
    expect(read('Thus the missing descended to four.')).toEqual(['missing 4']);
    expect(read('Some twenty wounded were transported to the hospitals of Tabarre.')).toEqual(['hospitalized 20']);
    expect(read('Of the 212, 23 were still warded.')).toEqual(['hospitalized 23']);
    expect(read('Three of them are in reanimation.')).toEqual(['hospitalized 3']);
    expect(read('More than 2,300 persons sleep on the floor of the classrooms.')).toEqual(['displaced 2300']);
    expect(read('By then 11,240 people were sheltering at 14 sites.')).toEqual(['displaced 11240']);
    expect(read('On Friday, 21,300 people were in government shelters.')).toEqual(['displaced 21300']);
  });

  it('reads a shooting, a flood and a camp attack: patients in its care, a limb shot, halls slept in, a toll raised', () => {
    expect(read('The hospital said 16 patients remained in its care.')).toEqual(['hospitalized 16']);
    expect(read('A 31-year-old man from Liverpool was shot in the shoulder.')).toEqual(['injured 1']);
    expect(read('About 3,000 people spent the night in sports halls and schools.')).toEqual(['displaced 3000']);
    expect(read('The region said 158 had died, but the ministry raised it to 171.')).toEqual([
      'killed 158',
      'killed 171',
    ]);
    expect(read('Some 312,000 people, three in four of its residents, have now fled.')).toEqual(['displaced 312000']);
    expect(read('Officials expect the final toll to exceed 230 once the remaining missing are found.')).toEqual([
      'killed 230',
    ]);
    expect(read('At a vigil, tens of thousands of people held candles as the names of the dead were read.')).toEqual(
      [],
    );
    expect(read('The 112 line has received more than 4,000 calls about missing persons.')).toEqual([]);
  });

  it('reads a Spanish flood as translated: lodged, sleeping in the houses of relatives, without news, a serious state', () => {
    expect(read('Some 640 neighbours of Albereda remain lodged in the municipal pavilion.')).toEqual(['displaced 640']);
    expect(read('Another 300 sleep in the houses of relatives.')).toEqual(['displaced 300']);
    expect(read('The association spoke of more than 1,900 people without news.')).toEqual(['missing 1900']);
    expect(read('Eleven people were injured, two of them in a serious state.')).toEqual([
      'injured 11',
      'hospitalized 2',
    ]);
  });

  it('reads an earthquake: evacuated to hospitals; the two sides; a past quake after "since October 2005, when"', () => {
    expect(read('Helicopters flew 28 sorties, evacuating 115 injured people to hospitals.')).toEqual([
      'hospitalized 115',
    ]);
    expect(read('The two sides agreed to keep the crossing open.')).toEqual([]);
    expect(read('It is the deadliest since October 2005, when a quake killed more than 73,000 people.')).toEqual([]);
    // A count before it is of now.
    expect(read('The toll is feared to exceed 600, the worst since April 2015, when 1,000 people drowned.')).toEqual([
      'killed 600',
    ]);
  });

  it('reads a stadium crush and an outbreak as translated: passed away, hospitalization, isolation, ages in brackets', () => {
    expect(read('The number of victims who passed away reached 131 people.')).toEqual(['killed 131']);
    expect(read('As many as 39 people are still undergoing hospitalization.')).toEqual(['hospitalized 39']);
    expect(read('By then 36 patients were in isolation.')).toEqual(['hospitalized 36']);
    expect(read('One of the victims, Rizky Ananda (15), a student of class 9, died in the crush.')).toEqual([
      'killed 1',
    ]);
  });

  it('reads Nigerian and Indian English: on admission, referred to, on the ventilator, gave up the ghost', () => {
    expect(read('NEMA said it had taken 56 of the injured to the Aminu Kano Teaching Hospital.')).toEqual([
      'hospitalized 56',
    ]);
    expect(read('Forty-five people were still on admission on Sunday.')).toEqual(['hospitalized 45']);
    expect(read('Four patients were referred to SSG Hospital in Vadodara.')).toEqual(['hospitalized 4']);
    expect(read('One patient is kept on the ventilator.')).toEqual(['hospitalized 1']);
    expect(read('Six more victims gave up the ghost on Wednesday.')).toEqual(['killed 6']);
    expect(read('At least six people from the village have not been seen since Tuesday.')).toEqual(['missing 6']);
  });

  it('reads a tsunami, a camp fire and a heat wave: drowned, swept out to sea, higher ground, expired, without a roof', () => {
    expect(read('Unconfirmed reports said at least three people had drowned in Kolovai.')).toEqual(['killed 3']);
    expect(read('Police said an 81-year-old man had drowned when the first wave came.')).toEqual(['killed 1']);
    expect(read('The sirens of 12 ambulances drowned out the crowd.')).toEqual([]);
    expect(read('Two people, a woman and her teenage grandson, had been swept out to sea.')).toEqual(['missing 2']);
    expect(read('Some 4,500 residents had moved to higher ground.')).toEqual(['displaced 4500']);
    expect(read('The fire left some 21,000 people without shelter.')).toEqual(['displaced 21000']);
    expect(read('Today 21,560 Rohingya are living without roof.')).toEqual(['displaced 21560']);
    expect(read('Of 74 patients, 29 were brought dead and 12 expired during treatment.')).toEqual([
      'killed 29',
      'killed 12',
    ]);
    expect(read('Nine of them had breathed their last before reaching hospital.')).toEqual(['killed 9']);
    expect(read('The permits of 300 traders expired last year.')).toEqual([]);
    expect(read('Seven patients remain in the burn unit of Chattogram Medical College Hospital.')).toEqual([
      'hospitalized 7',
    ]);
    expect(read('11 persons are still being cared for in Vaiola Hospital.')).toEqual(['hospitalized 11']);
    expect(read('More than 2,000 are living in church halls and schools.')).toEqual(['displaced 2000']);
    // Those discharged are in hospital no more; the injured discharged were still injured.
    expect(read('The other 595 patients admitted during the heatwave have been discharged.')).toEqual([]);
    expect(read('The six people injured on Upolu have all been discharged.')).toEqual(['injured 6']);
    // A figure put at a number of things is not the previous figure's measure.
    expect(read('At least 14 people died. The fire service put the number of shelters gutted at 2,500.')).toEqual([
      'killed 14',
    ]);
    expect(read('At least 14 people died. Officials later put the number of dead at 30.')).toEqual([
      'killed 14',
      'killed 30',
    ]);
  });
});
