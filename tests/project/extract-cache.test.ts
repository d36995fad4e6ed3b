// The temporary files of a derive killed while it wrote cache entries: the
// next derive that lists the entries removes them, and every derive those of
// the folder's own files; a running process's are left, it may be writing them.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExtractionCache } from '../../src/project/extract-cache.ts';

/** Beyond any system's largest pid: never a running process. */
const GONE = 999_999_999;
const KEY = 'ab'.repeat(32);

let root: string;
let cache: ExtractionCache;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'newsbook-extract-cache-'));
  cache = new ExtractionCache(root, `sha256:${'0'.repeat(64)}`);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the extraction cache', () => {
  it('removes the half-written entries of a process that is gone when it lists its entries, not those of a running one', async () => {
    await cache.put(KEY, new Uint8Array([1, 2, 3]));
    const shard = join(cache.dir, KEY.slice(0, 2));
    writeFileSync(join(shard, `${KEY}.${GONE}.0123abcd.tmp`), 'half');
    writeFileSync(join(shard, `${KEY}.${process.pid}.0123abcd.tmp`), 'being written');
    expect(await cache.keys()).toEqual(new Set([KEY]));
    expect(readdirSync(shard).sort()).toEqual([KEY, `${KEY}.${process.pid}.0123abcd.tmp`]);
  });

  it("removes the folder's own half-written files of a process that is gone each time it is used", async () => {
    mkdirSync(cache.dir, { recursive: true });
    writeFileSync(join(cache.dir, `inputs.${GONE}.0123abcd.tmp`), 'half');
    writeFileSync(join(cache.dir, `inputs.${process.pid}.0123abcd.tmp`), 'being written');
    await cache.removeOthers();
    expect(readdirSync(cache.dir).sort()).toEqual([`inputs.${process.pid}.0123abcd.tmp`, 'used']);
  });
});
