// The derive command as a journalist runs it: a real process, real folders.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syntheticCorpus } from '../../src/bench/synthetic.ts';
import { loadArticles } from '../../src/project/files.ts';
import { PATHS, ROOT } from '../story.ts';

const run = promisify(execFile);
let dir: string;

async function derive(...args: string[]) {
  try {
    const { stdout, stderr } = await run(
      join(ROOT, 'node_modules/.bin/tsx'),
      [join(ROOT, 'scripts/derive.ts'), ...args],
      { cwd: dir },
    );
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

/** Every file of a folder with its content: what "untouched" is compared against. */
function contents(folder: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(folder)
      .sort()
      .map((name) => [name, readFileSync(join(folder, name), 'utf8')]),
  );
}

const changes0 = () => readFileSync(join(dir, 'out', 'CHANGES.md'), 'utf8');
const article = (id: string) => join(dir, 'articles', `${id}.md`);
const edit = (id: string, change: (text: string) => string) =>
  writeFileSync(article(id), change(readFileSync(article(id), 'utf8')));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsbook-derive-'));
  cpSync(PATHS.articles, join(dir, 'articles'), { recursive: true });
  // The outputs a bad run must leave as they were.
  cpSync(PATHS.derived, join(dir, 'out'), { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run derive -- --articles DIR --out DIR', () => {
  it('derives any folder of articles into JSON and CSV datasets, and says everything is new', async () => {
    const { code, output } = await derive(
      '--articles',
      'articles',
      '--out',
      'fresh',
      '--review',
      PATHS.review,
      '--home',
      'Kazakhstan',
    );
    expect(code).toBe(0);
    expect(output).toMatch(
      /✔ 5 articles → \d+ casualty figures, \d+ reactions in fresh \(review: 1 corrected, 0 confirmed, 0 rejected\); what changed: fresh\/CHANGES\.md/,
    );
    expect(output).toMatch(
      /articles\/003\.md:\d+:1 {2}info {2}Cannot extract casualty figures from a passage in another language \(`ar`/,
    );
    expect(output).toMatch(/All \d+ figures and \d+ reactions are new \(no datasets before\)/);
    expect(readdirSync(join(dir, 'fresh')).sort()).toEqual([
      'CHANGES.md',
      'articles.csv',
      'articles.json',
      'casualties.csv',
      'casualties.json',
      'datapackage.json',
      'manifest.json',
      'reactions.csv',
      'reactions.json',
    ]);
    // The same articles and review give the committed datasets, byte for byte.
    // Not the manifest nor the data package: a story's derive names its story in both, a folder's does not.
    for (const name of ['casualties.json', 'casualties.csv', 'reactions.csv', 'articles.json']) {
      expect(readFileSync(join(dir, 'fresh', name), 'utf8'), name).toBe(
        readFileSync(join(PATHS.derived, name), 'utf8'),
      );
    }
  }, 60_000);

  it('prints and writes to CHANGES.md what changed since the datasets that were there', async () => {
    writeFileSync(article('005'), readFileSync(article('004'), 'utf8').replace('id: "004"', 'id: "005"'));
    unlinkSync(article('003'));
    const { code, output } = await derive(
      '--articles',
      'articles',
      '--out',
      'out',
      '--review',
      PATHS.review,
      '--home',
      'Kazakhstan',
    );
    expect(code).toBe(0);
    expect(output).toMatch(
      /Changed since the previous derive: figures 2 new, 2 removed, 0 changed; reactions \d+ new, \d+ removed, 0 changed/,
    );
    expect(output).toContain('  005  article new: 2 figures,');
    expect(output).toMatch(/ {2}003 {2}article removed: 2 figures, \d+ reactions/);
    expect(changes0()).toContain('- removed figure 003-c2 injured/all 190 (about, “Some 190”)');
    const changes = readFileSync(join(dir, 'out', 'CHANGES.md'), 'utf8');
    expect(changes).toContain('### Article 003 (removed)');
    expect(changes).toContain('### Article 005 (new)');
    expect(changes).toContain('- new figure 005-c2 injured/security_forces 317 (exact, “317”)');
    expect(changes).toMatch(
      /\| injured \| all \| 2,000 \(“more than two thousand”, 002-c2\) \| 2,000 \(“more than two thousand”, 002-c2\) \| — \|/,
    );
    // Deriving again changes nothing.
    const again = await derive(
      '--articles',
      'articles',
      '--out',
      'out',
      '--review',
      PATHS.review,
      '--home',
      'Kazakhstan',
    );
    expect(again.output).toContain('No change in the figures or reactions since the previous derive');
    expect(readFileSync(join(dir, 'out', 'CHANGES.md'), 'utf8')).toContain('Nothing changed.');
  }, 90_000);

  // Bad input: a clear error naming the file (line:column where there is one), exit 1, and the outputs untouched.
  const bad: [string, () => void, RegExp][] = [
    [
      'missing front matter',
      () => writeFileSync(article('001'), 'no front matter\n'),
      /articles\/001\.md:1:1 {2}error {2}Cannot find front matter: expected the file to start with a `---` line {2}\(front-matter-missing\)/,
    ],
    [
      'broken front matter',
      () => edit('001', (t) => t.replace(/^title: .*$/m, 'title: "unclosed')),
      /articles\/001\.md:3:\d+ {2}error {2}Cannot parse the front matter: .* {2}\(front-matter-yaml\)/,
    ],
    [
      'a front matter that is never closed',
      () => edit('001', (t) => t.replace(/\n---\n/, '\n')),
      /articles\/001\.md:\d+:1 {2}error {2}Cannot find the closing `---` of the front matter/,
    ],
    [
      'an invalid date',
      () => edit('002', (t) => t.replace('published: 2022-01-07', 'published: 2022-02-30')),
      /articles\/002\.md:6:12 {2}error {2}Unexpected value "2022-02-30" for field `published`: expected a real calendar date/,
    ],
    [
      'a duplicate id',
      () => writeFileSync(article('005'), readFileSync(article('004'))),
      /articles\/005\.md:2:5 {2}error {2}Unexpected duplicate id `004`: 004\.md already has it; expected `005` to match the file name {2}\(article-duplicate-id\)/,
    ],
    [
      'an empty body',
      () => edit('003', (t) => t.replace(/\n---\n[\s\S]*$/, '\n---\n\n')),
      /articles\/003\.md:\d+:1 {2}error {2}Unexpected empty body/,
    ],
    [
      'a file that is not UTF-8',
      () =>
        writeFileSync(
          article('003'),
          Buffer.concat([readFileSync(article('003')).subarray(0, 40), Buffer.from([0xe9]), Buffer.from('\n')]),
        ),
      /articles\/003\.md:\d+:\d+ {2}error {2}Unexpected byte 0xE9, not UTF-8: expected an article saved as UTF-8 text/,
    ],
    [
      'a binary file',
      () => writeFileSync(article('004'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])),
      /articles\/004\.md:1:1 {2}error {2}Unexpected binary file/,
    ],
  ];
  it.each(bad)(
    'stops on %s, naming the file and position, leaving the outputs as they were',
    async (_, breakIt, message) => {
      breakIt();
      const before = contents(join(dir, 'out'));
      const { code, output } = await derive('--articles', 'articles', '--out', 'out');
      expect(code).toBe(1);
      expect(output).toMatch(message);
      expect(output).toContain('nothing was written');
      expect(output).not.toMatch(/\n\s+at /);
      expect(contents(join(dir, 'out'))).toEqual(before);
    },
    30_000,
  );

  it('stops on a review entry with an unknown field, at its line and column, leaving the outputs as they were', async () => {
    writeFileSync(
      join(dir, 'review.yaml'),
      '# review\ncasualties:\n  - article: "002"\n    quote: dozens of the attackers\n    measur: killed\n    reject: true\n',
    );
    const before = contents(join(dir, 'out'));
    const { code, output } = await derive('--articles', 'articles', '--out', 'out', '--review', 'review.yaml');
    expect(code).toBe(1);
    expect(output).toContain(
      'review.yaml:5:5  error  Unexpected field `measur` in a review entry of `casualties`, expected one of `article`, `quote`, `phrase`, `measure`',
    );
    expect(output).toContain('(did you mean `measure`?)  (review-field)');
    expect(output).toContain('Cannot derive: the review file has errors; nothing was written');
    expect(contents(join(dir, 'out'))).toEqual(before);
  }, 30_000);

  it.each(['1', '2'])(
    'stops on a missing or broken gazetteer, at its place, leaving the outputs as they were (--workers %s)',
    async (workers) => {
      const before = contents(join(dir, 'out'));
      const missing = await derive(
        '--articles',
        'articles',
        '--out',
        'out',
        '--gazetteer',
        'nowhere.yaml',
        '--workers',
        workers,
      );
      expect(missing.code).toBe(1);
      expect(missing.output).toContain(
        'nowhere.yaml:1:1  error  Missing gazetteer file: expected the actors and people in YAML  (gazetteer)',
      );
      writeFileSync(join(dir, 'gazetteer.yaml'), `${readFileSync(PATHS.gazetteer, 'utf8')}\nactors: [\n`);
      const broken = await derive(
        '--articles',
        'articles',
        '--out',
        'out',
        '--gazetteer',
        'gazetteer.yaml',
        '--workers',
        workers,
      );
      expect(broken.code).toBe(1);
      expect(broken.output).toMatch(/gazetteer\.yaml:\d+:\d+ {2}error {2}YAML: /);
      expect(broken.output).toContain('Cannot derive: the gazetteer has errors; nothing was written');
      for (const { output } of [missing, broken]) expect(output).not.toMatch(/\n\s+at |worker/i);
      expect(contents(join(dir, 'out'))).toEqual(before);
    },
    30_000,
  );

  it("uses no story's review or gazetteer additions unless given", async () => {
    const { code, output } = await derive('--articles', 'articles', '--out', 'plain');
    expect(code).toBe(0);
    expect(output).toMatch(/✔ 5 articles → \d+ casualty figures, \d+ reactions in plain; what changed/);
    expect(output).not.toContain('review:');
    expect(readFileSync(join(dir, 'plain', 'casualties.csv'), 'utf8')).not.toContain(',true\n');
  }, 60_000);

  it('prints the first 200 notes of a large folder and counts the rest, unless asked for all', async () => {
    const { articles: seeds } = await loadArticles(PATHS.articles);
    mkdirSync(join(dir, 'many'));
    for (const [name, text] of syntheticCorpus(seeds, 150)) writeFileSync(join(dir, 'many', name), text);
    const notes = (output: string) => output.split('\n').filter((line) => /:\d+:\d+ {2}info {2}/.test(line));
    const some = await derive('--articles', 'many', '--out', 'some');
    expect(some.code).toBe(0);
    const all = await derive('--articles', 'many', '--out', 'all', '--all-notes');
    expect(all.code).toBe(0);
    const total = notes(all.output).length;
    expect(total).toBeGreaterThan(200);
    expect(all.output).not.toContain('not shown');
    // The same notes, in the same order, the first 200 of them.
    expect(notes(some.output)).toEqual(notes(all.output).slice(0, 200));
    expect(some.output).toContain(
      `ℹ ${total - 200} more notes not shown (${total} notes in all); \`--all-notes\` prints them all`,
    );
    expect(some.output).toMatch(/✔ 150 articles → /);
  }, 90_000);

  it('refuses an unknown option with the ones it knows', async () => {
    const { code, output } = await derive('--article', 'articles');
    expect(code).toBe(2);
    expect(output).toContain('--articles');
  }, 30_000);
});
