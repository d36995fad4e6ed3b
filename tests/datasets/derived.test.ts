// The committed datasets are the product: every row must come from its
// article's text, match the schema, and be exactly what the code derives now.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/articles/article.ts';
import { loadGazetteer, loadReview } from '../../src/project/derive.ts';
import { deriveFingerprint, storyDeriveOptions } from '../../src/project/derive-inputs.ts';
import { loadArticles } from '../../src/project/files.ts';
import { PATHS, storyConfig } from '../story.ts';
import { datasetFolderState } from '../../src/project/dataset-folder.ts';
import { deriveDatasets } from '../../src/datasets/derive.ts';
import { withHome } from '../../src/extract/gazetteer.ts';
import { MANIFEST, parseManifest } from '../../src/datasets/fingerprint.ts';
import { toCsv } from '../../src/datasets/csv.ts';
import { DATASETS } from '../../src/datasets/schema.ts';
import { DATASET_NAMES, parseDataset, serializeDatasets } from '../../src/datasets/serialize.ts';

let articles: Article[];
const committed = (name: string) => readFileSync(join(PATHS.derived, name), 'utf8');

beforeAll(async () => {
  ({ articles } = await loadArticles(PATHS.articles));
});

describe('data/kazakhstan-unrest/derived', () => {
  it('is what the extraction code derives from the articles today, with the review applied (run `npm run derive` if not)', async () => {
    const derived = deriveDatasets(articles, withHome(await loadGazetteer([PATHS.gazetteer]), 'Kazakhstan'), {
      review: await loadReview(PATHS.review),
    });
    expect(derived.reviewProblems).toEqual([]);
    for (const [name, content] of serializeDatasets(derived.datasets)) {
      expect(committed(name), `${name} is out of date: run \`npm run derive\``).toBe(content);
    }
  }, 60_000);

  it('marks the rows an editor reviewed, in the last column', () => {
    const casualties = parseDataset('casualties', committed('casualties.json'), 'casualties.json');
    expect(committed('casualties.csv').split('\n')[0]).toMatch(/,reviewed$/);
    expect(committed('reactions.csv').split('\n')[0]).toMatch(/,reviewed$/);
    // data/kazakhstan-unrest/review.yaml corrects the date of 002's "dozens of the attackers were eliminated".
    expect(casualties.find((r) => r.quote.includes('dozens of the attackers were eliminated'))).toMatchObject({
      as_of: '2022-01-06',
      reviewed: true,
    });
    expect(casualties.filter((r) => r.reviewed)).toHaveLength(1);
  });

  it('records the fingerprint of its inputs, so `npm run report` knows when to re-derive', async () => {
    const manifest = parseManifest(committed(MANIFEST));
    expect(manifest?.inputs).toBe(await deriveFingerprint(storyDeriveOptions(await storyConfig())));
  });

  it('records the hash of every file written with the manifest, and its files are those (issue 14, item 1)', async () => {
    expect(Object.keys(parseManifest(committed(MANIFEST))?.files ?? {}).sort()).toEqual(
      [...DATASET_NAMES.flatMap((n) => [`${n}.csv`, `${n}.json`]), 'datapackage.json'].sort(),
    );
    expect(await datasetFolderState(PATHS.derived)).toEqual({ consistent: true });
  });

  it('is written exactly as JSON.stringify(rows, null, 2) and toCsv write it (the writer frames rows itself, for speed)', () => {
    for (const name of DATASET_NAMES) {
      const rows = JSON.parse(committed(`${name}.json`)) as Record<string, unknown>[];
      expect(rows.length, name).toBeGreaterThan(0);
      expect(committed(`${name}.json`), name).toBe(`${JSON.stringify(rows, null, 2)}\n`);
      expect(committed(`${name}.csv`), name).toBe(toCsv(DATASETS[name].fields, rows));
    }
    expect(serializeDatasets({ casualties: [], reactions: [], articles: [] }).get('casualties.json')).toBe(
      `${JSON.stringify([], null, 2)}\n`,
    );
  });

  it('validates against the schema when read back', () => {
    for (const name of ['casualties', 'reactions', 'articles'] as const) {
      expect(() => parseDataset(name, committed(`${name}.json`), name)).not.toThrow();
    }
  });

  it('traces every row to its sentence: body.slice(start, end) === quote', () => {
    const bodies = new Map(articles.map((a) => [a.meta.id, a.body]));
    const casualties = parseDataset('casualties', committed('casualties.json'), 'casualties.json');
    const reactions = parseDataset('reactions', committed('reactions.json'), 'reactions.json');
    expect(casualties.length).toBeGreaterThan(0);
    expect(reactions.length).toBeGreaterThan(0);
    for (const row of [...casualties, ...reactions]) {
      const body = bodies.get(row.article);
      expect(body, row.id).toBeDefined();
      expect(body?.slice(row.start, row.end), row.id).toBe(row.quote);
    }
  });

  it('numbers rows per article in text order (a rejected row leaves a gap, so ids never move)', () => {
    const casualties = parseDataset('casualties', committed('casualties.json'), 'casualties.json');
    for (const id of new Set(casualties.map((r) => r.article))) {
      const rows = casualties.filter((r) => r.article === id);
      const numbers = rows.map((r) => Number(r.id.slice(`${id}-c`.length)));
      expect(rows.every((r) => r.id.startsWith(`${id}-c`))).toBe(true);
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
      expect(new Set(numbers).size).toBe(numbers.length);
      expect(rows.map((r) => r.start)).toEqual([...rows.map((r) => r.start)].sort((a, b) => a - b));
    }
  });
});
