// scripts/bundled.mjs, what `npm run report`, `derive` and `check` start: the
// command from one cached bundle, with its arguments, in the repository.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PATHS, ROOT } from '../story.ts';

const run = promisify(execFile);
const CACHE = join(ROOT, 'node_modules/.cache/newsbook');

async function bundled(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(ROOT, 'scripts/bundled.mjs'), ...args], { cwd: ROOT });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

describe('scripts/bundled.mjs', () => {
  it('runs a command from one bundle of the current code, kept for the next run', async () => {
    const first = await bundled('check');
    expect(first.output).toMatch(/✔ 0 errors, \d+ warnings? in kazakhstan-unrest \(5 articles/);
    expect(first.code).toBe(0);
    // The command's, and the derive worker's beside it.
    const bundles = readdirSync(CACHE).filter((name) => /^check-[0-9a-f]{16}(?:\.worker)?\.mjs$/.test(name));
    expect(bundles).toHaveLength(2);
    expect(await bundled('check')).toEqual(first);
    expect(readdirSync(CACHE).filter((name) => name.startsWith('check-'))).toEqual(bundles);
  }, 60_000);

  it('removes, when it builds, what a build stopped midway left, never what one still running is writing', async () => {
    mkdirSync(CACHE, { recursive: true });
    for (const name of readdirSync(CACHE)) if (name.startsWith('new-')) rmSync(join(CACHE, name), { force: true });
    // Linux gives no process an id this high: that build is gone. This test's own process is not.
    const stopped = join(CACHE, 'new-0123456789abcdef.mjs.999999999.tmp');
    const going = join(CACHE, `new-0123456789abcdef.worker.mjs.${process.pid}.tmp`);
    writeFileSync(stopped, 'export const half = ');
    writeFileSync(going, 'export const half = ');
    const { code, output } = await bundled('new', '--help');
    expect(output).toContain('npm run new');
    expect(code).toBe(0);
    expect(existsSync(stopped)).toBe(false);
    expect(existsSync(going)).toBe(true);
    rmSync(going);
    expect(readdirSync(CACHE).filter((name) => name.startsWith('new-'))).toHaveLength(2);
  }, 60_000);

  it('runs the derive on worker threads from their own bundle, giving the same datasets', async () => {
    const out = mkdtempSync(join(tmpdir(), 'newsbook-bundled-'));
    try {
      const { code, output } = await bundled(
        'derive',
        '--articles',
        PATHS.articles,
        '--review',
        PATHS.review,
        '--home',
        'Kazakhstan',
        '--out',
        out,
        '--workers',
        '2',
      );
      expect(output).toMatch(/✔ 5 articles → /);
      expect(code).toBe(0);
      // Not the manifest nor the data package: a story's derive names its story in both, a folder's does not.
      for (const name of ['casualties.json', 'casualties.csv', 'reactions.json', 'reactions.csv', 'articles.json']) {
        expect(readFileSync(join(out, name), 'utf8'), name).toBe(
          readFileSync(join(ROOT, 'data/kazakhstan-unrest/derived', name), 'utf8'),
        );
      }
      const refused = await bundled('derive', '--out', out, '--workers', 'two');
      expect(refused.code).toBe(2);
      expect(refused.output).toContain('Unexpected --workers two: expected a whole number of threads');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);

  it('hands the command its arguments, and its errors and exit code to the caller', async () => {
    const { code, output } = await bundled('check', 'no-such-story');
    expect(code).toBe(2);
    expect(output).toContain('✖ Unexpected story `no-such-story`: there is no report/no-such-story.md');
    expect(output).not.toMatch(/\n\s+at /);
  }, 60_000);
});
