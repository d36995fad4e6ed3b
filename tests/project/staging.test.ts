// Issue 14, item 10: a report killed while it derives leaves its staging
// folder behind. Stages live in the project's cache, each named for the
// process that made it, and the next run removes those of processes gone.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { projectLayout } from '../../src/project/layout.ts';
import { makeStage, removeStaleStages } from '../../src/project/staging.ts';
import { ROOT } from '../story.ts';

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

  it("live in the project's cache by default, not in the machine's temporary folder", () => {
    expect(projectLayout(ROOT).cache).toBe(join(ROOT, 'node_modules/.cache/newsbook'));
  });
});
