// A story's codebook reaches every stage: a measure it adds (`rescued`) is
// extracted by the next derive (in-process and on worker threads alike),
// validated by the datasets' schema built from the codebook, settable in the
// review, and a bad entry stops the derive at its line and column.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCodebooks } from '../../src/extract/codebook.ts';
import { schemasFor } from '../../src/datasets/schema.ts';
import { parseDataset } from '../../src/datasets/serialize.ts';
import { parseReview } from '../../src/datasets/review.ts';
import { derive } from '../../src/project/derive.ts';
import { CliError } from '../../src/project/errors.ts';
import { PATHS, ROOT } from '../story.ts';
import { VFile } from 'vfile';

const STORY = join(import.meta.dirname, '../gold/stories/nepal-quake');
const dir = mkdtempSync(join(tmpdir(), 'newsbook-codebook-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const quiet = { progress: () => ({ tick: () => undefined, done: () => undefined }) };
const options = (out: string, codebook = join(STORY, 'codebook.yaml')) => ({
  articles: join(STORY, 'articles'),
  out: join(dir, out),
  code: ROOT,
  gazetteers: [PATHS.gazetteer],
  codebooks: [PATHS.codebook, codebook],
  review: null,
  home: 'Nepal',
});

describe('a story codebook', () => {
  it('adds a measure the derive extracts and the schema accepts, in-process and on workers alike', async () => {
    await derive(options('one'), quiet);
    await derive(options('two'), { ...quiet, workers: 2 });
    const text = readFileSync(join(dir, 'one', 'casualties.json'), 'utf8');
    expect(readFileSync(join(dir, 'two', 'casualties.json'), 'utf8')).toBe(text);
    const codebook = parseCodebooks(
      [PATHS.codebook, join(STORY, 'codebook.yaml')].map((path) => ({ path, text: readFileSync(path, 'utf8') })),
    );
    const rows = parseDataset('casualties', text, 'casualties.json', schemasFor(codebook));
    expect(rows.some((r) => r.measure === 'rescued')).toBe(true);
    expect(rows.some((r) => r.status === 'projected')).toBe(true);
    expect(() => parseDataset('casualties', text, 'casualties.json')).toThrow(/measure/);
  }, 60_000);

  it('lets the review set any codebook measure, a status and an attribution', () => {
    const codebook = parseCodebooks(
      [PATHS.codebook, join(STORY, 'codebook.yaml')].map((path) => ({ path, text: readFileSync(path, 'utf8') })),
    );
    const yaml =
      'casualties:\n  - article: quake-04\n    quote: pulled 243 people\n    set: { measure: rescued, status: projected, attribution: Home Ministry }\n';
    expect(parseReview(new VFile(yaml), codebook).problems).toEqual([]);
    const refused = parseReview(new VFile(yaml)).problems;
    expect(refused.map((p) => [p.line, p.column])).toEqual([[4, 21]]);
    expect(refused[0]?.reason).toMatch(/rescued/);
  });

  it('stops the derive at the line and column of a bad entry', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, "measures:\n  - name: buried\n    label: buried\n    words: ['/(buried/']\n");
    const error = await derive(options('bad', bad), quiet).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).diagnostics[0]).toMatchObject({
      file: bad,
      line: 4,
      column: 13,
      fatal: true,
      ruleId: 'codebook',
    });
  });
});
