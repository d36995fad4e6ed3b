// Reads a file the tools are given by name (an article, the narrative, the
// gazetteer…) only when it is a regular file of reasonable size. Anything else
// is a problem at its path, never a hang or a crash: a named pipe (FIFO) would
// block a plain read forever, a link to /dev/zero would fill the memory, and a
// folder, a symlink loop or a dangling symlink would throw EISDIR, ELOOP or
// ENOENT with no file name.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { lstat, open, readlink } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';

/** The largest article read, in bytes (README: "Add an article"); a news article is a few dozen KB. */
export const MAX_ARTICLE_BYTES = 2 * 1024 * 1024;

/** The largest other text file an editor writes (narrative, gazetteer, review, timeline). */
export const MAX_TEXT_FILE_BYTES = 16 * 1024 * 1024;

/** For the files the tools write themselves (the datasets): any size, but still only a regular file. */
export const ANY_SIZE = Number.MAX_SAFE_INTEGER;

/** Why a file was not read: `missing` when there is nothing at the path at all. */
export interface UnreadableFile {
  reason: string;
  missing: boolean;
}

/** The file's bytes, or why it is not a regular file that can be read whole. */
export async function readRegularFile(path: string, maxBytes: number): Promise<Uint8Array | UnreadableFile> {
  let handle: FileHandle;
  try {
    // O_NONBLOCK: opening a FIFO that nobody writes to returns at once instead of waiting for a writer.
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return await openProblem(path, error as NodeJS.ErrnoException);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile())
      return { reason: `Unexpected ${await kindOf(path, stats)}: expected a regular file`, missing: false };
    if (stats.size > maxBytes) return tooLarge(stats.size, maxBytes);
    // The size can change while reading (a file being saved): never read past the limit.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(stats.size - total, 0) + 1, maxBytes + 1 - total, 1 << 20));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) return tooLarge(total, maxBytes);
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  } catch (error) {
    return { reason: `Cannot read the file: ${describe(error as NodeJS.ErrnoException)}`, missing: false };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * readRegularFile at once, for a caller that reads thousands of files in a
 * row (the derive), where the thread pool's round trips cost more than the
 * reading: the bytes of a regular file within the limit, or null for anything
 * else, which readRegularFile then reads, to say what is wrong.
 */
export function readRegularFileSync(path: string, maxBytes: number): Uint8Array | null {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return null;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.size > maxBytes) return null;
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(stats.size - total, 0) + 1, maxBytes + 1 - total, 1 << 20));
      const bytesRead = readSync(fd, chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) return null;
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

function tooLarge(size: number, maxBytes: number): UnreadableFile {
  return {
    reason: `Unexpected file of ${megabytes(size)}${size > maxBytes ? '' : ' or more'}: expected at most ${megabytes(maxBytes)} (the size limit for this file)`,
    missing: false,
  };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MB`;
}

async function openProblem(path: string, error: NodeJS.ErrnoException): Promise<UnreadableFile> {
  if (error.code === 'ELOOP')
    return { reason: 'Cannot read a symbolic link that loops back on itself: expected a regular file', missing: false };
  if (error.code === 'ENOENT') {
    const target = await readlink(path).catch(() => null);
    if (target !== null)
      return {
        reason: `Cannot read a symbolic link to \`${target}\`, which does not exist: expected a regular file`,
        missing: false,
      };
    return { reason: 'Cannot find the file', missing: true };
  }
  return { reason: `Cannot read the file: ${describe(error)}`, missing: false };
}

/** What stands at `path` instead of a regular file, in words. */
async function kindOf(
  path: string,
  stats: {
    isDirectory(): boolean;
    isFIFO(): boolean;
    isSocket(): boolean;
    isCharacterDevice(): boolean;
    isBlockDevice(): boolean;
  },
): Promise<string> {
  const kind = stats.isDirectory()
    ? 'folder'
    : stats.isFIFO()
      ? 'named pipe (FIFO)'
      : stats.isSocket()
        ? 'socket'
        : stats.isCharacterDevice() || stats.isBlockDevice()
          ? 'device file'
          : 'special file';
  const link = await lstat(path).then(
    (s) => s.isSymbolicLink(),
    () => false,
  );
  const target = link ? await readlink(path).catch(() => null) : null;
  return link ? `symbolic link to a ${kind}${target === null ? '' : ` (\`${target}\`)`}` : kind;
}

function describe(error: NodeJS.ErrnoException): string {
  if (error.code === 'EACCES' || error.code === 'EPERM') return 'permission denied';
  if (error.code === 'ENOTDIR') return 'a file stands where a folder is expected';
  if (error.code === 'EISDIR') return 'it is a folder';
  return error.code ?? error.message;
}
