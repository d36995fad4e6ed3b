// Golden pages for notebook cells, the unified way: each
// tests/fixtures/cells-<case>/input.md is built with the chart tests' fixed
// data and its <main> compared with output.html beside it. A missing output is
// written on the first run (never in CI); UPDATE=1 rewrites them all.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { chartDocument } from '../../src/charts/dom.ts';
import { CHARTS } from '../../src/charts/registry.ts';
import { buildReport } from '../../src/report/build.ts';
import { FIXTURE } from '../charts/fixtures.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures');
const cases = readdirSync(FIXTURES).filter((name) => name.startsWith('cells-'));

let document: Document;
beforeAll(async () => {
  document = await chartDocument();
}, 30_000);

/** The page's <main>: the narrative as built, without the page's stylesheet and scripts. */
export function main(html: string): string {
  return `${html.slice(html.indexOf('<main'), html.indexOf('</main>') + '</main>'.length)}\n`;
}

describe('cell fixtures', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThan(0));

  for (const name of cases) {
    it(`builds ${name}/input.md as in output.html`, async () => {
      const markdown = readFileSync(join(FIXTURES, name, 'input.md'), 'utf8');
      const { html, file } = await buildReport({ markdown, path: `${name}/input.md`, data: FIXTURE, charts: CHARTS, document });
      expect(file.messages.filter((m) => m.fatal).map((m) => `${m.line}:${m.column} ${m.reason}`)).toEqual([]);
      const actual = main(html ?? '');
      const expectedPath = join(FIXTURES, name, 'output.html');
      if (!existsSync(expectedPath) && process.env.CI) throw new Error(`missing tests/fixtures/${name}/output.html: run UPDATE=1 npm test and commit it`);
      if (process.env.UPDATE === '1' || !existsSync(expectedPath)) writeFileSync(expectedPath, actual);
      expect(actual).toBe(readFileSync(expectedPath, 'utf8'));
    });
  }
});
