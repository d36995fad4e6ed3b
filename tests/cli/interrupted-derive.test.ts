// Issue 14, item 1: a derive killed (SIGKILL) during its final swap of files
// leaves some datasets new and some old, and `*.tmp`/`*.bak` files. The
// manifest, written last with the hash of every file, tells: `check` reports
// the folder, `report` and the dev preview never reuse it (they derive
// again), and the next write removes the leftovers. The probe's reproduction:
// remove an article, kill the derive after its first rename, put the article back.
import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../src/project/check.ts';
import { datasetFolderState } from '../../src/project/dataset-folder.ts';
import { isUpToDate } from '../../src/project/derive-inputs.ts';
import { derive } from '../../src/project/derive.ts';
import { PATHS, ROOT, STORY, storyConfig } from '../story.ts';
import { reportStory } from '../../src/project/report.ts';
import { DevProject } from '../../src/dev/project.ts';
import type { DeriveOptions } from '../../src/project/derive-inputs.ts';
import { projectLayout, storyLayout } from '../../src/project/layout.ts';

const TSX = join(ROOT, 'node_modules/.bin/tsx');
const KILL = pathToFileURL(join(ROOT, 'tests/cli/kill-on-rename.ts')).href;
const DATASETS = [
  'casualties.json',
  'casualties.csv',
  'reactions.json',
  'reactions.csv',
  'articles.json',
  'articles.csv',
];
const noProgress = { progress: () => ({ tick() {}, done() {} }) };

let root: string;
let p: ReturnType<typeof storyLayout> & { gazetteer: string; codebook: string };
/** The derive of the copy's story, as its config gives it. */
const options = (): DeriveOptions => ({
  code: ROOT,
  articles: p.articles,
  out: p.derived,
  gazetteers: [p.gazetteer],
  codebooks: [p.codebook],
  review: p.review,
  home: 'Kazakhstan',
});
let good: Map<string, string>;

const read = (dir: string, names: readonly string[]) =>
  new Map(names.map((n) => [n, readFileSync(join(dir, n), 'utf8')]));
const leftovers = () => readdirSync(p.derived).filter((n) => /\.(?:tmp|bak)$/.test(n));

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'newsbook-interrupted-'));
  p = { ...storyLayout(root, STORY), gazetteer: projectLayout(root).gazetteer, codebook: projectLayout(root).codebook };
  mkdirSync(p.data, { recursive: true });
  cpSync(PATHS.articles, p.articles, { recursive: true });
  cpSync(PATHS.gazetteer, p.gazetteer);
  cpSync(PATHS.codebook, p.codebook);
  cpSync(PATHS.review, p.review);
  cpSync(join(PATHS.narrative, '..'), join(root, 'report'), {
    recursive: true,
    filter: (src) => !src.includes('/dist'),
  });
  await derive(options(), noProgress);
  good = read(p.derived, DATASETS);

  // The probe: an article removed, the derive killed after its first rename, the article put back.
  const article = join(p.articles, '001.md');
  renameSync(article, join(root, '001.md'));
  // tsx runs the script in a child process and exits with 128 + 9 when that one is killed.
  const killed = await new Promise<string>((resolve) => {
    const child = execFile(
      TSX,
      [
        '--import',
        KILL,
        'scripts/derive.ts',
        '--articles',
        p.articles,
        '--out',
        p.derived,
        '--review',
        p.review,
        '--home',
        'Kazakhstan',
        '--workers',
        '1',
      ],
      {
        cwd: ROOT,
        env: { ...process.env, KILL_AT_RENAME: '2' },
      },
    );
    child.on('exit', (code, signal) => resolve(signal ?? String(code)));
  });
  expect(['SIGKILL', '137']).toContain(killed);
  renameSync(join(root, '001.md'), article);
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a derive killed during its final swap', () => {
  it('leaves mixed datasets and leftovers (the situation this guards against)', () => {
    const now = read(p.derived, DATASETS);
    expect(now.get('casualties.json')).not.toBe(good.get('casualties.json'));
    expect(now.get('reactions.json')).toBe(good.get('reactions.json'));
    expect(leftovers().length).toBeGreaterThan(0);
  });

  it('is never taken for up to date, although the inputs are back as the manifest records them', async () => {
    expect(await datasetFolderState(p.derived)).toMatchObject({ consistent: false, file: 'casualties.json' });
    expect(await isUpToDate(options())).toBe(false);
  });

  it('is an error in `check`, naming the file, and each leftover a warning', async () => {
    const { diagnostics } = await check(await storyConfig(root));
    const inconsistent = diagnostics.filter((d) => d.ruleId === 'datasets-inconsistent');
    expect(inconsistent).toEqual([expect.objectContaining({ file: join(p.derived, 'casualties.json'), fatal: true })]);
    expect(inconsistent[0]!.reason).toMatch(
      /^Unexpected datasets that do not belong together: casualties\.json is not the file the last derive wrote/,
    );
    expect(
      diagnostics
        .filter((d) => d.ruleId === 'datasets-leftover')
        .map((d) => d.file)
        .sort(),
    ).toEqual(
      leftovers()
        .map((n) => join(p.derived, n))
        .sort(),
    );
  }, 30_000);

  it('is not reused by the dev preview', async () => {
    const project = new DevProject(await storyConfig(root));
    await project.load();
    expect(project.startedFrom).toBe('articles');
  }, 30_000);

  it('is derived again by `report`, which removes the leftovers and leaves a folder that belongs together', async () => {
    const lines: string[] = [];
    await reportStory(
      await storyConfig(root),
      { log: (l) => lines.push(l), error: (l) => lines.push(l) },
      { derive: noProgress, staging: join(root, 'staging') },
    );
    expect(lines[0]).toMatch(/do not belong together .*: deriving them again$/);
    expect(leftovers()).toEqual([]);
    expect(await datasetFolderState(p.derived)).toEqual({ consistent: true });
    expect(read(p.derived, DATASETS)).toEqual(good);
    expect(existsSync(join(p.dist, p.output))).toBe(true);
    const { diagnostics } = await check(await storyConfig(root));
    expect(diagnostics.filter((d) => d.ruleId?.startsWith('datasets-'))).toEqual([]);
  }, 60_000);

  it('is cleaned up by a later derive: the leftovers of a process that is gone, not those of a running one', async () => {
    writeFileSync(join(p.derived, 'casualties.json.999999.0123abcd.bak'), 'old');
    writeFileSync(
      join(p.derived, `reactions.csv.${process.ppid}.0123abcd.tmp`),
      'a running process may still be writing this',
    );
    await (
      await derive(options(), noProgress)
    ).freed;
    expect(leftovers()).toEqual([`reactions.csv.${process.ppid}.0123abcd.tmp`]);
  }, 60_000);
});
