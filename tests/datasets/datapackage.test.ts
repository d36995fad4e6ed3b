// The datasets travel with their description (issue 19): every derived folder
// has a Frictionless Data Package that a maintained validator accepts, whose
// every CSV row checks against its Table Schema (types, enums, keys, the
// foreign key to the articles), and the reactions carry their CAMEO codes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import dp from 'datapackage';
import { describe, expect, it } from 'vitest';
import { DATA_PACKAGE, dataPackage, packageSource, vocabularies } from '../../src/datasets/datapackage.ts';
import { parseDataset } from '../../src/datasets/serialize.ts';
import { DATASETS } from '../../src/datasets/schema.ts';
import { loadCodebook } from '../../src/project/derive.ts';
import { PATHS } from '../story.ts';

interface Resource {
  name: string;
  read(options: { keyed: boolean; cast: boolean; relations: boolean }): Promise<Record<string, unknown>[]>;
}

const { Package } = dp as unknown as {
  Package: {
    load(
      descriptor: string,
      options: { basePath: string },
    ): Promise<{ valid: boolean; errors: Error[]; resources: Resource[] }>;
  };
};
const committed = (name: string) => readFileSync(join(PATHS.derived, name), 'utf8');

describe('datapackage.json', () => {
  it('is a valid tabular data package, and every row of every CSV is valid against its schema, keys included', async () => {
    const pkg = await Package.load(join(PATHS.derived, DATA_PACKAGE), { basePath: PATHS.derived });
    expect(pkg.errors.map((e) => e.message)).toEqual([]);
    expect(pkg.valid).toBe(true);
    const counts: Record<string, number> = {};
    for (const resource of pkg.resources)
      counts[resource.name] = (await resource.read({ keyed: true, cast: true, relations: true })).length;
    expect(counts).toEqual({
      casualties: parseDataset('casualties', committed('casualties.json'), 'casualties.json').length,
      reactions: parseDataset('reactions', committed('reactions.json'), 'reactions.json').length,
      articles: parseDataset('articles', committed('articles.json'), 'articles.json').length,
    });
  }, 30_000);

  it("describes every column of the files, in their order, with the codebook's values", async () => {
    const codebook = await loadCodebook([PATHS.codebook]);
    const pkg = JSON.parse(committed(DATA_PACKAGE)) as {
      resources: {
        name: string;
        schema: { fields: { name: string; description: string; constraints?: { enum?: string[] } }[] };
      }[];
    };
    for (const resource of pkg.resources) {
      const fields = resource.schema.fields;
      expect(fields.map((f) => f.name)).toEqual([...DATASETS[resource.name as keyof typeof DATASETS].fields]);
      for (const field of fields) expect(field.description, `${resource.name}.${field.name}`).not.toBe('');
    }
    const enumOf = (resource: string, field: string) =>
      pkg.resources.find((r) => r.name === resource)!.schema.fields.find((f) => f.name === field)!.constraints?.enum;
    expect(enumOf('casualties', 'measure')).toEqual(codebook.measures);
    expect(enumOf('reactions', 'stance')).toEqual(codebook.stances);
  });

  it('names the story and its sources, leaves the licence to the newsroom, and is the same for the same inputs', () => {
    const pkg = JSON.parse(committed(DATA_PACKAGE)) as {
      name: string;
      title: string;
      sources: { title: string }[];
      licenses: { title: string }[];
    };
    expect(pkg.name).toBe('kazakhstan-unrest');
    expect(pkg.title).toBe("Kazakhstan's January unrest, in the sources' own numbers");
    expect(pkg.sources.some((s) => s.title.startsWith('Al Mayadeen English: '))).toBe(true);
    expect(pkg.licenses[0]?.title).toMatch(/newsroom/);
    const articles = parseDataset('articles', committed('articles.json'), 'articles.json').map(packageSource);
    const story = { name: 'x', title: 'T', description: null };
    const words = vocabularies({ measures: ['killed', 'rescued'], stances: ['sends_aid'] });
    expect(dataPackage(story, articles, words).equals(dataPackage(story, articles, words))).toBe(true);
    expect(dataPackage(story, articles, words).toString()).toContain('"rescued"');
  });

  it('lays its sources out as JSON.stringify does, however many and whatever their titles', () => {
    const words = vocabularies({ measures: ['killed'], stances: ['sends_aid'] });
    const odd = ['Quote " and \\ back', 'Line\nbreak, tab\t', 'é, 中文, 😀, \u2028', ''];
    // Enough to make several of the pieces the sources are made in, with and without a link.
    const many = Array.from({ length: 3000 }, (_, i) => ({
      title: `${odd[i % odd.length]} ${'x'.repeat(i % 90)} ${i}`,
      ...(i % 3 === 0 ? { path: `https://example.org/${i}` } : {}),
    }));
    for (const sources of [[], many.slice(0, 1), many.slice(0, 7), many]) {
      for (const story of [
        { name: null, title: null, description: null },
        { name: 'n', title: '"sources": []', description: 'A\n  "sources": [] in a string' },
      ]) {
        const text = dataPackage(story, sources, words).toString();
        const parsed = JSON.parse(text) as { sources: unknown[] };
        expect(parsed.sources).toEqual(sources);
        expect(text).toBe(`${JSON.stringify(parsed, null, 2)}\n`);
        expect(JSON.parse(dataPackage(story, [], words).toString())).toEqual({ ...parsed, sources: [] });
      }
    }
  });
});

describe('the cameo column', () => {
  it("gives each reaction its stance's CAMEO code from the codebook, null where it has none", async () => {
    const codebook = await loadCodebook([PATHS.codebook]);
    const codes = new Map(codebook.stanceEntries.map((s) => [s.name, s.cameo]));
    const reactions = parseDataset('reactions', committed('reactions.json'), 'reactions.json');
    expect(reactions.length).toBeGreaterThan(0);
    for (const row of reactions) expect(row.cameo, row.id).toBe(codes.get(row.stance) ?? null);
    expect(committed('reactions.csv').split('\n')[0]).toContain(',stance,cameo,');
    expect(reactions.find((r) => r.stance === 'sends_troops')?.cameo).toBe('074');
  });
});
