// Reactions as other kinds of story word them, story by story: a border war, a
// rail crash and a prison riot; a plane crash, a collapse, a landslide and a
// shooting; a volcano; a poisoning; a bus crash; gang violence; a hurricane; a
// tsunami, an epidemic and a camp fire. Sentences modelled on the development
// stories in tests/gold/stories/, each read on its own against the base
// gazetteer and codebook.
import { describe, it, expect } from 'vitest';
import { reactionReader } from './reaction-reader.ts';

const { read } = reactionReader('2026-04-07');

describe('reactions as other kinds of story word them', () => {
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
