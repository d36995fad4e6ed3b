import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reactionSchema } from '../../src/datasets/schema.ts';
import { parseCodebooks } from '../../src/extract/codebook.ts';
import { parseGazetteer } from '../../src/extract/gazetteer.ts';
import { extractReactions } from '../../src/extract/reactions.ts';
import { g, reactionReader, YAML } from './reaction-reader.ts';

const { extract, read } = reactionReader('2022-01-07');

describe('one stance per cue kind (sentences written for the test)', () => {
  it.each([
    ['expresses_concern', 'Japan said it was deeply worried by the bloodshed.', 'Japan'],
    ['urges_restraint', 'Canada urged all sides to exercise restraint.', 'Canada'],
    ['urges_dialogue', 'Italy called for a negotiated way out of the crisis.', 'Italy'],
    [
      'urges_rights',
      'The OSCE urged the authorities to restore internet access.',
      'Organization for Security and Co-operation in Europe',
    ],
    ['supports_government', 'Uzbekistan expressed full support for the Kazakh leadership.', 'Uzbekistan'],
    ['offers_help', 'Azerbaijan offered humanitarian aid to its neighbour.', 'Azerbaijan'],
    ['offers_help', "Germany's interior minister offered to take in some of the survivors.", 'Germany'],
    [
      'criticizes_crackdown',
      'The UN human rights office condemned the use of lethal force against protesters.',
      'United Nations',
    ],
    ['criticizes_crackdown', 'Human Rights Watch said the police response was excessive.', 'Human Rights Watch'],
    ['blames_foreign_forces', 'Belarus said the riots were orchestrated from abroad.', 'Belarus'],
    ['rejects_interference', 'Pakistan said the crisis was an internal matter for Kazakhstan.', 'Pakistan'],
    ['questions_intervention', 'Lithuania questioned the legitimacy of the deployment.', 'Lithuania'],
    ['denies_involvement', 'London dismissed the allegations as baseless.', 'United Kingdom'],
    ['sends_troops', 'Tajikistan dispatched a contingent of 200 soldiers.', 'Tajikistan'],
    ['withdraws_troops', 'Belarus began withdrawing its paratroopers on Thursday.', 'Belarus'],
    ['travel_warning', 'Poland advised its citizens against all travel to the region.', 'Poland'],
    [
      'sends_aid',
      'The Africa CDC deployed 15 epidemiologists to trace contacts.',
      'Africa Centres for Disease Control and Prevention',
    ],
    ['sends_aid', 'Doctors Without Borders runs a cholera treatment centre in the town.', 'Médecins Sans Frontières'],
    ['sends_aid', 'Gavi said it had shipped 1.2 million doses of oral cholera vaccine.', 'Gavi'],
    ['sends_aid', 'The EU has released €500,000 in humanitarian funding.', 'European Union'],
    ['offers_help', 'Britain announced 2 million pounds ($2.7 million) in emergency funding.', 'United Kingdom'],
    ['offers_help', 'The United Nations launched a $96 million flash appeal on Wednesday.', 'United Nations'],
    ['offers_help', 'The Chinese Embassy said it would donate 10,000 family food packs.', 'China'],
    ['sends_aid', 'Japan turned over tents and water containers to the ministry.', 'Japan'],
    [
      'sends_aid',
      'The World Food Programme said it was trucking rice and biscuits to the north.',
      'World Food Programme',
    ],
    ['expresses_sympathy', 'Pope Leo prayed on Sunday for the victims of the typhoon.', 'Holy See'],
    [
      'expresses_concern',
      'The UN warned that survivors in the camps faced a growing risk of disease.',
      'United Nations',
    ],
    ['expresses_concern', 'The EU said it was appalled by the killings of civilians.', 'European Union'],
    ['expresses_concern', 'The EU said the bloc was horrified by the strike on the market.', 'European Union'],
    ['supports_government', 'Egypt reaffirmed its support for "Sudan\'s national institutions".', 'Egypt'],
    ['offers_help', 'The Qatar Fund for Development announced a contribution of 3 million dollars.', 'Qatar'],
    ['sends_aid', 'KSrelief said it had flown 20 tonnes of medical supplies to Port Sudan.', 'Saudi Arabia'],
    [
      'urges_restraint',
      'UNICEF urged all sides to protect children and the schools they depend on.',
      "United Nations Children's Fund",
    ],
    [
      'urges_restraint',
      'The guns must fall silent, OCHA said.',
      'United Nations Office for the Coordination of Humanitarian Affairs',
    ],
    [
      'urges_dialogue',
      'IGAD urged the two sides to return to negotiations.',
      'Intergovernmental Authority on Development',
    ],
    ['denies_involvement', 'The Rapid Support Forces denied any involvement in the strike.', 'Rapid Support Forces'],
    [
      'expresses_concern',
      '“Families who lost everything are now at risk from dengue,” UN relief chief Tom Fletcher said.',
      'United Nations Office for the Coordination of Humanitarian Affairs',
    ],
  ])('%s', (stance, sentence, actor) => {
    expect(read(sentence)).toContain(`${actor}:${stance}`);
  });
});

