// Chart snapshots the Observable Plot way: compare with tests/output/<name>.svg,
// write <name>-changed.svg on mismatch (git-ignored), UPDATE=1 to accept.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const OUTPUT = join(import.meta.dirname, '../output');

export function matchSnapshot(name: string, svg: string): { ok: boolean; message: string } {
  const expectedPath = join(OUTPUT, `${name}.svg`);
  const changedPath = join(OUTPUT, `${name}-changed.svg`);
  const actual = `${svg}\n`;
  // A missing golden file is a new chart: written here, but never in CI, where it would pass unreviewed.
  if (!existsSync(expectedPath) && process.env.CI)
    return { ok: false, message: `missing tests/output/${name}.svg: run UPDATE=1 npm test and commit it` };
  if (process.env.UPDATE === '1' || !existsSync(expectedPath)) {
    writeFileSync(expectedPath, actual);
    rmSync(changedPath, { force: true });
    return { ok: true, message: `wrote ${expectedPath}` };
  }
  if (readFileSync(expectedPath, 'utf8') === actual) {
    rmSync(changedPath, { force: true });
    return { ok: true, message: 'matches' };
  }
  writeFileSync(changedPath, actual);
  return {
    ok: false,
    message: `${name}.svg changed: compare tests/output/${name}-changed.svg, then UPDATE=1 npm test to accept`,
  };
}

/** The two snapshot tests of a chart: its wide and narrow layouts as in tests/output/<name>.svg and <name>-narrow.svg. */
export function itMatchesItsSnapshots(name: string, output: () => { wide: Element; narrow: Element }): void {
  for (const [layout, file] of [
    ['wide', name],
    ['narrow', `${name}-narrow`],
  ] as const) {
    it(`renders the ${layout} layout as in tests/output/${file}.svg`, () => {
      const { ok, message } = matchSnapshot(file, output()[layout].outerHTML);
      expect(ok, message).toBe(true);
    });
  }
}
