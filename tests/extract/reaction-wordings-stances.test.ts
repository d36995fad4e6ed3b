// Reactions as other kinds of story word them (an air strike, a coup,
// wildfires): the stance each wording takes (sympathy, aid sent and help
// offered, denials, rights urged, warnings against travel), as the reactions to
// fires, a coup, a disaster, migrant workers' deaths and an epidemic word them.
// Sentences modelled on the development stories in tests/gold/stories/, each
// read on its own against the base gazetteer and codebook.
import { describe, it, expect } from 'vitest';
import { reactionReader } from './reaction-reader.ts';

const { read } = reactionReader('2026-04-07');

describe('reactions as other kinds of story word them', () => {
  it('solidarity "in this difficult moment" is sympathy; to donate is to send aid, whatever is given', () => {
    expect(read('Japan\'s ambassador said Tokyo "stands with Brazil in this difficult moment".')).toEqual([
      'Japan:expresses_sympathy',
    ]);
    // Without it, standing with a state is backing its government.
    expect(read('France said it stands firmly with Austria.')).toEqual(['France:supports_government']);
    expect(read('Japan donated 30 insecticide sprayers and 200,000 rapid diagnostic tests.')).toEqual([
      'Japan:sends_aid',
    ]);
    expect(read('UNICEF said it had delivered 120,000 bottles of insect repellent.')).toEqual([
      "United Nations Children's Fund:sends_aid",
    ]);
  });

  it('reads how detainees are treated: "cruel, inhuman or degrading treatment", "allowed to see lawyers"', () => {
    expect(
      read('Volker Türk said the images "may amount to cruel, inhuman or degrading treatment" of the inmates.'),
    ).toEqual(['United Nations:criticizes_crackdown']);
    expect(read('Human Rights Watch demanded that detainees be allowed to see lawyers and relatives.')).toEqual([
      'Human Rights Watch:urges_rights',
    ]);
  });

  it('reads denials as they are worded, and "innocent civilians" as no denial', () => {
    expect(read('The RSF said it had no aircraft and denied having any drones in the area.')).toEqual([
      'Rapid Support Forces:denies_involvement',
    ]);
    expect(read('The militia renewed its denial of any responsibility, Rwanda said.')).toEqual([
      'Rwanda:denies_involvement',
    ]);
    expect(
      read(
        "N'Djamena denied, in a communiqué of the Chadian Ministry of Foreign Affairs, the accusations of the army.",
      ),
    ).toEqual(['Chad:denies_involvement']);
    expect(read('Egypt expressed deep concern over "the targeting of the innocent civilians".')).toEqual([
      'Egypt:expresses_concern',
    ]);
    expect(read('Rwanda insisted it was innocent.')).toEqual(['Rwanda:denies_involvement']);
  });

  it('reads firefighting help: planes and firefighters sent, help ready to be sent, an offer from a state', () => {
    expect(
      read(
        'In a joint statement, the interior ministers of France, Italy, Spain and Portugal said they were deeply saddened.',
      ),
    ).toEqual(['France', 'Italy', 'Spain', 'Portugal'].map((actor) => `${actor}:expresses_sympathy`));
    expect(read('Germany sent 56 firefighters with 24 trucks by ferry.')).toEqual(['Germany:sends_aid']);
    expect(read("Italy's dispatch of two Canadair water bombers on Sunday night was welcome.")).toEqual([
      'Italy:sends_aid',
    ]);
    expect(read('Two heavy helicopters from Sweden landed in Achaia.')).toEqual(['Sweden:sends_aid']);
    expect(read('The minister said Ankara was ready to send two amphibious aircraft if asked.')).toEqual([
      'Turkey:offers_help',
    ]);
    expect(read('Bulgaria expressed its readiness to send firefighters.')).toEqual(['Bulgaria:offers_help']);
    expect(read('Athens turned down an offer from Moscow of two amphibious aircraft.')).toEqual(['Russia:offers_help']);
  });

  it('reads the reactions to a coup: mediators, evacuations, troops pledged, translations from French', () => {
    // Who held an office once speaks for no one by it: the mission is the bloc's (a mediation, a call to talk).
    expect(
      read(
        'The ECOWAS Commission president said that former Ghanaian president Nana Akufo-Addo would lead a mediation mission.',
      ),
    ).toEqual(['Economic Community of West African States:urges_dialogue']);
    expect(read('In Paris, the Quai d\'Orsay "strongly urged" all sides to exercise restraint.')).toEqual([
      'France:urges_restraint',
    ]);
    expect(read('France stopped short of condemning the use of force against protesters.')).toEqual([]);
    expect(read('The CEDEAO and the HCR dispatched tents and hygiene kits to the border.')).toEqual([
      'Economic Community of West African States:sends_aid',
      'United Nations High Commissioner for Refugees:sends_aid',
    ]);
    expect(read('Its embassy told the roughly 6,000 French nationals in Benin to stay at home.')).toEqual([]);
    expect(read('France told the roughly 6,000 French nationals in Benin to stay at home.')).toEqual([
      'France:travel_warning',
    ]);
    expect(read('Germany has chartered two flights from Lomé for citizens wishing to leave.')).toEqual([
      'Germany:travel_warning',
    ]);
    expect(read('Beijing said it opposed "any external interference".')).toEqual(['China:rejects_interference']);
    expect(read("Senegal and Côte d'Ivoire have pledged troops to the standby force.")).toEqual([
      'Senegal:sends_troops',
      "Côte d'Ivoire:sends_troops",
    ]);
    expect(read('The UNHCR appealed for $18 million to cover the next three months.')).toEqual([
      'United Nations High Commissioner for Refugees:offers_help',
    ]);
    expect(read('Human Rights Watch urged the junta to restore mobile internet.')).toEqual([
      'Human Rights Watch:urges_rights',
    ]);
    expect(
      read('Niger, Mali and Burkina Faso said they stand by the people of Benin and their new authorities.'),
    ).toEqual(['Niger:supports_government', 'Mali:supports_government', 'Burkina Faso:supports_government']);
    expect(
      read('Maria Zakharova estimated that the country must settle its problems without external interference.'),
    ).toEqual(['Russia:rejects_interference']);
  });

  it('reads help sent and offered to a disaster, sympathy and concern as worded', () => {
    expect(read('Four water-dropping planes were sent, two each from Italy and Croatia.')).toEqual([
      'Italy:sends_aid',
      'Croatia:sends_aid',
    ]);
    expect(read('Crews welcomed the arrival of two more from Spain.')).toEqual(['Spain:sends_aid']);
    expect(read('Two heavy helicopters from Sweden landed in Achaia.')).toEqual(['Sweden:sends_aid']);
    expect(read('Two Turkish firefighting airplanes arrived on Wednesday at the airport.')).toEqual([
      'Turkey:sends_aid',
    ]);
    expect(read("Athens' refusal of Moscow's offer of two Be-200 aircraft drew an angry response.")).toEqual([
      'Russia:offers_help',
    ]);
    expect(read('The EU promised an advance of €30 million.')).toEqual(['European Union:offers_help']);
    expect(read('Ursula von der Leyen said the bloc would send "everything Greece needs".')).toEqual([
      'European Union:offers_help',
    ]);
    expect(read('Spain said its aircraft and crews will remain in Greece for as long as they are needed.')).toEqual([
      'Spain:offers_help',
    ]);
    expect(
      read('The President of the Republic of Cyprus, Nikos Christodoulides, expressed the condolences of his people.'),
    ).toEqual(['Cyprus:expresses_sympathy']);
    expect(read('Pope Leo XIV expressed his "spiritual closeness" and prayed for the repose of the victims.')).toEqual([
      'Holy See:expresses_sympathy',
    ]);
    expect(
      read('The World Meteorological Organization warned that the risk of extreme fire weather will keep rising.'),
    ).toEqual(['World Meteorological Organization:expresses_concern']);
    expect(read('Britain and Germany lifted their advice against travel to the island.')).toEqual([]);
  });

  it('reads a joint statement of ministers, an embassy, a rights group and a regional agency', () => {
    const joint =
      'On Monday the foreign ministers of Chile, Colombia, Ecuador and Bolivia issued a joint statement expressing their "solidarity with the Peruvian people".';
    const all = (stance: string) => ['Chile', 'Colombia', 'Ecuador', 'Bolivia'].map((a) => `${a}:${stance}`);
    expect(
      read(
        `${joint} "We stand ready to keep our rescue teams in Peru for as long as they are needed," the statement said.`,
      ),
    ).toEqual([...all('expresses_sympathy'), ...all('offers_help')]);
    expect(
      read('Spain flew in a rescue team. The embassy recommended to Spanish travellers to avoid the zone of the port.'),
    ).toEqual(['Spain:sends_aid', 'Spain:travel_warning']);
    expect(
      read(
        'Amnesty International said police had used "excessive and unnecessary force" against protesters. The rights group urged the authorities to release those detained for exercising their right to protest.',
      ),
    ).toEqual(['Amnesty International:criticizes_crackdown', 'Amnesty International:urges_rights']);
    expect(read('The Pan American Health Organization (PAHO) said it had deployed an emergency medical team.')).toEqual(
      ['Pan American Health Organization:sends_aid'],
    );
    expect(
      read('A Chilean urban search and rescue team of 62 specialists and six dogs arrived at the airport.'),
    ).toEqual(['Chile:sends_aid']);
    expect(read('Pope Leo XIV said in a message he was praying "for the victims and their families".')).toEqual([
      'Holy See:expresses_sympathy',
    ]);
  });

  it('reads condolences that came from a list, a team sent by a government, cooperation offered', () => {
    expect(read('Messages of condolence came from the leaders of Nepal, Bangladesh, Sri Lanka and Mauritius.')).toEqual(
      ['Nepal', 'Bangladesh', 'Sri Lanka', 'Mauritius'].map((a) => `${a}:expresses_sympathy`),
    );
    expect(read('The 12-member team sent by the Nepal government reached the town on Tuesday.')).toEqual([
      'Nepal:sends_aid',
    ]);
    expect(read('Nepal said it is ready to give every possible cooperation in the search.')).toEqual([
      'Nepal:offers_help',
    ]);
    expect(read('Pope Leo XIV prayed "for the pilgrims who lost their lives".')).toEqual([
      'Holy See:expresses_sympathy',
    ]);
  });

  it('reads the states of migrant workers: high commissions, a kingdom, preoccupation, collective punishment', () => {
    expect(
      read(
        'The High Commissions of Mozambique, Zimbabwe and the Kingdom of Lesotho present their condolences to the bereaved families.',
      ),
    ).toEqual(['Mozambique', 'Zimbabwe', 'Lesotho'].map((a) => `${a}:expresses_sympathy`));
    expect(
      read('The Government of Mozambique manifested yesterday "profound preoccupation" with the situation.'),
    ).toEqual(['Mozambique:expresses_concern']);
    expect(read('Amnesty International said cutting off food and water was "collective punishment".')).toEqual([
      'Amnesty International:criticizes_crackdown',
    ]);
    expect(read('Guo Jiakun said that "no Chinese enterprise has any involvement" in the mine.')).toEqual([
      'China:denies_involvement',
    ]);
  });

  it('reads the responses to an epidemic: readiness to deploy, solidarity with brothers, praise, fear for children', () => {
    expect(read('Africa CDC said it stood ready to deploy epidemiologists and mobile laboratories.')).toEqual([
      'Africa Centres for Disease Control and Prevention:offers_help',
    ]);
    expect(read('Kenya said it "stands in solidarity with our Ugandan brothers and sisters".')).toEqual([
      'Kenya:expresses_sympathy',
    ]);
    expect(read('Rwanda holds itself ready to put at its disposal its teams and its laboratories.')).toEqual([
      'Rwanda:offers_help',
    ]);
    expect(read('Tedros Adhanom Ghebreyesus has saluted "the rapidity of the response of the authorities".')).toEqual([
      'World Health Organization:supports_government',
    ]);
    expect(read('The European Union has announced an envelope of 2 million euros.')).toEqual([
      'European Union:offers_help',
    ]);
    expect(read('UNICEF said it feared for children orphaned by the outbreak.')).toEqual([
      "United Nations Children's Fund:expresses_concern",
    ]);
  });

  it('reads common wire sentences: aid packages, warnings against travel', () => {
    expect(read('The United Kingdom announced a £3m package of support.')).toEqual(['United Kingdom:offers_help']);
    expect(read('The United States announced a $10 million aid package.')).toEqual(['United States:offers_help']);
    expect(read('Iran warned its citizens against travelling to the region.')).toEqual(['Iran:travel_warning']);
    expect(read('France warned against going too far.')).toEqual([]);
  });
});