describe('aliases of every kind name the actor', () => {
  it.each([
    ['country name', 'Mongolia voiced concern.', 'Mongolia'],
    ['adjective', 'The Georgian government voiced concern.', 'Georgia'],
    ['capital for government', 'Ankara voiced concern.', 'Turkey'],
    ['institution', 'The Kremlin voiced concern.', 'Russia'],
    ['institution of an organisation', "The EU's foreign policy chief voiced concern.", 'European Union'],
    ['person with office', 'Annalena Baerbock voiced concern.', 'Germany'],
    ['translated spelling', 'Mukhtar Tlioberdi voiced concern.', 'Kazakhstan'],
    ['Arabic', 'أعربت تركيا عن قلقها.', 'Turkey'],
  ])('%s', (_kind, sentence, actor) => {
    expect(read(sentence)).toEqual([`${actor}:expresses_concern`]);
  });

  it('gives the speaker canonically and as written', () => {
    const [row] = extract('Anthony Blinken called for calm.').rows;
    expect(row).toMatchObject({
      actor: 'United States',
      actor_type: 'state',
      speaker: 'Antony Blinken',
      speaker_as_written: 'Anthony Blinken',
    });
  });

  it('gives the organisation type and a speaker named in the same clause', () => {
    const [row] = extract('NATO – through its Secretary General Jens Stoltenberg – voiced alarm.').rows;
    expect(row).toMatchObject({ actor: 'NATO', actor_type: 'organization', speaker: 'Jens Stoltenberg' });
  });

  it('reads an institution after a country as that country’s', () => {
    expect(read("Pakistan's Foreign Office said it was concerned.")).toEqual(['Pakistan:expresses_concern']);
  });

  it('extracts the Kazakh authorities as Kazakhstan', () => {
    expect(read('The Kazakh authorities said the rioters were trained abroad.')).toEqual([
      'Kazakhstan:blames_foreign_forces',
    ]);
  });
});

