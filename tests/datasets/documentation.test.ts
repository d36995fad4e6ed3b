// data/README.md documents the datasets for whoever opens the CSV files; this
// holds it to the schema and the vocabularies the code writes, so the two
// cannot drift apart.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASE_MEASURES, BASE_STANCES, DATASETS, GROUPS, QUALIFIERS, STATUSES } from '../../src/datasets/schema.ts';
import { MEASURE_LABELS, STANCE_GROUPS, STANCE_LABELS } from '../../src/charts/labels.ts';
import { defaultCodebook, missingBaseNames } from '../../src/extract/codebook.ts';
import { writeCodebookTables } from '../../src/extract/codebook-docs.ts';
import { VAGUE_COUNTS } from '../../src/extract/numbers.ts';

const readme = readFileSync(join(import.meta.dirname, '../../data/README.md'), 'utf8');

/** The rows of the `nth` table under the heading `title`, as arrays of cells (backticks removed). */
function table(title: string, nth = 0): string[][] {
  const lines = readme.split('\n');
  const at = lines.findIndex((line) => /^#+ /.test(line) && line.replace(/^#+ /, '') === title);
  expect(at, `a section "${title}" in data/README.md`).toBeGreaterThanOrEqual(0);
  let start = at;
  for (let n = 0; n <= nth; n++) {
    start = lines.findIndex((line, i) => i > start && line.startsWith('|') && !lines[i - 1]!.startsWith('|'));
  }
  const rows: string[][] = [];
  for (let i = start + 2; i < lines.length && lines[i]!.startsWith('|'); i++) {
    rows.push(
      lines[i]!.slice(1, -1)
        .split('|')
        .map((cell) => cell.trim().replaceAll('`', '')),
    );
  }
  return rows;
}

const firstColumn = (title: string) => table(title).map((row) => row[0]);

describe('data/README.md', () => {
  it.each(Object.entries(DATASETS))('lists every column of %s, in the order of the files', (name, { fields }) => {
    expect(firstColumn(name)).toEqual([...fields]);
  });

  const codebook = defaultCodebook();

  it.each([
    ['measure', codebook.measures],
    ['group', GROUPS],
    ['qualifier', QUALIFIERS],
    ['status', STATUSES],
    ['stance', codebook.stances],
  ] as const)('lists every %s the datasets can hold', (title, values) => {
    expect(new Set(firstColumn(title))).toEqual(new Set(values));
  });

  it('documents the codebook as data/codebook.yaml has it (npx tsx scripts/codebook-docs.ts writes it)', () => {
    expect(readme).toBe(writeCodebookTables(readme, codebook));
  });

  it("has a base codebook with the contract's measures and stances, whose labels the charts use by default", () => {
    expect(missingBaseNames(codebook)).toEqual([]);
    expect(new Set(codebook.measures)).toEqual(new Set(BASE_MEASURES));
    expect(new Set(codebook.stances)).toEqual(new Set(BASE_STANCES));
    expect(Object.fromEntries(codebook.measureEntries.map((m) => [m.name, m.label]))).toEqual(MEASURE_LABELS);
    expect(Object.fromEntries(codebook.stanceEntries.map((m) => [m.name, m.label]))).toEqual(STANCE_LABELS);
    for (const stance of codebook.stanceEntries)
      expect(STANCE_GROUPS.find((g) => g.stances.includes(stance.name))?.id, stance.name).toBe(stance.family);
  });

  it('gives the vague-word table the extraction applies', () => {
    const documented = table('qualifier', 1);
    const expected = Object.entries(VAGUE_COUNTS).reduce<Record<string, string>>(
      (all, [word, { low, high }]) => ({ ...all, [word]: `${low}-${high}` }),
      {},
    );
    for (const [phrase, low, high] of documented) {
      for (const word of phrase!.split(',').map((w) => w.trim().replace(/^a /, '')))
        expect(expected[word], word).toBe(`${low}-${high}`);
    }
    expect(documented.flatMap(([phrase]) => phrase!.split(',').map((w) => w.trim().replace(/^a /, ''))).sort()).toEqual(
      Object.keys(VAGUE_COUNTS).sort(),
    );
  });
});
