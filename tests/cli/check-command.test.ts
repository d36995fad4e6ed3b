// `npm run check` as an editor runs it: a real process on a copy of the repository's inputs.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { severityOf } from '../../src/common/problems.ts';
import { checkFootnotesAndLinks } from '../../src/report/check-footnotes.ts';
import { ROOT, STORY } from '../story.ts';
import { copyWholeProject } from '../../src/bench/project-copy.ts';
import { storyLayout } from '../../src/project/layout.ts';
import type { StoryLayout } from '../../src/project/layout.ts';

const run = promisify(execFile);
/** A whole copy of the project (its code linked to the same libraries): the command runs there as in the repository. */
let dir: string;
/** The copy's first story. */
let p: StoryLayout;

async function check(...stories: string[]) {
  try {
    const { stdout, stderr } = await run(
      join(ROOT, 'node_modules/.bin/tsx'),
      [join(dir, 'scripts/check.ts'), ...stories],
      { cwd: dir },
    );
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

/** What an editor or the derive writes: the stories' narratives and data. */
function snapshot(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const folder of ['report', 'data']) {
    for (const name of readdirSync(join(root, folder), { recursive: true }).map(String).sort()) {
      if (statSync(join(root, folder, name)).isFile())
        files[join(folder, name)] = readFileSync(join(root, folder, name), 'utf8');
    }
  }
  return files;
}

beforeEach(() => {
  dir = copyWholeProject();
  p = storyLayout(dir, STORY);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run check', () => {
  it('passes on the repository as it is', async () => {
    const { code, output } = await check();
    expect(output).not.toContain('  error  ');
    expect(output).toMatch(
      /✔ 0 errors, \d+ warnings? in kazakhstan-unrest \(5 articles, the datasets in data\/kazakhstan-unrest\/derived, the codebook, the gazetteer, the review, the timeline and the story\)/,
    );
    expect(code).toBe(0);
  }, 60_000);

  it('reports every problem of the narrative with its position, and exits 1', async () => {
    const story = readFileSync(p.narrative, 'utf8');
    writeFileSync(
      p.narrative,
      `${story}\n::map{name="almaty"}\n\nAs reported[^nope], see [the source](#article-009).\n\n[^unused]: Never referenced.\n`,
    );
    const lines = story.split('\n').length;
    const { code, output } = await check();
    expect(code).toBe(1);
    expect(output).toContain(`kazakhstan-unrest.md:${lines + 1}:1  error  Unexpected unknown directive \`::map\``);
    expect(output).toContain(
      `kazakhstan-unrest.md:${lines + 3}:12  error  Unexpected footnote reference \`[^nope]\` with no definition`,
    );
    expect(output).toContain(
      `kazakhstan-unrest.md:${lines + 3}:25  error  Unexpected link to unknown article \`009\`, expected one of \`000\`, \`001\`, \`002\`, \`003\`, \`004\``,
    );
    expect(output).toContain(
      `kazakhstan-unrest.md:${lines + 5}:1  warning  Unexpected footnote definition \`[^unused]\` that nothing references`,
    );
    expect(output).toMatch(/✖ Cannot pass the check: 3 errors, \d+ warnings?/);
  }, 60_000);

  it('reports articles, datasets and review problems together, writing nothing', async () => {
    writeFileSync(join(p.articles, '005.md'), readFileSync(join(p.articles, '004.md')));
    const casualties = join(p.derived, 'casualties.json');
    writeFileSync(
      casualties,
      readFileSync(casualties, 'utf8').replace('"start": 458,', '"start": 459,').replace('"end": 624,', '"end": 625,'),
    );
    writeFileSync(
      p.review,
      'reactions:\n  - article: "001"\n    quote: deep concern\n    stanse: expresses_concern\n    confirm: true\n',
    );
    const timeline = p.timeline;
    writeFileSync(
      timeline,
      readFileSync(timeline, 'utf8').replace('in the city of Zhanazin', 'in the city of Zhanaozen'),
    );
    const before = snapshot(dir);
    const { code, output } = await check();
    expect(code).toBe(1);
    expect(output).toContain('articles/005.md:2:5  error  Unexpected duplicate id `004`: 004.md already has it');
    expect(output).toMatch(
      /derived\/casualties\.json:2:1 {2}(error|warning) {2}Unexpected offsets 459–625 in row 000-c1/,
    );
    expect(output).toContain('review.yaml:4:5  error  Unexpected field `stanse` in a review entry of `reactions`');
    expect(output).toContain('derived/manifest.json:1:1  warning  Unexpected out-of-date datasets');
    expect(output).toMatch(
      /timeline\.yaml:\d+:5 {2}error {2}Unexpected quote in event e1: article 000 does not contain “[^”]*Zhanaozen”/,
    );
    expect(snapshot(dir)).toEqual(before);
  }, 60_000);
});

describe('checkFootnotesAndLinks', () => {
  const context = { articleIds: ['000', '001'], rowIds: ['000-c1'], html: '<p id="user-content-fn-a">x</p>' };
  it('finds undefined references, unused definitions and links to unknown articles or ids', () => {
    const markdown =
      'Text[^a], [^source-004] and [x](#source-002), [y](#nowhere), [z](#article-001).\n\n[^a]: A.\n[^b]: B.\n';
    const found = checkFootnotesAndLinks(new VFile({ path: 'n.md', value: markdown }), context);
    expect(found.map((d) => [d.file, d.line, d.column, severityOf(d), d.ruleId])).toEqual([
      ['n.md', 4, 1, 'warning', 'footnote-unused'],
      ['n.md', 1, 11, 'error', 'footnote-undefined'],
      ['n.md', 1, 29, 'error', 'link-unknown-article'],
      ['n.md', 1, 47, 'warning', 'link-unknown-fragment'],
    ]);
    expect(found[1]?.reason).toContain('cite an article with `:cite[004]`');
  });
});
