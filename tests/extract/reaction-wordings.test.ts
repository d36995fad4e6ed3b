// Reactions as other kinds of story word them (an air strike, a coup,
// wildfires): sentences modelled on the development stories in
// tests/gold/stories/, each read on its own against the base gazetteer and codebook.
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

  it('reads how detainees are treated: "cruel, inhuman or degrading treatment", "allowed to see lawyers"', () => {
    expect(
      read('Volker Türk said the images "may amount to cruel, inhuman or degrading treatment" of the inmates.'),
    ).toEqual(['United Nations:criticizes_crackdown']);
    expect(read('Human Rights Watch demanded that detainees be allowed to see lawyers and relatives.')).toEqual([
      'Human Rights Watch:urges_rights',
    ]);
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

  it('reads a border war, a rail crash and a prison riot: offices joined, mediation, denials, shared pain', () => {
    expect(
      read(
        'The EU delegation in Quito and the embassies of France, Germany and Spain said they supported "the Ecuadorian state\'s efforts to restore security".',
      ),
    ).toEqual(['European Union', 'France', 'Germany', 'Spain'].map((actor) => `${actor}:supports_government`));
    expect(read('The French embassy and the EU delegation said they were deeply concerned.')).toEqual([
      'France:expresses_concern',
      'European Union:expresses_concern',
    ]);
    // The one called is no speaker, though the verb follows his name.
    expect(
      read(
        'The President of Türkiye Recep Tayyip Erdoğan in a telephonic contact with the Prime Minister Shehbaz Sharif expressed condolence.',
      ),
    ).toEqual(['Turkey:expresses_sympathy']);
    // The object of the subject's verb is no speaker either; a heading run into its sentence leaves one.
    expect(read('Australia backed the UN appeal with a pledge of A$3 million.')).toEqual(['Australia:offers_help']);
    expect(read('American contact The United Nations called on all parties to exercise restraint.')).toEqual([
      'United Nations:urges_restraint',
    ]);
    expect(read('Erdogan wrote on X that Turkey shared "the pain of our Pakistani brothers and sisters".')).toEqual([
      'Turkey:expresses_sympathy',
    ]);
    expect(read('Messages of condolence have also come from Bangladesh, Sri Lanka and Nepal.')).toEqual(
      ['Bangladesh', 'Sri Lanka', 'Nepal'].map((actor) => `${actor}:expresses_sympathy`),
    );
    expect(read("Malaysia's offer to mediate produced the Kuala Lumpur talks.")).toEqual(['Malaysia:urges_dialogue']);
    expect(read('Anwar Ibrahim offered to host talks in Kuala Lumpur.')).toEqual(['Malaysia:urges_dialogue']);
    expect(read('China said it was ready to "play a constructive role".')).toEqual(['China:urges_dialogue']);
    expect(read('The United States "stands firmly with President Noboa", the State Department said.')).toEqual([
      'United States:supports_government',
    ]);
    expect(read('Phnom Penh denies laying new mines.')).toEqual(['Cambodia:denies_involvement']);
    expect(read('The Inter-American Commission on Human Rights (IACHR) expressed its profound concern.')).toEqual([
      'Inter-American Commission on Human Rights:expresses_concern',
    ]);
    // A cultural mediator sent is help; a sea that is calm, and a commissioner for internal affairs, are no position.
    expect(read('Médecins Sans Frontières has sent two psychologists and a cultural mediator.')).toEqual([
      'Médecins Sans Frontières:sends_aid',
    ]);
    expect(read('Malta sent a plane. "The sea is calm, but little hope is left," its navy said.')).toEqual([
      'Malta:sends_aid',
    ]);
    expect(read('Turkey offered to act as a mediator between the two sides.')).toEqual(['Turkey:urges_dialogue']);
    expect(read('The EU commissioner for Internal Affairs, Magnus Brunner, telephoned the minister.')).toEqual([]);
    // A surname inside a longer name is that name's.
    expect(read('Pope Leo XIV invited the faithful to pray «for the dead».')).toEqual(['Holy See:expresses_sympathy']);
    expect(read('Greece has put at disposal a team of the Hellenic Police.')).toEqual(['Greece:offers_help']);
    expect(read('A Frontex aircraft and a surveillance plane sent by Malta were searching the area.')).toEqual([
      'Malta:sends_aid',
    ]);
    expect(read('"Our hearts go out to the families," Pakistan\'s Foreign Office said.')).toEqual([
      'Pakistan:expresses_sympathy',
    ]);
    expect(read('Sea-Watch, Frontex and the Council of Europe said they were deeply concerned.')).toEqual(
      ['Sea-Watch', 'Frontex', 'Council of Europe'].map((actor) => `${actor}:expresses_concern`),
    );
    expect(read('Salvadoran President Nayib Bukele, Hun Manet and Daniel Noboa said they were saddened.')).toEqual([
      'El Salvador:expresses_sympathy',
      'Cambodia:expresses_sympathy',
      'Ecuador:expresses_sympathy',
    ]);
  });

  it('reads a plane crash, a collapse, a landslide and a shooting: official names, solidarity, readiness, notices', () => {
    // What is sent follows in its clause: condolences sent are sympathy, not the money another announced.
    expect(
      read('Fiji, Solomon Islands and Vanuatu sent condolences, and India announced US$1 million in immediate relief.'),
    ).toEqual([
      'Fiji:expresses_sympathy',
      'Solomon Islands:expresses_sympathy',
      'Vanuatu:expresses_sympathy',
      'India:offers_help',
    ]);
    expect(
      read(
        "The Indonesian navy's hospital ship KRI Dr. Soeharso, carrying 120 tonnes of rice and medicines, docked at Aparri.",
      ),
    ).toEqual(['Indonesia:sends_aid']);
    // A state's official name keeps a list whole.
    expect(
      read(
        'The United Arab Emirates, the Kingdom of Bahrain, the Hashemite Kingdom of Jordan and the State of Palestine also offered their condolences to Egypt.',
      ),
    ).toEqual(['United Arab Emirates', 'Bahrain', 'Jordan', 'Palestine'].map((actor) => `${actor}:expresses_sympathy`));
    expect(read('Egypt received messages of solidarity of the governments of Ecuador and Peru.')).toEqual([
      'Ecuador:expresses_sympathy',
      'Peru:expresses_sympathy',
    ]);
    expect(
      read(
        'The Organization of American States\' secretary general, Albert Ramdin, conveyed "the solidarity of the whole inter-American family" to the bereaved.',
      ),
    ).toEqual(['Organization of American States:expresses_sympathy']);
    // Readiness to send is an offer (not of troops); a notice to students is travel advice.
    expect(read('The foreign minister said Ukraine was ready to send psychologists to Brno.')).toEqual([
      'Ukraine:offers_help',
    ]);
    expect(read('Russia said it was ready to send troops to the region.')).toEqual(['Russia:sends_troops']);
    expect(read("China's embassy posted a notice urging Chinese students in Brno to stay indoors.")).toEqual([
      'China:travel_warning',
    ]);
    expect(
      read('The Secretary General of the Pacific Islands Forum, Baron Waqa, said the Forum grieved with the families.'),
    ).toEqual(['Pacific Islands Forum:expresses_sympathy']);
    // Shock is concern; mourning as it is done is sympathy; teams on standby and help put "at disposition" are offers.
    expect(read('Slovak Prime Minister Robert Fico said he was "shocked to the core".')).toEqual([
      'Slovakia:expresses_concern',
    ]);
    expect(read("The European Parliament observed a minute's silence in Strasbourg on Monday.")).toEqual([
      'European Union:expresses_sympathy',
    ]);
    expect(read("Austria's Federal President Alexander Van der Bellen laid wreaths at the faculty.")).toEqual([
      'Austria:expresses_sympathy',
    ]);
    expect(read("Turkey's disaster agency said two search and rescue teams were on standby in Adana.")).toEqual([
      'Turkey:offers_help',
    ]);
    expect(read('The Government of Ecuador put also at disposition a helicopter of its Air Force.')).toEqual([
      'Ecuador:offers_help',
    ]);
    expect(
      read("Ecuador's civil aviation directorate suspended Aeropáramo's three weekly Quito–Pasto flights."),
    ).toEqual(['Ecuador:travel_warning']);
    // Standing ready is an offer; so is offering to fly in surgeons, or "the organisation's help".
    expect(read('"We stand ready to do more," the UNICEF representative said.')).toEqual([
      "United Nations Children's Fund:offers_help",
    ]);
    expect(read('Qatar offered to fly in trauma surgeons and blood plasma.')).toEqual(['Qatar:offers_help']);
    expect(read("The ILO's director offered the organisation's help with a nationwide inspection.")).toEqual([
      'International Labour Organization:offers_help',
    ]);
    // Grief as statesmen word it: "deeply pained", "laments the loss", "in this painful hour".
    expect(read('Indian Prime Minister Narendra Modi said he was "deeply pained" by the loss of lives.')).toEqual([
      'India:expresses_sympathy',
    ]);
    expect(read('Portugal laments profoundly the loss of human lives.')).toEqual(['Portugal:expresses_sympathy']);
    expect(read('The Kremlin said the Russian army "does not strike civilian targets".')).toEqual([
      'Russia:denies_involvement',
    ]);
    expect(read('Moscow denied that Russia had struck the hospital.')).toEqual(['Russia:denies_involvement']);
    // Help to come: "will hand over … generators", "£5 million to repair", "would help rebuild"; hosting talks.
    expect(read('Poland will hand over to Dnipro 5 reanimobiles and generators for the hospital.')).toEqual([
      'Poland:offers_help',
    ]);
    expect(read('Britain announced £5 million to repair Ukrainian health facilities.')).toEqual([
      'United Kingdom:offers_help',
    ]);
    expect(read('Erdogan said Turkey was ready to host a new round of talks in Istanbul.')).toEqual([
      'Turkey:urges_dialogue',
    ]);
    expect(read('France stood "alongside the Libyan people in this tragedy".')).toEqual(['France:expresses_sympathy']);
    expect(read('Tunisia sent a second convoy of 30 trucks.')).toEqual(['Tunisia:sends_aid']);
    expect(read('Algerian civil protection teams joined the search.')).toEqual(['Algeria:sends_aid']);
    expect(read('The British minister said she was "sickened" by the strike.')).toEqual([
      'United Kingdom:expresses_concern',
    ]);
    expect(read('Kenya said Nairobi stood "with the brotherly people of Somalia in this painful hour".')).toEqual([
      'Kenya:expresses_sympathy',
    ]);
  });

  it('reads a volcano: help promised and handed out, aid flights, a contingent of rescuers, the right to the truth', () => {
    expect(
      read('Foreign Minister José Manuel Albares said that Spain would help Guatemala with whatever it needs.'),
    ).toEqual(['Spain:offers_help']);
    expect(
      read('Honduras, which had offered a search-and-rescue team, said it had not yet been asked to deploy it.'),
    ).toEqual(['Honduras:offers_help']);
    expect(read('President Claudia Sheinbaum said that Mexico would also send volcanologists.')).toEqual([
      'Mexico:offers_help',
    ]);
    expect(read('The World Food Programme said it had begun handing out two weeks of rations.')).toEqual([
      'World Food Programme:sends_aid',
    ]);
    expect(read("Mexico's fourth and fifth aid flights brought 60 tonnes of roofing sheets and food.")).toEqual([
      'Mexico:sends_aid',
    ]);
    // Rescuers are no troops, whatever they come in.
    expect(read('The Government of El Salvador sent this Monday by land a contingent of 45 rescuers.')).toEqual([
      'El Salvador:sends_aid',
    ]);
    expect(read('Russia sent a contingent of 3,000 paratroopers.')).toEqual(['Russia:sends_troops']);
    expect(
      read(
        "The Inter-American Commission on Human Rights urged the state to guarantee the relatives' right to the truth.",
      ),
    ).toEqual(['Inter-American Commission on Human Rights:urges_rights']);
    // Aircraft on standby for relief flights are an offer, not aid sent.
    expect(read('Japan said its military aircraft in the region were on standby for relief flights.')).toEqual([
      'Japan:offers_help',
    ]);
  });

  it('reads a poisoning: advice updated, travellers urged to be careful, a heart that goes out', () => {
    expect(read('The Department of Foreign Affairs and Trade updated its Smartraveller advice for Laos.')).toEqual([
      'Australia:travel_warning',
    ]);
    expect(read("Britain's Foreign Office has updated its advice for Laos and Thailand.")).toEqual([
      'United Kingdom:travel_warning',
    ]);
    expect(read('The US Embassy issued a health alert urging travelers to be wary of cheap drinks.')).toEqual([
      'United States:travel_warning',
    ]);
    expect(read('The State Department urged US citizens in Laos to be cautious about what they drink.')).toEqual([
      'United States:travel_warning',
    ]);
    expect(read('Prime Minister Anthony Albanese said his "heart goes out" to the families.')).toEqual([
      'Australia:expresses_sympathy',
    ]);
  });

  it('reads a bus crash: condolences received from titled heads of state, a response praised', () => {
    expect(read('The King received cables of condolence from the Emir of Kuwait.')).toEqual([
      'Kuwait:expresses_sympathy',
    ]);
    expect(read('Condolences poured in from Kuwait, Bahrain and the United Arab Emirates.')).toEqual([
      'Kuwait:expresses_sympathy',
      'Bahrain:expresses_sympathy',
      'United Arab Emirates:expresses_sympathy',
    ]);
    expect(read('Messages of condolence came from the President of France.')).toEqual(['France:expresses_sympathy']);
    expect(read('Pakistan lauded the prompt rescue operation of the Saudi authorities.')).toEqual([
      'Pakistan:supports_government',
    ]);
    expect(read('"We are grateful to the Saudi authorities for their swift response," India said.')).toEqual([
      'India:supports_government',
    ]);
  });

  it('reads common wire sentences: aid packages, warnings against travel', () => {
    expect(read('The United Kingdom announced a £3m package of support.')).toEqual(['United Kingdom:offers_help']);
    expect(read('The United States announced a $10 million aid package.')).toEqual(['United States:offers_help']);
    expect(read('Iran warned its citizens against travelling to the region.')).toEqual(['Iran:travel_warning']);
    expect(read('France warned against going too far.')).toEqual([]);
  });

  it('reads gang violence: a council\'s members, police for a mission, "Do Not Travel", French calques', () => {
    expect(
      read(
        'The 15 members of the Security Council condemned the attacks and reiterated their full support for the police.',
      ),
    ).toEqual(['United Nations:supports_government']);
    expect(read('Kenya said it would send a further 200 police officers to Haiti.')).toEqual(['Kenya:sends_troops']);
    expect(read('CARICOM pledged more police officers for the mission.')).toEqual(['Caribbean Community:sends_troops']);
    expect(read('The State Department reissued its Level 4 "Do Not Travel" advisory for Haiti.')).toEqual([
      'United States:travel_warning',
    ]);
    expect(read('Guterres called on the gangs to stop attacking civilians.')).toEqual([
      'United Nations:urges_restraint',
    ]);
    expect(read('France expressed the « solidarity of France with the Haitian people ».')).toEqual([
      'France:expresses_sympathy',
    ]);
    expect(read('Canada said itself « deeply preoccupied ».')).toEqual(['Canada:expresses_concern']);
    expect(read('CARICOM reaffirmed the support of the Community to the Transitional Presidential Council.')).toEqual([
      'Caribbean Community:supports_government',
    ]);
  });

  it('reads a hurricane: a counterpart in apposition, funding in millions, matched donations, offers to supply', () => {
    expect(
      read('Keir Starmer spoke to his Jamaican counterpart, Andrew Holness, and passed on his heartfelt condolences.'),
    ).toEqual(['United Kingdom:expresses_sympathy']);
    // Still the speaker: "said the spokesman for the ministry, Ned Price".
    expect(read('"We call for restraint," said the spokesman for the ministry, Ned Price.')).toEqual([
      'United States:urges_restraint',
    ]);
    expect(read('The Foreign Secretary, Yvette Cooper, announced £7.5m of humanitarian funding for Jamaica.')).toEqual([
      'United Kingdom:offers_help',
    ]);
    expect(read('Mark Carney said Ottawa would match donations to the Canadian Red Cross.')).toEqual([
      'Canada:offers_help',
    ]);
    expect(read('Venezuela offered to supply diesel for hospital generators.')).toEqual(['Venezuela:offers_help']);
    expect(read('The U.S. Embassy urged American citizens to stay in a safe location.')).toEqual([
      'United States:travel_warning',
    ]);
    // A patient flown to hospital is no aid sent; a field hospital is.
    expect(read('Two of the injured, a German woman among them, were flown to the hospital in Aosta.')).toEqual([]);
    expect(read('Turkey sent a field hospital.')).toEqual(['Turkey:sends_aid']);
    expect(read('The EU Civil Protection Mechanism "stands ready to support Italy with any help it needs."')).toEqual([
      'European Union:offers_help',
    ]);
    expect(read('Taoiseach Micheál Martin said the country was "heartbroken".')).toEqual([
      'Ireland:expresses_sympathy',
    ]);
    // "Martin" alone is too common a name to stand for the Taoiseach.
    expect(read('President Martín Cáceres promised that "those responsible will pay".')).toEqual([]);
    expect(read("Australia's Smartraveller service also updated its advice.")).toEqual(['Australia:travel_warning']);
    expect(read('The UN has relocated its remaining international staff from Tawila to Adré.')).toEqual([
      'United Nations:travel_warning',
    ]);
    expect(read('Morocco offered by telephone to the minister the sending of teams of civil protection.')).toEqual([
      'Morocco:offers_help',
    ]);
    expect(read('The European Commission will mobilise the Solidarity Fund.')).toEqual(['European Union:offers_help']);
    expect(read("The UAE announced $50m for the UN's response in Sudan.")).toEqual([
      'United Arab Emirates:offers_help',
    ]);
    expect(read('Qatar announced an urgent contribution of 5 million dollars.')).toContain('Qatar:offers_help');
    expect(read('The French firefighters who arrived on Thursday have been pumping water.')).toEqual([
      'France:sends_aid',
    ]);
    expect(read('The World Meteorological Organization warned that such storms are becoming more violent.')).toEqual([
      'World Meteorological Organization:expresses_concern',
    ]);
    expect(read('UNICEF warns that the number could double within weeks.')).toEqual([
      "United Nations Children's Fund:expresses_concern",
    ]);
    expect(read('"Civilians must never be a target," the UN said.')).toEqual(['United Nations:urges_restraint']);
    expect(read('Egypt affirmed the support of Cairo to the national institutions of the Sudanese state.')).toEqual([
      'Egypt:supports_government',
    ]);
    expect(read('Russia dismissed the report as "propaganda".')).toEqual(['Russia:denies_involvement']);
    // The relatives' worry is not the speaker's; a horrific attack is only described.
    expect(read('Ireland said its unit had taken 60 calls from worried relatives.')).toEqual([]);
    expect(read('Ireland said it was a horrific attack.')).toEqual([]);
    expect(read('Shehbaz Sharif said Islamabad would extend all possible assistance.')).toEqual([
      'Pakistan:offers_help',
    ]);
    expect(read('India said New Delhi had begun moving relief supplies.')).toEqual(['India:sends_aid']);
    expect(read('Qatar said Doha would operate "an air bridge" as long as needed.')).toEqual(['Qatar:offers_help']);
    expect(read('Britain has committed £3 million in aid.')).toEqual(['United Kingdom:offers_help']);
    expect(read('Germany will give €4 million through UN agencies.')).toEqual(['Germany:offers_help']);
    expect(read("Japan's $3 million grant will be channelled through the IOM.")).toEqual(['Japan:offers_help']);
    expect(read('Three flights of the EU Humanitarian Air Bridge have landed in Kabul.')).toEqual([
      'European Union:sends_aid',
    ]);
    expect(read('Two aircraft of the United Arab Emirates loaded with 100 tons of relief items landed.')).toEqual([
      'United Arab Emirates:sends_aid',
    ]);
    expect(read("Turkiye's disaster agency AFAD said it had sent rescuers.")).toEqual(['Turkey:sends_aid']);
    expect(read('FIFA President Gianni Infantino offered his condolences.')).toEqual(['FIFA:expresses_sympathy']);
    expect(read("UEFA said a minute's silence would be observed before its matches.")).toEqual([
      'UEFA:expresses_sympathy',
    ]);
    expect(read('The EU said it would donate 100,000 doses of vaccine.')).toEqual(['European Union:offers_help']);
    expect(read('The UK announced £3 million for surveillance.')).toEqual(['United Kingdom:offers_help']);
    expect(read('Messages also arrived from Kathmandu, Dhaka and Malé.')).toEqual([
      'Nepal:expresses_sympathy',
      'Bangladesh:expresses_sympathy',
      'Maldives:expresses_sympathy',
    ]);
    expect(read('Moscow reaffirmed "the unfailing support of Russia to the authorities".')).toEqual([
      'Russia:supports_government',
    ]);
    expect(read('The French ambassador expressed "the closeness of France to the families of the victims".')).toEqual([
      'France:expresses_sympathy',
    ]);
  });

  it('reads a tsunami, an epidemic and a camp fire: ships and planes with supplies, a cheque handed over, millions in words', () => {
    expect(read('HMNZS Aotearoa sailed from Devonport on Tuesday night with water and relief supplies.')).toEqual([
      'New Zealand:sends_aid',
    ]);
    expect(read("An aeroplane of the People's Republic of China arrived with 20 tonnes of food and water.")).toEqual([
      'China:sends_aid',
    ]);
    expect(read('The president arrived with his wife.')).toEqual([]);
    expect(read('Chinese Ambassador Chen Hailin handed over a cheque for US$200,000 to the ministry.')).toEqual([
      'China:sends_aid',
    ]);
    expect(read("The 500 tents sent by Türkiye's AFAD stand on a cleared slope.")).toEqual(['Turkey:sends_aid']);
    expect(read('The European Union announced 1.5 million euros in emergency humanitarian funding.')).toEqual([
      'European Union:offers_help',
    ]);
    expect(read('Prime Minister Anwar Ibrahim has announced an aid of 1 million ringgit for the victims.')).toEqual([
      'Malaysia:offers_help',
    ]);
    expect(read('The Japanese government has promised 50,000 yen to each family.')).toEqual([]);
    expect(read('The Pacific Islands Forum said the Forum family grieves with Samoa.')).toEqual([
      'Pacific Islands Forum:expresses_sympathy',
    ]);
    expect(read('UNICEF said children under 5 and pregnant women were especially at risk.')).toEqual([
      "United Nations Children's Fund:expresses_concern",
    ]);
    expect(read('The U.S. Embassy told its personnel to avoid non-essential travel to the camps.')).toEqual([
      'United States:travel_warning',
    ]);
    expect(read('Fiji suspended the weekly ferry from Apia until further notice.')).toEqual(['Fiji:travel_warning']);
  });
});
