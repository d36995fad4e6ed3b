// The previous datasets' files, closed twice (once assembled, again when the
// derive stops on a later failure), are closed once: the second close must not
// close the file that has taken one of their numbers meanwhile.
import { closeSync, fstatSync, openSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openPreviousDatasets } from '../../src/project/previous-datasets.ts';
import { PATHS } from '../story.ts';

describe('the previous datasets, closed', () => {
  it('close their files once, however often they are closed', async () => {
    const previous = await openPreviousDatasets(PATHS.derived);
    expect(previous).not.toBeNull();
    await previous!.close();
    // The lowest free number: one the previous datasets' files had.
    const other = openSync(PATHS.codebook, 'r');
    try {
      await previous!.close();
      expect(fstatSync(other).isFile()).toBe(true);
    } finally {
      closeSync(other);
    }
  });
});
