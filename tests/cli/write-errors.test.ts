// Issue 14, item 11: a write that fails says what and where (a read-only file
// system, a full disk) as a CliError naming the file, not an internal error.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError } from '../../src/project/errors.ts';
import { NODE_FS, writeFileGroupsAtomically } from '../../src/project/files.ts';
import type { WriteFs } from '../../src/project/files.ts';

const root = mkdtempSync(join(tmpdir(), 'newsbook-write-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
/** A new empty folder for one test, in the file's own. */
const newFolder = (): string => mkdtempSync(join(root, 'test-'));

const errno = (code: string, syscall: string, path: string) =>
  Object.assign(new Error(`${code}: ${syscall} '${path}'`), { code, syscall, path });

async function failure(fs: WriteFs, dir: string): Promise<CliError> {
  const error = await writeFileGroupsAtomically([{ dir, files: new Map([['casualties.json', '[]\n']]) }], fs).catch(
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CliError);
  return error as CliError;
}

describe('write errors', () => {
  it('name the file and say the disk is full (ENOSPC without a path)', async () => {
    const dir = newFolder();
    const fs: WriteFs = {
      ...NODE_FS,
      writeFile: async () => {
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' });
      },
    };
    const error = await failure(fs, dir);
    expect(error.message).toMatch(/^Cannot write .*casualties\.json: the disk is full/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('say the file system is read-only, naming the folder', async () => {
    const dir = join(newFolder(), 'derived');
    const fs: WriteFs = {
      ...NODE_FS,
      mkdir: async (path) => {
        throw errno('EROFS', 'mkdir', path);
      },
    };
    expect((await failure(fs, dir)).message).toMatch(
      /^Cannot create the folder .*derived: the file system is read-only/,
    );
  });

  it('say a folder cannot be created when mkdir gives ENOENT', async () => {
    const dir = join(newFolder(), 'derived');
    const fs: WriteFs = {
      ...NODE_FS,
      mkdir: async (path) => {
        throw errno('ENOENT', 'mkdir', path);
      },
    };
    expect((await failure(fs, dir)).message).toMatch(/^Cannot create the folder .*derived: /);
  });

  it('say permission is denied', async () => {
    const dir = newFolder();
    const fs: WriteFs = {
      ...NODE_FS,
      rename: async (from) => {
        throw errno('EACCES', 'rename', from);
      },
    };
    expect((await failure(fs, dir)).message).toMatch(/^Cannot write .*casualties\.json: permission denied/);
  });
});
