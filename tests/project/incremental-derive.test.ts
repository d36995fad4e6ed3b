// The incremental derive (src/project/extract-cache.ts): after every kind of
// edit a journalist makes (an article changed, deleted, renamed, added; the
// review changed), a derive that takes the other articles from the cache
// writes exactly the bytes of a derive that extracts everything, and of the
// whole datasets derived in memory; a change of an extraction input (the
// gazetteer) extracts every article again.
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticCorpus } from '../../src/bench/synthetic.ts';
import { diffDatasets, formatChangesMarkdown } from '../../src/datasets/changes.ts';
import { deriveDatasets } from '../../src/datasets/derive.ts';
import { serializeDatasets } from '../../src/datasets/serialize.ts';
import { readCodebooks } from '../../src/extract/codebook.ts';
import { readGazetteers, withHome } from '../../src/extract/gazetteer.ts';
import { articleKey } from '../../src/project/derive-inputs.ts';
import { decodeExtraction } from '../../src/project/extract-cache.ts';
import type { DeriveOptions } from '../../src/project/derive-inputs.ts';
import { derive, loadGazetteer, loadReview, readPreviousDatasets } from '../../src/project/derive.ts';
import type { DeriveEffects, DeriveSummary } from '../../src/project/derive.ts';
import { loadArticles } from '../../src/project/files.ts';
import { PATHS, ROOT } from '../story.ts';

let dir: string;
let options: DeriveOptions;
let cache: string;
/** Articles extracted by the last cached derive (its progress ticks those not in the cache last). */
const quiet: DeriveEffects = { progress: () => ({ tick() {}, done() {} }) };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsbook-incremental-'));
  const articles = join(dir, 'articles');
  mkdirSync(articles);
  // The story's own articles (foreign passages, review entries) and synthetic ones.
  cpSync(PATHS.articles, articles, { recursive: true });
  const { articles: seeds } = await loadArticles(PATHS.articles);
  for (const [name, text] of syntheticCorpus(seeds, 55, 7)) writeFileSync(join(articles, name), text);
  cpSync(PATHS.gazetteer, join(dir, 'gazetteer.yaml'));
  cpSync(PATHS.codebook, join(dir, 'codebook.yaml'));
  cpSync(PATHS.review, join(dir, 'review.yaml'));
  cache = join(dir, 'cache');
  options = {
    code: ROOT,
    articles,
    out: join(dir, 'out'),
    gazetteers: [join(dir, 'gazetteer.yaml')],
    codebooks: [join(dir, 'codebook.yaml')],
    review: join(dir, 'review.yaml'),
    home: 'Kazakhstan',
  };
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The files of a folder, by name. */
function files(folder: string): Map<string, Buffer> {
  return new Map(
    readdirSync(folder)
      .sort()
      .map((name) => [name, readFileSync(join(folder, name))]),
  );
}

/** Derives with the cache, and again into a copy of what was there with none; both must give the same bytes, and those of the datasets in memory. The cached derive's summary. */
async function deriveAndCompare(workers?: number): Promise<DeriveSummary> {
  const fresh = join(dir, 'fresh');
  rmSync(fresh, { recursive: true, force: true });
  if (existsSync(options.out)) cpSync(options.out, fresh, { recursive: true });
  const previous = await readPreviousDatasets(options.out);
  const summary = await derive(options, { ...quiet, cache, ...(workers ? { workers } : {}) });
  await derive({ ...options, out: fresh }, { ...quiet, cache: null });
  const cached = files(options.out);
  const full = files(fresh);
  expect([...cached.keys()]).toEqual([...full.keys()]);
  for (const [name, bytes] of full) expect(cached.get(name)?.equals(bytes), name).toBe(true);

  // The whole datasets derived in memory, as the derive did before it was incremental.
  const { articles } = await loadArticles(options.articles);
  const derived = deriveDatasets(articles, withHome(await loadGazetteer(options.gazetteers), 'Kazakhstan'), {
    review: await loadReview(options.review!),
  });
  for (const [name, text] of serializeDatasets(derived.datasets))
    expect(cached.get(name)?.toString('utf8'), name).toBe(text);
  expect(cached.get('CHANGES.md')?.toString('utf8')).toBe(
    formatChangesMarkdown(diffDatasets(previous, derived.datasets)),
  );
  return summary;
}

/** Sets a file's times back a minute: older than the derive's guard against a save in the same clock tick. */
function age(path: string): void {
  const then = new Date(Date.now() - 60_000);
  utimesSync(path, then, then);
}

