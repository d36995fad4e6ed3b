// The report command as scripts/bundled.mjs starts it: a large story's
// derive runs on worker threads, which must start from the worker's bundle
// the launcher names (beside the command's bundle there is no derive-worker.ts
// to start them from: `npm run report` on 2,000 articles stopped on that).
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { reportCommand } from '../../src/cli/report.ts';
import { ROOT, STORY } from '../story.ts';

let dir: string;

beforeEach(() => {
  // The project's content copied (so the report writes nothing here), its code and libraries the repository's.
  dir = mkdtempSync(join(tmpdir(), 'newsbook-report-command-'));
  mkdirSync(join(dir, 'data'));
  mkdirSync(join(dir, 'report'));
  for (const name of ['gazetteer.yaml', 'codebook.yaml']) cpSync(join(ROOT, 'data', name), join(dir, 'data', name));
  cpSync(join(ROOT, 'data', STORY, 'articles'), join(dir, 'data', STORY, 'articles'), { recursive: true });
  cpSync(join(ROOT, 'report', `${STORY}.md`), join(dir, 'report', `${STORY}.md`));
  for (const name of ['src', 'package.json', 'node_modules']) symlinkSync(join(ROOT, name), join(dir, name));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it("starts the derive's workers from the worker bundle it is launched with", async () => {
  // A worker bundle that says where it was started from, by failing each batch: the derive stops with its words.
  const bundle = join(dir, 'worker.mjs');
  writeFileSync(
    bundle,
    "import { parentPort } from 'node:worker_threads';\n" +
      "parentPort.on('message', ({ batch }) => parentPort.postMessage({ batch, error: 'started from the launcher’s worker bundle' }));\n",
  );
  const lines: string[] = [];
  const out = { log: (line: string) => void lines.push(line), error: (line: string) => void lines.push(line) };
  const launch = { root: dir, argv: [STORY], workerBundle: bundle };
  // Two workers asked for, so that five articles go to them; a cache of the test's own.
  const effects = { derive: { workers: 2, cache: join(dir, 'cache'), progress: () => ({ tick() {}, done() {} }) } };
  await expect(reportCommand([STORY], out, launch, effects)).rejects.toThrow(
    /started from the launcher’s worker bundle/,
  );
  expect(lines.join('\n')).toContain('deriving the datasets');
}, 60_000);

it('says what it derived in words that agree with the counts (one article, not "1 articles")', async () => {
  const articles = join(dir, 'data', STORY, 'articles');
  rmSync(articles, { recursive: true });
  mkdirSync(articles);
  cpSync(join(ROOT, 'data', STORY, 'articles', '001.md'), join(articles, '001.md'));
  // A narrative of its own: the story's cites the other four articles.
  writeFileSync(join(dir, 'report', `${STORY}.md`), '---\ntitle: One article\n---\n\nWhat one source said.\n');
  const lines: string[] = [];
  const out = { log: (line: string) => void lines.push(line), error: (line: string) => void lines.push(line) };
  const effects = { derive: { workers: 1, cache: join(dir, 'cache'), progress: () => ({ tick() {}, done() {} }) } };
  await reportCommand([STORY], out, { root: dir, argv: [STORY] }, effects);
  expect(lines.join('\n')).toMatch(/derived \d+ casualty figures? and \d+ reactions? from 1 article$/m);
}, 60_000);