describe('clauses: each actor gets the cues of its own clause', () => {
  it('splits "while X ..., Y ..."', () => {
    expect(
      read(
        'While Moscow called for a peaceful solution through dialogue, the European Union and the United Nations called for restraint.',
      ),
    ).toEqual(['Russia:urges_dialogue', 'European Union:urges_restraint', 'United Nations:urges_restraint']);
  });

  it('gives a listed deed to every member of the list', () => {
    expect(read('The force includes troops from Russia, Belarus, Armenia, Tajikistan and Kyrgyzstan.')).toEqual([
      'Russia:sends_troops',
      'Belarus:sends_troops',
      'Armenia:sends_troops',
      'Tajikistan:sends_troops',
      'Kyrgyzstan:sends_troops',
    ]);
  });

  it('reads several actors and stances in one sentence', () => {
    expect(read('France voiced concern, Britain urged calm and China said it was an internal affair.')).toEqual([
      'France:expresses_concern',
      'United Kingdom:urges_restraint',
      'China:rejects_interference',
    ]);
  });

  it('gives a deed to its doer, not to the one reporting it', () => {
    expect(read('The Collective Security Treaty Organization announced that Moscow had sent troops.')).toEqual([
      'Russia:sends_troops',
    ]);
  });

  it('gives what is said to the one saying it, not to a name inside it', () => {
    expect(read('The EU said that Russia’s deployment reminds it of situations that should be avoided.')).toEqual([
      'European Union:questions_intervention',
    ]);
  });

  it('never gives a stance to the object of a verb or preposition', () => {
    expect(read('Blinken spoke with his Kazakh counterpart Mukhtar Tileuberdi and urged a peaceful solution.')).toEqual(
      ['United States:urges_dialogue'],
    );
    expect(read('Turkey called on Kazakhstan to show restraint.')).toEqual(['Turkey:urges_restraint']);
  });

  it('does not read a country’s media or people as its government', () => {
    expect(read('Russian media voiced concern.')).toEqual([]);
    expect(read('Reuters reported that the situation was worrying.')).toEqual([]);
  });
});

