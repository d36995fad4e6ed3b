// The dev tests' fixture (dev-*.test.ts): a temp copy of the project's content,
// and the bound on every wait.
import { cpSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../story.ts';

/** How long a test waits for a rebuild, an event or a process to be ready. */
export const WAIT = 20_000;

/** A copy of the project's content: the server previews it, never the repository's. */
export function copyProject(): string {
  const root = mkdtempSync(join(tmpdir(), 'newsbook-dev-'));
  cpSync(join(ROOT, 'report'), join(root, 'report'), { recursive: true });
  mkdirSync(join(root, 'data'));
  for (const name of readdirSync(join(ROOT, 'data')))
    cpSync(join(ROOT, 'data', name), join(root, 'data', name), { recursive: true });
  return root;
}
