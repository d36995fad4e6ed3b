import { createHash } from 'node:crypto';
import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PrefixHasher } from '../../src/project/prefix-hasher.ts';

const dirs: string[] = [];
const hashers: PrefixHasher[] = [];
afterEach(async () => {
  for (const hasher of hashers.splice(0)) await hasher.close();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function fileOf(bytes: Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'newsbook-hasher-'));
  dirs.push(dir);
  const path = join(dir, 'previous.json');
  await writeFile(path, bytes);
  return path;
}

describe('PrefixHasher', () => {
  it('hashes the prefix of the previous file kept, then the bytes written after it, read back from the new file', async () => {
    // Over the thread's 4 MB reads, with a prefix that ends inside one.
    const previous = Buffer.alloc(9 * 2 ** 20 + 123, 'ab');
    previous.write('start', 0);
    const path = await fileOf(previous);
    const hasher = new PrefixHasher();
    hashers.push(hasher);
    const kept = 5 * 2 ** 20 + 7;
    const id = hasher.start(path);
    hasher.advance(id, 2 ** 20);
    hasher.advance(id, kept);
    // The new file: the prefix kept, then its own bytes, over several reads; told as they are written.
    const tail = Buffer.alloc(6 * 2 ** 20 + 5, 'xyz');
    const written = join(dirname(path), 'new.json');
    await writeFile(written, Buffer.concat([previous.subarray(0, kept), tail.subarray(0, 2 ** 20)]));
    hasher.follow(id, written);
    hasher.advance(id, kept + 2 ** 20);
    await appendFile(written, tail.subarray(2 ** 20));
    hasher.advance(id, kept + tail.byteLength);
    const expected = createHash('sha256').update(previous.subarray(0, kept)).update(tail).digest('hex');
    expect(await hasher.digest(id)).toBe(expected);
  });

  it('hashes a file that starts as nothing from its own bytes', async () => {
    const bytes = Buffer.alloc(5 * 2 ** 20 + 3, 'q');
    const path = await fileOf(bytes);
    const hasher = new PrefixHasher();
    hashers.push(hasher);
    const id = hasher.start(null);
    hasher.follow(id, path);
    hasher.advance(id, bytes.byteLength);
    expect(await hasher.digest(id)).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('says why when the previous file is shorter than the prefix kept', async () => {
    const hasher = new PrefixHasher();
    hashers.push(hasher);
    const id = hasher.start(await fileOf(Buffer.from('short')));
    hasher.advance(id, 100);
    await expect(hasher.digest(id)).rejects.toThrow(/Cannot hash a dataset: .*shorter than the derive noted/);
  });
});
