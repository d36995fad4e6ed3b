// A clone on a user's machine has nothing beside it: no file the project runs,
// tests or documents may name a folder outside the repository.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
// Spelled in two pieces so that this file does not name it either.
const outside = new RegExp(['\\.\\./', 'shared'].join(''));

function files(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

it('names no folder outside the repository in the README, src, tests, scripts or CI', () => {
  const named = [
    'README.md',
    'data/README.md',
    ...files('src'),
    ...files('tests'),
    ...files('scripts'),
    ...files('.ci'),
  ].filter((file) => outside.test(readFileSync(join(root, file), 'utf8')));
  expect(named).toEqual([]);
});