describe('implicit speakers', () => {
  it('resolves "she added" to the last actor of the paragraph', () => {
    expect(read('Jen Psaki spoke to reporters. She added that Washington was concerned.')).toEqual([
      'United States:expresses_concern',
    ]);
    expect(extract('Jen Psaki spoke to reporters. She added that calm was needed.').rows[0]?.speaker).toBe('Jen Psaki');
  });

  it('resolves "the ministry said" and "he stressed" across a paragraph break', () => {
    expect(
      read('The Iranian Foreign Ministry issued a statement.\n\nThe ministry said the unrest was an internal affair.'),
    ).toEqual(['Iran:rejects_interference']);
    expect(read('Sergei Lavrov spoke on Friday.\n\nHe stressed that the riots were foreign-backed.')).toEqual([
      'Russia:blames_foreign_forces',
    ]);
  });

  it('gives a quote to the attribution after it', () => {
    expect(
      read('“We urge all sides to show restraint and avoid violence,” the Chinese Foreign Ministry said.'),
    ).toEqual(['China:urges_restraint']);
    expect(
      read('Turkey issued a statement.\n\n“We stand ready to help our brothers in any way we can,” it added.'),
    ).toEqual(['Turkey:offers_help']);
  });

  it('gives a joint statement\'s "the statement said" and "it added" to every signatory', () => {
    const joint = 'Japan, Canada and Norway said in a joint statement that they were deeply worried by the bloodshed.';
    const all = (stance: string) => ['Japan', 'Canada', 'Norway'].map((actor) => `${actor}:${stance}`);
    expect(read(`${joint}\n\n“We urge all sides to exercise restraint,” the statement said.`)).toEqual([
      ...all('expresses_concern'),
      ...all('urges_restraint'),
    ]);
    expect(read(`${joint}\n\n“We call for calm,” the joint statement said.`)).toEqual([
      ...all('expresses_concern'),
      ...all('urges_restraint'),
    ]);
    expect(read(`${joint} It added that the internet must be restored.`)).toEqual([
      ...all('expresses_concern'),
      ...all('urges_rights'),
    ]);
    // A quote that names no speaker is not said to be the statement: the last of them, as before.
    expect(read(`${joint}\n\n“Dialogue is the only way out of the crisis.”`)).toEqual([
      ...all('expresses_concern'),
      'Norway:urges_dialogue',
    ]);
    // One of them speaking alone afterwards is that one only.
    expect(read(`${joint} Japan later offered humanitarian aid.`)).toEqual([
      ...all('expresses_concern'),
      'Japan:offers_help',
    ]);
  });

  it('reads a dateline as the place the story was filed, not a government speaking', () => {
    // Kinshasa and Moscow name their governments elsewhere; the dateline's dash opens no aside.
    expect(read('Kinshasa (AFP) - The United States on Wednesday urged all sides to exercise restraint.')).toEqual([
      'United States:urges_restraint',
    ]);
    expect(read('MOSCOW, Jan 6 (Reuters) - Japan said it was deeply worried by the bloodshed.')).toEqual([
      'Japan:expresses_concern',
    ]);
    // Only where the story opens: Moscow in a later paragraph is Russia.
    expect(read('Japan spoke first.\n\nLater on Friday, Moscow said it was deeply worried by the bloodshed.')).toEqual([
      'Russia:expresses_concern',
    ]);
  });

  it('does not give a stance to a speaker named after it in a clause of its own', () => {
    expect(read('Thirteen countries called for restraint, as the UN said it was alarmed.')).toEqual([
      'United Nations:expresses_concern',
    ]);
    expect(read('All sides must show restraint, the UN said.')).toEqual(['United Nations:urges_restraint']);
  });

  it('reads "the U.S. Embassy in Nairobi" as the United States, the city only where it sits', () => {
    expect(
      read('The U.S. Embassy in Nairobi issued a security alert advising citizens to avoid demonstrations.'),
    ).toEqual(['United States:travel_warning']);
    expect(read('The embassy of Portugal in Maputo advised Portuguese citizens against travel to the south.')).toEqual([
      'Portugal:travel_warning',
    ]);
    expect(
      read('The embassies of South Korea and the United States in Jakarta posted messages of condolence.'),
    ).toEqual(['South Korea:expresses_sympathy', 'United States:expresses_sympathy']);
  });

  it('reads "ready to support" the authorities\' response as an offer of help, not political backing', () => {
    expect(read('Washington said it was "ready to support Philippine authorities" after the typhoon.')).toEqual([
      'United States:offers_help',
    ]);
    expect(read('Japan said it supports the Philippine government.')).toEqual(['Japan:supports_government']);
  });

  it('resolves "the agency" to the organisation named before', () => {
    expect(read('UNICEF spoke on Monday.\n\nThe agency has delivered 18,000 hygiene kits since mid-January.')).toEqual([
      "United Nations Children's Fund:sends_aid",
    ]);
  });

  it('gives an unattributed quote to the speaker before it', () => {
    expect(
      read(
        'Josep Borrell spoke in Brussels.\n\n“The rights of citizens must be respected at all times in this crisis.”',
      ),
    ).toEqual(['European Union:urges_rights']);
  });

  it('does not invent a speaker for a sentence that names none', () => {
    expect(read('Russia sent troops.\n\nSeveral airlines then canceled flights to Almaty.')).toEqual([
      'Russia:sends_troops',
    ]);
  });

  it('reports a cue whose holder cannot be found', () => {
    expect(extract('Several airlines canceled flights to Almaty.').messages.map((m) => m.ruleId)).toEqual([
      'reactions/no-actor',
    ]);
  });
});

describe('negation and reported accusations', () => {
  it('reads a rejected accusation as a denial, not as blame', () => {
    const body =
      'Jen Psaki briefed reporters.\n\n“There are some crazy claims about the US being behind this. Let me just use this opportunity to convey that as absolutely false.”';
    expect(read(body)).toEqual(['United States:denies_involvement', 'United States:denies_involvement']);
  });

  it('drops negated cues', () => {
    expect(read('Moscow did not express concern.')).toEqual([]);
    // No troops sent: the denial is a position of its own.
    expect(read('Russia denied sending troops.')).toEqual(['Russia:denies_involvement']);
    expect(read('Minsk has no plans to send troops.')).toEqual([]);
  });

  it('keeps negation that is part of the cue', () => {
    expect(read('Berlin advised its citizens not to travel to Kazakhstan.')).toEqual(['Germany:travel_warning']);
    expect(read('The Kremlin said Russia would not interfere.')).toEqual(['Russia:rejects_interference']);
  });

  it('does not take a reported accusation for the reporter’s own view', () => {
    expect(read('Washington rejected claims that foreign-backed groups were involved.')).not.toContain(
      'United States:blames_foreign_forces',
    );
  });

  it('reads "questions about the nature of these forces" as questioning the intervention', () => {
    expect(read('Psaki said there are questions about the nature of these forces.')).toEqual([
      'United States:questions_intervention',
    ]);
  });
});

