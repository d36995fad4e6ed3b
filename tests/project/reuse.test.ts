// The article files' index (src/project/reuse.ts): a file is trusted to be the
// one noted only when its size, times and inode are the ones noted, and a
// file saved just before the derive that reads it is not noted at all; and
// how many of the previous articles come first again, unchanged.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonChunks, readStamp, readStampFirst, StampWriter, writeStamp } from '../../src/project/stamp-file.ts';
import type { OutputStamp } from '../../src/project/previous-datasets.ts';
import { FileIndex, keptFirst, noteArticle, noteLine, readNoteLine } from '../../src/project/reuse.ts';
import type { ArticleNote } from '../../src/project/reuse.ts';
import type { RowsRange } from '../../src/project/dataset-writer.ts';

const dir = mkdtempSync(join(tmpdir(), 'newsbook-reuse-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a file and sets its modification time `ago` ms back. */
function save(name: string, text: string, ago = 60_000): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  const then = new Date(Date.now() - ago);
  utimesSync(path, then, then);
  return path;
}

/** A derive's look at one file: the key it knew, and the notes it leaves. */
function look(noted: FileIndex['notes'], name: string, path: string) {
  const index = new FileIndex(noted);
  const known = index.known(name, path);
  if (known === null) index.note(name, `key of ${name}`);
  return { known, notes: index.notes };
}

describe('the article files’ index', () => {
  it('knows a file it noted, as long as it is the same file', () => {
    const path = save('a.md', 'one');
    const first = look({}, 'a.md', path);
    expect(first.known).toBeNull();
    expect(first.notes['a.md']?.split(' ').slice(4).join(' ')).toBe('key of a.md');
    expect(look(first.notes, 'a.md', path).known).toBe('key of a.md');
  });

  it('reads a file again after a write of the same size with its time set back (its change time moved)', () => {
    const path = save('b.md', 'two');
    const { notes } = look({}, 'b.md', path);
    const { mtime } = statSync(path);
    writeFileSync(path, 'owt');
    utimesSync(path, mtime, mtime);
    expect(look(notes, 'b.md', path).known).toBeNull();
  });

  it('reads a file again after it was replaced (another inode), or grew', () => {
    const path = save('c.md', 'three');
    const { notes } = look({}, 'c.md', path);
    rmSync(path);
    save('c.md', 'three');
    expect(look(notes, 'c.md', path).known).toBeNull();
    const again = look({}, 'c.md', path).notes;
    save('c.md', 'three!');
    expect(look(again, 'c.md', path).known).toBeNull();
  });

  it('does not note a file saved in the last seconds (a second save in the same clock tick would look the same)', () => {
    const path = save('d.md', 'four', 0);
    expect(look({}, 'd.md', path).notes['d.md']).toBeUndefined();
  });

  it('knows nothing of a file that is gone', () => {
    const path = save('e.md', 'five');
    const { notes } = look({}, 'e.md', path);
    rmSync(path);
    expect(look(notes, 'e.md', path).known).toBeNull();
  });
});

describe('the stamp written in pieces', () => {
  it('is the very text JSON.stringify gives, whatever the depth it is cut to', () => {
    const stamp = {
      manifest: 'sha256:abc',
      files: { 'a.json': { hash: 'sha256:1', size: '3', ino: '4', mtimeNs: '5' } },
      ranges: { casualties: [['001', 2, 10, 30, 40]], reactions: [], articles: [['001', 2, 5, 6, 7]] },
      nothing: undefined,
      list: [1, undefined, 'two', { three: 3, four: undefined }, [], {}],
      reuse: { generation: 'v1/2', files: {}, articles: { '001': { key: 'k', counts: { a: 1 }, tolls: '[]' } } },
      quote: 'a “quote”\n with \\ and "marks"',
    };
    for (const depth of [0, 1, 2, 3, 4, 8]) expect([...jsonChunks(stamp, depth)].join('')).toBe(JSON.stringify(stamp));
    for (const value of [null, 1, 'x', [], {}, [null], { a: [] }])
      expect([...jsonChunks(value, 3)].join('')).toBe(JSON.stringify(value));
  });

  it('is the same text when many elements are stringified a batch at a time (integer-like keys first, left-outs as JSON leaves them)', () => {
    const files: Record<string, unknown> = {};
    for (let i = 0; i < 4000; i += 1) files[i % 3 === 0 ? String(i) : `f-${i}.md`] = i % 7 === 0 ? undefined : `${i} é`;
    const ranges = Array.from({ length: 1000 }, (_, i) => (i % 11 === 0 ? undefined : [`a-${i}`, i, i + 1]));
    Object.defineProperty(files, '__proto__', { value: 'a file named so', enumerable: true });
    const value = { ranges: { casualties: ranges, reactions: [] }, reuse: { files }, list: [() => 1, Symbol('s'), 2] };
    for (const depth of [1, 2, 3, 4]) expect([...jsonChunks(value, depth)].join('')).toBe(JSON.stringify(value));
    expect([...jsonChunks(value, 3)].length).toBeGreaterThan(1);
  });
});

/** A note of an article with one casualty figure and no messages. */
const ONE_NOTE: ArticleNote = {
  key: 'k',
  counts: { casualties: 1, reactions: 0, articles: 1 },
  tolls: '[]',
  diagnostics: '[]',
};

describe('the stamp written to disk', () => {
  it('reads back as it was, its notes a line each, across the megabyte writes it is made of (non-ASCII text straddling them, a note larger than one)', async () => {
    const articles: Record<string, ArticleNote> = {};
    for (let i = 0; i < 3000; i += 1)
      articles[`a-${i}`] = {
        key: 'k'.repeat(64),
        counts: { casualties: i, reactions: i % 7, articles: 1 },
        tolls: i % 2 ? '[]' : `[["killed","civilians",${i},"reported"]]`,
        // One note larger than a whole write, in the middle.
        diagnostics: JSON.stringify([
          { line: 3, column: i, reason: i === 1500 ? 'ü'.repeat(600_000) : `é\t${'“x” '.repeat(i % 97)}\n` },
        ]),
      };
    const stamp: OutputStamp = {
      manifest: 'sha256:abc',
      files: { 'a.json': { hash: 'sha256:1', size: '3', ino: '4', mtimeNs: '5' } },
      ranges: { casualties: [['a-1', 2, 10, 30, 40]], reactions: [], articles: [] },
      reuse: { generation: 'v1/2', files: { 'a-1.md': '1 2 3 4 key' }, articles },
    };
    const path = join(dir, 'outputs', 'stamp.json');
    writeStamp(path, stamp);
    expect(statSync(path).size).toBeGreaterThan(2 ** 21);
    const read = await readStamp(path);
    const lines = Object.fromEntries(
      Object.entries(articles).map(([id, note]) => [id, { ...note, line: noteLine(id, note) }]),
    );
    expect(read).toEqual({ ...stamp, reuse: { ...stamp.reuse, articles: lines } });
    // The same, the notes read only when asked for.
    const first = await readStampFirst(path);
    expect(first?.stamp).toEqual({ ...stamp, reuse: { ...stamp.reuse, articles: {} } });
    expect(first?.notes()).toEqual(lines);
    // Once: the file's bytes are not kept after.
    expect(first?.notes()).toEqual({});
    // A note read back is written back as it was.
    writeStamp(`${path}.again`, read);
    expect(readFileSync(`${path}.again`).equals(readFileSync(path))).toBe(true);
  });

  it('reads back the same when its first keys are written ahead (begin), large or empty, and takes no note after', async () => {
    const note = ONE_NOTE;
    // Ranges over several of the writer's pieces.
    const ranges = Array.from({ length: 5000 }, (_, i): RowsRange => [`a-${i}`, i * 10, i * 10 + 8, i * 5, i * 5 + 4]);
    const stamp: OutputStamp = {
      manifest: 'sha256:abc',
      files: { 'a.json': { hash: 'sha256:1', size: '3', ino: '4', mtimeNs: '5' } },
      ranges: { casualties: ranges, reactions: [], articles: [] },
      reuse: { generation: 'v1/2', files: { 'a-1.md': '1 2 3 4 key' }, articles: {} },
    };
    for (const begun of [['ranges', 'reuse'], ['ranges', 'reuse', 'manifest', 'files'], []] as const) {
      const path = join(dir, 'outputs', `begun-${begun.length}.json`);
      const writer = new StampWriter(path);
      writer.note('a-1', note);
      writer.begin(Object.fromEntries(begun.map((key) => [key, stamp[key]])));
      expect(() => writer.note('a-2', note)).toThrow(/no note after/);
      writer.finish({ ...stamp, reuse: { ...stamp.reuse!, articles: { 'a-1': note } } });
      const read = await readStamp(path);
      expect(read).toEqual({
        ...stamp,
        reuse: { ...stamp.reuse, articles: { 'a-1': { ...note, line: noteLine('a-1', note) } } },
      });
    }
  });

  it('is written as the derive goes, its notes first: an abandoned one leaves nothing, and one of the older layout (its JSON first) reads as none', async () => {
    const note = ONE_NOTE;
    const stamp: OutputStamp = {
      manifest: 'sha256:abc',
      files: {},
      ranges: { casualties: [], reactions: [], articles: [] },
      reuse: { generation: 'v1/2', files: {}, articles: {} },
    };
    const folder = join(dir, 'going');
    const path = join(folder, 'stamp.json');
    const abandoned = new StampWriter(path);
    abandoned.note('a-1', note);
    abandoned.abort();
    expect(readdirSync(folder)).toEqual([]);

    const writer = new StampWriter(path);
    writer.note('a-1', note);
    writer.note('a-2', note);
    expect(readdirSync(folder)).not.toContain('stamp.json');
    writer.finish(stamp);
    expect(readdirSync(folder)).toEqual(['stamp.json']);
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines.slice(0, 2)).toEqual([noteLine('a-1', note), noteLine('a-2', note)]);
    expect(JSON.parse(lines[2]!)).toEqual(stamp);
    expect(Object.keys((await readStamp(path))!.reuse!.articles)).toEqual(['a-1', 'a-2']);

    writeFileSync(path, `${JSON.stringify(stamp)}\n${noteLine('a-1', note)}\n`);
    expect(await readStamp(path)).toBeNull();
  });

  it('replaces the stamp there, which is gone once finish resolves, with what killed derives left beside it; the old one stays when the new one cannot take its place', async () => {
    const note = ONE_NOTE;
    const stamp = (manifest: string): OutputStamp => ({
      manifest,
      files: {},
      ranges: { casualties: [], reactions: [], articles: [] },
      reuse: { generation: 'v1/2', files: {}, articles: {} },
    });
    const folder = join(dir, 'replaced');
    const path = join(folder, 'stamp.json');
    await writeStamp(path, stamp('sha256:first'));
    const writer = new StampWriter(path);
    writer.note('a-1', note);
    const replaced = writer.finish(stamp('sha256:second'));
    // In place at once, before the one it replaced is removed.
    expect((await readStampFirst(path))?.stamp.manifest).toBe('sha256:second');
    await replaced;
    expect(readdirSync(folder)).toEqual(['stamp.json']);
    expect(Object.keys((await readStamp(path))!.reuse!.articles)).toEqual(['a-1']);

    // What derives killed while writing it left (a process that is gone), removed; a running one's, kept.
    const killed = (ext: string) => `stamp.json.999999.0123abcd.${ext}`;
    const running = `stamp.json.${process.pid}.0123abcd.tmp`;
    for (const name of [killed('tmp'), killed('bak'), running]) writeFileSync(join(folder, name), 'left');
    await new StampWriter(path).finish(stamp('sha256:second'));
    expect(readdirSync(folder).sort()).toEqual(['stamp.json', running]);
    rmSync(join(folder, running));

    // Its temporary file gone (removed by hand): the new stamp cannot take the old one's place, which stays, alone.
    const failing = new StampWriter(path);
    const temporary = readdirSync(folder).find((name) => name.endsWith('.tmp'))!;
    rmSync(join(folder, temporary));
    await failing.finish(stamp('sha256:third'));
    expect(readdirSync(folder)).toEqual(['stamp.json']);
    expect((await readStampFirst(path))?.stamp.manifest).toBe('sha256:second');
  });

  it('reads a note line of another layout as none', () => {
    expect(readNoteLine('a\tkey\t1,2\t[]\t[]')).toBeNull();
    expect(readNoteLine('a\tkey\t1,2,3\t[]')).toBeNull();
    expect(readNoteLine('a\tkey\t1,x,3\t[]\t[]')).toBeNull();
    expect(readNoteLine('a\tkey\t1,2,3\t[]\t[]')?.[1].counts).toEqual({ casualties: 1, reactions: 2, articles: 1 + 2 });
  });
});

