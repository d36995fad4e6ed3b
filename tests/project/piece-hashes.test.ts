// The manifest's hashes after a derive that copies the previous datasets
// (src/project/prefix-hasher.ts): on a story whose files run to several of
// fileHash's 1 MiB pieces, an article added at the end of the id order is
// hashed with the digests the stamp noted for the pieces copied whole, and
// the manifest still records the hash of every file's bytes, as the stamp
// the digests of its pieces; the stamp is trusted for those pieces, which
// are not read again.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticArticles } from '../../src/bench/synthetic.ts';
import { MANIFEST, parseManifest } from '../../src/datasets/fingerprint.ts';
import { fileHash, FileHasher, HASH_PIECE } from '../../src/project/file-hash.ts';
import { datasetFolderState } from '../../src/project/dataset-folder.ts';
import type { DeriveOptions } from '../../src/project/derive-inputs.ts';
import { derive } from '../../src/project/derive.ts';
import type { DeriveEffects } from '../../src/project/derive.ts';
import { loadArticles } from '../../src/project/files.ts';
import { stampPath } from '../../src/project/previous-datasets.ts';
import { readStamp, writeStamp } from '../../src/project/stamp-file.ts';
import { PATHS, ROOT } from '../story.ts';

let dir: string;
let options: DeriveOptions;
let cache: string;
const quiet: DeriveEffects = { progress: () => ({ tick() {}, done() {} }) };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsbook-pieces-'));
  const articles = join(dir, 'articles');
  mkdirSync(articles);
  const { articles: seeds } = await loadArticles(PATHS.articles);
  // Dated back, as files saved before: the derive notes them, and trusts its notes next time.
  const before = new Date(Date.now() - 3_600_000);
  for (const [name, text] of syntheticArticles(seeds, 260, 3)) {
    writeFileSync(join(articles, name), text);
    utimesSync(join(articles, name), before, before);
  }
  cache = join(dir, 'cache');
  options = {
    code: ROOT,
    articles,
    out: join(dir, 'out'),
    gazetteers: [PATHS.gazetteer],
    codebooks: [PATHS.codebook],
    review: null,
    home: null,
  };
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every file the manifest records is the one it records; the stamp notes the digests of each dataset file's pieces. */
async function expectHashesOfTheBytes(): Promise<void> {
  expect(await datasetFolderState(options.out)).toEqual({ consistent: true });
  const manifest = parseManifest(readFileSync(join(options.out, MANIFEST), 'utf8'))!;
  const stamp = (await readStamp(stampPath(cache, options.out)))!;
  for (const name of ['casualties', 'reactions', 'articles'].flatMap((n) => [`${n}.json`, `${n}.csv`])) {
    const { hash, pieces } = new FileHasher().update(readFileSync(join(options.out, name))).digest();
    expect(manifest.files![name], name).toBe(hash);
    expect(stamp.files[name]?.pieces, name).toBe(pieces.toString('hex'));
  }
}

describe('the hashes of a derive that copies the previous datasets', () => {
  it('are those of the bytes, the pieces copied whole taken from the stamp', async () => {
    await derive(options, { ...quiet, cache, workers: 2 });
    // Several pieces to take: otherwise the test proves nothing.
    expect(readFileSync(join(options.out, 'reactions.json')).byteLength).toBeGreaterThan(2 * HASH_PIECE);
    await expectHashesOfTheBytes();
    const text = readFileSync(join(options.articles, 's0260.md'), 'utf8').replace('id: "s0260"', 'id: "s0261"');
    writeFileSync(join(options.articles, 's0261.md'), text);
    const summary = await derive(options, { ...quiet, cache });
    expect(summary.extracted).toBe(1);
    expect(summary.copied).toBe(260);
    await expectHashesOfTheBytes();

    // The first piece noted wrong: the next such derive takes it as noted, proof that it reads no such piece.
    const path = stampPath(cache, options.out);
    const stamp = (await readStamp(path))!;
    const noted = stamp.files['reactions.json']!;
    writeStamp(path, {
      ...stamp,
      files: { ...stamp.files, 'reactions.json': { ...noted, pieces: `${'0'.repeat(64)}${noted.pieces!.slice(64)}` } },
    });
    writeFileSync(join(options.articles, 's0262.md'), text.replace('id: "s0261"', 'id: "s0262"'));
    await derive(options, { ...quiet, cache });
    const manifest = parseManifest(readFileSync(join(options.out, MANIFEST), 'utf8'))!;
    expect(manifest.files!['reactions.json']).not.toBe(fileHash(readFileSync(join(options.out, 'reactions.json'))));
  }, 120_000);
});
