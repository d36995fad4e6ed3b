// The codebook loader: the base file parses with every measure and stance of
// the contract, a story's file adds to it, and every bad entry is an error at
// its file, line and column.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CodebookError, parseCodebook, parseCodebooks } from '../../src/extract/codebook.ts';
import { datasetSchemas } from '../../src/datasets/schema.ts';

const BASE = {
  text: readFileSync(new URL('../../data/codebook.yaml', import.meta.url), 'utf8'),
  path: 'data/codebook.yaml',
};

function problems(story: string): CodebookError['issues'] {
  try {
    parseCodebooks([BASE, { text: story, path: 'data/flood/codebook.yaml' }]);
  } catch (e) {
    if (e instanceof CodebookError) return e.issues;
    throw e;
  }
  throw new Error('expected a CodebookError');
}

describe('the codebook', () => {
  it('gives every stance a label, a family and cues, and every measure words', () => {
    const codebook = parseCodebooks([BASE]);
    for (const s of codebook.stanceEntries) expect(s.cues.length, s.name).toBeGreaterThan(0);
    for (const m of codebook.measureEntries) expect(m.words.length, m.name).toBeGreaterThan(0);
    expect(codebook.stanceLabel('expresses_sympathy')).toBe('expresses sympathy');
    expect(codebook.stanceEntries.find((s) => s.name === 'sends_aid')?.cameo).toBe('07');
  });

  it("takes a story's measures, stances and cues", () => {
    const codebook = parseCodebooks([
      BASE,
      {
        text: 'measures:\n  - name: rescued\n    label: rescued alive\n    words: [rescued, "pulled * from the rubble"]\nstances:\n  - name: condemns_attack\n    label: condemns the attack\n    cameo: "111"\n    cues: [condemn*]\n  - name: expresses_concern\n    cues: [fretted]\n',
        path: 'data/quake/codebook.yaml',
      },
    ]);
    expect(codebook.measures).toContain('rescued');
    expect(codebook.measureLabel('rescued')).toBe('rescued alive');
    expect(codebook.stances).toContain('condemns_attack');
    expect(codebook.stanceEntries.find((s) => s.name === 'expresses_concern')?.cues).toContain('fretted');
    expect(
      datasetSchemas(codebook)
        .casualties.schema.safeParse({ measure: 'rescued' })
        .error?.issues.some((i) => i.path[0] === 'measure'),
    ).toBe(false);
    expect(() => datasetSchemas(parseCodebooks([BASE])).casualties.schema.parse({ measure: 'rescued' })).toThrow(
      /rescued|measure/,
    );
  });

  it('reports a bad entry at its line and column', () => {
    const [issue] = problems("measures:\n  - name: rescued\n    label: rescued\n    words: ['/(unclosed/']\n");
    expect(issue).toMatchObject({
      file: 'data/flood/codebook.yaml',
      line: 4,
      column: 13,
      fatal: true,
      ruleId: 'codebook',
    });
    expect(issue?.reason).toMatch(/regular expression.* \(at `measures\.0\.words\.0`\)$/);
  });

  it('reports a misspelt field by its key', () => {
    const [issue] = problems('stances:\n  - name: condemns_attack\n    label: condemns\n    queues: [condemn*]\n');
    expect(issue).toMatchObject({ line: 4, column: 5, reason: 'unknown field "queues" (at `stances.0`)' });
  });

  it('asks a new measure or stance for its label, and a family that exists', () => {
    const issues = problems(
      'measures:\n  - name: buried\n    words: [buried]\nstances:\n  - name: condemns_attack\n    family: angry\n    label: condemns\n    cues: [condemn*]\n',
    );
    expect(issues.map((i) => [i.reason.match(/\(at `(.*)`\)$/)?.[1], i.line, i.column])).toEqual([
      ['measures.0', 2, 5],
      ['stances.0.family', 6, 13],
    ]);
  });

  it('refuses a name that is not a lowercase identifier', () => {
    const [issue] = problems('measures:\n  - name: Buried Alive\n    label: buried\n    words: [buried]\n');
    expect(issue).toMatchObject({ line: 2, column: 11 });
    expect(issue?.reason).toMatch(/ \(at `measures\.0\.name`\)$/);
  });

  it('reports YAML errors with their place', () => {
    expect(() => parseCodebook('measures: [\n', 'x.yaml')).toThrow(/^x\.yaml:\d+:\d+ {2}YAML/);
  });
});
