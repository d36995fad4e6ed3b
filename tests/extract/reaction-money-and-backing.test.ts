// Reactions as donors and foreign ministries word them in stories of other
// kinds (a drought, a hostage siege), each missed or misread before: money
// announced, pledged, approved or signed for is help offered; an
// organisation's fear is concern; "understanding" of the measures taken, the
// army's professionalism saluted and standing "firmly with" a state back its
// authorities; solidarity with "the brotherly Algerian people" is sympathy;
// the Norwegian Refugee Council is no Norway, nor "a Colombian national" who
// died the one who speaks next. Read against the base gazetteer and codebook.
import { describe, expect, it } from 'vitest';
import { reactionReader } from './reaction-reader.ts';

const { read } = reactionReader('2026-03-10');

describe('money for the relief', () => {
  it('announced, pledged, approved or signed for, in any currency, is help offered', () => {
    expect(read('The United States announced $45 million in emergency food assistance for Ethiopia.')).toEqual([
      'United States:offers_help',
    ]);
    expect(read('Britain said on Wednesday it would provide 18 million pounds for nutrition treatment.')).toEqual([
      'United Kingdom:offers_help',
    ]);
    expect(read('The World Bank has approved an additional financing of 250 million USD for the safety net.')).toEqual([
      'World Bank:offers_help',
    ]);
    expect(read('The Government of Japan has signed a grant agreement of 6.5 million USD to procure food.')).toEqual([
      'Japan:offers_help',
    ]);
  });

  it('not a sum that is only mentioned', () => {
    expect(read('The United States said the drought had cost farmers $45 million.')).toEqual([]);
  });
});

describe('concern, sympathy and backing', () => {
  it("an organisation's fear that things get worse is concern", () => {
    expect(read('Save the Children fears that the number of child deaths could exceed 300 by June.')).toEqual([
      'Save the Children:expresses_concern',
    ]);
  });

  it('solidarity with a people named with two adjectives is sympathy, not backing', () => {
    expect(read('Tunisia affirmed its solidarity with the brotherly Algerian people.')).toEqual([
      'Tunisia:expresses_sympathy',
    ]);
  });

  it('"understanding" of the measures, the army\'s professionalism saluted, standing "firmly with" a state', () => {
    expect(
      read('In Moscow, the Ministry of Foreign Affairs of Russia affirmed its "understanding" of the measures taken.'),
    ).toEqual(['Russia:supports_government']);
    expect(
      read(
        'The Secretary General of the League of Arab States saluted "the professionalism and the courage" of the army.',
      ),
    ).toEqual(['Arab League:supports_government']);
    expect(
      read('Kaja Kallas said the European Union stood "firmly with Algeria" in its fight against terrorism.'),
    ).toEqual(['European Union:supports_government']);
  });
});

describe('names that hold a state without being it', () => {
  it("an NGO named with a state's adjective is the NGO", () => {
    expect(
      read(
        'The Norwegian Refugee Council (NRC), which trucks water to a dozen sites, said it feared for the children.',
      ),
    ).toEqual(['Norwegian Refugee Council:sends_aid', 'Norwegian Refugee Council:expresses_concern']);
  });

  it('a nationality said of the dead is not who speaks next', () => {
    expect(
      read(
        'Foreign Secretary Yvette Cooper said six Britons and a Colombian national had been killed. "We are deeply shocked," she said.',
      ),
    ).toEqual(['United Kingdom:expresses_concern']);
  });
});

