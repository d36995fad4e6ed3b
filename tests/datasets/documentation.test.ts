// data/README.md documents the datasets for whoever opens the CSV files; this
// holds it to the schema and the vocabularies the code writes, so the two
// cannot drift apart.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATASETS, GROUPS, MEASURES, QUALIFIERS, STANCES, STATUSES } from '../../src/datasets/schema.ts';
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
    rows.push(lines[i]!.slice(1, -1).split('|').map((cell) => cell.trim().replaceAll('`', '')));
  }
  return rows;
}

const firstColumn = (title: string) => table(title).map((row) => row[0]);

describe('data/README.md', () => {
  it.each(Object.entries(DATASETS))('lists every column of %s, in the order of the files', (name, { fields }) => {
    expect(firstColumn(name)).toEqual([...fields]);
  });

  it.each([
    ['measure', MEASURES],
    ['group', GROUPS],
    ['qualifier', QUALIFIERS],
    ['status', STATUSES],
    ['stance', STANCES],
  ] as const)('lists every %s the datasets can hold', (title, values) => {
    expect(new Set(firstColumn(title))).toEqual(new Set(values));
  });

  it('gives the vague-word table the extraction applies', () => {
    const documented = table('qualifier', 1);
    const expected = Object.entries(VAGUE_COUNTS).reduce<Record<string, string>>((all, [word, { low, high }]) => ({ ...all, [word]: `${low}-${high}` }), {});
    for (const [phrase, low, high] of documented) {
      for (const word of phrase!.split(',').map((w) => w.trim().replace(/^a /, ''))) expect(expected[word], word).toBe(`${low}-${high}`);
    }
    expect(documented.flatMap(([phrase]) => phrase!.split(',').map((w) => w.trim().replace(/^a /, ''))).sort()).toEqual(Object.keys(VAGUE_COUNTS).sort());
  });
});