describe('general rules (sentences written for the test)', () => {
  it('keeps cues of two stances that only overlap', () => {
    expect(read('Iran said the government has the ability to resolve their differences.')).toEqual([
      'Iran:supports_government',
      'Iran:urges_dialogue',
    ]);
  });

  it('does not read a promise to leave as a withdrawal', () => {
    expect(read('The CSTO said its troops will leave as soon as the mission ends.')).not.toContain(
      'Collective Security Treaty Organization:withdraws_troops',
    );
    expect(read('Russian troops will begin withdrawing on Thursday.')).toEqual([]);
    expect(read('Belarus began withdrawing its paratroopers on Thursday.')).toEqual(['Belarus:withdraws_troops']);
  });

  it('does not take an airline for its country', () => {
    expect(read('Turkish Airlines canceled its flights to Almaty.')).toEqual([]);
    expect(read('Germany advised against travel, and Lufthansa suspended its flights.')).toEqual([
      'Germany:travel_warning',
    ]);
  });

  it('gives the words of an office-holder to the organisation he speaks for there', () => {
    const body =
      'Nikol Pashinyan said the CSTO would send peacekeepers.\n\nPashinyan wrote that the unrest was caused by foreign interference.';
    expect(extract(body).rows.map((r) => `${r.actor}:${r.stance}:${r.speaker}`)).toEqual([
      'Collective Security Treaty Organization:sends_troops:Nikol Pashinyan',
      'Collective Security Treaty Organization:blames_foreign_forces:Nikol Pashinyan',
    ]);
    expect(read('Nikol Pashinyan said Armenia would send 100 troops.')).toEqual(['Armenia:sends_troops']);
  });

  it('reads aid pledged by an actor that sends troops as those troops', () => {
    expect(read('The CSTO has pledged aid. The CSTO will send peacekeeping troops.')).toEqual([
      'Collective Security Treaty Organization:sends_troops',
      'Collective Security Treaty Organization:sends_troops',
    ]);
    expect(read('Russia pledged humanitarian aid. Russia also sent troops.')).toEqual([
      'Russia:offers_help',
      'Russia:sends_troops',
    ]);
  });

  it('names the person behind "she" when the actor she stands for spoke through her before', () => {
    const body =
      'Maria Zakharova spoke on Monday.\n\nThe Russian Foreign Ministry said the riots were foreign-backed. She added that Moscow was worried.';
    const rows = extract(body).rows;
    expect(rows.map((r) => `${r.actor}:${r.stance}:${r.speaker}`)).toEqual([
      'Russia:blames_foreign_forces:null',
      'Russia:expresses_concern:Maria Zakharova',
    ]);
  });

  it('reads the Kazakh authorities calming people as restraint, and an order to shoot as no criticism', () => {
    expect(read('President Tokayev tried to calm the heated mood with urgent appeals.')).toEqual([
      'Kazakhstan:urges_restraint',
    ]);
    expect(read('Tokayev spoke on television.\n\n“Do not respond to provocations,” he said.')).toEqual([
      'Kazakhstan:urges_restraint',
    ]);
    expect(read('Tokayev said he had ordered troops to shoot to kill without warning.')).toEqual([]);
  });

  it('reads consultation on next steps and seeing a threat to the state as support', () => {
    expect(read('Moscow will consult with Astana and its allies on further steps.')).toEqual([
      'Russia:supports_government',
    ]);
    expect(read('The CSTO said the events were a real threat to the sovereignty of the state.')).toEqual([
      'Collective Security Treaty Organization:supports_government',
    ]);
  });

  it('reads peace and stability stressed, and violence to be rejected, as restraint; peaceful expression too', () => {
    expect(read('The OSCE stressed the importance of peace and stability.')).toEqual([
      'Organization for Security and Co-operation in Europe:urges_restraint',
    ]);
    expect(read('Qatar condemned the violence, calling for its end.')).toEqual(['Qatar:urges_restraint']);
    expect(read('Canada called for protesters to express themselves peacefully.')).toEqual(['Canada:urges_restraint']);
  });
});