describe('an election and a crackdown abroad', () => {
  it('the winner congratulated, his victory hailed, ranks closed: backing', () => {
    expect(read('Cuba and Nicaragua congratulated Ramírez Lugo.')).toEqual([
      'Cuba:supports_government',
      'Nicaragua:supports_government',
    ]);
    expect(read('The Kremlin said Vladimir Putin had sent a message hailing his "convincing victory".')).toEqual([
      'Russia:supports_government',
    ]);
    expect(read('Moscow and Beijing have closed ranks with Caracas.')).toEqual([
      'Russia:supports_government',
      'China:supports_government',
    ]);
  });

  it('interference not tolerated', () => {
    expect(read('Maria Zakharova said Russia would not tolerate interference by "external forces."')).toEqual([
      'Russia:rejects_interference',
    ]);
  });

  it('a group of experts speaks for their body; violence to halt, minorities to protect, efforts supported', () => {
    expect(
      read('A group of United Nations human rights experts said they were "deeply alarmed" by the killings.'),
    ).toEqual(['United Nations:urges_rights', 'United Nations:expresses_concern']);
    expect(
      read(
        'The European Parliament urged the authorities to "immediately halt the ethnic and religious violence" and to protect religious minorities.',
      ),
    ).toEqual(['European Union:urges_restraint', 'European Union:urges_rights']);
    expect(
      read(
        'A State Department spokesperson said the United States supported "efforts by Indian authorities to restore peace".',
      ),
    ).toEqual(['United States:supports_government']);
  });
});

describe('help to agree, and a warning not to go', () => {
  it('help offered to reach a settlement is mediation, not aid', () => {
    expect(read('Brazil, Colombia and Mexico offered to help the parties reach "a negotiated solution".')).toEqual([
      'Brazil:urges_dialogue',
      'Colombia:urges_dialogue',
      'Mexico:urges_dialogue',
    ]);
    expect(read('Japan offered to help Turkey with rescue teams.')).toEqual(['Japan:offers_help']);
  });

  it('"not to depart for" a place, "not to fly over" it: a travel warning', () => {
    expect(read("Indonesia's ministry reminded the public not to depart for the hajj using non-hajj visas.")).toEqual([
      'Indonesia:travel_warning',
    ]);
    expect(read('The European Union advised airlines not to fly below 32,000 feet over the North Caucasus.')).toEqual([
      'European Union:travel_warning',
    ]);
  });

  it('flowers laid at a memorial: sympathy', () => {
    expect(read('Turkish Foreign Minister Hakan Fidan laid flowers at the memorial to the victims.')).toEqual([
      'Turkey:expresses_sympathy',
    ]);
  });
});

describe('aid to an earthquake', () => {
  it('rescuers "who arrived", trucks loaded with shelter materials: sent', () => {
    expect(
      read(
        'Greek rescuers from the EMAK special disaster unit, who arrived in Hatay on Tuesday night, pulled a boy out.',
      ),
    ).toEqual(['Greece:sends_aid']);
    expect(read('Marco Ferri said 86 UN trucks loaded with shelter materials crossed through Bab al-Hawa.')).toEqual([
      'United Nations:sends_aid',
    ]);
  });

  it('shelters to be deployed, container homes that "would be sent": offered', () => {
    expect(read('NATO said it would deploy temporary shelters for 4,000 people in the region.')).toEqual([
      'NATO:offers_help',
    ]);
    expect(read('Qatar announced that 10,000 container homes would be sent to the region.')).toEqual([
      'Qatar:offers_help',
    ]);
  });
});

describe('burn patients taken in abroad', () => {
  it('ready to take more, the full cost of treatment covered: offered', () => {
    expect(read("Bulgaria's government said its Military Medical Academy was ready to take more.")).toEqual([
      'Bulgaria:offers_help',
    ]);
    expect(read('Health Minister Adonis Georgiadis said Greece would cover the full cost of treatment.')).toEqual([
      'Greece:offers_help',
    ]);
    // A state's own dead flown home is no help to the state where they died.
    expect(read('The Government of Mexico will cover the expenses of the repatriation of the remains.')).toEqual([]);
  });

  it('specialists who flew in from a centre of theirs: sent', () => {
    expect(
      read(
        'A second team of Greek burn specialists and nurses from the National Centre for Emergency Care flew to Skopje.',
      ),
    ).toEqual(['Greece:sends_aid']);
  });
});
