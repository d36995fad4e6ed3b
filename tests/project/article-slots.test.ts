// A worker that runs out of its heap loses the batches it was sent, and this
// thread kept only where they came from (src/project/derive-workers.ts): the
// derive reads each such article again, and refuses bytes other than those it
// keyed, which would otherwise be cached under the old bytes' key.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inWindows, readSlotAgain } from '../../src/project/article-slots.ts';
import type { ArticleSlot } from '../../src/project/article-slots.ts';
import { articleKey } from '../../src/project/derive-inputs.ts';
import { CliError } from '../../src/project/errors.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsbook-slots-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function slotOf(name: string, text: string): ArticleSlot {
  const path = join(dir, name);
  writeFileSync(path, text);
  const key = articleKey(name, new TextEncoder().encode(text));
  return { name, path, key, problems: [], claimed: null, id: null };
}

describe('an article read again for a replaced worker', () => {
  it('is its bytes when they are the ones keyed', async () => {
    const slot = slotOf('a.md', '---\nid: a\n---\nÉté, 12 people.\n');
    expect(new TextDecoder().decode(await readSlotAgain(slot))).toBe('---\nid: a\n---\nÉté, 12 people.\n');
  });

  it('fails at the file, 1:1, when it changed or went away since it was keyed', async () => {
    const changed = slotOf('b.md', 'before\n');
    writeFileSync(changed.path, 'after\n');
    const gone = slotOf('c.md', 'text\n');
    rmSync(gone.path);
    for (const slot of [changed, gone]) {
      const error = await readSlotAgain(slot).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CliError);
      expect((error as CliError).message).toMatch(/^Cannot derive: an article changed while it was read/);
      expect((error as CliError).diagnostics).toEqual([
        expect.objectContaining({ file: slot.path, line: 1, column: 1, ruleId: 'article-changed', fatal: true }),
      ]);
    }
  });
});

describe('inWindows', () => {
  it('hands the results on in order, never more than the window at work', async () => {
    let working = 0;
    let most = 0;
    const seen: string[] = [];
    await inWindows(
      [5, 1, 4, 2, 3],
      2,
      async (ms) => {
        most = Math.max(most, (working += 1));
        await new Promise((resolve) => setTimeout(resolve, ms));
        working -= 1;
        return `${ms}ms`;
      },
      (ms, result) => void seen.push(`${ms}:${result}`),
    );
    expect(seen).toEqual(['5:5ms', '1:1ms', '4:4ms', '2:2ms', '3:3ms']);
    expect(most).toBe(2);
  });

  it("fails with the first item's failure, leaving none of the others' unhandled", async () => {
    // Items 3 and 2 fail while item 1 is awaited: Node stops on an unhandled rejection (and Vitest fails the run).
    const unhandled: unknown[] = [];
    const note = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', note);
    try {
      const failing = async (n: number): Promise<never> => {
        await new Promise((resolve) => setTimeout(resolve, 10 - n));
        throw new Error(`item ${n}`);
      };
      await expect(inWindows([1, 2, 3], 3, failing, () => undefined)).rejects.toThrow('item 1');
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', note);
    }
  });
});
