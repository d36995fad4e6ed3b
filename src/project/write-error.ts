// A write that fails (a read-only file system, a full disk, no permission)
// is the editor's to fix: say what went wrong and where, as a CliError,
// instead of "Unexpected internal error: ENOSPC … write" with no path.
import { relative } from 'node:path';
import { CliError } from './errors.ts';

const CAUSES: Readonly<Record<string, string>> = {
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a file stands where a folder is expected',
  EISDIR: 'a folder stands where the file is expected',
  EIO: 'the disk reported an input/output error',
  EMFILE: 'too many files are open',
  ENAMETOOLONG: 'the path is too long',
};

/**
 * The error to throw when writing `path` failed: a CliError naming it, with
 * the cause in plain words and the system's own message in parentheses.
 * Anything that is not a file-system error is returned as it is.
 */
export function writeError(error: unknown, path: string, what: 'write' | 'folder'): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string' || error instanceof CliError) return error;
  const where = relative(process.cwd(), path) || path;
  const detail = `(${(error as Error).message})`;
  if (what === 'folder' && code === 'ENOENT') {
    return new CliError(
      `Cannot create the folder ${where}: a folder above it is missing or cannot be written (a read-only file system?); nothing was overwritten ${detail}`,
    );
  }
  const cause = CAUSES[code] ?? `the system said ${code}`;
  return new CliError(
    `Cannot ${what === 'folder' ? 'create the folder' : 'write'} ${where}: ${cause}; nothing was overwritten ${detail}`,
  );
}
