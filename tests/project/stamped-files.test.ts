// A stamp's notes of articles copy rows only from the files it noted: whether
// those are in the folder as it noted them (stampedFilesThere) decides whether
// a derive reads the notes at all.
import { mkdtempSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stampedFilesThere } from '../../src/project/previous-datasets.ts';
import type { OutputStamp, StampedFile } from '../../src/project/previous-datasets.ts';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsbook-stamped-'));
  writeFileSync(join(dir, 'a.json'), '[1]');
  writeFileSync(join(dir, 'b.csv'), 'x\n1\n');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The stamp of the folder's files as they are now. */
function stampNow(names: readonly string[]): OutputStamp {
  const files: Record<string, StampedFile> = {};
  for (const name of names) {
    const s = statSync(join(dir, name), { bigint: true });
    files[name] = { hash: 'sha256:x', size: String(s.size), ino: String(s.ino), mtimeNs: String(s.mtimeNs) };
  }
  return { manifest: 'sha256:m', files, ranges: { casualties: [], reactions: [], articles: [] } } as OutputStamp;
}

describe('the files a stamp notes', () => {
  it('are there when each has the size, inode and modification time noted', () => {
    const stamp = stampNow(['a.json', 'b.csv']);
    expect(stampedFilesThere(dir, stamp)).toBe(true);
    // Renamed away and back: the same file.
    renameSync(join(dir, 'a.json'), join(dir, 'c.json'));
    renameSync(join(dir, 'c.json'), join(dir, 'a.json'));
    expect(stampedFilesThere(dir, stamp)).toBe(true);
  });

  it('are not when one is gone, rewritten or touched, or the folder is gone', () => {
    const stamp = stampNow(['a.json', 'b.csv']);
    const { mtime } = statSync(join(dir, 'a.json'));
    // The same bytes written again, the time set back: another file all the same (its inode may be reused, its time is not).
    rmSync(join(dir, 'a.json'));
    writeFileSync(join(dir, 'a.json'), '[1]');
    utimesSync(join(dir, 'a.json'), mtime, new Date(mtime.getTime() + 1));
    expect(stampedFilesThere(dir, stamp)).toBe(false);
    // Only the files asked about count.
    expect(stampedFilesThere(dir, stamp, ['b.csv'])).toBe(true);
    writeFileSync(join(dir, 'b.csv'), 'x\n2\n');
    expect(stampedFilesThere(dir, stamp, ['b.csv'])).toBe(false);
    rmSync(join(dir, 'b.csv'));
    expect(stampedFilesThere(dir, stamp, ['b.csv'])).toBe(false);
    // A name the stamp does not note.
    expect(stampedFilesThere(dir, stamp, ['other.csv'])).toBe(false);
    rmSync(dir, { recursive: true });
    expect(stampedFilesThere(dir, stamp)).toBe(false);
  });
});