describe('the previous articles kept first', () => {
  const counts = { casualties: 1, reactions: 0, articles: 1 };
  const notes = Object.fromEntries(['a', 'b', 'c', 'd'].map((id) => [id, noteArticle(`key-${id}`, counts, [], [])]));
  const previous = ['a', 'b', 'c', 'd'].map((id, i): RowsRange => [id, i * 10, i * 10 + 8, i * 5, i * 5 + 4]);
  const articles = (...ids: string[]) =>
    ids.map((id) => ({ id, key: `key-${id.replace('*', '')}${id.includes('*') ? '-edited' : ''}` }));

  it('counts the articles that are the previous ones, in their order, as they were noted', () => {
    expect(keptFirst(articles('a', 'b', 'c', 'd'), previous, notes)).toBe(4);
    expect(keptFirst(articles('a', 'b', 'c', 'd', 'e'), previous, notes)).toBe(4);
    // One added, edited or gone ends them.
    expect(keptFirst(articles('a', 'a1', 'b', 'c', 'd'), previous, notes)).toBe(1);
    expect(keptFirst(articles('a', 'b', 'c*', 'd'), previous, notes)).toBe(2);
    expect(keptFirst(articles('b', 'c', 'd'), previous, notes)).toBe(0);
    // An article that parsed to no id keeps none after it.
    expect(keptFirst([{ id: null, key: 'x' }, ...articles('a')], previous, notes)).toBe(0);
  });
});
