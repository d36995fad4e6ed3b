// One file from a module and everything it imports, for Node: what
// scripts/bundled.mjs makes of a command and of the derive worker, and what
// the benchmark and the tests start their workers from
// (src/bench/worker-bundle.ts), so that they run the very bundle a command
// runs. Plain JavaScript, as bundled.mjs runs before any TypeScript can.
import { build } from 'esbuild';

/** Bundles the module `from` into the file `outfile`. */
export async function bundleFile(from, outfile) {
  await build({
    entryPoints: [from],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // esbuild rewrites a regular expression literal with a Unicode property
    // escape (\p{L}) into a `new RegExp` call, for any Node target: one built
    // afresh each time the code runs, in the extraction's inner loops. Node 20
    // reads them as literals.
    supported: { 'regexp-unicode-property-escapes': true },
    logLevel: 'silent',
    // CommonJS dependencies call require(); an ES module has none of its own.
    banner: {
      js: "import { createRequire as __newsbookRequire } from 'node:module'; const require = __newsbookRequire(import.meta.url);",
    },
  });
}
