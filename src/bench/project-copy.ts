// Throw-away copies of the project for the benchmark, so that measuring never
// writes report/dist/, data/*/derived/ or the narrative of the repository.
import { cpSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository the benchmark runs from (through tsx, never from a bundle). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The words of a package.json script of the project in `root` (none when it has no such script). */
export function packageScript(root: string, name: string): string[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  return (pkg.scripts?.[name] ?? '').split(/\s+/).filter(Boolean);
}

/** Code, content and node_modules (linked): `npm run report` runs in it as in the repository. */
export function copyWholeProject(): string {
  const root = mkdtempSync(join(tmpdir(), 'newsbook-bench-project-'));
  for (const name of ['src', 'scripts', 'data', 'package.json', 'tsconfig.json'])
    cpSync(join(ROOT, name), join(root, name), { recursive: true });
  copyReport(root);
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  return root;
}

/** report/ and data/ only: what the dev server previews (the story's root); the code stays the repository's. */
export function copyContent(): string {
  const root = mkdtempSync(join(tmpdir(), 'newsbook-bench-content-'));
  cpSync(join(ROOT, 'data'), join(root, 'data'), { recursive: true });
  copyReport(root);
  return root;
}

/** report/ without dist/: a build output must not be mistaken for a fresh one. */
function copyReport(root: string): void {
  for (const name of readdirSync(join(ROOT, 'report'))) {
    if (name !== 'dist') cpSync(join(ROOT, 'report', name), join(root, 'report', name), { recursive: true });
  }
}
