// `node scripts/bundled.mjs <name> [args]`: runs scripts/<name>.ts from one
// esbuild bundle of it and everything it imports, cached in
// node_modules/.cache/newsbook/ under a hash of the code. Loading the hundreds
// of small modules of the Markdown and chart libraries one by one through
// tsx's loader is most of a cold `npm run report` (two seconds or more here);
// one bundled file loads in a fraction of that, as Vite pre-bundles
// dependencies. A change to src/, scripts/ or package.json makes a new bundle
// (about half a second, once). Plain JavaScript because it runs before any
// TypeScript can; should bundling fail, the command runs through tsx instead.
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
// The command reads its arguments from process.argv, as when run directly, and
// finds the repository here rather than from the bundle's own place (src/cli/paths.ts).
process.argv = [process.argv[0], entry, ...args];
globalThis.newsbookRoot = root;
await import(pathToFileURL(bundle).href);

/** The bundle of the current code: built (and older ones removed) when there is none. */
async function bundlePath() {
  const hash = createHash('sha256');
  for (const file of ['package.json', ...files('src'), ...files('scripts')]) hash.update(file).update('\0').update(readFileSync(join(root, file))).update('\0');
  hash.update(process.version);
  const path = join(cache, `${name}-${hash.digest('hex').slice(0, 16)}.mjs`);
  if (statSync(path, { throwIfNoEntry: false })?.isFile()) return path;

  const { build } = await import('esbuild');
  mkdirSync(cache, { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  await build({
    entryPoints: [entry],
    outfile: temp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
    // CommonJS dependencies call require(); an ES module has none of its own.
    banner: { js: "import { createRequire as __newsbookRequire } from 'node:module'; const require = __newsbookRequire(import.meta.url);" },
  });
  // Bundles of older code go; another run may be writing this very one too (same bytes): it stays.
  for (const old of readdirSync(cache)) if (old.startsWith(`${name}-`) && old.endsWith('.mjs') && join(cache, old) !== path) rmSync(join(cache, old), { force: true });
  renameSync(temp, path);
  return path;
}

/** The files of a folder of the repository, sorted, as paths relative to it. */
function files(dir) {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? e.path, e.name).slice(root.length))
    .sort();
}
