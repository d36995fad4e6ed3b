import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileHasher, HASH_PIECE } from '../../src/project/file-hash.ts';
import { PrefixHasher } from '../../src/project/prefix-hasher.ts';

const dirs: string[] = [];
const hashers: PrefixHasher[] = [];
afterEach(async () => {
  for (const hasher of hashers.splice(0)) await hasher.close();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** What the hasher should give for a file's bytes: its hash and its pieces' digests. */
function digestOf(bytes: Buffer): { hash: string; pieces: string } {
  const { hash, pieces } = new FileHasher().update(bytes).digest();
  return { hash, pieces: pieces.toString('hex') };
}

async function fileOf(bytes: Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'newsbook-hasher-'));
  dirs.push(dir);
  const path = join(dir, 'previous.json');
  await writeFile(path, bytes);
  return path;
}

describe('PrefixHasher', () => {
  it('hashes the prefix of the previous file kept, then the bytes written after it, read back from the new file', async () => {
    // Over several of its pieces, with a prefix that ends inside one.
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
    expect(await hasher.digest(id)).toEqual(digestOf(Buffer.concat([previous.subarray(0, kept), tail])));
  });

  it('takes the noted digests of the pieces of the prefix that stay whole, and reads the rest', async () => {
    const previous = Buffer.alloc(4 * HASH_PIECE + 10, 'cd');
    const path = await fileOf(previous);
    const noted = new FileHasher().update(previous).digest().pieces;
    const kept = 2 * HASH_PIECE + 3;
    const tail = Buffer.from('and the rows after the cut');
    const written = join(dirname(path), 'new.json');
    await writeFile(written, Buffer.concat([previous.subarray(0, kept), tail]));
    const hashOf = async (pieces: Buffer): Promise<{ hash: string; pieces: string }> => {
      const hasher = new PrefixHasher();
      hashers.push(hasher);
      const id = hasher.start(path, pieces);
      hasher.advance(id, kept);
      hasher.follow(id, written);
      hasher.advance(id, kept + tail.byteLength);
      return hasher.digest(id);
    };
    expect(await hashOf(noted)).toEqual(digestOf(Buffer.concat([previous.subarray(0, kept), tail])));
    // Noted wrong, the two whole pieces are taken as noted (not read); the third, cut, is read.
    const wrong = Buffer.alloc(noted.byteLength, 7);
    const got = await hashOf(wrong);
    expect(got.pieces.slice(0, 128)).toBe('07'.repeat(64));
    expect(got.pieces.slice(128)).toBe(digestOf(Buffer.concat([previous.subarray(0, kept), tail])).pieces.slice(128));
  });

  it('hashes a file that starts as nothing from its own bytes', async () => {
    const bytes = Buffer.alloc(5 * 2 ** 20 + 3, 'q');
    const path = await fileOf(bytes);
    const hasher = new PrefixHasher();
    hashers.push(hasher);
    const id = hasher.start(null);
    hasher.follow(id, path);
    hasher.advance(id, bytes.byteLength);
    expect(await hasher.digest(id)).toEqual(digestOf(bytes));
  });

  it('says why when the previous file is shorter than the prefix kept', async () => {
    const hasher = new PrefixHasher();
    hashers.push(hasher);
    const id = hasher.start(await fileOf(Buffer.from('short')));
    hasher.advance(id, 100);
    await expect(hasher.digest(id)).rejects.toThrow(/Cannot hash a dataset: .*shorter than the derive noted/);
  });
});