/** The entries of the cache (every generation). */
function cacheEntries(): string[] {
  return readdirSync(cache, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /^[0-9a-f]{64}$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

describe('an incremental derive', () => {
  it('writes what a full derive writes, the first time', async () => {
    await deriveAndCompare();
    expect(cacheEntries()).toHaveLength(60);
  }, 120_000);

  it('copies the rows of unchanged articles from the datasets that are there, in the middle of the files too', async () => {
    for (const name of readdirSync(options.articles)) age(join(options.articles, name));
    // Noted as they are now (a derive notes the files it reads), then one added in the middle of the id order.
    await deriveAndCompare();
    const text = readFileSync(join(options.articles, 's030.md'), 'utf8').replace('id: "s030"', 'id: "s030a"');
    writeFileSync(join(options.articles, 's030a.md'), text);
    const summary = await deriveAndCompare();
    expect(summary.extracted).toBe(1);
    // Every other article but those the review touches.
    expect(summary.copied).toBeGreaterThan(50);
    rmSync(join(options.articles, 's030a.md'));
    expect((await deriveAndCompare()).copied).toBeGreaterThan(50);
  }, 120_000);

  it('reads a file again when it changed, even at the same size and modification time', async () => {
    const path = join(options.articles, 's040.md');
    age(path);
    await deriveAndCompare();
    const text = readFileSync(path, 'utf8');
    // The same length: a word misspelt in the body.
    const edited = text.replace(/\bthe\b(?![^]*^---$)/m, 'teh');
    expect(edited).not.toBe(text);
    expect(Buffer.byteLength(edited)).toBe(Buffer.byteLength(text));
    const { mtime } = statSync(path);
    writeFileSync(path, edited);
    utimesSync(path, mtime, mtime);
    expect((await deriveAndCompare()).extracted).toBe(1);
  }, 120_000);

  it('after an article is edited', async () => {
    const path = join(options.articles, '002.md');
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace(
        /\n\n/,
        '\n\nAt least 12 people were killed in the clashes, officials said.\n\n',
      ),
    );
    await deriveAndCompare();
  }, 120_000);

  it('after an article is deleted', async () => {
    rmSync(join(options.articles, 's010.md'));
    await deriveAndCompare();
  }, 120_000);

  it('after an article is renamed (file and id)', async () => {
    const text = readFileSync(join(options.articles, 's020.md'), 'utf8').replace('id: "s020"', 'id: "s020b"');
    rmSync(join(options.articles, 's020.md'));
    writeFileSync(join(options.articles, 's020b.md'), text);
    await deriveAndCompare();
  }, 120_000);

  it('after an article is added, on worker threads', async () => {
    const text = readFileSync(join(options.articles, 's030.md'), 'utf8').replace('id: "s030"', 'id: "s099"');
    writeFileSync(join(options.articles, 's099.md'), text);
    await deriveAndCompare(2);
  }, 120_000);

  it('after the datasets are removed or edited by hand, the cache kept (every article from the cache, no row copied)', async () => {
    rmSync(options.out, { recursive: true });
    const removed = await deriveAndCompare();
    expect([removed.extracted, removed.copied]).toEqual([0, 0]);
    // One dataset edited: the previous files are not the ones noted, so none is copied from.
    appendFileSync(join(options.out, 'reactions.csv'), '\n');
    const edited = await deriveAndCompare();
    expect([edited.extracted, edited.copied]).toEqual([0, 0]);
  }, 120_000);

  it('after the review changes (nothing extracted again)', async () => {
    const before = new Set(cacheEntries());
    // The story's correction confirmed instead, an entry for a synthetic article, and one for an article that is not there.
    const review = readFileSync(options.review!, 'utf8').replace(
      / {4}set:\n {6}as_of: 2022-01-06\n/,
      '    confirm: true\n',
    );
    const quote = JSON.parse(readFileSync(join(options.out, 'casualties.json'), 'utf8')).find(
      (r: { article: string }) => r.article === 's005',
    ).quote as string;
    writeFileSync(
      options.review!,
      `${review}\n  - article: "s005"\n    quote: ${JSON.stringify(quote)}\n    reject: true\n  - article: "s777"\n    quote: "nothing"\n    reject: true\n`,
    );
    await deriveAndCompare();
    expect(new Set(cacheEntries())).toEqual(before);
  }, 120_000);

  it('extracts an article from its file again when its cache entry is damaged', async () => {
    const key = articleKey('s025.md', readFileSync(join(options.articles, 's025.md')));
    const entry = cacheEntries().find((path) => path.endsWith(key))!;
    writeFileSync(entry, 'damaged');
    // Into a folder with no datasets to copy rows from: every article is taken from the cache, s025 from its file.
    const saved = options;
    options = { ...options, out: join(dir, 'elsewhere') };
    try {
      expect((await deriveAndCompare()).extracted).toBe(0);
    } finally {
      options = saved;
    }
    // Written again, so the next derive takes it from the cache.
    expect(decodeExtraction(readFileSync(entry))?.id).toBe('s025');
  }, 120_000);

  it('keeps the gazetteer and codebook validated for the next derive, and validates them again when that file is damaged', async () => {
    const [kept] = readdirSync(cache, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name === 'inputs')
      .map((e) => join(e.parentPath, e.name));
    const text = readFileSync(kept!, 'utf8');
    const json = JSON.parse(text.slice(text.indexOf('\n') + 1)) as unknown;
    expect(json).toEqual({
      codebook: readCodebooks([{ path: 'codebook.yaml', text: readFileSync(options.codebooks[0]!, 'utf8') }]),
      gazetteer: readGazetteers([{ path: 'gazetteer.yaml', text: readFileSync(options.gazetteers[0]!, 'utf8') }]),
    });
    // A stance's cues changed by hand: not used (an article edited is extracted with the files' own).
    writeFileSync(kept!, text.replace('"cues":[', '"cues":["broken('));
    const path = join(options.articles, '003.md');
    writeFileSync(path, `${readFileSync(path, 'utf8')}\nAt least 7 people were injured, officials said.\n`);
    expect((await deriveAndCompare()).extracted).toBe(1);
    expect(readFileSync(kept!, 'utf8')).toBe(text);
  }, 120_000);

  it('keeps the gazetteer compiled for the next derive, and compiles it again when that file is damaged', async () => {
    const [kept] = readdirSync(cache, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.startsWith('gazetteer-v8-'))
      .map((e) => join(e.parentPath, e.name));
    const image = readFileSync(kept!);
    expect(image.length).toBeGreaterThan(100_000);
    // A byte of the image changed: its hash no longer matches, so the gazetteer is compiled from its files.
    const damaged = Buffer.from(image);
    damaged.writeUInt8(damaged.readUInt8(damaged.length - 100) ^ 1, damaged.length - 100);
    writeFileSync(kept!, damaged);
    const path = join(options.articles, '004.md');
    writeFileSync(path, `${readFileSync(path, 'utf8')}\nAt least 9 people were injured, officials said.\n`);
    expect((await deriveAndCompare()).extracted).toBe(1);
    // Kept again, whole (its bytes may differ: strings read from the YAML or from the JSON kept are stored alike or not).
    const again = readFileSync(kept!);
    expect(createHash('sha256').update(again.subarray(32)).digest().equals(again.subarray(0, 32))).toBe(true);
  }, 120_000);

  it('leaves the last stamp as it was, and no temporary file, when it stops after the rows are assembled', async () => {
    const outputs = join(cache, 'outputs');
    const stamps = () => new Map(readdirSync(outputs).map((name) => [name, readFileSync(join(outputs, name))]));
    const before = stamps();
    expect(before.size).toBeGreaterThan(0);
    const review = readFileSync(options.review!, 'utf8');
    const row = JSON.parse(readFileSync(join(options.out, 'reactions.json'), 'utf8'))[0] as {
      article: string;
      quote: string;
      actor: string;
      stance: string;
    };
    // An actor no gazetteer knows: found only when the review is applied to the rows.
    writeFileSync(
      options.review!,
      review.replace(
        /^casualties:/m,
        `reactions:\n  - article: "${row.article}"\n    quote: ${JSON.stringify(row.quote)}\n    actor: ${row.actor}\n    stance: ${row.stance}\n    set:\n      actor: Atlantis\n\ncasualties:`,
      ),
    );
    try {
      await expect(derive(options, { ...quiet, cache })).rejects.toThrow(
        /review file has entries that cannot be applied/,
      );
    } finally {
      writeFileSync(options.review!, review);
    }
    expect(stamps()).toEqual(before);
  }, 120_000);

  it('extracts everything again when an extraction input changes (the gazetteer)', async () => {
    const before = new Set(cacheEntries());
    appendFileSync(options.gazetteers[0]!, "\n# an editor's note\n");
    await deriveAndCompare();
    expect(cacheEntries().filter((path) => !before.has(path))).toHaveLength(60);
  }, 120_000);
});
