// The derive command as a journalist runs it: a real process, real folders.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PATHS, ROOT } from '../../src/cli/paths.ts';

const run = promisify(execFile);
let dir: string;

async function derive(...args: string[]) {
  try {
    const { stdout, stderr } = await run(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'scripts/derive.ts'), ...args], { cwd: dir });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsbook-derive-'));
  cpSync(PATHS.articles, join(dir, 'articles'), { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run derive -- --articles DIR --out DIR', () => {
  it('derives any folder of articles into JSON and CSV datasets', async () => {
    const { code, output } = await derive('--articles', 'articles', '--out', 'out');
    expect(code).toBe(0);
    expect(output).toMatch(/✔ 5 articles → \d+ casualty figures, \d+ reactions in out/);
    expect(output).toMatch(/articles\/003\.md:\d+:1 {2}info {2}Cannot extract casualty figures from a passage in another language \(`ar`/);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual([
      'articles.csv', 'articles.json', 'casualties.csv', 'casualties.json', 'manifest.json', 'reactions.csv', 'reactions.json',
    ]);
    // The same articles give the committed datasets, byte for byte.
    for (const name of ['casualties.json', 'reactions.csv', 'articles.json']) {
      expect(readFileSync(join(dir, 'out', name), 'utf8')).toBe(readFileSync(join(PATHS.derived, name), 'utf8'));
    }
  }, 30_000);

  it('stops on a broken article with file:line:column and the field, leaving the outputs as they were', async () => {
    expect((await derive('--articles', 'articles', '--out', 'out')).code).toBe(0);
    const before = readFileSync(join(dir, 'out', 'casualties.json'), 'utf8');
    const path = join(dir, 'articles', '002.md');
    writeFileSync(path, readFileSync(path, 'utf8').replace('published: 2022-01-07', 'published: 7 January'));
    writeFileSync(join(dir, 'articles', '001.md'), 'no front matter\n');
    const { code, output } = await derive('--articles', 'articles', '--out', 'out');
    expect(code).toBe(1);
    expect(output).toContain('articles/001.md:1:1  error  Cannot find front matter');
    expect(output).toMatch(/articles\/002\.md:6:12 {2}error {2}Unexpected value "7 January" for field `published`/);
    expect(output).toContain('nothing was written');
    expect(output).not.toMatch(/\n\s+at /);
    expect(readFileSync(join(dir, 'out', 'casualties.json'), 'utf8')).toBe(before);
  }, 30_000);

  it('refuses an unknown option with the ones it knows', async () => {
    const { code, output } = await derive('--article', 'articles');
    expect(code).toBe(2);
    expect(output).toContain('--articles');
  }, 30_000);
});
