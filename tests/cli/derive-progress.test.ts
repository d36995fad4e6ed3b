// derive() with its effects injected: the progress display a long run shows.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { derive } from '../../src/project/derive.ts';
import { PATHS, ROOT } from '../story.ts';
import { createProgress } from '../../src/project/progress.ts';

const dir = mkdtempSync(join(tmpdir(), 'newsbook-progress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('derive progress', () => {
  it('ticks once per article through the injected display (plain lines when not a terminal)', async () => {
    cpSync(PATHS.articles, join(dir, 'articles'), { recursive: true });
    const writes: string[] = [];
    const stream = { isTTY: false, write: (text: string) => writes.push(text) };
    const summary = await derive(
      {
        articles: join(dir, 'articles'),
        out: join(dir, 'out'),
        code: ROOT,
        gazetteers: [PATHS.gazetteer],
        codebooks: [PATHS.codebook],
        review: PATHS.review,
        home: 'Kazakhstan',
      },
      { progress: (total) => createProgress(total, { stream, unit: 'articles', label: 'Deriving', threshold: 1 }) },
    );
    expect(writes).toEqual([
      'Deriving: 1/5 articles (20%)\n',
      'Deriving: 2/5 articles (40%)\n',
      'Deriving: 3/5 articles (60%)\n',
      'Deriving: 4/5 articles (80%)\n',
      'Deriving: 5/5 articles (100%)\n',
    ]);
    expect(summary.changes.hadBefore).toBe(false);
    expect(summary.review).toEqual({ rejected: 0, corrected: 1, confirmed: 0 });
  }, 60_000);
});