describe('rows', () => {
  const body = 'Violent protests continued.\n\nOn Wednesday, Japan voiced concern, and India urged calm.';
  const rows = extract(body, '2022-01-07').rows;

  it('quote the whole sentence at its offsets', () => {
    for (const r of rows) expect(body.slice(r.start, r.end)).toBe(r.quote);
    expect(rows[0]?.quote).toBe('On Wednesday, Japan voiced concern, and India urged calm.');
  });

  it('resolve as_of from the sentence', () => {
    expect(rows.map((r) => r.as_of)).toEqual(['2022-01-05', '2022-01-05']);
  });

  it('validate against the dataset schema once numbered', () => {
    rows.forEach((r, i) => expect(() => reactionSchema.parse({ id: `t-r${i + 1}`, ...r })).not.toThrow());
  });

  it('are deterministic', () => {
    expect(extract(body).rows).toEqual(extract(body).rows);
  });
});

describe('editors extend the gazetteer without code', () => {
  it('picks up a new actor, alias and cue phrase from the YAML text', () => {
    const sentence = 'The Freedonian government lodged a formal grumble about the crackdown.';
    expect(extract(sentence).rows).toEqual([]);
    const extended = YAML.replace(
      'actors:\n',
      'actors:\n  - name: Republic of Freedonia\n    type: state\n    aliases: [Freedonia, Freedonian]\n    people:\n      - name: Rufus T. Firefly\n        office: President\n',
    );
    // The cue joins the base stance from a story's codebook.
    const codebook = parseCodebooks([
      { text: readFileSync(new URL('../../data/codebook.yaml', import.meta.url), 'utf8'), path: 'data/codebook.yaml' },
      {
        text: 'stances:\n  - name: criticizes_crackdown\n    cues: [formal grumble]\n',
        path: 'data/freedonia/codebook.yaml',
      },
    ]);
    const rows = extractReactions(
      { id: 't', body: sentence, published: '2022-01-07' },
      parseGazetteer(extended, 'data/gazetteer.yaml', codebook),
    ).rows;
    expect(rows.map((r) => [r.actor, r.actor_type, r.stance])).toEqual([
      ['Republic of Freedonia', 'state', 'criticizes_crackdown'],
    ]);
  });
});

describe('the seed articles', () => {
  const seeds = ['000', '001', '002', '003', '004'].map((id) => {
    const raw = readFileSync(new URL(`../../data/kazakhstan-unrest/articles/${id}.md`, import.meta.url), 'utf8');
    const body = raw.replace(/^---\n[\s\S]*?\n---\n/u, '').replace(/\n$/u, '');
    const published = /^published: (\S+)$/mu.exec(raw)![1]!;
    return { id, body, rows: extractReactions({ id, body, published }, g).rows };
  });

  it('give rows whose quotes match their offsets', () => {
    for (const s of seeds) {
      expect(s.rows.length, s.id).toBeGreaterThan(0);
      for (const r of s.rows) expect(s.body.slice(r.start, r.end)).toBe(r.quote);
    }
  });

  it('give rows in text order', () => {
    for (const s of seeds)
      expect(s.rows.map((r) => r.start)).toEqual([...s.rows.map((r) => r.start)].sort((a, b) => a - b));
  });

  it('extract the Arabic passage of 003 too', () => {
    const arabic = seeds[3]!.rows.filter((r) => /\p{Script=Arabic}/u.test(r.quote));
    expect(arabic.map((r) => `${r.actor}:${r.stance}`)).toContain('European Union:urges_restraint');
    expect(arabic.find((r) => r.speaker === 'Jen Psaki')?.speaker_as_written).toBe('جين ساكي');
  });
});
