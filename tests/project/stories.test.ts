// A project of several stories, as a journalist makes one: `npm run new`, a
// folder of articles on another subject, `npm run report`; and the commands'
// answers to a bad story name or option. Real processes in a whole copy of
// the project, with nothing changed in the code.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyWholeProject } from '../../src/bench/project-copy.ts';
import { readConfig } from '../../src/project/config.ts';
import { storyLayout } from '../../src/project/layout.ts';
import { PATHS, ROOT, STORY } from '../story.ts';

const run = promisify(execFile);
/** Articles of another kind of story (an earthquake in Nepal), from the development set. */
const QUAKE = join(ROOT, 'tests/gold/stories/nepal-quake/articles');

let dir: string;
let firstPage: string;

async function npm(...args: string[]) {
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', ...args], { cwd: dir, timeout: 120_000 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

beforeAll(() => {
  dir = copyWholeProject();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a second story, with no code change', () => {
  it('starts with `npm run new`, which says what to do next and builds at once', async () => {
    const made = await npm('new', '--', 'test-story', '--title', 'A test');
    expect(made.code).toBe(0);
    expect(made.output).toContain('✔ started test-story: report/test-story.md and data/test-story/articles/');
    expect(made.output).toContain('Next: save the articles in data/test-story/articles/');
    const config = await readConfig(dir, 'test-story');
    expect(config).toMatchObject({ title: 'A test', home: null, output: 'test-story.html' });
    expect(readdirSync(config.articles)).toEqual(['.gitkeep']);
    const built = await npm('report', '--', 'test-story');
    expect(built.output).toContain('✔ wrote report/dist/test-story.html');
    expect(built.code).toBe(0);
    // The first story's page as it is before the second story has articles: it must not change.
    expect((await npm('report', '--', STORY)).code).toBe(0);
    firstPage = readFileSync(join(storyLayout(dir, STORY).dist, `${STORY}.html`), 'utf8');
  }, 120_000);

  it('gives the new story its own page from its own articles beside an unchanged first story, and an index of both', async () => {
    cpSync(QUAKE, storyLayout(dir, 'test-story').articles, { recursive: true });
    const built = await npm('report');
    expect(built.code, built.output).toBe(0);
    const dist = storyLayout(dir, STORY).dist;
    const page = readFileSync(join(dist, 'test-story.html'), 'utf8');
    const { document } = new JSDOM(page).window;
    expect(document.querySelector('h1')?.textContent).toBe('A test');
    expect(document.querySelectorAll('figure.chart svg').length).toBeGreaterThan(0);
    expect(page).toMatch(/quake-0\d/);
    expect(page).not.toMatch(/Kazakh/);
    expect(readFileSync(join(dist, `${STORY}.html`), 'utf8')).toBe(firstPage);
    const index = new JSDOM(readFileSync(join(dist, 'index.html'), 'utf8')).window.document;
    const links = [...index.querySelectorAll('a')].map((a) => [a.getAttribute('href'), a.textContent]);
    expect(links).toEqual([
      ['kazakhstan-unrest.html', "Kazakhstan's January unrest, in the sources' own numbers"],
      ['test-story.html', 'A test'],
    ]);
    expect(index.body.textContent).toContain(`${readdirSync(QUAKE).length} source articles`);
  }, 180_000);

  it('refuses a bad name or a story that exists, clearly, writing nothing', async () => {
    for (const [args, message] of [
      [['Bad_Name'], 'Unexpected story name `Bad_Name`: expected lowercase letters, digits and hyphens'],
      [
        ['test-story'],
        'Cannot start the story `test-story`: report/test-story.md already exists, and nothing was overwritten',
      ],
      [[], 'Missing story name'],
    ] as const) {
      const { code, output } = await npm('new', '--', ...args);
      expect(code).toBe(2);
      expect(output).toContain(message);
      expect(output).not.toMatch(/\n\s+at /);
    }
    expect(existsSync(join(dir, 'report/Bad_Name.md'))).toBe(false);
  }, 120_000);
});

describe('every command', () => {
  it.each([
    ['report', ['STORY']],
    ['derive', ['--articles', '--out', '--gazetteer', '--review', '--workers']],
    ['check', ['STORY']],
    ['new', ['STORY', '--title']],
    ['dev', ['STORY', '--port']],
  ])(
    'answers --help with its arguments and options (%s)',
    async (command, mentions) => {
      const { code, output } = await npm(command, '--', '--help');
      expect(code).toBe(0);
      expect(output).toContain(`Usage: npm run ${command} --`);
      for (const mention of [...mentions, '--help']) expect(output).toContain(mention);
    },
    60_000,
  );

  it.each(['report', 'derive', 'check', 'new', 'dev'])(
    'names the valid options for an unknown one (%s)',
    async (command) => {
      const { code, output } = await npm(command, '--', '--colour');
      expect(code).toBe(2);
      expect(output).toMatch(/✖ Unexpected option `--colour`: expected one of --[a-z]+/);
      expect(output).toContain('--help');
    },
    60_000,
  );

  it.each(['report', 'derive', 'check', 'dev'])(
    'refuses a story that does not exist, suggesting the closest (%s)',
    async (command) => {
      const { code, output } = await npm(command, '--', 'kazakstan-unrest');
      expect(code).toBe(2);
      expect(output).toContain('✖ Unexpected story `kazakstan-unrest`: there is no report/kazakstan-unrest.md');
      expect(output).toContain('(did you mean `kazakhstan-unrest`?)');
    },
    60_000,
  );
});

it('keeps the first story where the layout says, with its datasets', () => {
  expect(PATHS.articles).toBe(join(ROOT, 'data/kazakhstan-unrest/articles'));
  expect(readdirSync(PATHS.derived)).toContain('casualties.csv');
});
