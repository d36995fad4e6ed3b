import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STANCES } from '../../src/datasets/schema.ts';
import {
  findCues,
  findNames,
  findPeople,
  GazetteerError,
  normalizeText,
  parseGazetteer,
  wordSimilarity,
  type Gazetteer,
  type Person,
} from '../../src/extract/gazetteer.ts';

const YAML = readFileSync(new URL('../../data/gazetteer.yaml', import.meta.url), 'utf8');
const g = parseGazetteer(YAML, 'data/gazetteer.yaml');

const names = (text: string): [string, string | null][] =>
  findNames(g, normalizeText(text).text).map((m) => [
    m.written,
    m.kind === 'actor' || m.kind === 'person' ? m.actor!.name : m.kind,
  ]);
const people = (text: string, seen: ReadonlySet<Person> = new Set()): [string, string][] =>
  findPeople(g, normalizeText(text).text, seen).map((m) => [m.written, m.person.name]);
const person = (name: string): Person => g.people.find((p) => p.name === name)!;
const stances = (gaz: Gazetteer, text: string): string[] =>
  findCues(gaz, normalizeText(text).text).map((c) => c.stance);

/** The problem a broken variant of a minimal gazetteer raises. */
function problem(yaml: string): GazetteerError {
  try {
    parseGazetteer(yaml, 'test.yaml');
  } catch (e) {
    if (e instanceof GazetteerError) return e;
    throw e;
  }
  throw new Error('expected a GazetteerError');
}

const MINIMAL = `actors:
  - name: Freedonia
    type: state
    aliases: [Freedonia]
`;

describe('the gazetteer file', () => {
  it('parses, with cues for every stance of the contract', () => {
    for (const stance of STANCES)
      expect(g.stances.find((s) => s.stance === stance)?.cues.length ?? 0, stance).toBeGreaterThan(0);
    expect(g.actorByName.get('Collective Security Treaty Organization')?.type).toBe('organization');
    expect(g.actorByName.get('Kazakhstan')?.type).toBe('state');
  });

  it('keeps every person with an office', () => {
    expect(g.people.length).toBeGreaterThan(40);
    for (const p of g.people) expect(p.office.length, p.name).toBeGreaterThan(0);
  });
});

describe('validation', () => {
  it('reports an alias to no anchor where it is', () => {
    const e = problem(MINIMAL.replace('type: state', 'type: *kind'));
    expect(e.issues).toEqual([
      expect.objectContaining({ line: 3, column: 11, reason: expect.stringMatching(/^YAML: Unresolved alias/) }),
    ]);
  });

  it('accepts the minimal file', () => {
    expect(parseGazetteer(MINIMAL, 'test.yaml').actors).toHaveLength(1);
  });

  it('names file, line, column and field of a bad value', () => {
    const e = problem(MINIMAL.replace('type: state', 'type: country'));
    expect(e.reason).toMatch(/ \(at `actors\.0\.type`\)$/u);
    expect(e.issues[0]).toMatchObject({ file: 'test.yaml', fatal: true, ruleId: 'gazetteer' });
    expect([e.line, e.column]).toEqual([3, 11]);
    expect(e.message).toMatch(/^test\.yaml:3:11 /u);
  });

  it('points at an unknown field (a typo) by its key', () => {
    const e = problem(MINIMAL.replace('aliases:', 'alias:'));
    expect(e.reason).toMatch(/unknown field "alias"/u);
    expect([e.line, e.column]).toEqual([4, 5]);
    expect(e.issues.some((i) => i.reason.endsWith('(at `actors.0.aliases`)'))).toBe(true);
  });

  it('sends stances to the codebook, where their cues now live', () => {
    const e = problem(`${MINIMAL}stances:\n  urges_restraint:\n    agent: speaker\n    cues: [restraint]\n`);
    expect(e.reason).toMatch(/unknown field "stances": the stances and their cues are in the codebook/u);
    expect([e.line, e.column]).toEqual([5, 1]);
  });

  it('rejects an alias given to two actors', () => {
    const yaml = `${MINIMAL}  - name: Sylvania\n    type: state\n    aliases: [Sylvania, Freedonia]\n`;
    const e = problem(yaml);
    expect(e.reason).toMatch(/ \(at `actors\.1\.aliases\.1`\)$/u);
    expect(e.reason).toMatch(/already a name of Freedonia/u);
    expect(e.line).toBe(7);
  });

  it('rejects a person speaking for an actor that does not exist', () => {
    const yaml = MINIMAL.replace(
      '    aliases: [Freedonia]\n',
      '    aliases: [Freedonia]\n    people:\n      - name: Rufus Firefly\n        office: President\n        speaks_for: [Sylvania]\n',
    );
    const e = problem(yaml);
    expect(e.reason).toMatch(/ \(at `actors\.0\.people\.0\.speaks_for\.0`\)$/u);
    expect(e.reason).toMatch(/not the name of an actor/u);
  });

  it('reports YAML syntax errors with their position', () => {
    const e = problem('actors:\n  - name: [unclosed\n');
    expect(e.line).toBeGreaterThan(1);
    expect(e.reason).toMatch(/^YAML/u);
  });
});

