// The live preview's project as `npm run dev` starts it, in a temp copy of
// report/ and data/: from up-to-date datasets instead of extracting, and from
// what a derive put in the extraction cache. No server; bounded waits.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { storyConfig } from '../story.ts';
import { storyDeriveOptions } from '../../src/project/derive-inputs.ts';
import { derive } from '../../src/project/derive.ts';
import { DevProject } from '../../src/dev/project.ts';
import { copyProject } from './dev-fixture.ts';

describe('npm run dev: starting from up-to-date datasets', () => {
  it('reads data/kazakhstan-unrest/derived instead of extracting, and still re-applies an edited review', async () => {
    const root = copyProject();
    try {
      const paths = await storyConfig(root);
      // What `npm run report` leaves behind: datasets whose manifest matches the inputs.
      await derive(storyDeriveOptions(paths), { progress: () => ({ tick() {}, done() {} }) });
      const project = new DevProject(paths);
      await project.load();
      expect(project.startedFrom).toBe('derived');
      expect((await project.render()).ok).toBe(true);
      const target = (await project.currentData()).casualties.find((r) => r.article === '001' && r.reviewed !== true)!;
      const text = readFileSync(paths.review, 'utf8');
      const reject = `casualties:\n  - article: "001"\n    quote: ${JSON.stringify(target.quote)}\n    phrase: ${JSON.stringify(target.phrase)}\n    measure: ${target.measure}\n    group: ${target.group}\n    reject: true\n`;
      writeFileSync(paths.review, text.replace(/^casualties:\n/m, reject));
      const update = await project.update([paths.review]);
      // Rows read from disk carry the old review: that article alone is derived again.
      expect(update).toMatchObject({ kinds: ['review'], derived: ['001'], reviewed: [] });
      expect((await project.currentData()).casualties.some((r) => r.id === target.id)).toBe(false);
      writeFileSync(paths.review, text);
      expect(await project.update([paths.review])).toMatchObject({ derived: [], reviewed: ['001'] });
      expect((await project.currentData()).casualties.some((r) => r.id === target.id)).toBe(true);
      expect(project.diagnostics.filter((d) => d.fatal === true)).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('npm run dev: the derive’s extraction cache', () => {
  it('takes the articles a derive extracted from its cache, and puts there what it extracts', async () => {
    const root = copyProject();
    try {
      const paths = await storyConfig(root);
      const cache = join(root, 'cache');
      const quiet = { progress: () => ({ tick() {}, done() {} }), cache };
      await derive(storyDeriveOptions(paths), quiet);
      const derived = readFileSync(join(paths.derived, 'casualties.json'), 'utf8');
      // The review edited: the datasets are out of date, the articles' extraction is not.
      writeFileSync(paths.review, `${readFileSync(paths.review, 'utf8')}\n`);
      const project = new DevProject(paths, cache);
      const update = await project.load();
      expect(project.startedFrom).toBe('articles');
      expect(update.cached).toEqual(update.derived);
      expect(update.cached).toHaveLength(5);
      // The same rows as the derive's, the review applied.
      expect(JSON.stringify((await project.currentData()).casualties, null, 2) + '\n').toBe(derived);

      // An article edited in the preview is extracted there, and the next derive takes it from the cache.
      const article = join(paths.articles, '001.md');
      writeFileSync(
        article,
        readFileSync(article, 'utf8').replace(/\n\n/, '\n\nAt least 12 people were killed, officials said.\n\n'),
      );
      const edited = await project.update([article]);
      expect(edited).toMatchObject({ derived: ['001'], cached: [] });
      expect((await derive(storyDeriveOptions(paths), quiet)).extracted).toBe(0);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);
});
