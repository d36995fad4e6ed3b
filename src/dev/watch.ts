// File watching for the dev server: node:fs watch on a few directories, the
// events of a burst (editors save in several writes: truncate, write, rename,
// chmod) collected into one set of changed paths once the files are quiet.
import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { basename, join } from 'node:path';

export interface WatchTarget {
  dir: string;
  recursive?: boolean;
  /** Which paths (absolute) of the directory matter; the rest is ignored. */
  accept(path: string): boolean;
}

export interface Watcher {
  close(): void;
}

/** Editors' scratch files: vim's `4913` probe, swap and backup files, emacs lock files. */
export function isEditorScratch(path: string): boolean {
  const name = basename(path);
  return (
    name === '4913' ||
    name.startsWith('.#') ||
    name.endsWith('~') ||
    /\.(sw[a-p]|tmp|bak)$/.test(name) ||
    /^\.?#.*#$/.test(name)
  );
}

/**
 * Calls `onChanges` with every accepted path that changed, `debounceMs` after
 * the last event of a burst. A directory that cannot be watched (missing) is
 * reported through `onError` and skipped.
 */
export function watchDirectories(
  targets: readonly WatchTarget[],
  onChanges: (paths: Set<string>, firstEventAt: number) => void,
  options: { debounceMs: number; onError?: (dir: string, error: Error) => void },
): Watcher {
  const watchers: FSWatcher[] = [];
  let pending = new Set<string>();
  let firstEventAt = 0;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const flush = () => {
    timer = undefined;
    if (closed || pending.size === 0) return;
    const paths = pending;
    pending = new Set();
    onChanges(paths, firstEventAt);
  };

  for (const target of targets) {
    try {
      const watcher = watch(target.dir, { recursive: target.recursive ?? false, persistent: true }, (_event, name) => {
        if (closed || name === null) return;
        const path = join(target.dir, name.toString());
        if (isEditorScratch(path) || !target.accept(path)) return;
        if (pending.size === 0) firstEventAt = performance.now();
        pending.add(path);
        clearTimeout(timer);
        timer = setTimeout(flush, options.debounceMs);
      });
      watcher.on('error', (error) => options.onError?.(target.dir, error));
      watchers.push(watcher);
    } catch (error) {
      options.onError?.(target.dir, error as Error);
    }
  }

  return {
    close() {
      closed = true;
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}
