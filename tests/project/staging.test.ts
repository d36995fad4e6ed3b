// Issue 14, item 10: a report killed while it derives leaves its staging
// folder behind. Stages live in the project's cache, each named for the
// process that made it, and the next run removes those of processes gone.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyContent } from '../../src/bench/project-copy.ts';
import { projectLayout, storyLayout } from '../../src/project/layout.ts';
import { reportStory } from '../../src/project/report.ts';
import { derive } from '../../src/project/derive.ts';
import { storyDeriveOptions } from '../../src/project/derive-inputs.ts';
import { stampPath } from '../../src/project/previous-datasets.ts';
import { makeStage, removeStaleStages } from '../../src/project/staging.ts';
import { STORY, storyConfig } from '../story.ts';

let parent: string;
beforeEach(() => {
  parent = mkdtempSync(join(tmpdir(), 'newsbook-stages-'));
});
afterEach(() => rmSync(parent, { recursive: true, force: true }));

/** A process id that no process has: the highest one the kernel would give, plus one. */
const GONE = 4_194_305;

describe('staging folders', () => {
  it('are made in the folder given, named for this process', async () => {
    const stage = await makeStage(parent);
    expect(stage.startsWith(join(parent, `${process.pid}-`))).toBe(true);
    expect(existsSync(stage)).toBe(true);
  });

  it("remove those a killed run left (its process gone), never a running process's", async () => {
    mkdirSync(join(parent, `${GONE}-abc123`));
    mkdirSync(join(parent, `${process.ppid}-def456`));
    mkdirSync(join(parent, 'not-a-stage'));
    const stage = await makeStage(parent);
    expect(readdirSync(parent).sort()).toEqual(
      [`${process.ppid}-def456`, stage.slice(parent.length + 1), 'not-a-stage'].sort(),
    );
    expect(await removeStaleStages(parent)).toEqual([]);
  });

  it("live in the project's cache by default, and go when the report is done", async () => {
    const root = copyContent();
    try {
      // Out of date: the report derives, through a stage.
      rmSync(join(storyLayout(root, STORY).derived, 'manifest.json'));
      const quiet = { log() {}, error() {} };
      await reportStory(await storyConfig(root), quiet, { derive: { progress: () => ({ tick() {}, done() {} }) } });
      expect(readdirSync(join(projectLayout(root).cache, 'staging'))).toEqual([]);
      expect(projectLayout(root).cache).toBe(join(root, 'node_modules/.cache/newsbook'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 60_000);

  it("leave the derive's notes with the datasets where they land, so that the next derive copies their rows", async () => {
    const root = copyContent();
    try {
      const config = await storyConfig(root);
      rmSync(join(config.derived, 'manifest.json'));
      const cache = join(root, 'cache');
      const quiet = { log() {}, error() {} };
      await reportStory(config, quiet, { derive: { cache, progress: () => ({ tick() {}, done() {} }) } });
      // One stamp, for the story's datasets (the staging folder's moved with them).
      expect(readdirSync(join(cache, 'outputs'))).toEqual([stampPath(cache, config.derived).split('/').at(-1)]);
      const summary = await derive(storyDeriveOptions(config), { cache, progress: () => ({ tick() {}, done() {} }) });
      expect(summary.extracted).toBe(0);
      // Every article but the one the review touches.
      expect(summary.copied).toBe(summary.articles - 1);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 60_000);
});
