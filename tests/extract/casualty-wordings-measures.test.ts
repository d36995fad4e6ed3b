// Casualty figures as reporters word them in stories of other kinds than the
// seed's (an air strike, a coup, wildfires): the wordings of each measure (lists
// of counts, one person named by a noun or an age, the hospitalized, the missing,
// the displaced, counts told in parts or in lakh and crore) and what is no toll
// (sums, past years, aid, rates). Sentences modelled on the development stories
// in tests/gold/stories/, each read on its own.
import { describe, expect, it } from 'vitest';
import { casualtyReader } from './casualty-reader.ts';

const { extract, read } = casualtyReader('2026-04-07');

describe('figures as other kinds of story word them', () => {
  it('a list of counts under one measure: "Among the dead were 22 children and 13 women"', () => {
    const read = (body: string) => extract(body).map((r) => `${r.measure} ${r.value} ${r.group}`);
    expect(read('Among the martyrs are 22 children and 13 women, according to the same statement.')).toEqual([
      'killed 22 civilians',
      'killed 13 civilians',
    ]);
    expect(read('The dead included 22 children and 13 women.')).toEqual(['killed 22 civilians', 'killed 13 civilians']);
    expect(read('Police arrested 12 students, 30 workers and five teachers on Monday.')).toEqual([
      'arrested 12 all',
      'arrested 30 all',
      'arrested 5 all',
    ]);
    // A count with a verb of its own is not in the list: the workers were evacuated, not killed.
    expect(read('Five people died and 30 workers were evacuated.')).toEqual(['killed 5 all', 'displaced 30 all']);
    expect(read('The attack killed 12 people and 300 cattle.')).toEqual(['killed 12 all']);
  });

  it('a part of people counted before, in a new state: "64 of the wounded from Um Haraz had been admitted"', () => {
    const read = (body: string) => extract(body).map((r) => `${r.measure} ${r.value} ${r.status}`);
    expect(read('Doctors said 64 of the wounded from Um Haraz had been admitted since Monday night.')).toEqual([
      'hospitalized 64 reported',
    ]);
    expect(read('Three of the injured in Kisumu later died in hospital.')).toEqual(['killed 3 reported']);
    // The toll may rise; the dozens in critical condition, the reason it may, are counted now.
    expect(
      read(
        'The group, which has run clinics since the war began in April 2023, said the toll was likely to rise because dozens of the wounded were in critical condition.',
      ),
    ).toEqual(['hospitalized 24 reported']);
    expect(read('The toll could rise as high as 300.')).toEqual(['killed 300 projected']);
  });

  it('ages are no counts, and one person told by age is one: "aged 24 and 57", "arrested a 61-year-old man"', () => {
    const read = (body: string) => extract(body).map((r) => `${r.measure} ${r.value} ${r.group} ${r.phrase}`);
    expect(read('Two volunteer firefighters, aged 24 and 57, died on Sunday afternoon.')).toEqual([
      'killed 2 civilians Two',
    ]);
    expect(read('Police said they had arrested two men, aged 33 and 45, on suspicion of arson.')).toEqual([
      'arrested 2 all two',
    ]);
    expect(read('Police said they arrested a 61-year-old man on Sunday.')).toEqual([
      'arrested 1 all a 61-year-old man',
    ]);
    expect(read('The last of the missing, a 19-year-old seasonal worker from Albania, was found dead.')).toEqual([
      'killed 1 all a 19-year-old seasonal worker from Albania',
    ]);
    expect(read('Brian Otieno, a 24-year-old rider, said he saw it.')).toEqual([]);
    expect(read('Flames engulfed the truck, killing his two crewmates.')).toEqual(['killed 2 all two']);
  });

  it('one person named by a noun is one where a measure holds it: "killed a police constable and a teacher"', () => {
    const read = (body: string) => extract(body).map((r) => `${r.measure} ${r.value} ${r.group} ${r.phrase}`);
    expect(read('A police officer was killed and three others were wounded, the ministry said.')).toEqual([
      'killed 1 security_forces A police officer',
      'injured 3 security_forces three',
    ]);
    // The verb's first objects before a count: "killed a teacher and two students", "killed the driver, 12 passengers".
    expect(read('The gunman killed a lecturer and two students.')).toEqual([
      'killed 1 all a lecturer',
      'killed 2 all two',
    ]);
    expect(read('The attack killed the driver, 12 passengers and a guard.')).toEqual([
      'killed 12 all 12',
      'killed 1 all a guard',
    ]);
    // A translation's noun before its number: "killed bandits 11", "wounded others seven".
    expect(read('On Tuesday they killed volunteers five and wounded others seven.')).toEqual([
      'killed 5 all five',
      'injured 7 all seven',
    ]);
    expect(read('Police arrested protesters 3 hours after the march.')).toEqual([]);
    expect(read('Police arrested a contractor and an engineer.')).toEqual([
      'arrested 1 all a contractor',
      'arrested 1 all an engineer',
    ]);
    // An age between commas after a person is no count.
    expect(read('A flight attendant, 34, died on Wednesday.')).not.toContain('killed 34 all 34');
    expect(read('A soldier died of his wounds on Tuesday, the army said.')).toEqual([
      'killed 1 security_forces A soldier',
    ]);
    // A list: each person is one, of the verb before the list or of the count it goes on from.
    expect(
      read('"The hoodlums killed a police constable and a civil defence officer who were guarding the gate," he said.'),
    ).toEqual(['killed 1 security_forces a police constable', 'killed 1 security_forces a civil defence officer']);
    expect(read('Gunmen stormed the school, killing two guards and a teacher, police said.')).toEqual([
      'killed 2 all two',
      'killed 1 all a teacher',
    ]);
    // No measure holds them: a speaker, a subject of another verb, a noun ("an official death toll").
    expect(read('A police officer said the road was closed.')).toEqual([]);
    expect(read('Two parents and a local official told reporters the ransom was paid.')).toEqual([]);
    expect(read('Bangladesh now has an official death toll.')).toEqual([]);
    // After a preposition, one of a toll, or a part of a whole just counted: no row of its own.
    expect(read('The son of a soldier killed in 2014 spoke at the rally.')).toEqual([]);
    expect(read('Among the dead was a teacher.')).toEqual([]);
    expect(
      read('Police have arrested 11 people: nine crew members held since June, and a Libyan man detained in Bari.'),
    ).toEqual(['arrested 11 all 11']);
  });

  it('in hospital by the words around a count: "taken 35 wounded people to hospitals", "still being treated"', () => {
    expect(read('Its crews had taken 35 wounded people to hospitals and collected 11 bodies.')).toEqual([
      'hospitalized 35',
      'killed 11',
    ]);
    expect(read('The aircraft transported 14 of the seriously injured to hospitals in Ankara.')).toEqual([
      'hospitalized 14',
    ]);
    expect(read('Doctors said 19 of the wounded were still being treated on Sunday.')).toEqual(['hospitalized 19']);
    // "injured" qualifying the people taken to hospital; "very critical"; treated where they fell is only hurt.
    expect(read('Seven injured people were taken to hospital.')).toEqual(['hospitalized 7']);
    expect(read('Seven wounded soldiers were evacuated by helicopter.')).toEqual(['injured 7']);
    expect(read('Four of them are in a very critical condition.')).toEqual(['hospitalized 4']);
    expect(read('Seven people were treated at the scene.')).toEqual(['injured 7']);
    expect(read('An air force helicopter flew six of the injured to the Hospital Universitario in Pasto.')).toEqual([
      'hospitalized 6',
    ]);
    expect(read('The hospital said it had admitted 14 of the wounded on Thursday.')).toEqual(['hospitalized 14']);
    expect(read('Three of the wounded remain in danger of life, the director said.')).toEqual(['hospitalized 3']);
    expect(read('Seven people died while 11 people remain under treatment.')).toEqual(['killed 7', 'hospitalized 11']);
  });

  it('the missing, the moved and the held as other stories word them: "could not be found", "held pending trial"', () => {
    expect(read('He said 112 people from his ward could not be found.')).toEqual(['missing 112']);
    expect(read('About 2,900 people from the villages have been moved into care centres.')).toEqual(['displaced 2900']);
    expect(read('About 5,000 more people living further downhill were relocated.')).toEqual(['displaced 5000']);
    expect(read('Prosecutors have now ordered seven people held pending trial.')).toEqual(['arrested 7']);
    // The dead as they are handled, and "among the identified dead"; not those "buried under the rubble".
    expect(read('Another 27 were brought to the morgue on Friday.')).toEqual(['killed 27']);
    expect(read('Some 1,370 unidentified victims have been buried in mass graves.')).toEqual(['killed 1370']);
    expect(read('About 200 people were buried under the rubble.')).toEqual([]);
    expect(read('Among the identified dead are 1,017 children.')).toEqual(['killed 1017']);
    // Taken to hospital by road; a hospital's patients received are hurt; the citizens a country lost are dead.
    expect(read('Seven injured people had been taken by road to Wabag General Hospital.')).toEqual(['hospitalized 7']);
    expect(read('The hospital said it had received seven patients on Thursday night.')).toEqual(['injured 7']);
    expect(read('France lost one citizen in the crash, the ministry said.')).toEqual(['killed 1']);
    expect(read('The ruling party lost 12 seats.')).toEqual([]);
    // One more of the people just counted: "three died, one is in hospital and one is still missing".
    expect(
      read('Of the five Ecuadorians on board, three died, one is in hospital in Pasto and one is still missing.'),
    ).toEqual(['killed 3', 'hospitalized 1', 'missing 1']);
    expect(read('Three people died, and one has to wonder why.')).toEqual(['killed 3']);
    // A toll that could be: "the number of dead could be more than 40", "the real number could exceed 150".
    const status = (body: string) => extract(body).map((r) => `${r.measure} ${r.value} ${r.status}`);
    expect(status('Erazo said that the number of dead "could be more than 40 by the morning."')).toEqual([
      'killed 40 projected',
    ]);
    expect(status('Deaths could reach 300 by the end of the week, the agency warned.')).toEqual([
      'killed 300 projected',
    ]);
    expect(status('The deaths in the state may exceed 400 until the end of March.')).toEqual(['killed 400 projected']);
    expect(status('Police said 40 people are missing; an official said the real number could exceed 150.')).toEqual([
      'missing 40 reported',
      'missing 150 projected',
    ]);
    expect(read('The dead will be buried on Friday in 3 cemeteries.')).toEqual([]);
    // A figure spoken of again: "a figure of", "an earlier total of"; not "a number of" nor "a total of", which are new.
    expect(
      read(
        'The ministry put the death toll at 24 on Thursday, lowering a figure of 26 that the governorate had given.',
      ),
    ).toEqual(['killed 24', 'killed 26']);
    expect(read('Twelve people died. The city had carried out a number of 1,312 demolitions.')).toEqual(['killed 12']);
    // Who they are and where they were hurt, then where they are now: in hospital; the dead buried are dead.
    expect(read('The hospital said 11 patients wounded in the fighting were still on its wards.')).toEqual([
      'hospitalized 11',
    ]);
    expect(read('Officials said 12 people killed in the attack were buried on Monday.')).toEqual(['killed 12']);
    // Translations' "interned", patients kept in treatment units, under treatment in an institute.
    expect(read('The 23 patients were interned in the rural hospital of Mutarara.')).toEqual(['hospitalized 23']);
    expect(read('Sixteen patients remained in treatment units on Monday.')).toEqual(['hospitalized 16']);
    expect(read('At present 36 burn-injured are under treatment in the institute.')).toEqual(['hospitalized 36']);
    // Patients in a condition, or injured, who then died are dead, not in hospital nor hurt.
    expect(read('The hospital said 2 more patients in critical condition could not be saved.')).toEqual(['killed 2']);
    expect(
      read('Three more injured persons, who were admitted in the ICU of the medical college, died on Tuesday.'),
    ).toEqual(['killed 3']);
    expect(read('Two more injured who were under treatment in the hospital could not survive.')).toEqual(['killed 2']);
    // A translation's "the number of the injured is told 124".
    expect(read('According to the officials, the number of the injured is told 124.')).toEqual(['injured 124']);
    // A toll whose event is told at length before its verb; a translation's "balance of deceased".
    expect(
      read(
        "The death toll from Wednesday's head-on collision between the Lalazar Express and a coal train near Chandia Road rose to 43.",
      ),
    ).toEqual(['killed 43']);
    expect(read('The balance of deceased in the riot of the Regional Prison ascended this Monday to 29.')).toEqual([
      'killed 29',
    ]);
    // A measure's own word heads its toll, right before the verb; "number" is then a verb, not a label.
    expect(read('Deaths now total 212, the ministry said.')).toEqual(['killed 212']);
    expect(read('Deaths in the state rose to 400 on Monday.')).toEqual(['killed 400']);
    expect(read('The dead now number 64, police said.')).toEqual(['killed 64']);
    expect(read('Deaths were reported from 12 provinces.')).toEqual([]);
    expect(read('The family lives at number 12 with three children.')).toEqual([]);
    // Only a verb of rising reaches that far: not "of" after a head of another kind.
    expect(
      read(
        'Chaos and arrests On Thursday, the Russian Information Agency reported – quoting the organization – that its peacekeeping force will include a total of about 2,500 personnel.',
      ),
    ).toEqual([]);
  });

  it('no toll in sums, in a past year or without its verb: "30 million VND", "in 2025"; "the killing of the five"', () => {
    const read = (body: string, published?: string) =>
      extract(body, published).map((r) => `${r.measure} ${r.value} ${r.group}`);
    expect(read('The city will pay 30 million VND for each family that lost a person who died.')).toEqual([]);
    // Shares, teams and the discharged are no tolls either.
    expect(read('In some towns one in every ten residents has been injured.')).toEqual([]);
    expect(read('A team of four officials reached the port to help identify the dead.')).toEqual([]);
    expect(read('The hospital said it had discharged 30 patients with light injuries.')).toEqual([]);
    // A year alone before publication: recalled in January, another event by October.
    const past = 'Government figures show 742 people were killed in workplace accidents in 2025.';
    expect(read(past, '2026-10-23')).toEqual([]);
    expect(read(past, '2026-01-12')).toEqual(['killed 742 all']);
    expect(read('The attack left 32 dead, in addition to the killing of the five attackers.')).toEqual([
      'killed 32 all',
      'killed 5 protesters',
    ]);
  });

  it('people who cannot go home are displaced: nights in hotels and gyms, sleeping aboard ferries', () => {
    expect(
      read('Some 2,100 people from the southern districts spent a third night in hotels and school gyms.'),
    ).toEqual(['displaced 2100']);
    expect(read('On the island, 380 residents whose homes burned are sleeping aboard two ferries.')).toEqual([
      'displaced 380',
    ]);
    expect(read('About 900 people from the burnt villages are still unable to return home.')).toEqual([
      'displaced 900',
    ]);
    expect(read('More than 1,200 people from the villages are now sleeping in the school of Ambum.')).toEqual([
      'displaced 1200',
    ]);
    // Refugees as a border counts them.
    expect(read('The UNHCR said about 1,800 Mozambicans had crossed into Malawi since Saturday.')).toEqual([
      'displaced 1800',
    ]);
    expect(read('Togo says some 4,200 Beninese had crossed at Hilla-Condji.')).toEqual(['displaced 4200']);
    expect(read('Officials said 6,300 Mozambicans had registered as asylum-seekers.')).toEqual(['displaced 6300']);
  });

  it('subjects joined by "and" share the verb after them: "four members of the Republican Guard and two of the mutineers were killed"', () => {
    const read = (body: string) => extract(body).map((r) => `${r.measure} ${r.value} ${r.group}`);
    expect(
      read('A military source said four members of the Republican Guard and two of the mutineers were killed.'),
    ).toEqual(['killed 4 security_forces', 'killed 2 security_forces']);
    expect(read('Seven ministers and two journalists remain in custody.')).toEqual([
      'arrested 7 all',
      'arrested 2 civilians',
    ]);
    // Not across a count of things: the protesters were shot at, not killed.
    expect(
      read(
        'Police fired tear gas at thousands of protesters in Nairobi and at least six other towns, killing at least eight people.',
      ),
    ).toEqual(['killed 8 all']);
  });

  it('reads translated and other wordings of the measures', () => {
    expect(read('The ministry advances the figure of 9 deceased and 40 wounded.')).toEqual(['killed 9', 'injured 40']);
    expect(read('Some 23 persons lost the life during the demonstrations.')).toEqual(['killed 23']);
    expect(read('More than 300 persons were interpellated.')).toEqual(['arrested 300']);
    expect(read('Four activists are untraceable.')).toEqual(['missing 4']);
    expect(read('Thousands are fleeing.')).toEqual(['displaced 2000']);
    expect(read('A Reuters witness saw the body of a man near the palace.')).toEqual(['killed 1']);
    expect(read('The body of one of them was found beheaded.')).toEqual([]);
  });

  it('leaves out what is not this event: people released, what came "even before", a month and its year', () => {
    expect(
      read('Lawyers say 312 people have been detained since the coup, of whom 140 have since been released.'),
    ).toEqual(['arrested 312']);
    expect(read('Even before the coup, jihadist attacks killed more than 150 soldiers.')).toEqual([]);
    expect(read('A single attack in April 2025 killed 54 soldiers near the park.', '2026-09-08')).toEqual([]);
  });

  it('codebook frames beat a verb alone: "treating 74 patients", "forced 300 residents to flee"', () => {
    expect(read('Doctors at the hospital said they were treating 74 patients.')).toEqual(['hospitalized 74']);
    expect(read('Its teams had admitted more than 600 patients there since Jan. 24.')).toEqual(['hospitalized 600']);
    expect(read('Medics treated 40 people for burns.')).toEqual(['injured 40']);
    expect(read('The blaze forced 300 residents to flee.')).toEqual(['displaced 300']);
    // Aid is counted in things, whoever it is for.
    expect(read('The Red Crescent distributed 5,000 hot meals to the displaced in the centres.')).toEqual([]);
    expect(read('The agency sent 200 tents and 1,000 blankets for 3,000 displaced people.')).toEqual([
      'displaced 3000',
    ]);
  });

  it('reads the Indian numbering system: "two lakh people", "1.5 crore devotees"', () => {
    const read = (body: string) => extract(body).map((r) => `${r.measure} ${r.value} ${r.phrase}`);
    expect(read('As many as two lakh people were displaced.')).toEqual(['displaced 200000 As many as two lakh']);
    expect(read('Nearly 1.5 lakh people were left homeless.')).toEqual(['displaced 150000 Nearly 1.5 lakh']);
    expect(read('More than 1.5 crore devotees took a dip; 30 were killed.')).toEqual(['killed 30 30']);
  });

  it('reads wounds suffered and patients admitted: "two firemen suffered light wounds", "admitted six others"', () => {
    expect(read('Two firemen suffered light wounds in a fall.')).toEqual(['injured 2']);
    expect(read('Four rangers sustained burns.')).toEqual(['injured 4']);
    expect(read("The General Hospital treated nine people, while St. Anne's admitted six others.")).toEqual([
      'injured 9',
      'hospitalized 6',
    ]);
    expect(read('The minister admitted 3 mistakes.')).toEqual([]);
    // A part of the patients counted, in the same state: no figure of its own.
    expect(read('The director said 47 patients were being treated, 19 of them with burns.')).toEqual([
      'hospitalized 47',
    ]);
  });

  it('reads counts of more, and counts whose verb after "and" is the next count\'s', () => {
    expect(read('Police arrested 40 people and detained a further 12 for questioning.')).toEqual([
      'arrested 40',
      'arrested 12',
    ]);
    expect(read('Police detained another 12 people.')).toEqual(['arrested 12']);
    // Those infected are no dead: "killed" is the verb of the 61.
    expect(read('The outbreak has infected 3,400 people and killed 61.')).toEqual(['killed 61']);
    expect(read('The storm left 3,400 people without power and killed 61.')).toEqual(['killed 61']);
    expect(read('Police killed 5 and wounded 12.')).toEqual(['killed 5', 'injured 12']);
  });

  it('reads the last hours or days as now, the past years as another event', () => {
    expect(read('The ministry reported 1,245 new cases and 17 deaths in the past 24 hours.')).toEqual(['killed 17']);
    expect(read('Nine people died in the past week.')).toEqual(['killed 9']);
    expect(read('At least 40 buildings have collapsed in the past five years, killing more than 100 people.')).toEqual(
      [],
    );
    expect(read('In the past, 40 people had died in similar floods.')).toEqual([]);
  });

  it('reads the parts of a toll named by its noun: "The toll includes 14 children"', () => {
    expect(read('The toll includes 14 children and three police officers.')).toEqual(['killed 14', 'killed 3']);
    expect(read('The death toll included 22 children.')).toEqual(['killed 22']);
  });

  it('reads people swept away by a flood as missing, not the houses it washed away', () => {
    expect(read('Floodwaters swept away 11 people, including four children.')).toEqual(['missing 11']);
    expect(read('Eleven people were swept away by the current.')).toEqual(['missing 11']);
    expect(read('The river washed away 40 houses.')).toEqual([]);
  });

  it('reads people driven from their homes or uprooted as displaced, not the trees a storm uprooted', () => {
    expect(read('The fighting has driven 45,000 people from their homes.')).toEqual(['displaced 45000']);
    expect(read('The clashes drove more than 8,000 residents from their homes.')).toEqual(['displaced 8000']);
    expect(read('More than 10,000 people have been uprooted by the violence.')).toEqual(['displaced 10000']);
    expect(read('Militias forced 2,300 people out of their homes.')).toEqual(['displaced 2300']);
    expect(read('The storm uprooted 300 trees and tore off 40 roofs.')).toEqual([]);
  });

  it('reads who a count is, set off by commas, as no count of its own; a rate over years as no toll', () => {
    expect(
      read(
        'Two of the injured, a French guide and a German woman, were flown to the hospital in Aosta in critical condition.',
      ),
    ).toEqual(['hospitalized 2']);
    expect(read('Avalanches kill about 100 people a year across the Alps.')).toEqual([]);
    expect(read('Methanol poisoning kills hundreds of people every year.')).toEqual([]);
    expect(read('Malaria kills more than 600,000 people annually.')).toEqual([]);
    expect(read('The floods killed 100 people a year ago.')).toEqual(['killed 100']);
  });

  it('reads one of those counted before in a new state, in a sentence of its own, and the dead a body puts at', () => {
    expect(read('Two people were injured. One of them remains in hospital in Mandeville.')).toEqual([
      'injured 2',
      'hospitalized 1',
    ]);
    expect(read('Five people were injured, one of them seriously.')).toEqual(['injured 5']);
    expect(read('Two people were injured. One of them was badly hurt.')).toEqual(['injured 2']);
    expect(read("The council puts the parish's dead at nine.")).toEqual(['killed 9']);
  });

  it('reads who the dead were before their verb: "nine Rohingya refugees, four of them children, were killed"', () => {
    expect(
      read('At least nine Rohingya refugees, four of them children, were killed and more than 50 injured.'),
    ).toEqual(['killed 9', 'injured 50']);
    expect(read('Some 30 Syrian refugees were injured in the blast.')).toEqual(['injured 30']);
    expect(read('About 2,000 Sudanese refugees crossed into Chad.')).toEqual(['displaced 2000']);
    // A part in another state is still a figure of its own.
    expect(read('At least 40 people were wounded, five of them to intensive care.')).toEqual([
      'injured 40',
      'hospitalized 5',
    ]);
  });
});
