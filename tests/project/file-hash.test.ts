// The manifest's file hashes (src/project/file-hash.ts): a hash of the
// digests of 1 MiB pieces, the same however the bytes come, and an older
// manifest's whole-file SHA-256 still recognised.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fileHash, FileHasher, HASH_PIECE, hasherLike, matchesFileHash } from '../../src/project/file-hash.ts';

const sha256 = (bytes: Uint8Array): Buffer => createHash('sha256').update(bytes).digest();

describe('fileHash', () => {
  it('is the SHA-256 of the digests of the 1 MiB pieces, the last one shorter', () => {
    const bytes = Buffer.alloc(2 * HASH_PIECE + 5, 'news');
    const digests = Buffer.concat([
      sha256(bytes.subarray(0, HASH_PIECE)),
      sha256(bytes.subarray(HASH_PIECE, 2 * HASH_PIECE)),
      sha256(bytes.subarray(2 * HASH_PIECE)),
    ]);
    expect(fileHash(bytes)).toBe(`sha256-1mib:${sha256(digests).toString('hex')}`);
    // A file of whole pieces has no empty last one; an empty file has no piece at all.
    expect(new FileHasher().update(bytes.subarray(0, HASH_PIECE)).digest().pieces.byteLength).toBe(32);
    expect(fileHash(new Uint8Array(0))).toBe(`sha256-1mib:${sha256(new Uint8Array(0)).toString('hex')}`);
    expect(fileHash('abc')).toBe(fileHash(Buffer.from('abc')));
  });

  it('is the same however the bytes are cut as they come', () => {
    const bytes = Buffer.alloc(3 * HASH_PIECE + 77);
    for (let i = 0; i < bytes.byteLength; i += 1) bytes[i] = (i * 31) % 251;
    const whole = new FileHasher().update(bytes).digest();
    fc.assert(
      fc.property(fc.array(fc.nat(bytes.byteLength), { maxLength: 8 }), (cuts) => {
        const at = [0, ...[...cuts].sort((a, b) => a - b), bytes.byteLength];
        const hasher = new FileHasher();
        for (let k = 1; k < at.length; k += 1) hasher.update(bytes.subarray(at[k - 1], at[k]));
        const got = hasher.digest();
        expect(got.hash).toBe(whole.hash);
        expect(got.pieces.equals(whole.pieces)).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it('recognises a file by the hash of either layout, and no other file', () => {
    const bytes = Buffer.from('[\n  {\n    "article": "a"\n  }\n]\n');
    const older = `sha256:${sha256(bytes).toString('hex')}`;
    expect(matchesFileHash(bytes, fileHash(bytes))).toBe(true);
    expect(matchesFileHash(bytes, older)).toBe(true);
    const other = Buffer.from(bytes.toString().replace('"a"', '"b"'));
    expect(matchesFileHash(other, fileHash(bytes))).toBe(false);
    expect(matchesFileHash(other, older)).toBe(false);
    const like = hasherLike(older);
    like.update(bytes.subarray(0, 3));
    like.update(bytes.subarray(3));
    expect(like.digest()).toBe(older);
  });
});
