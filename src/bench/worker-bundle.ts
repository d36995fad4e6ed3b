// The derive worker bundled as `npm run derive` starts it (scripts/bundled.mjs
// makes the same bundle): for the benchmark and the tests that start workers
// from a bundle rather than through tsx.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** Writes the bundle into `dir`; its path. */
export async function buildWorkerBundle(dir: string): Promise<string> {
  const outfile = join(dir, 'derive-worker.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('../project/derive-worker.ts', import.meta.url))],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
    banner: {
      js: "import { createRequire as __newsbookRequire } from 'node:module'; const require = __newsbookRequire(import.meta.url);",
    },
  });
  return outfile;
}
