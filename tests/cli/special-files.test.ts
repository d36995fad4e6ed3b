// Issue 14, items 4 and 5: a `*.md` in the articles folder that is no regular
// file (a folder, a symlink loop, a dangling symlink, a FIFO, a link to
// /dev/zero) or is too large is an error at its path in check, derive, report
// and the dev preview: never a hang, never "Unexpected internal error: EISDIR".
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ARTICLE_BYTES } from '../../src/articles/read-regular-file.ts';
import { check } from '../../src/project/check.ts';
import { derive } from '../../src/project/derive.ts';
import { CliError } from '../../src/project/errors.ts';
import { readOutputIfExists, readTextIfExists } from '../../src/project/files.ts';
import { PATHS, ROOT, STORY, storyConfig } from '../story.ts';
import { projectLayout, storyLayout } from '../../src/project/layout.ts';
import { reportStory } from '../../src/project/report.ts';
import { DevProject } from '../../src/dev/project.ts';
import type { VFileMessage } from '../../src/common/problems.ts';

const quiet = { log() {}, error() {} };
let root: string;
let articles: string;

const SPECIAL: Record<string, RegExp> = {
  'folder.md': /^Unexpected folder: expected an article, a regular `\.md` file$/,
  'loop.md': /^Cannot read a symbolic link that loops back on itself/,
  'dangling.md': /^Cannot read a symbolic link to `.*nowhere\.md`, which does not exist/,
  'fifo.md': /^Unexpected named pipe \(FIFO\)/,
  'zero.md': /^Unexpected symbolic link to a device file \(`\/dev\/zero`\)/,
  'huge.md': /^Unexpected file of 3(\.0)? MB: expected at most 2 MB/,
};

/** The copy's story, resolved as the commands resolve it (the code stays this repository's). */
const options = () => storyConfig(root);

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'newsbook-special-'));
  cpSync(join(PATHS.articles, '../..'), join(root, 'data'), { recursive: true });
  cpSync(join(PATHS.narrative, '..'), join(root, 'report'), {
    recursive: true,
    filter: (src) => !src.includes('/dist'),
  });
  articles = storyLayout(root, STORY).articles;
  mkdirSync(join(articles, 'folder.md'));
  symlinkSync('loop.md', join(articles, 'loop.md'));
  symlinkSync(join(root, 'nowhere.md'), join(articles, 'dangling.md'));
  execFileSync('mkfifo', [join(articles, 'fifo.md')]);
  symlinkSync('/dev/zero', join(articles, 'zero.md'));
  writeFileSync(join(articles, 'huge.md'), `---\nid: "huge"\n---\n${'x'.repeat(3 * 1024 * 1024 - 20)}`);
  expect(MAX_ARTICLE_BYTES).toBe(2 * 1024 * 1024);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

function expectEachNamed(diagnostics: readonly VFileMessage[]): void {
  for (const [name, reason] of Object.entries(SPECIAL)) {
    const found = diagnostics.filter((d) => d.file === join(articles, name));
    expect(found, name).toHaveLength(1);
    expect(found[0], name).toMatchObject({ line: 1, column: 1, fatal: true });
    expect(found[0]!.reason, name).toMatch(reason);
  }
}

describe('special files named *.md', () => {
  it('are errors at their path in `check`, within seconds', async () => {
    const started = Date.now();
    const { diagnostics } = await check(await options());
    expect(Date.now() - started).toBeLessThan(10_000);
    expectEachNamed(diagnostics);
  }, 20_000);

  it('stop the derive with an error at each path, writing nothing', async () => {
    const o = await options();
    const error = await derive(
      {
        code: ROOT,
        articles,
        out: o.derived,
        gazetteers: [projectLayout(root).gazetteer],
        codebooks: [projectLayout(root).codebook],
        review: o.review,
        home: o.home,
      },
      { progress: () => ({ tick() {}, done() {} }) },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expectEachNamed((error as CliError).diagnostics);
  }, 20_000);

  it('stop the report with an error at each path', async () => {
    const error = await reportStory(await options(), quiet, {
      derive: { progress: () => ({ tick() {}, done() {} }) },
      staging: join(root, 'staging'),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expectEachNamed((error as CliError).diagnostics);
  }, 20_000);

  it('show in the dev preview, and a FIFO removed is forgotten at the next save', async () => {
    const project = new DevProject(await options());
    await project.load();
    expectEachNamed(project.diagnostics);
    rmSync(join(articles, 'fifo.md'));
    const update = await project.update([join(articles, 'fifo.md')]);
    expect(update.changed).toEqual([`data/${STORY}/articles/fifo.md`]);
    expect(project.diagnostics.some((d) => d.file?.endsWith('fifo.md'))).toBe(false);
    execFileSync('mkfifo', [join(articles, 'fifo.md')]);
  }, 30_000);

  it('as the narrative, the gazetteer or the review: a CliError naming the file', async () => {
    const fifo = join(root, 'narrative-fifo.md');
    execFileSync('mkfifo', [fifo]);
    await expect(readTextIfExists(fifo)).rejects.toThrow(
      /^Cannot read narrative-fifo\.md|^Cannot read .*narrative-fifo\.md: unexpected named pipe/,
    );
    await expect(readTextIfExists(join(root, 'report'))).rejects.toThrow(
      /: unexpected folder: expected a regular file$/,
    );
    expect(await readTextIfExists(join(root, 'missing.md'))).toBeNull();
  });

  it('but not the datasets the tools wrote: they may be any size', async () => {
    const big = join(root, 'big.json');
    writeFileSync(big, `"${'x'.repeat(17 * 1024 * 1024)}"`);
    expect((await readOutputIfExists(big))?.length).toBe(17 * 1024 * 1024 + 2);
    await expect(readTextIfExists(big)).rejects.toThrow(/expected at most 16 MB/);
  });
});
