// Golden fixtures for the narrative's plugins, the unified way: each
// tests/fixtures/<case>/input.md is built with the chart tests' fixed data;
// its <main> is compared with output.html beside it, and its messages (line,
// column, severity, reason, rule) with messages.txt. A missing file is written
// on the first run (never in CI); UPDATE=1 rewrites them all, to be reviewed
// in the diff.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { chartDocument } from '../../src/charts/dom.ts';
import { CHARTS } from '../../src/charts/registry.ts';
import { buildReport } from '../../src/report/build.ts';
import { FIXTURE } from '../charts/fixtures.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures');
const cases = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

let document: Document;
beforeAll(async () => {
  document = await chartDocument();
}, 30_000);

/** The page's <main>: the narrative as built, without the page's stylesheet and scripts. */
export function main(html: string): string {
  return `${html.slice(html.indexOf('<main'), html.indexOf('</main>') + '</main>'.length)}\n`;
}

/** Compares `actual` with the golden file, writing it when missing (not in CI) or when UPDATE=1. */
function golden(name: string, file: string, actual: string): void {
  const path = join(FIXTURES, name, file);
  if (!existsSync(path) && process.env.CI && process.env.UPDATE !== '1')
    throw new Error(`missing tests/fixtures/${name}/${file}: run UPDATE=1 npm test and commit it`);
  if (process.env.UPDATE === '1' || !existsSync(path)) writeFileSync(path, actual);
  expect(actual, `tests/fixtures/${name}/${file}`).toBe(readFileSync(path, 'utf8'));
}

describe('plugin fixtures', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThan(10));

  for (const name of cases) {
    it(`builds ${name}/input.md as in output.html, with the messages of messages.txt`, async () => {
      const markdown = readFileSync(join(FIXTURES, name, 'input.md'), 'utf8');
      const { html, file } = await buildReport({
        markdown,
        path: `${name}/input.md`,
        data: FIXTURE,
        charts: CHARTS,
        document,
        actors: ['Kazakhstan', 'Russia'],
      });
      const messages = file.messages.map(
        (m) => `${m.line}:${m.column}  ${m.fatal ? 'error' : 'warning'}  ${m.reason}  (${m.ruleId})`,
      );
      golden(name, 'messages.txt', messages.length > 0 ? `${messages.join('\n')}\n` : '');
      golden(name, 'output.html', html === null ? '(no page: the narrative has errors)\n' : main(html));
    });
  }
});
