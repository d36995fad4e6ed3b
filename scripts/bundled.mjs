// `node scripts/bundled.mjs <name> [args]`: runs scripts/<name>.ts from one
// esbuild bundle of it and everything it imports, cached in
// node_modules/.cache/newsbook/ under a hash of the code. Loading the hundreds
// of small modules of the Markdown and chart libraries one by one through
// tsx's loader is most of a cold `npm run report` (two seconds or more here);
// one bundled file loads in a fraction of that, as Vite pre-bundles
// dependencies. The derive's worker thread (src/project/derive-worker.ts) is
// bundled beside it, for the same reason: each worker would otherwise load tsx
// and the extraction code module by module while the derive waits for it. A
// change to src/, scripts/ or package.json makes new bundles (about half a
// second, once). Plain JavaScript because it runs before any TypeScript can;
// should bundling fail, the command runs through tsx instead.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const [name, ...args] = process.argv.slice(2);
const entry = join(root, 'scripts', `${name}.ts`);
const cache = join(root, 'node_modules', '.cache', 'newsbook');

const bundle = await bundlePath().catch((error) => {
  if (process.env.NEWSBOOK_DEBUG) console.error(error);
  return null;
});
if (bundle === null) {
  const tsx = join(root, 'node_modules', '.bin', 'tsx');
  const { status } = spawnSync(tsx, [entry, ...args], { stdio: 'inherit' });
  process.exit(status ?? 1);
}
// The bundle lives in node_modules/.cache: it is told where the repository
// and the derive worker's bundle are, rather than guessing from its own place.
const { run } = await import(pathToFileURL(bundle.command).href);
await run({ root, argv: args, workerBundle: bundle.worker });

/** The bundles of the current code, the command's and the derive worker's: built (and older ones removed) when there are none. */
async function bundlePath() {
  const hash = createHash('sha256');
  for (const file of ['package.json', ...files('src'), ...files('scripts')])
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(join(root, file)))
      .update('\0');
  hash.update(process.version);
  const stem = join(cache, `${name}-${hash.digest('hex').slice(0, 16)}`);
  const paths = { command: `${stem}.mjs`, worker: `${stem}.worker.mjs` };
  if (Object.values(paths).every((path) => statSync(path, { throwIfNoEntry: false })?.isFile())) return paths;

  // Loaded only to build: esbuild takes a moment to load, which a command whose bundles are there does without.
  const { bundleFile } = await import('./esbuild-bundle.mjs');
  mkdirSync(cache, { recursive: true });
  const temps = [paths.command, paths.worker].map((path) => `${path}.${process.pid}.tmp`);
  const built = await Promise.allSettled([
    bundleFile(entry, temps[0]),
    bundleFile(join(root, 'src/project/derive-worker.ts'), temps[1]),
  ]);
  const failed = built.find((b) => b.status === 'rejected');
  if (failed) {
    // Neither is used: the command runs through tsx, and leaves no half-made bundle behind.
    for (const temp of temps) rmSync(temp, { force: true });
    throw failed.reason;
  }
  // Bundles of older code go, and those a build stopped midway left (its process gone); another run
  // may be writing these very ones too (same bytes): they stay.
  const current = new Set(Object.values(paths));
  for (const old of readdirSync(cache)) {
    if (!old.startsWith(`${name}-`)) continue;
    const building = /\.(\d+)\.tmp$/.exec(old);
    if (building ? !isRunning(Number(building[1])) : old.endsWith('.mjs') && !current.has(join(cache, old)))
      rmSync(join(cache, old), { force: true });
  }
  renameSync(temps[0], paths.command);
  renameSync(temps[1], paths.worker);
  return paths;
}

/** Whether a process of this id runs (one of another user's counts). */
function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** The files of a folder of the repository, sorted, as paths relative to it. */
function files(dir) {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? e.path, e.name).slice(root.length))
    .sort();
}