describe('actor names', () => {
  it('finds country names, adjectives and capitals', () => {
    expect(names('Russia, Belarusian troops and Beijing')).toEqual([
      ['Russia', 'Russia'],
      ['Belarusian', 'Belarus'],
      ['Beijing', 'China'],
    ]);
  });

  it('finds institutions, and prefers the longest alias', () => {
    expect(
      names('The Russian Foreign Ministry and the Kremlin; the State Department; the EU’s foreign policy chief'),
    ).toEqual([
      ['Russian Foreign Ministry', 'Russia'],
      ['Kremlin', 'Russia'],
      ['State Department', 'United States'],
      ["EU's foreign policy chief", 'European Union'],
    ]);
  });

  it('matches names in capitals exactly: "US" is not "us"', () => {
    expect(names('Let us see what the US does')).toEqual([['US', 'United States']]);
  });

  it('knows non-actors and does not read them as the country they name', () => {
    expect(names('Sputnik Kazakhstan and the Russian Information Agency reported')).toEqual([
      ['Sputnik Kazakhstan', 'non_actor'],
      ['Russian Information Agency', 'non_actor'],
    ]);
  });

  it('does not let "the organization" cut into a longer name', () => {
    expect(names('the Organization of Islamic Cooperation said')).toEqual([
      ['Organization of Islamic Cooperation', 'Organisation of Islamic Cooperation'],
    ]);
    expect(names('the Organization of Turkish States')[0]![1]).toBe('Organization of Turkic States');
  });

  it('finds Arabic aliases, with a proclitic and vowel marks', () => {
    expect(names('حثّت الولايات المتحدة وروسيا')).toEqual([
      ['الولايات المتحده', 'United States'],
      ['روسيا', 'Russia'],
    ]);
  });
});

