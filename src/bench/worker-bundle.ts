// The derive worker bundled as `npm run derive` starts it (scripts/bundled.mjs
// makes the same bundle, by the same bundleFile): for the benchmark and the
// tests that start workers from a bundle rather than through tsx.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleFile } from '../../scripts/esbuild-bundle.mjs';

/** Writes the bundle into `dir`; its path. */
export async function buildWorkerBundle(dir: string): Promise<string> {
  const outfile = join(dir, 'derive-worker.mjs');
  await bundleFile(fileURLToPath(new URL('../project/derive-worker.ts', import.meta.url)), outfile);
  return outfile;
}
