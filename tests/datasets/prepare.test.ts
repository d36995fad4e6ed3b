// src/datasets/prepare.ts writes each article's rows where they are extracted
// (on the derive's worker threads) and assembles the files from them: the
// bytes must be those of serializeDatasets of the reviewed datasets, whatever
// the review did, and a row the schema refuses must stop the write with the
// same error as a write of the whole dataset.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/articles/article.ts';
import { loadArticles } from '../../src/project/files.ts';
import { PATHS } from '../story.ts';
import { deriveDatasets, sortArticles } from '../../src/datasets/derive.ts';
import {
  assemblePrepared,
  packForPosting,
  prepareArticle,
  prepareRows,
  unpackPosted,
} from '../../src/datasets/prepare.ts';
import type { PreparedArticle } from '../../src/datasets/prepare.ts';
import { EMPTY_REVIEW, parseReview } from '../../src/datasets/review.ts';
import type { Review } from '../../src/datasets/review.ts';
import { serializeDatasets } from '../../src/datasets/serialize.ts';
import { parseGazetteer } from '../../src/extract/gazetteer.ts';
import { VFile } from 'vfile';

const gazetteer = parseGazetteer(readFileSync(PATHS.gazetteer, 'utf8'), PATHS.gazetteer);
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
let sorted: Article[];

beforeAll(async () => {
  sorted = sortArticles((await loadArticles(PATHS.articles)).articles);
  expect(sorted).toHaveLength(5);
});

function review(yaml: string): Review {
  const { review: parsed, problems } = parseReview(new VFile({ path: 'review.yaml', value: yaml }));
  expect(problems).toEqual([]);
  return parsed;
}

/** The files from prepared rows, as text, beside those serializeDatasets writes for the same articles and review. */
function both(prepared: PreparedArticle[], r: Review) {
  const assembled = assemblePrepared(sorted, prepared, gazetteer, r);
  const expected = serializeDatasets(deriveDatasets(sorted, gazetteer, { review: r }).datasets);
  const files = new Map([...assembled.files()].map(([name, bytes]) => [name, text(bytes)]));
  return { files, expected, assembled };
}

const REVIEWS: Record<string, string> = {
  'no review': '',
  'the committed review': readFileSync(PATHS.review, 'utf8'),
  'rejections, corrections and confirmations': [
    'casualties:',
    '  - article: "004"',
    '    quote: "There are also 317 injured"',
    '    phrase: "317"',
    '    reject: true',
    '  - article: "002"',
    '    quote: "dozens of the attackers were eliminated"',
    '    phrase: dozens',
    '    set:',
    '      as_of: 2022-01-06',
    'reactions:',
    '  - article: "003"',
    '    quote: Moscow called for a peaceful solution through dialogue',
    '    actor: Russia',
    '    stance: urges_dialogue',
    '    confirm: true',
    '',
  ].join('\n'),
};

describe('assemblePrepared', () => {
  it.each(Object.keys(REVIEWS))('writes the bytes serializeDatasets writes, with %s', (name) => {
    const r = REVIEWS[name] === '' ? EMPTY_REVIEW : review(REVIEWS[name]!);
    const { files, expected, assembled } = both(
      sorted.map((a) => prepareArticle(a, gazetteer)),
      r,
    );
    expect(files).toEqual(expected);
    expect(assembled.derived.reviewProblems.filter((p) => p.fatal === true)).toEqual([]);
    if (name !== 'no review') expect(Object.values(assembled.derived.reviewCounts).some((n) => n > 0)).toBe(true);
  });

  it('gives the same after a trip between threads without the quotes (packForPosting, unpackPosted)', () => {
    const r = review(REVIEWS['rejections, corrections and confirmations']!);
    const posted = sorted.map((a) => {
      const packed = packForPosting(prepareArticle(a, gazetteer), a.body);
      // What postMessage does to it.
      return unpackPosted(structuredClone(packed), a.body);
    });
    expect(posted.some((p) => p.reactions.rows.length > 0)).toBe(true);
    const { files, expected } = both(posted, r);
    expect(files).toEqual(expected);
  });

  it('refuses a row that fails its schema, naming its row in the finished dataset as serializeDatasets does', () => {
    const prepared = sorted.map((a) => prepareArticle(a, gazetteer));
    // The first figure of the third article with any, made impossible where it was extracted.
    const article = prepared.findIndex((p, i) => i >= 2 && p.casualties.rows.length > 0);
    const rows = prepared[article]!.casualties.rows.map((row, i) => (i === 0 ? { ...row, value: -1 } : row));
    const refused = prepareRows('casualties', rows);
    expect(refused.valid).toBe(false);
    expect(refused.rows).toBe(rows);
    prepared[article] = { ...prepared[article]!, casualties: refused };
    const before = prepared.slice(0, article).reduce((n, p) => n + p.casualties.rows.length, 0);
    const assembled = assemblePrepared(sorted, prepared, gazetteer, EMPTY_REVIEW);
    const error = `Cannot write casualties: row ${before + 1}, field \`value\``;
    expect(() => assembled.files()).toThrow(error);
    expect(() => serializeDatasets(assembled.derived.datasets)).toThrow(error);
  });
});