describe('people', () => {
  it('matches canonical names and listed variants', () => {
    expect(people('Anthony Blinken met Sergei Lavrov; Saki added')).toEqual([
      ['Anthony Blinken', 'Antony Blinken'],
      ['Sergei Lavrov', 'Sergei Lavrov'],
      ['Saki', 'Jen Psaki'],
    ]);
  });

  it('matches spellings that translation produces, keeping them as written', () => {
    expect(people('President Kassym-Gomert Tokayev')).toEqual([['Kassym-Gomert Tokayev', 'Kassym-Jomart Tokayev']]);
    expect(people('President Kassym-Shomart Tokayev')).toEqual([['Kassym-Shomart Tokayev', 'Kassym-Jomart Tokayev']]);
    expect(people('his counterpart Mukhtar Teleobardi')).toEqual([['Mukhtar Teleobardi', 'Mukhtar Tileuberdi']]);
    expect(people('his counterpart Mukhtar Tlioberdi')).toEqual([['Mukhtar Tlioberdi', 'Mukhtar Tileuberdi']]);
  });

  it('ignores diacritics: Erdogan is Erdoğan, Cavusoglu is Çavuşoğlu', () => {
    expect(people('Recep Tayyip Erdogan and Mevlut Cavusoglu')).toEqual([
      ['Recep Tayyip Erdogan', 'Recep Tayyip Erdoğan'],
      ['Mevlut Cavusoglu', 'Mevlüt Çavuşoğlu'],
    ]);
  });

  it('finds a respelled surname alone only once the person has been named', () => {
    expect(people('Minister Teleobardi said')).toEqual([]);
    expect(people('Minister Teleobardi said', new Set([person('Mukhtar Tileuberdi')]))).toEqual([
      ['Teleobardi', 'Mukhtar Tileuberdi'],
    ]);
  });

  it('does not take ordinary words or other people for known ones', () => {
    expect(people('Price increases hit Tokyo; prices rose; a Blanket ban; the truss bridge.')).toEqual([]);
    expect(people('Michael Johnson, an analyst, said so')).toEqual([]);
    expect(people('the Nobel Prize and Michael Michelson')).toEqual([]);
  });

  it('takes a bare surname mid-sentence, after a title, or speaking', () => {
    expect(people('Then the minister, Lavrov, spoke')).toEqual([['Lavrov', 'Sergei Lavrov']]);
    expect(people('Foreign Minister Lavrov said')).toEqual([['Lavrov', 'Sergei Lavrov']]);
    expect(people('Lavrov said so')).toEqual([['Lavrov', 'Sergei Lavrov']]);
  });

  it('compares words by sound and skeleton, not letter by letter', () => {
    expect(wordSimilarity('Tokayev', 'Tokayev')).toBe('exact');
    expect(wordSimilarity('Teleobardi', 'Tileuberdi')).toBe('close');
    expect(wordSimilarity('Kassym-Gomert', 'Kassym-Jomart')).toBe('close');
    expect(wordSimilarity('Tokyo', 'Tokayev')).toBeNull();
    expect(wordSimilarity('Lavender', 'Lavrov')).toBeNull();
  });

  it('does not respell ordinary capitalised words into known surnames', () => {
    const seen = new Set([person('Vladimir Putin'), person('Antony Blinken'), person('Ned Price')]);
    expect(people('Putting it simply, a Blanket ban. Prize money.', seen)).toEqual([]);
  });
});

describe('cues', () => {
  it('matches phrases, word endings and patterns', () => {
    expect(stances(g, 'They were worried.')).toEqual(['expresses_concern']);
    expect(stances(g, 'They called for an end to the violence.')).toEqual(['urges_restraint']);
    expect(stances(g, 'All concerned must act.')).toEqual([]);
  });

  it('expands {actor} to any alias', () => {
    expect(stances(g, 'We support Kazakhstan.')).toContain('supports_government');
    expect(stances(g, 'We support calls for calm.')).not.toContain('supports_government');
  });

  it('matches whole words only, with any case and spacing', () => {
    expect(stances(g, 'It was unconcerned.')).toEqual([]);
    expect(stances(g, 'They voiced  Grave CONCERN.')).toEqual(['expresses_concern']);
    expect(stances(g, 'a call for non-violence')).toEqual(['urges_restraint']);
  });

  it('finds every cue of a text, overlapping ones included, in stance order', () => {
    expect(findCues(g, normalizeText('They urged restraint and self-restraint.').text).map((c) => c.text)).toEqual([
      'restraint',
      'restraint',
      'self-restraint',
    ]);
  });

  it('matches Arabic cues through vowel marks and proclitics', () => {
    expect(stances(g, 'على “التهدئة وضبط النفس”')).toEqual(['urges_restraint', 'urges_restraint']);
  });
});
