// Reactions as other kinds of story word them (an air strike, a coup,
// wildfires): which actor a reaction is given to (lists kept whole, bodies named
// for their owners, a cue's own subject, names that hold a cue, "the two
// agencies", office-holders, every UN member state). Sentences modelled on the
// development stories in tests/gold/stories/, each read on its own against the
// base gazetteer and codebook.
import { describe, it, expect } from 'vitest';
import { reactionReader } from './reaction-reader.ts';

const { extract, read } = reactionReader('2026-04-07');

describe('reactions as other kinds of story word them', () => {
  it('keeps a list whole across an aside: "Norway – the so-called Troika – and the European Union"', () => {
    const all = (stance: string) =>
      ['United States', 'United Kingdom', 'Norway', 'European Union'].map((actor) => `${actor}:${stance}`);
    expect(
      read(
        'In a joint statement, the United States, the United Kingdom and Norway – the so-called Troika on Sudan – and the European Union urged both parties to agree to an immediate humanitarian truce.',
      ),
    ).toEqual(all('urges_restraint'));
    expect(read('Japan (a major donor) and Canada offered humanitarian aid.')).toEqual([
      'Japan:offers_help',
      'Canada:offers_help',
    ]);
  });

  it('gives a body named for its owners to each of them: "the joint environment unit of UNEP and OCHA"', () => {
    expect(
      read(
        "The joint environment unit of the UN Environment Programme (UNEP) and OCHA, the UN's humanitarian office, offered to deploy experts.",
      ),
    ).toEqual([
      'United Nations Environment Programme:offers_help',
      'United Nations Office for the Coordination of Humanitarian Affairs:offers_help',
    ]);
    // Not the stability and security of a state, which is what was spoken of.
    expect(read('He said the stability and security of Kazakhstan were of paramount importance to Iran.')).toEqual([]);
  });

  it('gives a cue to its own subject, not to whoever reports it: "he said that Qatar stands beside Somalia"', () => {
    expect(read('He said that Japan was deeply concerned by the violence.')).toEqual(['Japan:expresses_concern']);
    expect(read('He said that Qatar stands beside Somalia in all the measures it takes.')).toEqual([
      'Qatar:supports_government',
    ]);
    // A title written with a hyphen is a title: the name after "of" is whose it is.
    expect(
      read('The Secretary-General of the League of Arab States, Ahmed Aboul Gheit, expressed deep concern.'),
    ).toEqual(['Arab League:expresses_concern']);
  });

  it('reads a translation\'s "messages of condolence of the Ambassador of Korea and the Ambassador of Japan"', () => {
    expect(
      read(
        'The vice chairman received the messages of condolence of the Ambassador of the Republic of Korea and the Ambassador of Japan.',
      ),
    ).toEqual(['South Korea:expresses_sympathy', 'Japan:expresses_sympathy']);
    // Offers of a grant, or of one specialist.
    expect(read('Tokyo has also offered a grant of 50 million yen.')).toEqual(['Japan:offers_help']);
    expect(read('The WHO said it would send a clinical toxicologist from its regional office in Manila.')).toEqual([
      'World Health Organization:offers_help',
    ]);
  });

  it('reads past the place a sentence opens on: "In Washington, the US Centers for Disease Control …"', () => {
    expect(
      read(
        'In Washington, the US Centers for Disease Control and Prevention raised its travel health notice for Brazil to Level 2.',
      ),
    ).toEqual(['United States:travel_warning']);
    expect(
      read(
        'In Harare, Zimbabwe\'s Foreign Minister Tendai Moyo said Zimbabwe "stands firmly with the government and people of Mozambique".',
      ),
    ).toEqual(['Zimbabwe:supports_government']);
  });

  it('prays for the children taken; "the U.N. children\'s agency" is UNICEF', () => {
    expect(read('At his general audience, Pope Leo XIV prayed for the students taken from their school.')).toEqual([
      'Holy See:expresses_sympathy',
    ]);
    expect(read("The U.N. children's agency's representative said its staff were ready to provide support.")).toEqual([
      "United Nations Children's Fund:offers_help",
    ]);
  });

  it('"the two agencies" are the actors last listed as speaking together, and only they', () => {
    expect(
      read(
        'UNHCR and the IOM said in a joint statement that they were deeply saddened. The two agencies called for calm.',
      ),
    ).toEqual([
      'United Nations High Commissioner for Refugees:expresses_sympathy',
      'International Organization for Migration:expresses_sympathy',
      'United Nations High Commissioner for Refugees:urges_restraint',
      'International Organization for Migration:urges_restraint',
    ]);
    // One actor before is no pair.
    expect(read('The WHO said it was worried. The two agencies called for calm.')).toEqual([
      'World Health Organization:expresses_concern',
    ]);
    // "They" opening a sentence, too; not in a sentence that names its actors before it, nor after people who are none.
    expect(
      read(
        'In a joint statement, the ambassadors of Germany and Sweden called for calm. They also urged the government to let workers organise.',
      ),
    ).toEqual(['Germany:urges_restraint', 'Sweden:urges_restraint', 'Germany:urges_rights', 'Sweden:urges_rights']);
    expect(read('Amnesty International and Human Rights Watch said they were appalled.')).toEqual([
      'Amnesty International:expresses_concern',
      'Human Rights Watch:expresses_concern',
    ]);
    expect(read('Rescuers said they had pulled 12 people from the rubble. They called for calm.')).toEqual([]);
  });

  it('reads a cue inside a name as the name: "UN High Commissioner for Human Rights", KSrelief', () => {
    expect(
      read('11 April 2026 — The UN High Commissioner for Human Rights on Friday said he was appalled by the attack.'),
    ).toEqual(['United Nations:expresses_concern']);
    expect(
      read(
        "Saudi Arabia's King Salman Humanitarian Aid and Relief Centre (KSrelief) said it had flown 20 tonnes of medicines to El Obeid.",
      ),
    ).toEqual(['Saudi Arabia:sends_aid']);
  });

  it('knows the office-holders of 2025–2026 who speak for the main actors', () => {
    const speakers = (body: string): string[] => extract(body).rows.map((r) => `${r.actor}:${r.stance}:${r.speaker}`);
    expect(speakers('Kaja Kallas said she was appalled by the killings.')).toEqual([
      'European Union:expresses_concern:Kaja Kallas',
    ]);
    expect(speakers('Marco Rubio urged all sides to exercise restraint.')).toEqual([
      'United States:urges_restraint:Marco Rubio',
    ]);
    expect(speakers('Foreign ministry spokesman Lin Jian said Lin was deeply concerned.')).toEqual([
      'China:expresses_concern:Lin Jian',
    ]);
    // "King Salman" in a name is not the crown prince.
    expect(
      read(
        "Saudi Arabia's King Salman Humanitarian Aid and Relief Centre (KSrelief) said it had flown 20 tonnes of medicines.",
      ),
    ).toEqual(['Saudi Arabia:sends_aid']);
  });

  it('knows every UN member state, by name, adjective and capital', () => {
    expect(read('Mali, Burkina Faso and Niger expressed support for the authorities in Bamako.')).toEqual([
      'Mali:supports_government',
      'Burkina Faso:supports_government',
      'Niger:supports_government',
    ]);
    expect(read('The Ivorian foreign ministry urged restraint, and Lomé called for dialogue.')).toEqual([
      "Côte d'Ivoire:urges_restraint",
      'Togo:urges_dialogue',
    ]);
    expect(read('Croatia and Cyprus sent firefighting planes and aid.')).toEqual([
      'Croatia:sends_aid',
      'Cyprus:sends_aid',
    ]);
  });
});
